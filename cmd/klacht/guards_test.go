package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// refused asserts that a run was refused: exit 1, the message, and the
// warehouse as it was.
func refused(t *testing.T, db string, before [32]byte, code int, stderr string, says ...string) {
	t.Helper()
	if code != exitFailure || !strings.Contains(stderr, "refused, nothing published") {
		t.Fatalf("exit %d, want a refusal (exit 1):\n%s", code, stderr)
	}
	for _, s := range says {
		if !strings.Contains(stderr, s) {
			t.Errorf("the refusal does not say %q:\n%s", s, stderr)
		}
	}
	if sum(t, db) != before {
		t.Error("a refused run changed the warehouse")
	}
}

// lastStatus is the status and error of the last run in the run log.
func lastStatus(t *testing.T, db string) (status, errText string) {
	t.Helper()
	code, out, _ := cli(t, nil, "status", "--db", db, "--format", "csv", "--limit", "1", "--config", fx.config)
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != exitOK || err != nil || len(recs) != 2 {
		t.Fatalf("status: exit %d, %v\n%s", code, err, out)
	}
	return recs[1][slices.Index(recs[0], "status")], recs[1][slices.Index(recs[0], "error")]
}

// An input with no register (a share that is not mounted) publishes
// nothing, for import and rebuild, and says what probably happened.
func TestEmptyInput(t *testing.T) {
	dir, _, db := importSetup(t)
	empty := filepath.Join(dir, "empty")
	os.MkdirAll(empty, 0o755)
	os.WriteFile(filepath.Join(empty, "akj_2021_afhandeling.csv"), []byte("Tabel;Totaal\nOuders;60\n"), 0o644)
	for _, command := range []string{"import", "rebuild"} {
		t.Run(command, func(t *testing.T) {
			before := sum(t, db)
			code, _, stderr := cli(t, nil, command, "--input", empty, "--db", db, "--config", fx.config)
			refused(t, db, before, code, stderr, `"`+empty+`" holds no register`, "1 partner tables and 0 other files", "Is the network share mounted")
			if status, msg := lastStatus(t, db); status != "refused" || !strings.Contains(msg, "holds no register") {
				t.Errorf("run log: %s %q", status, msg)
			}
		})
	}
}

// More than max_retire files gone is refused, and accepted on purpose.
func TestRetireGuard(t *testing.T) {
	_, input, db := importSetup(t)
	gone := []string{"2019/Klachtenregistratie 2019 Flevoland Noord.xlsx", "2019/Lekstroom en Foodvalley.xlsx",
		"2020/VT 2020.xlsx", "2021/Klachtenregistratie 2021 Utrecht West.xlsx"}
	for _, f := range gone {
		if err := os.Remove(filepath.Join(input, f)); err != nil {
			t.Fatal(err)
		}
	}
	onlyRetire := "KLACHT_MAX_DROP=0.9" // this test is about the files; TestDropGuard about the years
	before := sum(t, db)
	code, _, stderr := importRun(t, input, db, onlyRetire)
	refused(t, db, before, code, stderr, append([]string{"4 files the warehouse was loaded from are gone from the input, more than max_retire (2)", "--allow-retire"}, gone...)...)
	code, out, stderr := cli(t, []string{onlyRetire}, "import", "--input", input, "--db", db, "--config", fx.config, "--allow-retire")
	if code != exitOK || !strings.Contains(out, "4 retired") {
		t.Fatalf("with --allow-retire: exit %d\n%s%s", code, out, stderr)
	}
	got := query(t, db, "select count(distinct source_file) as files from conversations_history where retired_reason = 'removed'")
	if got != "files\n4\n" {
		t.Errorf("retired files in history: %q", got)
	}
}

