package extract

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/xuri/excelize/v2"

	"github.com/svmn/klacht/pipeline"
)

func registers(j *pipeline.Journal) *Registers {
	aliases := map[string]string{}
	for alias, field := range map[string]string{
		"Datum klachtgesprek": pipeline.FieldDateConversation, "Klager": pipeline.FieldComplainant,
		"Regio": pipeline.FieldRegion, "Ondersteuning": pipeline.FieldSupport, "Aard klacht": pipeline.FieldCategory,
		"Cliëntnaam": pipeline.FieldClientName,
	} {
		aliases[pipeline.FoldHeader(alias)] = field
	}
	return &Registers{
		Aliases: aliases, CategoryNames: []string{"Bejegening", "Onjuiste rapportage"},
		SkipSheets: []string{"Dashboard", "Lijsten"}, HeaderScanRows: 10, MinHeaderMatches: 3,
		BatchSize: 2, Journal: j,
	}
}

// got is an extracted row: "sheet!row", field=cell:value pairs, and all
// its text.
type got struct {
	file, at string
	cells    []string
	text     string
}

func extractAll(t *testing.T, x *Registers, dir string) []got {
	t.Helper()
	rr, err := x.Extract(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer rr.Release()
	var out []got
	for rr.Next() {
		rec := rr.RecordBatch()
		file, sheet := rec.Column(pipeline.RawFile).(*array.Dictionary), rec.Column(pipeline.RawSheet).(*array.Dictionary)
		row := rec.Column(pipeline.RawRow).(*array.Int32)
		list := rec.Column(pipeline.RawCategories).(*array.List)
		st := list.ListValues().(*array.Struct)
		for i := range int(rec.NumRows()) {
			g := got{file: file.ValueStr(i), at: sheet.ValueStr(i) + "!" + row.ValueStr(i)}
			for k, f := range pipeline.RawFields {
				v := rec.Column(pipeline.RawColumn(k)).(*array.String).Value(i)
				col := int(rec.Column(pipeline.RawColumn(k) + 1).(*array.Int16).Value(i))
				g.text += v + "|"
				if v != "" {
					g.cells = append(g.cells, f+"="+pipeline.CellName(col, int(row.Value(i)))+":"+v)
				}
			}
			start, end := list.ValueOffsets(i)
			for k := int(start); k < int(end); k++ {
				col, h, v := st.Field(pipeline.RawCategoryColumn).(*array.Int16).Value(k),
					st.Field(pipeline.RawCategoryHeader).(*array.String).Value(k), st.Field(pipeline.RawCategoryValue).(*array.String).Value(k)
				f := "category"
				if h != "" {
					f = "category_column(" + h + ")"
				}
				g.cells = append(g.cells, f+"="+pipeline.CellName(int(col), int(row.Value(i)))+":"+v)
				g.text += h + "|" + v + "|"
			}
			out = append(out, g)
		}
	}
	if err := rr.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// writeRegister writes rows to sheet "Registratie" with the normal API
// (shared strings) or the StreamWriter (inline strings).
func writeRegister(t *testing.T, path string, stream bool, rows [][]any, hidden []int) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Registratie"); err != nil {
		t.Fatal(err)
	}
	var sw *excelize.StreamWriter
	if stream {
		var err error
		if sw, err = f.NewStreamWriter("Registratie"); err != nil {
			t.Fatal(err)
		}
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		hide := slices.Contains(hidden, i+1)
		var err error
		if stream {
			err = sw.SetRow(cell, r, excelize.RowOpts{Hidden: hide})
		} else {
			err = f.SetSheetRow("Registratie", cell, &r)
			if err == nil && hide {
				err = f.SetRowVisible("Registratie", i+1, false)
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if stream {
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
	} else if len(rows) > 0 && len(rows[0]) == 1 { // a title: merge it over the table
		if err := f.MergeCell("Registratie", "A1", "E1"); err != nil {
			t.Fatal(err)
		}
	}
	for _, extra := range []string{"Lijsten", "Dashboard"} {
		f.NewSheet(extra)
		f.SetSheetRow(extra, "A1", &[]any{"Klager", "Regio", "Ondersteuning"})
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func TestExtractLayout(t *testing.T) {
	rows := [][]any{
		{"Klachtenregistratie SAVE Eemland 2021"}, // merged title
		{},
		{"Volgnr", "DATUM  KLACHTGESPREK:", "klager", "Clientnaam", "Bejegening", "Onjuiste rapportage", "Aard klacht"},
		{1, "3-2-2021", "Moeder", "Anouk Bakker", "x", "", "Communicatie;Partijdigheid"},
		{},
		{2, "4-2-2021", "V", "Bram Visser", "", "x"}, // hidden row: still data
		{"Totaal", excelize.Cell{Formula: "COUNTA(B4:B6)"}},
		{},
		{3, "5-2-2021", "M"}, // data below a Totaal row still loads
	}
	want := []got{
		{"reg.xlsx", "Registratie!4", []string{"date_conversation=B4:3-2-2021", "complainant=C4:Moeder", "category_column(Bejegening)=E4:x", "category=G4:Communicatie;Partijdigheid"}, ""},
		{"reg.xlsx", "Registratie!6", []string{"date_conversation=B6:4-2-2021", "complainant=C6:V", "category_column(Onjuiste rapportage)=F6:x"}, ""},
		{"reg.xlsx", "Registratie!9", []string{"date_conversation=B9:5-2-2021", "complainant=C9:M"}, ""},
	}
	for _, stream := range []bool{false, true} {
		name := map[bool]string{false: "shared strings", true: "inline strings"}[stream]
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeRegister(t, filepath.Join(dir, "reg.xlsx"), stream, rows, []int{6})
			j := pipeline.NewJournal()
			g := extractAll(t, registers(j), dir)
			if len(g) != len(want) {
				t.Fatalf("got %d rows: %+v", len(g), g)
			}
			for i := range want {
				if g[i].at != want[i].at || !slices.Equal(g[i].cells, want[i].cells) {
					t.Errorf("row %d: got %+v\nwant %+v", i, g[i], want[i])
				}
				if strings.Contains(g[i].text, "Anouk") || strings.Contains(g[i].text, "Bram") {
					t.Errorf("row %d: a client name left the extractor: %q", i, g[i].text)
				}
			}
			f := j.Files()[0]
			if f.Sheets != 1 || f.RowsRead != 3 || f.RowsSkipped != 6 {
				t.Errorf("counts %+v: want 1 sheet, 3 rows read, 6 skipped (title, blank, header, blank, Totaal, blank)", f)
			}
			var notes []string
			for _, n := range j.Notes() {
				notes = append(notes, n.Loc.String()+" "+n.Message)
			}
			wantNotes := []string{
				`reg.xlsx:Registratie!A3 column "Volgnr" matches no header alias: ignored`,
				"reg.xlsx:Lijsten not a data sheet (skip_sheets): skipped",
				"reg.xlsx:Dashboard not a data sheet (skip_sheets): skipped",
			}
			if !slices.Equal(notes, wantNotes) {
				t.Errorf("notes %q\nwant %q", notes, wantNotes)
			}
		})
	}
}

func TestExtractBadFiles(t *testing.T) {
	dir := t.TempDir()
	writeRegister(t, filepath.Join(dir, "good", "reg 2021.xlsx"), false, [][]any{{"Klager", "Regio", "Ondersteuning"}, {"Moeder", "Eemland", "AKJ"}}, nil)
	enc := excelize.NewFile()
	enc.SetSheetRow("Sheet1", "A1", &[]any{"Klager"})
	if err := enc.SaveAs(filepath.Join(dir, "secret.xlsx"), excelize.Options{Password: "x"}); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"old.xls":         append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...),
		"renamed.xls":     []byte("PK\x03\x04 an xlsx saved as .xls"),
		"broken.xlsx":     []byte("PK\x03\x04 cut off"),
		"text.xlsx":       []byte("Klager;Regio\nMoeder;Eemland\n"),
		"empty.xlsx":      nil,
		"~$reg 2021.xlsx": []byte("\x0bowner"),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	j := pipeline.NewJournal()
	g := extractAll(t, registers(j), dir)
	if len(g) != 1 || g[0].file != "good/reg 2021.xlsx" {
		t.Fatalf("rows %+v: want the good file's one row", g)
	}
	status := map[string]pipeline.FileStat{}
	for _, f := range j.Files() {
		status[f.File] = f
	}
	for _, tc := range []struct {
		file, status string
		err          error
	}{
		{"old.xls", pipeline.StatusFailed, ErrXLS},
		{"renamed.xls", pipeline.StatusFailed, ErrNotXLSX},
		{"broken.xlsx", pipeline.StatusFailed, ErrNotXLSX},
		{"text.xlsx", pipeline.StatusFailed, ErrNotXLSX},
		{"empty.xlsx", pipeline.StatusFailed, ErrNotXLSX},
		{"secret.xlsx", pipeline.StatusFailed, ErrEncrypted},
		{"~$reg 2021.xlsx", pipeline.StatusIgnored, nil},
		{"good/reg 2021.xlsx", pipeline.StatusLoaded, nil},
	} {
		t.Run(tc.file, func(t *testing.T) {
			f := status[tc.file]
			if f.Status != tc.status {
				t.Errorf("status %q, want %q (%s)", f.Status, tc.status, f.Message)
			}
			if tc.err == nil {
				return
			}
			var found bool
			for _, r := range j.Rejects() {
				if r.Loc.File == tc.file {
					found = true
					if !errors.Is(&r.Error, tc.err) || !strings.HasPrefix(r.Error.Error(), tc.file+": ") {
						t.Errorf("reject %q, want %v", r.Error.Error(), tc.err)
					}
				}
			}
			if !found {
				t.Errorf("no reject for %s", tc.file)
			}
		})
	}
}

func TestExtractHeaderNotFound(t *testing.T) {
	for _, tc := range []struct {
		name   string
		rows   [][]any
		reject bool
	}{
		{"a table with unknown headers is a reject", [][]any{{"Wanneer", "Wie", "Waarover"}, {"1-3-2021", "moeder", "bejegening"}}, true},
		{"a header below the scan limit is not found", append(make([][]any, 12), []any{"Klager", "Regio", "Ondersteuning"}, []any{"Moeder", "Eemland", "AKJ"}), false},
		{"two matching headers are not enough", [][]any{{"Klager", "Regio", "Opmerking"}, {"Moeder", "Eemland", "-"}}, true},
		{"a text sheet is a note", [][]any{{"Toelichting bij het formulier"}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeRegister(t, filepath.Join(dir, "reg.xlsx"), false, tc.rows, nil)
			j := pipeline.NewJournal()
			if g := extractAll(t, registers(j), dir); len(g) != 0 {
				t.Errorf("rows %+v", g)
			}
			if got := len(j.Rejects()) == 1; got != tc.reject {
				t.Errorf("rejects %+v, want a reject: %v", j.Rejects(), tc.reject)
			}
		})
	}
}

func TestExtractCancel(t *testing.T) {
	dir := t.TempDir()
	writeRegister(t, filepath.Join(dir, "reg.xlsx"), false, [][]any{{"Klager", "Regio", "Ondersteuning"}, {"Moeder", "Eemland", "AKJ"}}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rr, err := registers(pipeline.NewJournal()).Extract(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer rr.Release()
	for rr.Next() {
	}
	if !errors.Is(rr.Err(), context.Canceled) {
		t.Errorf("err %v, want context.Canceled", rr.Err())
	}
}

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b/x.XLSX", "a.xlsx", "c.csv", "d/e/f.xls"} {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755)
		os.WriteFile(filepath.Join(dir, f), nil, 0o644)
	}
	root, files, err := Files(dir, ".xlsx", ".xls")
	if err != nil || root != dir || !slices.Equal(files, []string{"a.xlsx", "b/x.XLSX", "d/e/f.xls"}) {
		t.Errorf("Files = %q, %q, %v", root, files, err)
	}
	if _, _, err := Files(filepath.Join(dir, "none")); err == nil {
		t.Error("no error for a missing input")
	}
}
