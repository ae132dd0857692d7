package keeper

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

var texts = map[string]string{
	"lists_sheet": "Lijsten", "help_sheet": "Toelichting", "help_intro": "Vul in vanaf rij 3 ({year}).",
	"list_error": "Niet in de lijst van {year}.", "date_error": "Een datum van {before}, {year} of {after}.",
	"fb_summary_sheet": "Samenvatting", "fb_problems_sheet": "Problemen", "fb_whole_file": "heel bestand", "fb_row": "rij",
}

// TestTemplateWorkbook checks what the round trip through klacht does not:
// the header cannot be changed but the rows can, it stays in view, the
// lists are out of the way, and a date outside the years beside the
// form's is refused.
func TestTemplateWorkbook(t *testing.T) {
	form := Form{Year: 2021, Title: "Klachtenregistratie SAVE Jeugdbescherming Utrecht West 2021", Texts: texts, Columns: []Column{
		{Header: "Dossiernummer", Kind: KindText, Width: 16},
		{Header: "Datum klachtgesprek", Kind: KindDate, Width: 14},
		{Header: "Klager", Kind: KindList, Choices: []string{"Moeder", "Vader"}, Width: 20},
	}}
	var buf bytes.Buffer
	if err := Template(&buf, form); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 3 || got[0] != "2021" || f.GetActiveSheetIndex() != 0 {
		t.Errorf("sheets %q, active %d: want the form's sheet 2021 first and active", got, f.GetActiveSheetIndex())
	}
	if v, _ := f.GetSheetVisible("Lijsten"); v {
		t.Error("the Lijsten sheet is visible")
	}
	if title, _ := f.GetCellValue("2021", "A1"); title != form.Title {
		t.Errorf("title %q", title)
	}
	panes, _ := f.GetPanes("2021")
	if !panes.Freeze || panes.YSplit != headerRow {
		t.Errorf("panes %+v: want rows 1-2 frozen", panes)
	}
	for cell, locked := range map[string]bool{"A1": true, "B2": true, "C2": true, "A3": false, "B3": false, "C900": false} {
		if got := isLocked(t, f, cell); got != locked {
			t.Errorf("%s locked: %v, want %v", cell, got, locked)
		}
	}
	dvs, err := f.GetDataValidations("2021")
	if err != nil || len(dvs) != 2 {
		t.Fatalf("%d validations (%v): want the date and the list", len(dvs), err)
	}
	for _, dv := range dvs {
		switch dv.Sqref {
		case "B3:B1048576":
			from, _ := strconv.Atoi(dv.Formula1)
			to, _ := strconv.Atoi(dv.Formula2)
			if dv.Type != "date" || from != excelDate(2020, 1, 1) || to != excelDate(2022, 12, 31) || *dv.Error != "Een datum van 2020, 2021 of 2022." {
				t.Errorf("date validation %s %d..%d %q", dv.Type, from, to, *dv.Error)
			}
		case "C3:C1048576":
			if dv.Type != "list" || dv.Formula1 != "'Lijsten'!$C$2:$C$3" {
				t.Errorf("list validation %s %q", dv.Type, dv.Formula1)
			}
		default:
			t.Errorf("a validation on %s", dv.Sqref)
		}
	}
	if got := excelDate(2021, 1, 1); got != 44197 {
		t.Errorf("1 January 2021 is Excel day %d, want 44197", got)
	}
}

// isLocked says whether a cell of the form's sheet is locked (the default
// of a cell whose style does not say).
func isLocked(t *testing.T, f *excelize.File, cell string) bool {
	t.Helper()
	id, err := f.GetCellStyle("2021", cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st.Protection == nil || st.Protection.Locked
}

func TestProblemTarget(t *testing.T) {
	for _, c := range []struct {
		p    Problem
		want string
	}{
		{Problem{Sheet: "Utrecht Stad", Cell: "E4"}, "'Utrecht Stad'!E4"},
		{Problem{Sheet: "Kim's blad", Cell: "B2"}, "'Kim''s blad'!B2"},
		{Problem{Sheet: "2020", Row: 7}, "'2020'!A7"},
		{Problem{Sheet: "Blad1"}, "'Blad1'!A1"},
		{Problem{}, ""},
	} {
		if got := c.p.target(); got != c.want {
			t.Errorf("%+v: target %q, want %q", c.p, got, c.want)
		}
	}
}
