package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/svmn/klacht/pipeline"
)

// inspect shows how a register is read: its sheets, which column became
// which field, where year and region came from, and its problems.
func TestInspectRegister(t *testing.T) {
	path := filepath.Join(fx.input, "2020", "Klachtenregistratie SAVE Jeugdbescherming 2020.xlsx")
	code, out, stderr := klacht("inspect", path, "--format", "csv")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	sections := map[string][]string{}
	for _, part := range strings.Split(out, "# ")[1:] {
		name, body, _ := strings.Cut(part, "\n")
		for _, r := range parseCSV(t, body)[1:] {
			sections[name] = append(sections[name], strings.Join(r, "|"))
		}
	}
	for name, want := range map[string][]string{
		"sheets": {"Utrecht Stad|data|1||23|23|0|2", "Dashboard|not a data sheet (skip_sheets): skipped|||0|0|0|0"},
		"columns": {"Utrecht Stad|J|Cliëntnaam|client_name|personal data: never loaded",
			"Utrecht Stad|L|Dossiernummer|dossier_number|personal data: a keyed hash (client_key), never the number"},
		"names":    {"Utrecht Zuidoost-West|region|Utrecht Zuidoost/West|the sheet's name|35", "Lekstroom|year|2020|the file's name|19"},
		"problems": {"Utrecht Stad!E4|complainant|Buurvrouw|false|unknown value: no synonym in config/data/synonyms.csv maps it, so the row is loaded with this field unknown; add the value there if it is a spelling of a known one"},
	} {
		for _, w := range want {
			if !slices.Contains(sections[name], w) {
				t.Errorf("%s lacks %q:\n%s", name, w, strings.Join(sections[name], "\n"))
			}
		}
	}
	// The table form says the same, with headings.
	code, out, _ = klacht("inspect", path)
	if code != exitOK || !strings.Contains(out, "== sheets\n") || !strings.Contains(out, "== problems\n") {
		t.Errorf("table: %s", out)
	}
}

// inspect --cells prints every filled cell as klacht reads it, the same as
// excelize's raw values, for every .xlsx register of the sample.
func TestInspectCells(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(fx.input, "*", "*.xlsx"))
	if err != nil || len(paths) < 10 {
		t.Fatalf("%d registers: %v", len(paths), err)
	}
	for _, p := range paths {
		if strings.Contains(p, "~$") || strings.Contains(p, "errors") {
			continue
		}
		t.Run(filepath.Base(p), func(t *testing.T) {
			code, out, stderr := klacht("inspect", p, "--cells")
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			recs := parseCSV(t, out)
			if !slices.Equal(recs[0], []string{"sheet", "row", "column", "value"}) {
				t.Fatalf("header %q", recs[0])
			}
			got := map[string]string{}
			for _, r := range recs[1:] {
				got[r[0]+"!"+r[2]+r[1]] = r[3]
			}
			want := excelizeRaw(t, p)
			if len(got) != len(want) || len(want) == 0 {
				t.Errorf("%d cells, excelize %d", len(got), len(want))
			}
			for k, v := range want {
				if got[k] != v {
					t.Errorf("%s: klacht %q, excelize %q", k, got[k], v)
				}
			}
		})
	}
	t.Run("one sheet", func(t *testing.T) {
		code, out, _ := klacht("inspect", filepath.Join(fx.input, "Eemland", "Klachtenregistratie Eemland.xlsx"), "--cells", "--sheet", "2019")
		if code != exitOK || strings.Count(out, "\n2019,") < 14 || strings.Contains(out, "\n2018,") {
			t.Errorf("exit %d\n%s", code, out)
		}
		code, _, stderr := klacht("inspect", filepath.Join(fx.input, "Eemland", "Klachtenregistratie Eemland.xlsx"), "--cells", "--sheet", "1999")
		if code != exitUsage || !strings.Contains(stderr, `has no sheet "1999"`) {
			t.Errorf("a sheet that is not there: exit %d %s", code, stderr)
		}
	})
}

// excelizeRaw reads every filled cell with excelize, raw: sheet!A1 -> value.
func excelizeRaw(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if v != "" {
					out[fmt.Sprintf("%s!%s", sh, pipeline.CellName(c+1, r+1))] = v
				}
			}
		}
	}
	return out
}

// Other files: a partner table shows how it was parsed; anything else says
// what klacht does with it.
func TestInspectOther(t *testing.T) {
	code, out, stderr := klacht("inspect", filepath.Join(fx.input, "partners", "akj_2021_afhandeling.csv"))
	if code != exitOK || !strings.Contains(out, "== cells") || !strings.Contains(out, "Gesprek leidinggevende") || !strings.Contains(out, "read as table akj 2021 afhandeling") {
		t.Errorf("partner table: exit %d\n%s%s", code, out, stderr)
	}
	code, out, _ = klacht("inspect", filepath.Join(fx.input, "2021", "~$Klachtenregistratie 2021 Lekstroom.xlsx"))
	if code != exitOK || !strings.Contains(out, "Excel lock file") {
		t.Errorf("lock file: exit %d %s", code, out)
	}
}