// A year that would lose more than max_drop of its conversations, or go,
// is refused, and accepted on purpose; a rebuild of one year is checked for
// that year alone.
func TestDropGuard(t *testing.T) {
	_, input, db := importSetup(t)
	onlyDrop := "KLACHT_MAX_RETIRE=10" // this test is about the years
	for _, f := range []string{"Flevoland", "Utrecht Stad", "Lekstroom", "Utrecht Zuidoost"} {
		if err := os.Remove(filepath.Join(input, "2021", "Klachtenregistratie 2021 "+f+".xlsx")); err != nil {
			t.Fatal(err)
		}
	}
	before := sum(t, db)
	code, out, stderr := importRun(t, input, db, onlyDrop)
	refused(t, db, before, code, stderr, "by more than max_drop (10%)", "2021: 174 conversations, then 69 (60% fewer)", "--allow-drop")
	if !strings.Contains(out, "REFUSED, nothing published") || !strings.Contains(out, "2021: 69") {
		t.Errorf("the refused run's summary:\n%s", out)
	}
	t.Run("a rebuild of the year", func(t *testing.T) {
		code, _, stderr := cli(t, []string{onlyDrop}, "rebuild", "--year", "2021", "--input", input, "--db", db, "--config", fx.config)
		refused(t, db, before, code, stderr, "2021: 174 conversations, then 69")
	})
	t.Run("a rebuild of another year", func(t *testing.T) {
		code, out, stderr := cli(t, []string{onlyDrop}, "rebuild", "--year", "2020", "--input", input, "--db", db, "--config", fx.config)
		if code != exitOK {
			t.Fatalf("exit %d\n%s%s", code, out, stderr)
		}
	})
	code, out, stderr = cli(t, []string{onlyDrop}, "import", "--input", input, "--db", db, "--config", fx.config, "--allow-drop")
	if code != exitOK || !strings.Contains(out, "2021: 69") {
		t.Fatalf("with --allow-drop: exit %d\n%s%s", code, out, stderr)
	}
}

