package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/svmn/klacht/internal/sample"
	"github.com/svmn/klacht/load"
	"github.com/svmn/klacht/pipeline"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// The shared fixture: the sample registers with every error case, built
// into one warehouse by the real command.
var fx struct {
	input, db, config, published string
	code                         int
	stdout, stderr               string
}

func TestMain(m *testing.M) {
	// The test binary doubles as the klacht command, so that tests can run
	// it as a real process: to kill it, or to hold a lock.
	switch {
	case os.Getenv("KLACHT_TEST_AS_CLI") == "1":
		os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
	case os.Getenv("KLACHT_TEST_HOLD_LOCK") != "":
		os.Exit(holdLock(os.Getenv("KLACHT_TEST_HOLD_LOCK")))
	}
	flag.Parse()
	dir, err := os.MkdirTemp("", "klacht-test-")
	if err != nil {
		panic(err)
	}
	code := func() int {
		defer os.RemoveAll(dir)
		if err := setupFixture(dir); err != nil {
			fmt.Fprintln(os.Stderr, "setup:", err)
			return 1
		}
		return m.Run()
	}()
	os.Exit(code)
}

// holdLock takes the lock of the warehouse db, says so on stdout and holds
// it for a minute, or until the test kills the process.
func holdLock(db string) int {
	unlock, err := load.Lock(context.Background(), db, 0, "test holder")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer unlock()
	fmt.Println("locked")
	time.Sleep(time.Minute)
	return 0
}

func setupFixture(dir string) error {
	published, err := filepath.Abs("../../../shared/published")
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(published, "totals.csv")); err != nil {
		return fmt.Errorf("the published tables are the acceptance target and must be at %s: %w", published, err)
	}
	fx.published = published
	fx.input = filepath.Join(dir, "registers")
	fx.db = filepath.Join(dir, "klacht.duckdb")
	fx.config = filepath.Join(dir, "klacht.yaml")
	cfg := fmt.Sprintf("published_dir: %q\nhash_key: test-key-not-stored\n", published)
	if err := os.WriteFile(fx.config, []byte(cfg), 0o644); err != nil {
		return err
	}
	if err := sample.Write(fx.input, sample.Options{Errors: true}); err != nil {
		return err
	}
	fx.code, fx.stdout, fx.stderr = klacht("rebuild", "--input", fx.input)
	if fx.code != exitRejects {
		return fmt.Errorf("rebuild: exit %d, want %d\n%s%s", fx.code, exitRejects, fx.stdout, fx.stderr)
	}
	return nil
}

// klacht runs the command in-process against the fixture's config and db
// (unless args name others) and returns its exit code and output.
func klacht(args ...string) (int, string, string) {
	return klachtCtx(context.Background(), args...)
}

func klachtCtx(ctx context.Context, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	if !slices.Contains(args, "--db") {
		args = append(args, "--db", fx.db)
	}
	if !slices.Contains(args, "--config") {
		args = append(args, "--config", fx.config)
	}
	code := run(ctx, args, &out, &errb)
	return code, out.String(), errb.String()
}

func parseCSV(t *testing.T, text string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatalf("parse csv: %v\n%s", err, text)
	}
	return recs
}

// TestPublishedTables is the acceptance test: each register-based published
// table comes out of the real pipeline with the same columns and rows.
func TestPublishedTables(t *testing.T) {
	for _, name := range []string{
		"svmn_klachtgesprekken", "svmn_klachtgesprekken_2019", "svmn_klagers_2021",
		"svmn_save_maatregel_2019", "svmn_save_klagers_2019", "svmn_save_ondersteuning_2019",
		"svmn_save_aard_2019", "svmn_akj_ondersteuning_2021", "svmn_save_verzoek_andere_medewerker",
	} {
		t.Run(name, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join(fx.published, name+".csv"))
			if err != nil {
				t.Fatal(err)
			}
			code, got, stderr := klacht("query", name, "--format", "csv")
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			compareCSV(t, got, string(want))
		})
	}
}

// TestGoldenReports compares the reports without a published counterpart
// with their golden results (go test -update rewrites them).
func TestGoldenReports(t *testing.T) {
	for _, tc := range []struct{ name, golden string }{
		{"rejects", "rejects.csv"},
		{"reconciliation", "reconciliation.csv"},
		{"partner_totals", "partner_totals.csv"},
		{"partner_percentages", "partner_percentages.csv"},
		{"partner_overlaps", "partner_overlaps.csv"},
		{"svmn_klachtgesprekken_harmonised", "svmn_klachtgesprekken_harmonised.csv"},
		{"svmn_klagers_harmonised", "svmn_klagers_harmonised.csv"},
		{"svmn_categories_harmonised", "svmn_categories_harmonised.csv"},
		{"svmn_category_comparability", "svmn_category_comparability.csv"},
		{"svmn_verslag_binnen_14_dagen", "svmn_verslag_binnen_14_dagen.csv"},
		{"svmn_akj_ondersteuning", "svmn_akj_ondersteuning.csv"},
		{"svmn_verslag_binnen_14_dagen_regio", "svmn_verslag_binnen_14_dagen_regio.csv"},
		{"register_health", "register_health.csv"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, got, stderr := klacht("query", tc.name, "--format", "csv")
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			path := filepath.Join("..", "..", "testdata", "golden", tc.golden)
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s\ngot:\n%s", tc.name, path, got)
			}
		})
	}
}

