package publish

import (
	"cmp"
	"fmt"
	"image/color"
	"io"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// XLSX writes the document as a workbook to publish: a contents sheet with
// every table's full title and a link to it, then a sheet per table under a
// short unique name (1.2 Klagers 2021): its title, question, note and
// sentences above it, a styled header row that repeats on every printed
// page, numbers as numbers with their format (42% or 42,9% as the values
// are), footnotes under it, and its chart as a native Excel chart below the
// table; each sheet prints landscape, fitted to the page's width. Text cells
// are neutralised.
func XLSX(w io.Writer, d *Document) error {
	f := excelize.NewFile()
	defer f.Close()
	st := newStyles(f)
	contents := d.Label("contents")
	if err := f.SetSheetName("Sheet1", contents); err != nil {
		return err
	}
	f.SetCellValue(contents, "A1", Neutralise(d.Title))
	f.SetCellStyle(contents, "A1", "A1", st.bold)
	row := 2
	for _, p := range d.Intro {
		f.SetCellValue(contents, cell(1, row), Neutralise(p))
		f.SetCellStyle(contents, cell(1, row), cell(1, row), st.meta)
		row++
	}
	row++
	used := map[string]bool{contents: true}
	for si, s := range d.Sections {
		f.SetCellValue(contents, cell(1, row), Neutralise(s.Title))
		f.SetCellStyle(contents, cell(1, row), cell(1, row), st.section)
		row++
		for ti, t := range s.Tables {
			figs, withheld := Figures(t, d.Label("legend_total"))
			name := sheetName(fmt.Sprintf("%d.%d %s", si+1, ti+1, cmp.Or(t.Short, t.Title)), used)
			if err := writeSheet(f, d, name, t, withheld, st); err != nil {
				return fmt.Errorf("sheet %q: %w", name, err)
			}
			listSheet(f, contents, row, name, t.Title, st)
			row++
			if len(figs) == 0 {
				continue
			}
			name = sheetName(fmt.Sprintf("%d.%d %s", si+1, ti+1, d.Label("chart_sheet")), used)
			if err := writeChartSheet(f, d, name, t, figs, st); err != nil {
				return fmt.Errorf("sheet %q: %w", name, err)
			}
			listSheet(f, contents, row, name, d.Label("chart_sheet")+": "+t.Title, st)
			row++
		}
		row++
	}
	f.SetColWidth(contents, "A", "A", 34) // a sheet name of 31 characters
	f.SetColWidth(contents, "B", "B", 90)
	if err := pageSetup(f, contents, 0); err != nil {
		return err
	}
	_, err := f.WriteTo(w)
	return err
}

// listSheet lists a sheet on the contents sheet: its name, and its full
// title linking to it.
func listSheet(f *excelize.File, contents string, row int, name, title string, st styles) {
	f.SetCellValue(contents, cell(1, row), name)
	f.SetCellValue(contents, cell(2, row), Neutralise(title))
	f.SetCellHyperLink(contents, cell(2, row), "'"+name+"'!A1", "Location")
	f.SetCellStyle(contents, cell(2, row), cell(2, row), st.link)
}

func ptr[T any](v T) *T { return &v }

func cell(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

// sheetName makes a valid, unique sheet name of at most 31 characters,
// cut between words: a character Excel refuses in a name is left out, a
// slash written as a dash.
func sheetName(s string, used map[string]bool) string {
	s = strings.NewReplacer("/", "-", `\`, "-", "[", "", "]", "", ":", "", "*", "", "?", "", "'", "").Replace(s)
	name := ""
	for _, w := range strings.Fields(s) {
		next := strings.TrimSpace(name + " " + w)
		if utf8.RuneCountInString(next) > 27 { // room for " (2)"
			break
		}
		name = next
	}
	if name == "" {
		name = string([]rune(s)[:min(utf8.RuneCountInString(s), 27)])
	}
	name = strings.TrimRight(name, ",;-–")
	unique := name
	for i := 2; used[unique]; i++ {
		unique = fmt.Sprintf("%s (%d)", name, i)
	}
	used[unique] = true
	return unique
}

// styles are the cell styles of the workbook.
type styles struct {
	bold, section, meta, text, head, headNum, link, mark int
	pct, pct1, num, num1                                 int
}

func newStyles(f *excelize.File) styles {
	var s styles
	s.bold, _ = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	s.section, _ = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: "0B4F7C"}})
	s.meta, _ = f.NewStyle(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "555555"}})
	s.text, _ = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: false}})
	head := excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"0B4F7C"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "bottom"}}
	s.head, _ = f.NewStyle(&head)
	head.Alignment = &excelize.Alignment{WrapText: true, Vertical: "bottom", Horizontal: "right"}
	s.headNum, _ = f.NewStyle(&head)
	s.pct, _ = f.NewStyle(&excelize.Style{CustomNumFmt: ptr(`0"%"`)})
	s.pct1, _ = f.NewStyle(&excelize.Style{CustomNumFmt: ptr(`0.0"%"`)})
	s.num, _ = f.NewStyle(&excelize.Style{NumFmt: 3}) // #,##0: the locale's grouping
	s.num1, _ = f.NewStyle(&excelize.Style{CustomNumFmt: ptr(`#,##0.0`)})
	s.link, _ = f.NewStyle(&excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single"}})
	s.mark, _ = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "right"}}) // a hidden cell's mark, where its number would be
	return s
}

// writeSheet writes one table's sheet; withheld: say that its chart is
// left out, every value of it protected.
func writeSheet(f *excelize.File, d *Document, name string, t *Table, withheld bool, st styles) error {
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	f.SetCellValue(name, "A1", Neutralise(t.Title))
	f.SetCellStyle(name, "A1", "A1", st.bold)
	row := 2
	for _, line := range t.lead(d) {
		f.SetCellValue(name, cell(1, row), Neutralise(line))
		f.SetCellStyle(name, cell(1, row), cell(1, row), st.meta)
		row++
	}
	headerRow := row + 1
	widths := make([]int, len(t.Shown()))
	if !t.ChartOnly {
		writeHeader(f, name, t, headerRow, widths, st)
		writeRows(f, name, t, headerRow, widths, st)
	}
	end := headerRow + len(t.Rows) + 1
	if t.ChartOnly {
		end = headerRow
	}
	notes := append(slices.Clone(t.Notes), d.Label("source")+": "+t.Name)
	if withheld {
		notes = append(notes, d.Label("chart_withheld"))
	}
	for i, n := range notes {
		ref := cell(1, end+i)
		f.SetCellValue(name, ref, Neutralise(n))
		f.SetCellStyle(name, ref, ref, st.meta)
	}
	for j, wd := range widths {
		col, _ := excelize.ColumnNumberToName(j + 1)
		f.SetColWidth(name, col, col, float64(max(wd, 8)))
	}
	if !t.ChartOnly {
		if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: cell(1, headerRow+1), ActivePane: "bottomLeft"}); err != nil {
			return err
		}
	}
	return pageSetup(f, name, headerRow*map[bool]int{true: 0, false: 1}[t.ChartOnly])
}

