package keeper

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/svmn/klacht/pipeline"
)

// Kinds of a column of the form.
const (
	KindList = "list" // a value from Choices, by drop-down
	KindDate = "date" // a date of the form's year, or the years beside it
	KindText = "text" // free: a dossier number
)

// Form is the register workbook of a year: a data sheet named after the
// year, a title row that names organisation, region and year (so that
// klacht reads them from it), a header row with each field's name, and a
// column per field; and a sheet that says what each column holds.
type Form struct {
	Year    int
	Title   string   // the title row: "Klachtenregistratie SAVE Jeugdbescherming Utrecht West 2021"
	Columns []Column // in order
	Texts   map[string]string
}

// Column is a column of the form.
type Column struct {
	Header  string // as klacht's header aliases know it
	Kind    string // KindList, KindDate or KindText
	Choices []string
	Width   float64
	Note    string // what to fill in, for the explanation sheet
}

// The form's layout: the title row, the header row under it, and the rows
// a keeper fills.
const (
	titleRow  = 1
	headerRow = 2
	firstRow  = 3
	lastRow   = 1048576 // Excel's last row: the whole column is the form's
)

// Template writes the form as an .xlsx workbook: drop-downs on every list
// column from the hidden sheet Lijsten, date validation and a Dutch date
// format on date columns, the header frozen and protected (without a
// password: a keeper who must can lift it), every other cell open.
func Template(w io.Writer, form Form) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := fmt.Sprint(form.Year)
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	st, err := newFormStyles(f)
	if err != nil {
		return err
	}
	if err := writeHeader(f, sheet, form, st); err != nil {
		return err
	}
	lists := form.Texts["lists_sheet"]
	if _, err := f.NewSheet(lists); err != nil {
		return err
	}
	for i, c := range form.Columns {
		if err := formColumn(f, sheet, lists, form, i, c, st); err != nil {
			return fmt.Errorf("column %q: %w", c.Header, err)
		}
	}
	if err := writeHelp(f, form, st); err != nil {
		return err
	}
	if err := f.SetSheetVisible(lists, false); err != nil {
		return err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: pipeline.CellName(1, firstRow), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true,
		FormatColumns: true, FormatRows: true, AutoFilter: true, Sort: true, InsertRows: true, DeleteRows: true}); err != nil {
		return err
	}
	if err := printLandscape(f, sheet, headerRow); err != nil {
		return err
	}
	if err := printLandscape(f, form.Texts["help_sheet"], 0); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}

// formStyles are the styles of the form: the locked title and header, and
// the open cells of each kind of column.
type formStyles struct{ title, header, list, date, text, bold, wrap int }

func newFormStyles(f *excelize.File) (formStyles, error) {
	open := &excelize.Protection{Locked: false}
	var s formStyles
	var err error
	for _, x := range []struct {
		dst   *int
		style *excelize.Style
	}{
		{&s.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Protection: &excelize.Protection{Locked: true}}},
		{&s.header, &excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"0B4F7C"}},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "bottom"}, Protection: &excelize.Protection{Locked: true}}},
		{&s.list, &excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF8DC"}}, Protection: open}},
		{&s.date, &excelize.Style{CustomNumFmt: ptr("d-m-yyyy"), Protection: open}},
		{&s.text, &excelize.Style{NumFmt: 49, Protection: open}}, // text: a dossier number keeps its zeros
		{&s.bold, &excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&s.wrap, &excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
	} {
		if *x.dst, err = f.NewStyle(x.style); err != nil {
			return s, err
		}
	}
	return s, nil
}

func ptr[T any](v T) *T { return &v }

// fitRow sets a row's height to its longest wrapped text: a spreadsheet
// program does not grow a row to its text when it opens a file, so that
// lines would hide each other. A line holds about as many letters as its
// column is wide.
func fitRow(f *excelize.File, sheet string, row int, texts []string, widths []float64) {
	lines := 1
	for i, t := range texts {
		n := 0
		for _, para := range strings.Split(t, "\n") {
			n += max(1, int(math.Ceil(float64(len([]rune(para)))/max(1, widths[i]-2))))
		}
		lines = max(lines, n)
	}
	if lines > 1 {
		f.SetRowHeight(sheet, row, 15*float64(lines))
	}
}

// printLandscape prints a sheet landscape on A4, fitted to the page's
// width, its rows up to titleRows (if any) on every page.
func printLandscape(f *excelize.File, sheet string, titleRows int) error {
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: ptr(9), Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0),
	}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	if titleRows == 0 {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", Scope: sheet, RefersTo: fmt.Sprintf("'%s'!$1:$%d", sheet, titleRows),
	})
}

