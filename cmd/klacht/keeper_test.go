package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/svmn/klacht/config"
	"github.com/svmn/klacht/extract"
	"github.com/svmn/klacht/internal/sample"
	"github.com/svmn/klacht/transform"
)

// The form of 2021 for Utrecht West, filled in as a keeper would (50 rows,
// every coded cell chosen from its own drop-down), loads as 50
// conversations of Utrecht West in 2021 without a reject; and each coded
// column's drop-down holds exactly the 2021 list.
func TestTemplateRoundTrip(t *testing.T) {
	dir := t.TempDir()
	input := filepath.Join(dir, "input")
	os.MkdirAll(input, 0o755)
	form := filepath.Join(input, "Klachtenregistratie 2021 Utrecht West.xlsx")
	if code, _, stderr := klacht("template", "--year", "2021", "--region", "Utrecht West", "--out", form); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lists := dropDowns(t, form)
	fillForm(t, form, lists, 50)

	db := filepath.Join(dir, "k.duckdb")
	if code, out, stderr := klacht("rebuild", "--input", input, "--db", db); code != exitOK {
		t.Fatalf("rebuild of the filled form: exit %d\n%s%s", code, out, stderr)
	}
	if got := query(t, db, "select count(*) filter (where year = 2021 and region = 'Utrecht West') as utrecht_west, count(*) as n from conversations"); got != "utrecht_west,n\n50,50\n" {
		t.Errorf("conversations: %q", got)
	}
	if got := query(t, db, "select count(*) as n from rejects"); got != "n\n0\n" {
		t.Errorf("rejects: %q\n%s", got, query(t, db, "select * from rejects"))
	}

	// Exactly the lists of 2021, as the warehouse's reference tables have them.
	want := map[string]string{
		"Klager":        "select complainant from complainant_groups where coalesce(valid_from, 0) <= 2021 and coalesce(valid_to, 9999) >= 2021",
		"Ondersteuning": "select distinct canonical from synonyms where field = 'support'",
		"Maatregel":     "select distinct canonical from synonyms where field = 'measure'",
	}
	for header, q := range want {
		if got, exp := sortedList(lists[header]), sortedList(column(t, db, q)); got != exp {
			t.Errorf("%s: drop-down %s, want the 2021 list %s", header, got, exp)
		}
	}
	categories := column(t, db, "select category from categories where coalesce(valid_from, 0) <= 2021 and coalesce(valid_to, 9999) >= 2021")
	for _, c := range categories {
		if l, ok := lists[c]; !ok || strings.Join(l, ",") != "x" {
			t.Errorf("no column for the 2021 category %q marked x: %v", c, l)
		}
	}
	coded := len(want) + len(categories) + 3 // yes/no: Met huidige partner, Verzoek andere gezinsvoogd, Complexe scheiding
	if len(lists) != coded {
		t.Errorf("%d columns with a drop-down, want %d: %v", len(lists), coded, lists)
	}
	checkWithOpenpyxl(t, form, lists)
}

// dropDowns reads the form's list validations as a keeper's Excel shows
// them: per header, the values of its drop-down.
func dropDowns(t *testing.T, path string) map[string][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dvs, err := f.GetDataValidations("2021")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, dv := range dvs {
		if dv.Type != "list" {
			continue
		}
		col := strings.TrimRight(strings.Split(dv.Sqref, ":")[0], "0123456789")
		header, _ := f.GetCellValue("2021", col+"2")
		ref := strings.ReplaceAll(strings.SplitN(dv.Formula1, "!", 2)[1], "$", "")
		from, to, _ := strings.Cut(ref, ":")
		_, r1, _ := excelize.CellNameToCoordinates(from)
		c, r2, _ := excelize.CellNameToCoordinates(to)
		for r := r1; r <= r2; r++ {
			v, _ := f.GetCellValue("Lijsten", cellRef(c, r))
			out[header] = append(out[header], v)
		}
	}
	return out
}