// lead are the lines above a table: question, note, and sentences.
func (t *Table) lead(d *Document) []string {
	var out []string
	if t.Question != "" {
		out = append(out, d.Label("question")+": "+t.Question)
	}
	if t.Denominator != "" {
		out = append(out, d.Label("note")+": "+t.Denominator)
	}
	return append(out, t.Sentences...)
}

func writeHeader(f *excelize.File, name string, t *Table, headerRow int, widths []int, st styles) {
	for k, j := range t.Shown() {
		h := t.Heading(j)
		f.SetCellValue(name, cell(k+1, headerRow), Neutralise(h))
		style := st.head
		if t.Unit(j) != "" {
			style = st.headNum
		}
		f.SetCellStyle(name, cell(k+1, headerRow), cell(k+1, headerRow), style)
		widths[k] = min(utf8.RuneCountInString(h)+2, 18)
	}
	f.SetRowHeight(name, headerRow, 30)
}

func writeRows(f *excelize.File, name string, t *Table, headerRow int, widths []int, st styles) {
	decimals := make([]bool, len(t.Columns)) // a column with any decimals shows one for all
	for _, r := range t.Rows {
		for j, v := range r {
			if n, ok := Number(v); ok && n != math.Trunc(n) {
				decimals[j] = true
			}
		}
	}
	for i, r := range t.Rows {
		for k, j := range t.Shown() {
			v := r[j]
			ref := cell(k+1, headerRow+1+i)
			n, isNumber := Number(v)
			switch {
			case isNumber:
				f.SetCellValue(name, ref, n)
				if style, ok := numberStyle(t.Unit(j), decimals[j], st); ok {
					f.SetCellStyle(name, ref, ref, style)
				}
			case isMark(v):
				f.SetCellValue(name, ref, Text(v))
				f.SetCellStyle(name, ref, ref, st.mark)
			case v != nil:
				f.SetCellValue(name, ref, Neutralise(Text(v)))
			}
			widths[k] = max(widths[k], min(utf8.RuneCountInString(t.Cell(i, j))+2, 60))
		}
	}
}