// Every file of a mixed folder is in run_files: loaded, failed with a
// message, or ignored with a reason.
func TestEveryFileAccounted(t *testing.T) {
	dir, input, _ := importSetup(t)
	extra := map[string]string{
		"Notulen overleg.docx":                         "not a register or partner table (.docx)",
		"partners/akj_2021_rapportage.pdf":             "not a readable PDF",
		"Presentatie.pptx":                             "not a register or partner table (.pptx)",
		"LEESMIJ":                                      "a file without an extension",
		".~lock.Klachtenregistratie 2021 Eemland.ods#": "LibreOffice lock file",
		"2021/Thumbs.db":                               "a file the operating system keeps",
		"2021/half opgeslagen.ods":                     "not an .ods spreadsheet",
	}
	for f := range extra {
		os.MkdirAll(filepath.Dir(filepath.Join(input, f)), 0o755)
		if err := os.WriteFile(filepath.Join(input, f), []byte("PK\x03\x04 niet af"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(dir, "mixed.duckdb")
	if code, out, stderr := cli(t, nil, "rebuild", "--input", input, "--db", db, "--config", fx.config); code != exitRejects {
		t.Fatalf("rebuild: exit %d\n%s%s", code, out, stderr)
	}
	files := map[string]string{}
	for _, r := range parseCSV(t, query(t, db, "select source_file, status || ': ' || coalesce(message, '') as s from run_files"))[1:] {
		files[r[0]] = r[1]
	}
	var all []string
	filepath.WalkDir(input, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(input, p)
			all = append(all, filepath.ToSlash(rel))
		}
		return err
	})
	if len(all) != 60 { // the clean sample's 53 and the 7 above
		t.Fatalf("%d files in the input", len(all))
	}
	for _, f := range all {
		got, ok := files[f]
		switch {
		case !ok:
			t.Errorf("%s is not in run_files", f)
		case extra[f] != "" && !strings.Contains(got, extra[f]):
			t.Errorf("%s: %q, want it to say %q", f, got, extra[f])
		case !strings.HasPrefix(got, "loaded") && !strings.HasPrefix(got, "ignored: ") && !strings.HasPrefix(got, "failed: "):
			t.Errorf("%s: %q", f, got)
		}
	}
}

// The key that makes client keys is guarded: another key, or none, is
// refused on import; a rebuild takes a new key with a note; no key is said.
func TestHashKeyGuard(t *testing.T) {
	dir, input, db := importSetup(t)
	other := filepath.Join(dir, "other.yaml")
	os.WriteFile(other, []byte(fmt.Sprintf("published_dir: %q\nhash_key: another-key\n", fx.published)), 0o644)
	nokey := filepath.Join(dir, "nokey.yaml")
	os.WriteFile(nokey, []byte(fmt.Sprintf("published_dir: %q\n", fx.published)), 0o644)
	before := sum(t, db)
	code, _, stderr := cli(t, nil, "import", "--input", input, "--db", db, "--config", other)
	refused(t, db, before, code, stderr, "is not the one that made the warehouse's client keys", "run klacht rebuild")
	code, _, stderr = cli(t, []string{"KLACHT_HASH_KEY="}, "import", "--input", input, "--db", db, "--config", nokey)
	refused(t, db, before, code, stderr, "this run: no hash_key (is KLACHT_HASH_KEY set for this job?)")

	code, out, stderr := cli(t, nil, "rebuild", "--input", input, "--db", db, "--config", other)
	if code != exitOK || !strings.Contains(out, "NOTE: the hash_key differs") || !strings.Contains(stderr, "level=WARN") {
		t.Fatalf("rebuild with a new key: exit %d\n%s%s", code, out, stderr)
	}
	code, out, stderr = cli(t, []string{"KLACHT_HASH_KEY="}, "rebuild", "--input", input, "--db", filepath.Join(dir, "nokey.duckdb"), "--config", nokey)
	if code != exitOK || !strings.Contains(out, "client keys: NONE: hash_key is not set") || !strings.Contains(stderr, `level=WARN msg="hash_key is not set`) {
		t.Errorf("rebuild without a key: exit %d\n%s%s", code, out, stderr)
	}
}

// A rollback after three imports publishes the first import's warehouse
// again, byte for byte; it can be undone, and a run killed in the middle of
// it leaves the one warehouse or the other.
func TestRollback(t *testing.T) {
	_, input, db := importSetup(t)
	var after []([32]byte) // the warehouse after each import
	for i := range 3 {
		copyTo(t, filepath.Join(input, flevZuid19), filepath.Join(input, fmt.Sprintf("extra %d.xlsx", i)))
		if code, out, stderr := importRun(t, input, db); code != exitOK {
			t.Fatalf("import %d: exit %d\n%s%s", i, code, out, stderr)
		}
		after = append(after, sum(t, db))
	}
	code, out, stderr := cli(t, nil, "status", "--db", db, "--config", fx.config)
	if code != exitOK || !strings.Contains(out, "Kept for klacht rollback --to RUN: run 1 (") || !strings.Contains(out, "run 3 (") {
		t.Fatalf("status: exit %d\n%s%s", code, out, stderr)
	}
	code, out, stderr = cli(t, nil, "rollback", "--to", "2", "--db", db, "--config", fx.config)
	if code != exitOK || !strings.Contains(out, "is again the one run 2 published") || sum(t, db) != after[0] {
		t.Fatalf("rollback to the first import: exit %d\n%s%s", code, out, stderr)
	}
	if got := query(t, db, "select count(*) as n from conversations"); got != "n\n635\n" {
		t.Errorf("after the rollback: %q", got)
	}
	t.Run("killed while rolling back", func(t *testing.T) {
		code, _, _ := cli(t, []string{"KLACHT_FAULT=rolling back"}, "rollback", "--to", "4", "--db", db, "--config", fx.config)
		if code != -1 || sum(t, db) != after[0] {
			t.Fatalf("exit %d; the warehouse must still be the first import's", code)
		}
	})
	code, out, stderr = cli(t, nil, "rollback", "--to", "4", "--db", db, "--config", fx.config)
	if code != exitOK || sum(t, db) != after[2] {
		t.Fatalf("undo: exit %d\n%s%s", code, out, stderr)
	}
	code, _, stderr = cli(t, nil, "rollback", "--to", "9", "--db", db, "--config", fx.config)
	if code != exitFailure || !strings.Contains(stderr, "the warehouse of run 9 is not kept; kept: run ") {
		t.Errorf("rollback to a run not kept: exit %d %s", code, stderr)
	}
	if status, _ := lastStatus(t, db); status != "failed" {
		t.Errorf("run log: %s", status)
	}
}

// A damaged warehouse (cut off by a full disk) says so, and what to do.
func TestDamagedWarehouse(t *testing.T) {
	dir, input, db := importSetup(t)
	damaged := filepath.Join(dir, "damaged.duckdb")
	b, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(damaged, b[:len(b)/3], 0o644)
	for _, args := range [][]string{
		{"query", "select count(*) from conversations"},
		{"import", "--input", input},
	} {
		t.Run(args[0], func(t *testing.T) {
			code, _, stderr := cli(t, nil, append(args, "--db", damaged, "--config", fx.config)...)
			if code != exitFailure || !strings.Contains(stderr, `warehouse "`+damaged+`" is damaged, or is not a DuckDB file: DuckDB cannot read it (Could not read enough bytes`) ||
				!strings.Contains(stderr, "'klacht rollback' publishes the last warehouse kept before it; 'klacht rebuild' builds one anew") {
				t.Errorf("exit %d: %s", code, stderr)
			}
		})
	}
}

// A missing --input is said once, and makes no file beside a warehouse that
// does not exist.
func TestMissingInput(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "none.duckdb")
	code, out, stderr := cli(t, nil, "import", "--input", filepath.Join(dir, "share"), "--db", db, "--config", fx.config)
	if code != exitUsage || strings.Count(stderr, "no such file or directory") != 1 || out != "" {
		t.Errorf("exit %d\n%s%s", code, out, stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("made %v beside a warehouse that does not exist", entries)
	}
}