func cellRef(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

// fillForm fills n rows of the form: each coded cell a value of its
// drop-down, one category marked per row, dates in 2021.
func fillForm(t *testing.T, path string, lists map[string][]string, n int) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("2021")
	headers := rows[1]
	var marks []int // the categories' columns, marked x
	for j, h := range headers {
		if l := lists[h]; len(l) == 1 {
			marks = append(marks, j)
		}
	}
	for i := range n {
		row := 3 + i
		day := time.Date(2021, 1, 4, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*i)
		for j, h := range headers {
			var v any
			switch l := lists[h]; {
			case h == "Datum ontvangst":
				v = day.AddDate(0, 0, -5)
			case h == "Datum klachtgesprek":
				v = day
			case h == "Datum verslag verzonden":
				v = day.AddDate(0, 0, i%20)
			case h == "Dossiernummer":
				v = fmt.Sprintf("D%05d", i)
			case len(l) == 1 && j == marks[i%len(marks)]:
				v = l[0]
			case len(l) > 1:
				v = l[i%len(l)]
			}
			if v != nil {
				if err := f.SetCellValue("2021", cellRef(j+1, row), v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// column is one column of a query's result.
func column(t *testing.T, db, q string) []string {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(query(t, db, q)), "\n")
	return lines[1:]
}

func sortedList(l []string) string {
	l = slices.Clone(l)
	slices.Sort(l)
	return strings.Join(l, "|")
}

// checkWithOpenpyxl opens the form with openpyxl, another reader than the
// one that wrote it, and finds the same drop-downs. It needs Debian's
// python3-openpyxl; without it the check is logged as not done.
func checkWithOpenpyxl(t *testing.T, path string, want map[string][]string) {
	python, err := exec.LookPath("/usr/bin/python3")
	if err != nil || exec.Command(python, "-c", "import openpyxl").Run() != nil {
		t.Log("python3-openpyxl is not installed: the form is not checked with openpyxl")
		return
	}
	script := `import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws, lists = wb["2021"], wb["Lijsten"]
out = {}
for dv in ws.data_validations.dataValidation:
    if dv.type != "list":
        continue
    col = str(dv.sqref).split(":")[0].rstrip("0123456789")
    ref = dv.formula1.split("!")[1].replace("$", "")
    out[ws[col + "2"].value] = [c.value for row in lists[ref] for c in row]
print(json.dumps(out))`
	b, err := exec.Command(python, "-c", script, path).Output()
	if err != nil {
		t.Fatalf("openpyxl: %v", err)
	}
	var got map[string][]string
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("openpyxl sees the drop-downs\n%v\nexcelize sees\n%v", got, want)
	}
}

// A year whose lists are not reviewed is no form, and says which file to
// review, or which year to start from.
func TestTemplateWithoutLists(t *testing.T) {
	out := filepath.Join(t.TempDir(), "form.xlsx")
	code, _, stderr := klacht("template", "--year", "2022", "--region", "Utrecht West", "--out", out)
	if code != exitFailure || !strings.Contains(stderr, "config/data/register_years.csv has no row for 2022") || !strings.Contains(stderr, "--from-year 2021") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a form was written")
	}
	code, _, stderr = klacht("template", "--year", "2022", "--from-year", "2021", "--region", "Utrecht West", "--out", out)
	if code != exitOK || !strings.Contains(stderr, "uses the lists of 2021") {
		t.Errorf("--from-year: exit %d: %s", code, stderr)
	}
}

// Feedback on the sample with errors: a workbook per register with
// problems, every reject of it with its cell and a link there, a
// suggestion for a misspelt value and none for a value unlike any, and no
// personal data.
func TestFeedback(t *testing.T) {
	dir := t.TempDir()
	code, out, stderr := klacht("feedback", "--out", dir, "--input", fx.input)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	files := column(t, fx.db, `select distinct source_file from rejects where regexp_matches(lower(source_file), '\.(xlsx|xlsm|ods|xls)$') order by 1`)
	written, _ := filepath.Glob(filepath.Join(dir, "*.xlsx"))
	if len(written) != len(files) || len(files) < 5 {
		t.Fatalf("%d workbooks for %d registers with problems:\n%s", len(written), len(files), out)
	}
	personal := sample.PersonalData()
	suggested := map[string]string{}
	for _, file := range files {
		path := filepath.Join(dir, feedbackName(file))
		rows, links := feedbackRows(t, path)
		want := column(t, fx.db, fmt.Sprintf(`select coalesce(sheet, '') || '!' || coalesce(cell, '') from rejects where source_file = '%s' order by all`, strings.ReplaceAll(file, "'", "''")))
		var got []string
		for _, r := range rows[1:] {
			got = append(got, r[0]+"!"+r[1])
			if len(r) > 5 && r[3] != "" {
				suggested[r[3]] = r[5]
			}
		}
		for i, g := range got { // a whole file or row reads as such, not as a cell
			if strings.HasPrefix(g, "!") {
				got[i] = "!"
			} else if strings.Contains(g, "!rij ") || strings.HasSuffix(g, "!") {
				got[i] = strings.SplitN(g, "!", 2)[0] + "!"
			}
		}
		if sortedList(got) != sortedList(want) {
			t.Errorf("%s lists %v, want the rejects %v", file, got, want)
		}
		inSheet := 0
		for _, r := range rows[1:] {
			if r[0] != "" {
				inSheet++
			}
		}
		if len(links) != inSheet {
			t.Errorf("%s: %d links for %d problems in a sheet", file, len(links), inSheet)
		}
		for _, l := range links {
			target, _, _ := strings.Cut(l, "#")
			if _, err := os.Stat(filepath.Join(dir, target)); err != nil {
				t.Errorf("%s: the link %q does not open the register: %v", file, l, err)
			}
		}
		summary := summaryRows(t, path)
		wantRead := column(t, fx.db, fmt.Sprintf(`select if(header_found, rows_read::varchar, 'not read') from reports.register_health where source_file = '%s' order by year`, strings.ReplaceAll(file, "'", "''")))
		switch got := summary["Rijen gelezen"]; {
		case slices.Equal(wantRead, []string{"not read"}):
			if got != nil || !strings.HasPrefix(strings.Join(summary["Gelezen"], ""), "nee") {
				t.Errorf("%s: klacht could not read it, but the summary says rows read %v, read %q", file, got, summary["Gelezen"])
			}
		case !slices.Equal(got, wantRead):
			t.Errorf("%s: the summary's rows read %v, register_health's %v", file, got, wantRead)
		}
		for _, r := range append(rows, slices.Collect(maps.Values(summary))...) {
			for _, c := range r {
				for _, p := range personal {
					if strings.Contains(c, p) {
						t.Errorf("%s holds personal data %q", file, p)
					}
				}
			}
		}
	}
	if suggested["Moder"] != "Moeder" || suggested["Buurvrouw"] != "" {
		t.Errorf("suggestions: Moder → %q, Buurvrouw → %q", suggested["Moder"], suggested["Buurvrouw"])
	}
}

// feedbackRows reads a feedback workbook's problems sheet, and the targets
// of its links.
func feedbackRows(t *testing.T, path string) ([][]string, []string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Problemen")
	if err != nil {
		t.Fatal(err)
	}
	var links []string
	for i := 2; i <= len(rows); i++ {
		if ok, target, _ := f.GetCellHyperLink("Problemen", fmt.Sprintf("B%d", i)); ok {
			links = append(links, target)
		}
	}
	return rows, links
}

// summaryRows reads a feedback workbook's summary: the values of each
// label, one per register year.
func summaryRows(t *testing.T, path string) map[string][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Samenvatting")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, r := range rows[min(3, len(rows)):] {
		if len(r) > 0 {
			out[r[0]] = r[1:]
		}
	}
	return out
}

// Every reason klacht rejects a register's cell, row or file for has its
// own plain Dutch for the keeper, not the catch-all.
func TestFeedbackExplainsEveryReason(t *testing.T) {
	texts, err := config.RegisterTexts("")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []error{transform.ErrUnmapped, transform.ErrYesNo, transform.ErrNoYear, transform.ErrNoOrg, transform.ErrNoRegion,
		transform.ErrOtherYear, transform.ErrDate, extract.ErrXLS, extract.ErrEncrypted, extract.ErrNotXLSX, extract.ErrNotODS} {
		if longestKey(texts, "reason:", e.Error()) == "" {
			t.Errorf("register_texts.csv has no reason: text for %q", e)
		}
	}
	if got := explain(texts, "something new", 2021); !strings.HasSuffix(got, " something new") {
		t.Errorf("the catch-all drops the reason: %q", got)
	}
}