// numberStyle is the format of a number of a unit: a percentage with no or
// one decimal, a count grouped; none for a year or month.
func numberStyle(unit string, decimals bool, st styles) (int, bool) {
	switch {
	case unit == UnitPercent && decimals:
		return st.pct1, true
	case unit == UnitPercent:
		return st.pct, true
	case unit == UnitCount && decimals:
		return st.num1, true
	case unit == UnitCount:
		return st.num, true
	}
	return 0, false
}

// pageSetup prints a sheet landscape on A4, fitted to the page's width, its
// header row (headerRow, if any) on every page.
func pageSetup(f *excelize.File, name string, headerRow int) error {
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{
		Size: ptr(9), Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0),
	}); err != nil {
		return err
	}
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	if headerRow == 0 {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", Scope: name,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", name, headerRow, headerRow),
	})
}

// The layout of a chart sheet, in rows of 20 pixels: a landscape A4 page
// fitted to a full chart's width holds pageRows rows.
const (
	pageRows             = 22
	fullWidth, halfWidth = 720, 355
	fullRows, halfRows   = 17, 9
)

// writeChartSheet writes a sheet with a table's charts as native Excel
// charts, each row of charts on one printed page; the charts' data follow
// on a page of their own, each block headed as its chart.
func writeChartSheet(f *excelize.File, d *Document, name string, t *Table, figs []*Figure, st styles) error {
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	f.SetCellValue(name, "A1", Neutralise(t.Title))
	f.SetCellStyle(name, "A1", "A1", st.bold)
	data := 3 + pageRows*len(figs) // below every page of charts
	if err := f.InsertPageBreak(name, cell(1, data)); err != nil {
		return err
	}
	f.SetCellValue(name, cell(1, data), Neutralise(d.Label("chart_data")))
	f.SetCellStyle(name, cell(1, data), cell(1, data), st.section)
	row, used, col := 3, 2, 1
	at := data + 2
	for i, fg := range figs {
		rows := fullRows
		if fg.Half {
			rows = halfRows
		}
		if col == 1 && used+rows > pageRows {
			if err := f.InsertPageBreak(name, cell(1, row)); err != nil {
				return err
			}
			used = 0
		}
		series, next := chartData(f, name, t, fg, at, st)
		if err := f.AddChart(name, cell(col, row), nativeChart(t, fg, series)); err != nil {
			return fmt.Errorf("chart %d: %w", i+1, err)
		}
		at = next
		if fg.Half && col == 1 && i+1 < len(figs) && figs[i+1].Half {
			col = 7 // beside it: six columns of 64 pixels on
			continue
		}
		col, row, used = 1, row+rows+1, used+rows+1
	}
	f.SetColWidth(name, "A", "A", 24)
	return pageSetup(f, name, 0)
}

