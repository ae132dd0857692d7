package main

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// cli runs klacht as a real process (the test binary, see TestMain) with
// extra environment, and returns its exit code (-1 if killed) and output.
func cli(t *testing.T, env []string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), "KLACHT_TEST_AS_CLI=1", "KLACHT_CONFIG=", "KLACHT_LOG_FORMAT=text"), env...)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0, out.String(), errb.String()
	case errors.As(err, &ee):
		return ee.ExitCode(), out.String(), errb.String()
	default:
		t.Fatal(err)
		return 0, "", ""
	}
}

// importSetup makes a clean input (no error files) and a warehouse built
// from it by rebuild, in a folder of its own.
func importSetup(t *testing.T) (dir, input, db string) {
	t.Helper()
	dir = t.TempDir()
	input, db = filepath.Join(dir, "in"), filepath.Join(dir, "w.duckdb")
	copyDir(t, "../../testdata/sample", input)
	if code, out, stderr := cli(t, nil, "rebuild", "--input", input, "--db", db, "--config", fx.config); code != exitOK {
		t.Fatalf("rebuild: exit %d\n%s%s", code, out, stderr)
	}
	return dir, input, db
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		copyTo(t, p, filepath.Join(to, rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func importRun(t *testing.T, input, db string, env ...string) (int, string, string) {
	t.Helper()
	return cli(t, env, "import", "--input", input, "--db", db, "--config", fx.config)
}

const (
	utrechtWest = "2021/Klachtenregistratie 2021 Utrecht West.xlsx"   // 15 conversations of 2021
	tabel7      = "partners/akj_2016_haarlem_tabel_7.csv"             // 2 cells
	flevZuid19  = "2019/Klachtenregistratie 2019 Flevoland Zuid.xlsx" // 14 conversations of 2019
)

func TestImportIncremental(t *testing.T) {
	_, input, db := importSetup(t)
	count := func() string {
		return query(t, db, "select (select count(*) from conversations) as conversations, (select count(*) from partner_cells) as cells")
	}
	before := count()

	t.Run("no change: nothing read, nothing written", func(t *testing.T) {
		sum0 := sum(t, db)
		code, out, stderr := importRun(t, input, db, "KLACHT_LOG_FORMAT=json")
		if code != exitOK || !strings.Contains(out, "no change") || !strings.Contains(out, "52 files unchanged") {
			t.Fatalf("exit %d\n%s%s", code, out, stderr)
		}
		for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
			var rec map[string]any
			if err := json.Unmarshal([]byte(l), &rec); err != nil || rec["msg"] == nil {
				t.Errorf("log line is not JSON: %q", l)
			}
		}
		if !strings.Contains(stderr, `"msg":"run done"`) || !strings.Contains(stderr, `"status":"no_change"`) {
			t.Errorf("log: %s", stderr)
		}
		if sum(t, db) != sum0 {
			t.Error("a run without change wrote the warehouse")
		}
	})

	t.Run("a changed file replaces exactly its own rows", func(t *testing.T) {
		// Utrecht West 2021 (15 rows) is now a copy of Flevoland Zuid 2019 (14 rows).
		copyTo(t, filepath.Join(input, flevZuid19), filepath.Join(input, utrechtWest))
		code, out, stderr := importRun(t, input, db)
		if code != exitOK || !strings.Contains(out, "1 loaded, 0 failed, 1 ignored, 51 unchanged, 0 retired") {
			t.Fatalf("exit %d\n%s%s", code, out, stderr)
		}
		got := query(t, db, fmt.Sprintf(`select year, region, count(*) as n from conversations where source_file = '%s' group by all`, utrechtWest))
		if got != "year,region,n\n2019,Flevoland Zuid,14\n" {
			t.Errorf("the changed file's rows: %q", got)
		}
		if got := count(); got != "conversations,cells\n620,399\n" {
			t.Errorf("counts %q, was %q", got, before)
		}
		got = query(t, db, "select retired_reason, count(*) as n from conversations_history group by all")
		if got != "retired_reason,n\nchanged,15\n" {
			t.Errorf("history: %q", got)
		}
		if !strings.Contains(out, "CLOSED YEAR CHANGED: 2019: "+utrechtWest+" changed") {
			t.Errorf("the change to closed year 2019 is not flagged:\n%s", out)
		}
	})

	t.Run("a removed file's rows are retired", func(t *testing.T) {
		if err := os.Remove(filepath.Join(input, tabel7)); err != nil {
			t.Fatal(err)
		}
		code, out, stderr := importRun(t, input, db, "KLACHT_CLOSED_BEFORE=2000")
		if code != exitOK || !strings.Contains(out, "0 loaded, 0 failed, 1 ignored, 51 unchanged, 1 retired") || strings.Contains(out, "CLOSED YEAR") {
			t.Fatalf("exit %d\n%s%s", code, out, stderr)
		}
		if got := count(); got != "conversations,cells\n620,397\n" {
			t.Errorf("counts %q", got)
		}
		got := query(t, db, fmt.Sprintf("select status, retired_run from source_files where source_file = '%s'", tabel7))
		if got != "status,retired_run\nretired,3\n" {
			t.Errorf("manifest: %q", got)
		}
		if got := query(t, db, "select count(*) as n from partner_cells_history where retired_reason = 'removed'"); got != "n\n2\n" {
			t.Errorf("history: %q", got)
		}
	})

	t.Run("a changed file that cannot be read keeps its earlier rows", func(t *testing.T) {
		if err := os.WriteFile(filepath.Join(input, utrechtWest), []byte("PK\x03\x04 half saved"), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := importRun(t, input, db)
		if code != exitRejects || !strings.Contains(stderr, utrechtWest+": not an .xlsx workbook") {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if got := count(); got != "conversations,cells\n620,397\n" {
			t.Errorf("counts %q", got)
		}
		// It is tried again on the next run, and loads once it is readable.
		copyTo(t, "../../testdata/sample/"+utrechtWest, filepath.Join(input, utrechtWest))
		if code, out, stderr := importRun(t, input, db); code != exitOK || !strings.Contains(out, "1 loaded") {
			t.Fatalf("exit %d\n%s%s", code, out, stderr)
		}
		if got := count(); got != "conversations,cells\n621,397\n" {
			t.Errorf("counts %q", got)
		}
	})

	t.Run("an unknown value is loaded, and reported with its file and cell", func(t *testing.T) {
		const reg2020 = "2020/Klachtenregistratie SAVE Jeugdbescherming 2020.xlsx"
		copyTo(t, filepath.Join(fx.input, reg2020), filepath.Join(input, reg2020)) // the variant with errors
		code, _, stderr := importRun(t, input, db)
		if code != exitRejects {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		code, out, _ := cli(t, nil, "query", "rejects", "--db", db, "--format", "csv", "--config", fx.config)
		if code != exitOK || !strings.Contains(out, reg2020+`,Utrecht Stad!E4,Buurvrouw,"unknown value`) {
			t.Errorf("rejects: exit %d\n%s", code, out)
		}
	})

	t.Run("changed reference data reloads every file", func(t *testing.T) {
		data := filepath.Join(t.TempDir(), "data")
		copyDir(t, "../../config/data", data)
		f, err := os.OpenFile(filepath.Join(data, "synonyms.csv"), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(f, "complainant,Mama,Moeder")
		f.Close()
		code, out, stderr := importRun(t, input, db, "KLACHT_DATA_DIR="+data)
		if code != exitRejects || !strings.Contains(out, "51 loaded") || !strings.Contains(out, "0 unchanged") {
			t.Fatalf("exit %d\n%s%s", code, out, stderr)
		}
	})
}

func TestImportKilled(t *testing.T) {
	for _, point := range []string{"locked", "loaded", "closed", "published"} {
		t.Run(point, func(t *testing.T) {
			_, input, db := importSetup(t)
			copyTo(t, filepath.Join(input, flevZuid19), filepath.Join(input, utrechtWest))
			before := sum(t, db)
			code, _, _ := importRun(t, input, db, "KLACHT_FAULT="+point)
			if code != -1 {
				t.Fatalf("exit %d: want the process killed", code)
			}
			published := sum(t, db) != before
			if published != (point == "published") {
				t.Fatalf("killed at %s: warehouse published %v", point, published)
			}
			// The warehouse opens and the next run recovers.
			code, out, stderr := importRun(t, input, db)
			if code != exitOK {
				t.Fatalf("next run: exit %d\n%s%s", code, out, stderr)
			}
			if got := query(t, db, "select count(*) as n from conversations"); got != "n\n620\n" {
				t.Errorf("after recovery: %q", got)
			}
			if _, err := os.Stat(db + ".building"); !os.IsNotExist(err) {
				t.Errorf("working copy left: %v", err)
			}
		})
	}
	t.Run("killed from outside at random moments", func(t *testing.T) {
		_, input, db := importSetup(t)
		for i, delay := range []time.Duration{20, 80, 150, 250, 400} {
			copyTo(t, filepath.Join(input, []string{flevZuid19, utrechtWest}[i%2]), filepath.Join(input, "extra.xlsx"))
			cmd := exec.Command(os.Args[0], "import", "--input", input, "--db", db, "--config", fx.config)
			cmd.Env = append(os.Environ(), "KLACHT_TEST_AS_CLI=1")
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(delay * time.Millisecond)
			cmd.Process.Kill()
			cmd.Wait()
			got := query(t, db, "select count(*) as n from conversations")
			if got != "n\n621\n" && got != "n\n635\n" && got != "n\n636\n" {
				t.Errorf("killed after %v: %q is neither the old nor a new state", delay*time.Millisecond, got)
			}
		}
		if code, out, stderr := importRun(t, input, db); code != exitOK {
			t.Fatalf("next run: exit %d\n%s%s", code, out, stderr)
		}
	})
}

func TestLock(t *testing.T) {
	_, input, db := importSetup(t)
	holder := exec.Command(os.Args[0])
	holder.Env = append(os.Environ(), "KLACHT_TEST_HOLD_LOCK="+db)
	stdout, err := holder.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	defer holder.Process.Kill()
	if line, _ := bufio.NewReader(stdout).ReadString('\n'); line != "locked\n" {
		t.Fatalf("holder: %q", line)
	}
	for _, tc := range []struct {
		args []string
		wait time.Duration
	}{
		{[]string{"import", "--lock-timeout", "0s"}, 0},
		{[]string{"rebuild", "--lock-timeout", "1s"}, time.Second},
		{[]string{"import"}, 2 * time.Second}, // from the environment
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			start := time.Now()
			code, _, stderr := cli(t, []string{"KLACHT_LOCK_TIMEOUT=2s"}, append(tc.args, "--input", input, "--db", db, "--config", fx.config)...)
			took := time.Since(start)
			if code != exitBusy || !strings.Contains(stderr, "another klacht run holds the lock") || !strings.Contains(stderr, "test holder") {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if took < tc.wait || took > tc.wait+5*time.Second {
				t.Errorf("gave up after %v, want %v", took, tc.wait)
			}
		})
	}
	holder.Process.Kill()
	holder.Wait()
	if code, out, stderr := importRun(t, input, db); code != exitOK {
		t.Fatalf("after the holder died: exit %d\n%s%s", code, out, stderr)
	}
	code, out, _ := cli(t, nil, "status", "--db", db, "--format", "csv", "--config", fx.config)
	if code != exitOK || strings.Count(out, ",busy,4,") != 3 || !strings.Contains(out, ",no_change,0,") {
		t.Errorf("status: exit %d\n%s", code, out)
	}
}

// An analyst with the warehouse open, in the middle of a query, does not
// stop an import from publishing, and keeps seeing the state they opened.
func TestReaderDuringImport(t *testing.T) {
	_, input, db := importSetup(t)
	reader, err := sql.Open("duckdb", db+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	ctx := context.Background()
	conn, err := reader.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rows, err := conn.QueryContext(ctx, "select conversation_id from conversations") // open while the import runs
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(input, utrechtWest)); err != nil {
		t.Fatal(err)
	}
	if code, out, stderr := importRun(t, input, db, "KLACHT_LOCK_TIMEOUT=0s"); code != exitOK {
		t.Fatalf("import with a reader open: exit %d\n%s%s", code, out, stderr)
	}
	n := 0
	for rows.Next() {
		n++
	}
	rows.Close()
	var again int
	if err := conn.QueryRowContext(ctx, "select count(*) from conversations").Scan(&again); err != nil {
		t.Fatal(err)
	}
	if n != 621 || again != 621 {
		t.Errorf("the open reader saw %d, then %d rows: want the state it opened, 621", n, again)
	}
	// A new reader (another process, like an analyst's next duckdb session)
	// sees the import.
	if code, got, _ := cli(t, nil, "query", "select count(*) as n from conversations", "--db", db, "--format", "csv", "--config", fx.config); code != exitOK || got != "n\n606\n" {
		t.Errorf("a new reader sees %q (exit %d), want the import's 606", got, code)
	}
}