// writeHeader writes the title row, merged over the form's width, and the
// header row.
func writeHeader(f *excelize.File, sheet string, form Form, st formStyles) error {
	last := pipeline.CellName(len(form.Columns), titleRow)
	f.SetCellValue(sheet, pipeline.CellName(1, titleRow), form.Title)
	if err := f.MergeCell(sheet, pipeline.CellName(1, titleRow), last); err != nil {
		return err
	}
	f.SetCellStyle(sheet, pipeline.CellName(1, titleRow), last, st.title)
	f.SetRowHeight(sheet, titleRow, 24)
	for i, c := range form.Columns {
		f.SetCellValue(sheet, pipeline.CellName(i+1, headerRow), c.Header)
	}
	f.SetCellStyle(sheet, pipeline.CellName(1, headerRow), pipeline.CellName(len(form.Columns), headerRow), st.header)
	return f.SetRowHeight(sheet, headerRow, 32)
}

// formColumn gives column i its width, the style of its kind, and its
// validation: a drop-down from its list on the sheet lists, or a date.
func formColumn(f *excelize.File, sheet, lists string, form Form, i int, c Column, st formStyles) error {
	col, _ := excelize.ColumnNumberToName(i + 1)
	if err := f.SetColWidth(sheet, col, col, c.Width); err != nil {
		return err
	}
	style := map[string]int{KindList: st.list, KindDate: st.date, KindText: st.text}[c.Kind]
	if err := f.SetColStyle(sheet, col, style); err != nil {
		return err
	}
	f.SetCellStyle(sheet, pipeline.CellName(i+1, titleRow), pipeline.CellName(i+1, titleRow), st.title)
	f.SetCellStyle(sheet, pipeline.CellName(i+1, headerRow), pipeline.CellName(i+1, headerRow), st.header)
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s%d:%s%d", col, firstRow, col, lastRow)
	switch c.Kind {
	case KindList:
		f.SetCellValue(lists, pipeline.CellName(i+1, 1), c.Header)
		for j, v := range c.Choices {
			f.SetCellValue(lists, pipeline.CellName(i+1, j+2), v)
		}
		dv.SetSqrefDropList(fmt.Sprintf("'%s'!$%s$2:$%s$%d", lists, col, col, len(c.Choices)+1))
		dv.SetError(excelize.DataValidationErrorStyleStop, form.Texts["list_error_title"], fill(form.Texts["list_error"], form.Year))
	case KindDate:
		from, to := excelDate(form.Year-1, time.January, 1), excelDate(form.Year+1, time.December, 31)
		if err := dv.SetRange(from, to, excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, form.Texts["date_error_title"], fill(form.Texts["date_error"], form.Year))
	default:
		return nil
	}
	return f.AddDataValidation(sheet, dv)
}

// fill puts the year, and the years before and after it, into a text.
func fill(s string, year int) string {
	return strings.NewReplacer("{year}", fmt.Sprint(year), "{before}", fmt.Sprint(year-1), "{after}", fmt.Sprint(year+1)).Replace(s)
}

// excelDate is a date as Excel's serial number (1900 date system).
func excelDate(y int, m time.Month, d int) int {
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Sub(time.Date(1899, time.December, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}

// helpWidths are the widths of the explanation sheet's columns: column,
// meaning, choices.
var helpWidths = []float64{28, 60, 60}

// writeHelp writes the sheet that explains the form: a line of how to fill
// it in, then per column its meaning and choices.
func writeHelp(f *excelize.File, form Form, st formStyles) error {
	help := form.Texts["help_sheet"]
	if _, err := f.NewSheet(help); err != nil {
		return err
	}
	f.SetCellValue(help, "A1", form.Title)
	f.SetCellStyle(help, "A1", "A1", st.bold)
	f.SetCellValue(help, "A2", fill(form.Texts["help_intro"], form.Year))
	if err := f.MergeCell(help, "A2", "C2"); err != nil {
		return err
	}
	f.SetCellStyle(help, "A2", "C2", st.wrap)
	f.SetRowHeight(help, 2, 60)
	for j, key := range []string{"help_column", "help_meaning", "help_choices"} {
		f.SetCellValue(help, pipeline.CellName(j+1, 4), form.Texts[key])
	}
	f.SetCellStyle(help, "A4", "C4", st.bold)
	for i, c := range form.Columns {
		row := 5 + i
		f.SetCellValue(help, pipeline.CellName(1, row), c.Header)
		f.SetCellValue(help, pipeline.CellName(2, row), c.Note)
		if c.Kind == KindList {
			f.SetCellValue(help, pipeline.CellName(3, row), strings.Join(c.Choices, ", "))
		}
		f.SetCellStyle(help, pipeline.CellName(1, row), pipeline.CellName(3, row), st.wrap)
		choices := ""
		if c.Kind == KindList {
			choices = strings.Join(c.Choices, ", ")
		}
		fitRow(f, help, row, []string{c.Header, c.Note, choices}, helpWidths)
	}
	for j, w := range helpWidths {
		col, _ := excelize.ColumnNumberToName(j + 1)
		f.SetColWidth(help, col, col, w)
	}
	return nil
}