func TestRebuildSummary(t *testing.T) {
	for _, want := range []string{
		"files:    54 loaded, 5 failed, 1 ignored",
		"rows:     793 read, 792 loaded, 1 rejected",
		"years:    2018: 143, 2019: 136, 2020: 168, 2021: 174",
		"partners: akj 2016: 28, akj 2021: 3, kjmn 2019: 1, kjmn 2021: 1",
	} {
		if !strings.Contains(fx.stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, fx.stdout)
		}
	}
}

// Each bad file gets one clear message naming it and what to do, while the
// others load.
func TestBadFiles(t *testing.T) {
	for _, tc := range []struct{ file, says string }{
		{"errors/Klachtenregistratie 2017 oud.xls", "old Excel 97-2003 .xls format: open it in Excel and save it as Excel Workbook (.xlsx)"},
		{"errors/Klachtenregistratie 2021 beveiligd.xlsx", "remove the password"},
		{"errors/Klachtenregistratie 2021 kapot.xlsx", "not an .xlsx workbook"},
		{"partners/akj_2020_clienten.csv:3:2", `"vier": not a number`},
		{"partners/AKJ jaarverslag tabel 3.csv", "rename it <partner>_<year>_<table>.csv"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			// The file's own line says it: another file's message does not count.
			prefix := "klacht: " + tc.file + ": "
			var lines []string
			for _, l := range strings.Split(fx.stderr, "\n") {
				if strings.HasPrefix(l, prefix) {
					lines = append(lines, l)
				}
			}
			if len(lines) != 1 || !strings.Contains(lines[0], tc.says) {
				t.Errorf("want one line %q... that says %q, got %q in:\n%s", prefix, tc.says, lines, fx.stderr)
			}
		})
	}
	code, out, _ := klacht("query", "select status, message from run_files where source_file like '%~$%'", "--format", "csv")
	if code != exitOK || !strings.Contains(out, "ignored,Excel lock file") {
		t.Errorf("lock file not ignored with a reason: %q", out)
	}
}

// No name, dossier number or free text of the registers reaches any table.
func TestPrivacy(t *testing.T) {
	ctx := context.Background()
	cols, err := load.Query(ctx, fx.db, `select table_name, column_name from information_schema.columns
		where data_type like 'VARCHAR%' and table_schema = 'main'`, nil)
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, c := range cols.Rows {
		res, err := load.Query(ctx, fx.db, fmt.Sprintf(`select distinct cast(%q as varchar) from %q`, c[1], c[0]), nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res.Rows {
			fmt.Fprintln(&text, r[0])
		}
	}
	all := text.String()
	personal := sample.PersonalData()
	if len(personal) < 2000 || len(all) == 0 {
		t.Fatalf("checked %d personal values against %d bytes of warehouse text", len(personal), len(all))
	}
	for _, p := range personal {
		if strings.Contains(all, p) {
			t.Errorf("personal data %q found in the warehouse", p)
		}
	}
	// With a hash key, a dossier number becomes the keyed hash of its folded
	// text: the row that holds it has that client key.
	file, sheet, row, dossier := firstDossier(t)
	want := clientKey("test-key-not-stored", dossier)
	got := query(t, fx.db, fmt.Sprintf("select client_key from conversations where conversation_id = '%s:%s!%d'", file, sheet, row))
	if got != "client_key\n"+want+"\n" {
		t.Errorf("%s:%s!%d, dossier %q: client key %q, want %q", file, sheet, row, dossier, got, want)
	}
}

// clientKey is the documented client key: HMAC-SHA256 of the folded dossier
// number under key, its first 128 bits in hex.
func clientKey(key, dossier string) string {
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write([]byte(pipeline.FoldValue(dossier)))
	return hex.EncodeToString(mac.Sum(nil)[:16])
}

// The test's own clientKey agrees with Python's hmac, so that the pipeline's
// client keys are checked against an independent implementation:
// hmac.new(b'test-key-not-stored', b'd2021-10037', hashlib.sha256).hexdigest()[:32]
func TestClientKeyVector(t *testing.T) {
	if got := clientKey("test-key-not-stored", " D2021-10037"); got != "5121c6b4142847c2b8461e7ae0474f0a" {
		t.Errorf("clientKey = %s", got)
	}
}

// firstDossier finds, in the fixture's registers, the first data row with a
// dossier number: its file, sheet, row and the number as typed.
func firstDossier(t *testing.T) (file, sheet string, row int, dossier string) {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(fx.input, "20*", "Klachtenregistratie*.xlsx"))
	for _, p := range paths {
		f, err := excelize.OpenFile(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		for _, sh := range f.GetSheetList() {
			rows, err := f.GetRows(sh)
			if err != nil {
				t.Fatal(err)
			}
			col := -1
			for i, r := range rows {
				if col >= 0 && col < len(r) && r[col] != "" {
					rel, _ := filepath.Rel(fx.input, p)
					return filepath.ToSlash(rel), sh, i + 1, r[col]
				}
				if j := slices.Index(r, "Dossiernummer"); j >= 0 {
					col = j
				}
			}
		}
	}
	t.Fatal("no dossier number in the fixture's registers")
	return
}

func TestQueryErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
		says string
	}{
		{"unknown report", []string{"query", "no_such_report"}, exitUsage, `no report "no_such_report"`},
		{"bad format", []string{"query", "rejects", "--format", "xml"}, exitUsage, `--format "xml"`},
		{"bad param", []string{"query", "select 1", "--param", "novalue"}, exitUsage, "want name=value"},
		{"missing warehouse", []string{"query", "rejects", "--db", filepath.Join(t.TempDir(), "none.duckdb")}, exitFailure, "run 'klacht rebuild' first"},
		{"bad sql", []string{"query", "select * from no_such_table"}, exitFailure, "no_such_table"},
		{"bad year", []string{"rebuild", "--year", "21"}, exitUsage, "--year 21"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := klacht(tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.says) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tc.code, tc.says)
			}
		})
	}
}

