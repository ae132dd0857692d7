package keeper

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/svmn/klacht/pipeline"
)

// Feedback is what klacht tells the keeper of one register: how the
// register did, and every problem with its cell.
type Feedback struct {
	Title    string // names the register
	Intro    string
	Link     string // the register as a link from where the workbook is: a relative path
	Summary  []Fact
	Problems []Problem
	Texts    map[string]string
}

// Fact is a line of the summary: a label and its values, one per register
// year the file holds (a number, a text, or nil for none).
type Fact struct {
	Label  string
	Values []any
}

// Problem is a problem of the register, in plain Dutch. Sheet and Cell are
// empty for the whole file; Cell is empty for a whole row or sheet.
type Problem struct {
	Sheet, Cell string
	Row         int
	Column      string // the column's header, as the form names it
	Value       string // as typed; never of a personal-data column
	What        string // what is wrong, and what to do
	Suggestion  string // the closest allowed values; empty: none
	Counts      string // whether, and how, the row counts meanwhile
}

// FeedbackWorkbook writes the feedback as a workbook: a summary sheet and a
// sheet of problems, each cell a link that opens the register at that cell.
func FeedbackWorkbook(w io.Writer, fb Feedback) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newFormStyles(f)
	if err != nil {
		return err
	}
	summary := fb.Texts["fb_summary_sheet"]
	if err := f.SetSheetName("Sheet1", summary); err != nil {
		return err
	}
	if err := writeSummary(f, summary, fb, st); err != nil {
		return err
	}
	problems := fb.Texts["fb_problems_sheet"]
	if _, err := f.NewSheet(problems); err != nil {
		return err
	}
	if err := writeProblems(f, problems, fb, st); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// writeSummary writes the title, the intro and the facts of the register:
// a row per fact, a column per register year.
func writeSummary(f *excelize.File, sheet string, fb Feedback, st formStyles) error {
	f.SetCellValue(sheet, "A1", fb.Title)
	f.SetCellStyle(sheet, "A1", "A1", st.title)
	f.SetCellValue(sheet, "A2", fb.Intro)
	width := 1
	for _, fact := range fb.Summary {
		width = max(width, len(fact.Values))
	}
	labelWidth, valueWidth := 44.0, max(24, 90/float64(width))
	f.MergeCell(sheet, "A2", pipeline.CellName(1+width, 2))
	f.SetCellStyle(sheet, "A2", pipeline.CellName(1+width, 2), st.wrap)
	f.SetRowHeight(sheet, 2, 48)
	for i, fact := range fb.Summary {
		row := 4 + i
		f.SetCellValue(sheet, pipeline.CellName(1, row), fact.Label)
		f.SetCellStyle(sheet, pipeline.CellName(1, row), pipeline.CellName(1, row), st.bold)
		texts, widths := []string{fact.Label}, []float64{labelWidth}
		for j, v := range fact.Values {
			if v == nil || v == "" {
				v = fb.Texts["fb_none"]
			}
			f.SetCellValue(sheet, pipeline.CellName(2+j, row), v)
			f.SetCellStyle(sheet, pipeline.CellName(2+j, row), pipeline.CellName(2+j, row), st.wrap)
			texts, widths = append(texts, fmt.Sprint(v)), append(widths, valueWidth)
		}
		fitRow(f, sheet, row, texts, widths)
	}
	f.SetColWidth(sheet, "A", "A", labelWidth)
	last, _ := excelize.ColumnNumberToName(1 + width)
	f.SetColWidth(sheet, "B", last, valueWidth)
	return printLandscape(f, sheet, 0)
}

// writeProblems writes a row per problem under a header, its cell a link
// into the register.
func writeProblems(f *excelize.File, sheet string, fb Feedback, st formStyles) error {
	heads := []string{"fb_col_sheet", "fb_col_cell", "fb_col_column", "fb_col_value", "fb_col_problem", "fb_col_suggestion", "fb_col_counts"}
	widths := []float64{16, 10, 24, 24, 70, 28, 22}
	for j, key := range heads {
		f.SetCellValue(sheet, pipeline.CellName(j+1, 1), fb.Texts[key])
		col, _ := excelize.ColumnNumberToName(j + 1)
		f.SetColWidth(sheet, col, col, widths[j])
	}
	f.SetCellStyle(sheet, "A1", pipeline.CellName(len(heads), 1), st.header)
	for i, p := range fb.Problems {
		row := 2 + i
		place := p.Cell
		switch {
		case p.Sheet == "":
			place = fb.Texts["fb_whole_file"]
		case p.Cell == "" && p.Row > 0:
			place = fmt.Sprintf("%s %d", fb.Texts["fb_row"], p.Row)
		}
		cells := []string{p.Sheet, place, p.Column, p.Value, p.What, p.Suggestion, p.Counts}
		for j, v := range cells {
			f.SetCellStr(sheet, pipeline.CellName(j+1, row), v)
		}
		fitRow(f, sheet, row, cells, widths)
		f.SetCellStyle(sheet, pipeline.CellName(1, row), pipeline.CellName(len(heads), row), st.wrap)
		if target := p.target(); target != "" && fb.Link != "" {
			if err := f.SetCellHyperLink(sheet, pipeline.CellName(2, row), fb.Link+"#"+target, "External"); err != nil {
				return err
			}
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := f.AutoFilter(sheet, fmt.Sprintf("A1:%s", pipeline.CellName(len(heads), max(1, len(fb.Problems)+1))), nil); err != nil {
		return err
	}
	return printLandscape(f, sheet, 1)
}

// target is where in the register a link opens: 'Utrecht Stad'!E4, the
// row's first cell for a row, the sheet's first cell for a sheet.
func (p Problem) target() string {
	sheet := strings.ReplaceAll(p.Sheet, "'", "''")
	switch {
	case p.Sheet == "":
		return ""
	case p.Cell != "":
		return fmt.Sprintf("'%s'!%s", sheet, p.Cell)
	case p.Row > 0:
		return fmt.Sprintf("'%s'!A%d", sheet, p.Row)
	}
	return fmt.Sprintf("'%s'!A1", sheet)
}