// chartData writes a figure's values as a block from row top: its title, a
// header row, a row per x value; it returns the series of a native chart
// over them and the row after the block.
func chartData(f *excelize.File, name string, t *Table, fg *Figure, top int, st styles) ([]excelize.ChartSeries, int) {
	f.SetCellValue(name, cell(1, top), Neutralise(fg.Title))
	f.SetCellStyle(name, cell(1, top), cell(1, top), st.meta)
	head := top + 1
	f.SetCellValue(name, cell(1, head), Neutralise(t.Heading(t.Col(t.Chart.X))))
	xs := fg.XS
	if t.Chart.Kind != "line" {
		xs = fg.byTotal()
	}
	for i, x := range xs {
		f.SetCellValue(name, cell(1, head+1+i), Neutralise(x))
	}
	style, hasStyle := numberStyle(t.Unit(t.Col(t.Chart.Value)), fg.decimals(), st)
	var series []excelize.ChartSeries
	q := "'" + name + "'!"
	for si, s := range fg.Series {
		f.SetCellValue(name, cell(2+si, head), Neutralise(s))
		for i, x := range xs {
			if v, ok := fg.Values[s][x]; ok {
				f.SetCellValue(name, cell(2+si, head+1+i), v)
				if hasStyle {
					f.SetCellStyle(name, cell(2+si, head+1+i), cell(2+si, head+1+i), style)
				}
			}
		}
		c, _ := excelize.ColumnNumberToName(2 + si)
		fill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{hexOf(okabeIto[si%len(okabeIto)])}}
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("%s$%s$%d", q, c, head),
			Categories: fmt.Sprintf("%s$A$%d:$A$%d", q, head+1, head+len(xs)),
			Values:     fmt.Sprintf("%s$%s$%d:$%s$%d", q, c, head+1, c, head+len(xs)),
			Fill:       fill,
			Line:       excelize.LineOptions{Width: 1.75, Fill: fill},
			Marker: excelize.ChartMarker{Symbol: []string{"circle", "square", "triangle", "diamond", "x", "star", "dash", "plus"}[si%8],
				Size: 6, Fill: fill, Border: excelize.LineOptions{Fill: fill}},
		})
	}
	f.SetCellStyle(name, cell(1, head), cell(1+len(fg.Series), head), st.head)
	f.SetRowHeight(name, head, 30)
	for si, s := range fg.Series {
		c, _ := excelize.ColumnNumberToName(2 + si)
		f.SetColWidth(name, c, c, float64(min(max(utf8.RuneCountInString(s)+2, 10), 28)))
	}
	return series, head + len(xs) + 2
}

// nativeChart is a figure as an Excel chart: lines with markers, or
// horizontal bars, its axes titled, a legend only for two series or more.
func nativeChart(t *Table, fg *Figure, series []excelize.ChartSeries) *excelize.Chart {
	title := func(s string) excelize.ChartTitle {
		return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: s}}}
	}
	c := &excelize.Chart{Type: excelize.Line, Series: series, Title: title(fg.Title),
		Legend:    excelize.ChartLegend{Position: "right"},
		XAxis:     excelize.ChartAxis{Title: title(t.Heading(t.Col(t.Chart.X))), Font: axisFont},
		YAxis:     excelize.ChartAxis{Title: title(t.Chart.YLabel), MajorGridLines: true, Font: axisFont},
		Dimension: excelize.ChartDimension{Width: fullWidth, Height: fullRows * 20},
	}
	if t.Chart.Kind != "line" {
		c.Type = excelize.Bar
		c.XAxis.Title = excelize.ChartTitle{} // the bars' labels say it
	}
	if fg.Half {
		c.Dimension = excelize.ChartDimension{Width: halfWidth, Height: halfRows * 20}
	}
	if len(series) < 2 {
		c.Legend.Position = "none"
	}
	return c
}

// axisFont writes the numbers and labels on a chart's axes dark enough to
// read in print.
var axisFont = excelize.Font{Color: "333333", Size: 9}

// decimals reports whether any value of a figure has decimals.
func (fg *Figure) decimals() bool {
	for _, vs := range fg.Values {
		for _, v := range vs {
			if v != math.Trunc(v) {
				return true
			}
		}
	}
	return false
}

// hexOf is a colour as Excel writes it (0072B2).
func hexOf(c color.RGBA) string { return fmt.Sprintf("%02X%02X%02X", c.R, c.G, c.B) }
