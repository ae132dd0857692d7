package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/svmn/klacht/internal/sample"
)

// compareCSV checks that got has want's header and, in any order, its rows.
func compareCSV(t *testing.T, got, want string) {
	t.Helper()
	g, w := strings.Split(strings.TrimSuffix(got, "\n"), "\n"), strings.Split(strings.TrimSuffix(want, "\n"), "\n")
	if g[0] != w[0] {
		t.Fatalf("header %q, want %q", g[0], w[0])
	}
	slices.Sort(g[1:])
	slices.Sort(w[1:])
	if !slices.Equal(g, w) {
		t.Errorf("rows differ\ngot:\n%s\nwant:\n%s", strings.Join(g, "\n"), strings.Join(w, "\n"))
	}
}

// TestPartnerTables is the acceptance test of the partner tables: the
// published AKJ, KJMN and Haarlem tables come out of the real pipeline from
// CSVs in each way staff make them, and from the PDF reports alone in two
// layouts, and with the Haarlem report as Chromium prints it from a web page.
func TestPartnerTables(t *testing.T) {
	haarlem, err := filepath.Glob(filepath.Join(fx.published, "akj_haarlem_2016", "*.csv"))
	if err != nil || len(haarlem) != 28 {
		t.Fatalf("%d Haarlem tables: %v", len(haarlem), err)
	}
	type input struct {
		name string
		opts sample.Options
		over string // a report that replaces the sample's: typeset by another hand
	}
	var inputs []input
	for _, d := range sample.Dialects {
		inputs = append(inputs, input{d, sample.Options{Dialect: d}, ""})
	}
	for _, layout := range sample.PDFLayouts {
		inputs = append(inputs, input{layout, sample.Options{PDF: layout}, ""}) // the reports themselves, no CSV
	}
	inputs = append(inputs, input{"pdf-printed-by-chromium", sample.Options{PDF: sample.PDFCaptionAbove},
		filepath.Join("..", "..", "extract", "testdata", "partners", "pdf-printed-by-chromium", "input", "akj_2016_haarlem.pdf")})
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := sample.Write(dir, in.opts); err != nil {
				t.Fatal(err)
			}
			if in.over != "" {
				b, err := os.ReadFile(in.over)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, "partners", filepath.Base(in.over)), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			db := filepath.Join(dir, "k.duckdb")
			if code, out, stderr := klacht("rebuild", "--input", dir, "--db", db); code != exitOK {
				t.Fatalf("rebuild: exit %d\n%s%s", code, out, stderr)
			}
			for _, name := range []string{"akj_clienten_2021", "akj_afhandeling_2021", "akj_aard_contact_2021", "kjmn_hoorzittingen", "kjmn_klachtonderdelen_2019"} {
				t.Run(name, func(t *testing.T) {
					want, err := os.ReadFile(filepath.Join(fx.published, name+".csv"))
					if err != nil {
						t.Fatal(err)
					}
					compareCSV(t, query(t, db, name), string(want))
				})
			}
			for _, path := range haarlem {
				table := "haarlem_" + strings.ToLower(strings.TrimSuffix(filepath.Base(path), ".csv"))
				t.Run(table, func(t *testing.T) {
					want, err := os.ReadFile(path)
					if err != nil {
						t.Fatal(err)
					}
					code, got, stderr := klacht("query", "partner_table", "--param", "partner=akj", "--param", "year=2016",
						"--param", "table="+table, "--db", db, "--format", "csv")
					if code != exitOK {
						t.Fatalf("exit %d: %s", code, stderr)
					}
					compareCSV(t, got, string(want))
				})
			}
		})
	}
}

// Two reports that print the same figure: the reports use the latest
// report's, and klacht check lists where they disagree (the KJMN report of
// 2019 printing 15 hearings for 2018, that of 2021 printing 14).
func TestPartnerOverlaps(t *testing.T) {
	dir := t.TempDir()
	if err := sample.Write(dir, sample.Options{PDF: sample.PDFCaptionInside}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join("..", "..", "extract", "testdata", "partners", "pdf-two-reports-disagree", "input", "kjmn_2019_jaarverslag.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "partners", "kjmn_2019_jaarverslag.pdf"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "k.duckdb")
	if code, out, stderr := klacht("rebuild", "--input", dir, "--db", db); code != exitOK {
		t.Fatalf("rebuild: exit %d\n%s%s", code, out, stderr)
	}
	if got := query(t, db, "kjmn_hoorzittingen"); !strings.Contains(got, "\n2018,14\n") {
		t.Errorf("2018 is not the latest report's 14:\n%s", got)
	}
	code, out, stderr := klacht("check", "--db", db, "--format", "csv")
	if code != exitOK {
		t.Fatalf("check: exit %d: %s", code, stderr)
	}
	_, overlaps, _ := strings.Cut(out, "# partner_overlaps\n")
	if !strings.Contains(overlaps, `kjmn,hoorzittingen,,2018,"[2019, 2021]","[15, 14]",14,differs`) || strings.Count(overlaps, "agrees") != 3 {
		t.Errorf("partner_overlaps:\n%s", overlaps)
	}
}