func TestQueryParamsAndFormats(t *testing.T) {
	q := "select year, count(*) as n from conversations where year = $year group by year"
	for _, tc := range []struct{ format, want string }{
		{"csv", "year,n\n2021,174\n"},
		{"json", "[\n  {\n    \"year\": 2021,\n    \"n\": 174\n  }\n]\n"},
		{"markdown", "| year | n |\n| --- | --- |\n| 2021 | 174 |\n"},
		{"table", "year  n\n2021  174\n"},
	} {
		t.Run(tc.format, func(t *testing.T) {
			code, out, stderr := klacht("query", q, "--param", "year=2021", "--format", tc.format)
			if code != exitOK || out != tc.want {
				t.Errorf("exit %d, got %q (%s), want %q", code, out, stderr, tc.want)
			}
		})
	}
}

// checkSections runs klacht check --format csv and splits its reports.
func checkSections(t *testing.T) map[string][][]string {
	t.Helper()
	code, out, stderr := klacht("check", "--format", "csv")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	sections := map[string][][]string{}
	for _, part := range strings.Split(out, "# ")[1:] {
		name, body, _ := strings.Cut(part, "\n")
		sections[name] = parseCSV(t, body)
	}
	if len(sections) != len(checkReports) {
		t.Fatalf("check printed %d reports:\n%s", len(sections), out)
	}
	return sections
}

func TestCheck(t *testing.T) {
	recs := checkSections(t)["reconciliation"]
	found := false
	for _, r := range recs[1:] {
		// year,organisation,label,source_table,printed,computed,conversations,missing,difference,status
		if r[0] == "2021" && r[1] == "SAVE Jeugdbescherming" && strings.HasPrefix(r[2], "Totaal klagers") {
			found = true
			if r[4] != "151" || r[6] != "152" || r[7] != "1" {
				t.Errorf("SAVE complainants 2021: %v, want printed 151 against 152 conversations, 1 missing", r)
			}
		}
	}
	if !found || len(recs) < 20 {
		t.Errorf("check printed %d rows, without the SAVE 2021 complainants: %v", len(recs), recs)
	}
}

// The printed inconsistencies of the partner tables surface, and nothing else.
func TestCheckPartners(t *testing.T) {
	s := checkSections(t)
	differs := func(name string, cols ...int) []string {
		var out []string
		for _, r := range s[name][1:] {
			if r[slices.Index(s[name][0], "status")] == "differs" {
				var key []string
				for _, c := range cols {
					key = append(key, r[c])
				}
				out = append(out, strings.Join(key, "|"))
			}
		}
		return out
	}
	// partner,year,table_name,row,column,kind,printed,parts,...
	totals := differs("partner_totals", 2, 3, 4, 6, 7)
	wantTotals := []string{"haarlem_tabel_a|Totaal|Totaal 2015|7404|7407", "afhandeling|Klachtencommissie|SAVE Utrecht|31|33"}
	if !slices.Equal(totals, wantTotals) || len(s["partner_totals"]) < 60 {
		t.Errorf("differing totals %q (of %d)\nwant %q", totals, len(s["partner_totals"])-1, wantTotals)
	}
	// partner,year,table_name,unit,row,count,printed,denominator,...
	pct := differs("partner_percentages", 3, 4, 6, 7)
	wantPct := []string{"SAVE Utrecht|Afgebroken|48|31", "SAVE Utrecht|Gegrond|12|31", "SAVE Utrecht|Ongegrond|9|31", "SAVE Utrecht|Nog lopend|30|31"}
	if !slices.Equal(pct, wantPct) || len(s["partner_percentages"]) < 30 {
		t.Errorf("differing percentages %q (of %d)\nwant %q", pct, len(s["partner_percentages"])-1, wantPct)
	}
}
