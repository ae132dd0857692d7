package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/svmn/klacht/internal/sample"
	"github.com/svmn/klacht/reports"
)

// TestRegisterFormats is the acceptance test of the register formats: from
// every register saved by LibreOffice as .ods, or re-saved by it as .xlsx,
// the published tables come out as printed, and every report in sql/ and
// every conversation come out as from the registers excelize writes.
func TestRegisterFormats(t *testing.T) {
	build := func(t *testing.T, registers string) string {
		dir := t.TempDir()
		if err := sample.Write(filepath.Join(dir, "in"), sample.Options{Registers: registers}); err != nil {
			t.Fatal(err)
		}
		db := filepath.Join(dir, "k.duckdb")
		if code, out, stderr := klacht("rebuild", "--input", filepath.Join(dir, "in"), "--db", db); code != exitOK {
			t.Fatalf("rebuild: exit %d\n%s%s", code, out, stderr)
		}
		return db
	}
	// What a warehouse says: every report, and every conversation, with the
	// files' extensions left out.
	says := func(t *testing.T, db string) map[string]string {
		out := map[string]string{}
		for _, name := range append(reports.Names(), "select * exclude (run_id) from conversations order by all") {
			args := []string{"query", name, "--db", db, "--format", "csv"}
			q, _ := reports.SQL(name)
			for _, p := range reports.Params(q) { // the parameters each report takes
				args = append(args, "--param", map[string]string{"year": "year=2021", "partner": "partner=akj", "table": "table=afhandeling"}[p])
			}
			code, got, stderr := klacht(args...)
			if code != exitOK {
				t.Fatalf("query %s: exit %d: %s", name, code, stderr)
			}
			out[name] = strings.NewReplacer(".ods", "", ".xlsx", "").Replace(got)
		}
		return out
	}
	generated := says(t, build(t, sample.RegistersGenerated))
	for _, registers := range []string{sample.RegistersODS, sample.RegistersXLSX} {
		t.Run(registers, func(t *testing.T) {
			db := build(t, registers)
			for _, name := range []string{"svmn_klachtgesprekken", "svmn_klagers_2021", "svmn_save_aard_2019", "svmn_akj_ondersteuning_2021"} {
				want, err := os.ReadFile(filepath.Join(fx.published, name+".csv"))
				if err != nil {
					t.Fatal(err)
				}
				compareCSV(t, query(t, db, name), string(want))
			}
			for name, got := range says(t, db) {
				if got != generated[name] {
					t.Errorf("%s differs from the generated registers' (if the sample generator changed, run scripts/libreoffice-fixtures.sh)\ngot:\n%s\nwant:\n%s",
						name, got, generated[name])
				}
			}
		})
	}
}
