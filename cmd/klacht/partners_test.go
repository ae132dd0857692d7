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
// layouts.
func TestPartnerTables(t *testing.T) {
	haarlem, err := filepath.Glob(filepath.Join(fx.published, "akj_haarlem_2016", "*.csv"))
	if err != nil || len(haarlem) != 28 {
		t.Fatalf("%d Haarlem tables: %v", len(haarlem), err)
	}
	var inputs []sample.Options
	for _, d := range sample.Dialects {
		inputs = append(inputs, sample.Options{Dialect: d})
	}
	for _, layout := range sample.PDFLayouts {
		inputs = append(inputs, sample.Options{PDF: layout}) // the reports themselves, no CSV
	}
	for _, opts := range inputs {
		t.Run(opts.Dialect+opts.PDF, func(t *testing.T) {
			dir := t.TempDir()
			if err := sample.Write(dir, opts); err != nil {
				t.Fatal(err)
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
