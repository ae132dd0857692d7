package sample

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/xuri/excelize/v2"
)

// sheet is one data sheet of a sample workbook.
type sheet struct {
	name       string
	title      string // merged title row above the header, if any
	cols       []column
	rows       []*conv
	blankAfter []int // data row indexes after which a blank row follows
	hidden     []int // data row indexes whose rows are hidden
	total      bool  // a Totaal row with an uncached COUNTA formula
	autofilter bool  // an autofilter that covers only the first rows
}

// workbook is one sample register file.
type workbook struct {
	path     string
	sheets   []sheet
	extra    []string // non-data sheets: Dashboard, Lijsten, Toelichting
	stream   bool     // write with the StreamWriter: inline strings, not shared strings
	date1904 bool
	mixed    string // in the bundled sample, LibreOffice's save of it: ods or xlsx
}

func (wb workbook) write(dir string) error {
	f := excelize.NewFile()
	defer f.Close()
	if wb.date1904 {
		yes := true
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
			return err
		}
	}
	for i, s := range wb.sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			return err
		}
		if err := wb.writeSheet(f, s); err != nil {
			return fmt.Errorf("%s:%s: %w", wb.path, s.name, err)
		}
	}
	for _, name := range wb.extra {
		if err := writeExtra(f, name); err != nil {
			return err
		}
	}
	path := filepath.Join(dir, filepath.FromSlash(wb.path))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return f.SaveAs(path)
}

// rowWriter writes whole rows through the normal API or the StreamWriter.
type rowWriter interface {
	row(n int, values []any, hidden bool) error
	merge(from, to string) error
	flush() error
}

type cellWriter struct {
	f     *excelize.File
	sheet string
}

func (w cellWriter) row(n int, values []any, hidden bool) error {
	cell, _ := excelize.CoordinatesToCellName(1, n)
	for i, v := range values {
		if c, ok := v.(excelize.Cell); ok {
			name, _ := excelize.CoordinatesToCellName(i+1, n)
			if err := w.f.SetCellFormula(w.sheet, name, c.Formula); err != nil {
				return err
			}
			values[i] = nil
		}
	}
	if err := w.f.SetSheetRow(w.sheet, cell, &values); err != nil {
		return err
	}
	if hidden {
		return w.f.SetRowVisible(w.sheet, n, false)
	}
	return nil
}

func (w cellWriter) merge(from, to string) error { return w.f.MergeCell(w.sheet, from, to) }
func (w cellWriter) flush() error                { return nil }

type streamWriter struct{ sw *excelize.StreamWriter }

func (w streamWriter) row(n int, values []any, hidden bool) error {
	cell, _ := excelize.CoordinatesToCellName(1, n)
	return w.sw.SetRow(cell, values, excelize.RowOpts{Hidden: hidden})
}

func (w streamWriter) merge(from, to string) error { return w.sw.MergeCell(from, to) }
func (w streamWriter) flush() error                { return w.sw.Flush() }

func (wb workbook) writeSheet(f *excelize.File, s sheet) error {
	var w rowWriter = cellWriter{f, s.name}
	if wb.stream {
		sw, err := f.NewStreamWriter(s.name)
		if err != nil {
			return err
		}
		w = streamWriter{sw}
	}
	last, _ := excelize.ColumnNumberToName(len(s.cols))
	r := 1
	if s.title != "" {
		if err := w.row(r, []any{s.title}, false); err != nil {
			return err
		}
		if err := w.merge("A1", last+"1"); err != nil {
			return err
		}
		r += 2
	}
	header := make([]any, len(s.cols))
	for i, c := range s.cols {
		header[i] = c.header
	}
	if err := w.row(r, header, false); err != nil {
		return err
	}
	headerRow := r
	for i, c := range s.rows {
		r++
		values := make([]any, len(s.cols))
		for j, col := range s.cols {
			values[j] = col.value(c, i)
		}
		if err := w.row(r, values, slices.Contains(s.hidden, i)); err != nil {
			return err
		}
		if slices.Contains(s.blankAfter, i) {
			r++
		}
	}
	if s.total {
		r += 2
		formula := fmt.Sprintf("COUNTA(B%d:B%d)", headerRow+1, r-2)
		if err := w.row(r, []any{"Totaal", excelize.Cell{Formula: formula}}, false); err != nil {
			return err
		}
	}
	if err := w.flush(); err != nil {
		return err
	}
	if s.autofilter && !wb.stream {
		return f.AutoFilter(s.name, fmt.Sprintf("A%d:%s%d", headerRow, last, headerRow+3), nil)
	}
	return nil
}

// writeExtra adds a non-data sheet as registration forms have them.
func writeExtra(f *excelize.File, name string) error {
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	var rows [][]any
	switch name {
	case "Dashboard":
		rows = [][]any{{"Dashboard klachtgesprekken"}, {}, {"Regio", "Aantal", "Verslag binnen 14 dagen"}, {"Totaal", 0, "0%"}}
	case "Lijsten":
		// Copied from an older form: a hint, never the rule.
		rows = [][]any{{"Klager", "Maatregel", "Ondersteuning", "Regio"}}
		for i := range 7 {
			row := []any{complainants2019[i], "", "", ""}
			if i < len(measures) {
				row[1], row[2] = measures[i], supports[i]
			}
			row[3] = []string{flevNoord, flevZuid, utStad, utZOW, lekstroom, foodvalle, eemland}[i]
			rows = append(rows, row)
		}
	default:
		rows = [][]any{{"Toelichting bij het registratieformulier"}, {"Vul per klachtgesprek één regel in. Namen alleen in de kolommen Cliëntnaam en Naam klager."}}
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(name, cell, &r); err != nil {
			return err
		}
	}
	return nil
}
