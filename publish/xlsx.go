package publish

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// XLSX writes the document as a workbook: a contents sheet, then one
// formatted sheet per table (its question and denominator above it, a styled
// and frozen header row, percent formats, column widths), with native Excel
// charts where a table asks for one. Text cells are neutralised.
func XLSX(w io.Writer, d *Document) error {
	f := excelize.NewFile()
	defer f.Close()
	st := newStyles(f)
	bold, link := st.bold, st.link

	contents := "Inhoud"
	if err := f.SetSheetName("Sheet1", contents); err != nil {
		return err
	}
	f.SetCellValue(contents, "A1", d.Title)
	f.SetCellStyle(contents, "A1", "A1", bold)
	row := 3
	used := map[string]bool{contents: true}
	for si, s := range d.Sections {
		f.SetCellValue(contents, cell(1, row), s.Title)
		row++
		for ti, t := range s.Tables {
			name := sheetName(fmt.Sprintf("%d.%d %s", si+1, ti+1, t.Title), used)
			if _, err := f.NewSheet(name); err != nil {
				return err
			}
			if err := writeSheet(f, name, t, st); err != nil {
				return fmt.Errorf("sheet %q: %w", name, err)
			}
			f.SetCellValue(contents, cell(2, row), t.Title)
			f.SetCellHyperLink(contents, cell(2, row), "'"+name+"'!A1", "Location")
			f.SetCellStyle(contents, cell(2, row), cell(2, row), link)
			f.SetCellValue(contents, cell(3, row), Neutralise(t.Question))
			row++
		}
		row++
	}
	f.SetColWidth(contents, "A", "A", 4)
	f.SetColWidth(contents, "B", "B", 60)
	f.SetColWidth(contents, "C", "C", 100)
	_, err := f.WriteTo(w)
	return err
}

func ptr[T any](v T) *T { return &v }

func cell(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

// sheetName makes a valid, unique sheet name of at most 31 characters.
func sheetName(s string, used map[string]bool) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\'`, r) {
			return '-'
		}
		return r
	}, s)
	for utf8.RuneCountInString(s) > 31 {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	name := strings.TrimSpace(s)
	for i := 2; used[name]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		base := []rune(s)
		name = string(base[:min(len(base), 31-len(suffix))]) + suffix
	}
	used[name] = true
	return name
}

// styles are the cell styles of the workbook.
type styles struct{ bold, meta, head, pct, link, mark int }

func newStyles(f *excelize.File) styles {
	var s styles
	s.bold, _ = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	s.meta, _ = f.NewStyle(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "555555"}, Alignment: &excelize.Alignment{WrapText: false}})
	s.head, _ = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"0B4F7C"}},
		Border: []excelize.Border{{Type: "bottom", Color: "0B4F7C", Style: 1}}})
	s.pct, _ = f.NewStyle(&excelize.Style{CustomNumFmt: ptr(`0.0"%"`)})
	s.link, _ = f.NewStyle(&excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single"}})
	s.mark, _ = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "right"}}) // a hidden cell's mark, where its number would be
	return s
}

func writeSheet(f *excelize.File, name string, t *Table, st styles) error {
	bold, meta, head, pct := st.bold, st.meta, st.head, st.pct
	f.SetCellValue(name, "A1", Neutralise(t.Title))
	f.SetCellStyle(name, "A1", "A1", bold)
	f.SetCellValue(name, "A2", Neutralise("Question: "+t.Question))
	f.SetCellValue(name, "A3", Neutralise("Denominator: "+t.Denominator))
	f.SetCellStyle(name, "A2", "A3", meta)
	const headerRow = 5
	widths := make([]int, len(t.Columns))
	for j, c := range t.Columns {
		f.SetCellValue(name, cell(j+1, headerRow), Neutralise(c))
		widths[j] = len(c) + 2
	}
	if len(t.Columns) > 0 {
		f.SetCellStyle(name, cell(1, headerRow), cell(len(t.Columns), headerRow), head)
	}
	for i, r := range t.Rows {
		for j, v := range r {
			ref := cell(j+1, headerRow+1+i)
			if n, ok := Number(v); ok {
				f.SetCellValue(name, ref, n)
				if c := t.Columns[j]; strings.Contains(c, "percent") || strings.Contains(c, "share") || c == "recomputed" || c == "printed" && t.Col("denominator") >= 0 {
					f.SetCellStyle(name, ref, ref, pct)
				}
			} else if isMark(v) {
				f.SetCellValue(name, ref, Text(v))
				f.SetCellStyle(name, ref, ref, st.mark)
			} else if v != nil {
				f.SetCellValue(name, ref, Neutralise(Text(v)))
			}
			widths[j] = max(widths[j], min(utf8.RuneCountInString(Text(v))+2, 60))
		}
	}
	for i, n := range t.Notes {
		ref := cell(1, headerRow+len(t.Rows)+2+i)
		f.SetCellValue(name, ref, Neutralise(n))
		f.SetCellStyle(name, ref, ref, meta)
	}
	for j, wd := range widths {
		col, _ := excelize.ColumnNumberToName(j + 1)
		f.SetColWidth(name, col, col, float64(wd))
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: cell(1, headerRow+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return addChart(f, name, t, len(t.Columns)+2)
}

// addChart writes the chart's data as a small pivot to the right of the
// table and a native chart over it.
func addChart(f *excelize.File, name string, t *Table, col int) error {
	p, ok := pivotOf(t)
	if !ok {
		return nil
	}
	const top = 5
	f.SetCellValue(name, cell(col, top), Neutralise(t.Chart.X))
	for i, x := range p.xs {
		f.SetCellValue(name, cell(col, top+1+i), Neutralise(x))
	}
	var series []excelize.ChartSeries
	for si, s := range p.series {
		f.SetCellValue(name, cell(col+1+si, top), Neutralise(s))
		for i, x := range p.xs {
			if v, ok := p.values[s][x]; ok {
				f.SetCellValue(name, cell(col+1+si, top+1+i), v)
			}
		}
		q := "'" + name + "'!"
		colName, _ := excelize.ColumnNumberToName(col)
		sName, _ := excelize.ColumnNumberToName(col + 1 + si)
		series = append(series, excelize.ChartSeries{
			Name:       q + "$" + sName + "$" + fmt.Sprint(top),
			Categories: fmt.Sprintf("%s$%s$%d:$%s$%d", q, colName, top+1, colName, top+len(p.xs)),
			Values:     fmt.Sprintf("%s$%s$%d:$%s$%d", q, sName, top+1, sName, top+len(p.xs)),
		})
	}
	kind := excelize.Line
	if t.Chart.Kind != "line" {
		kind = excelize.Bar
	}
	anchor := cell(col, top+len(p.xs)+3)
	return f.AddChart(name, anchor, &excelize.Chart{
		Type:      kind,
		Series:    series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: t.Title}}},
		Legend:    excelize.ChartLegend{Position: "right"},
		Dimension: excelize.ChartDimension{Width: 760, Height: uint(320 + 14*len(p.xs))},
	})
}
