package main

import (
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func copyTo(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// copyInput copies the fixture's registers, leaving out the files skip names.
func copyInput(t *testing.T, skip ...string) string {
	t.Helper()
	dir := t.TempDir()
	err := filepath.WalkDir(fx.input, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(fx.input, path)
		for _, s := range skip {
			if filepath.ToSlash(rel) == s {
				return nil
			}
		}
		copyTo(t, path, filepath.Join(dir, rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func query(t *testing.T, db, q string) string {
	t.Helper()
	code, out, stderr := klacht("query", q, "--db", db, "--format", "csv")
	if code != exitOK {
		t.Fatalf("query %q: exit %d: %s", q, code, stderr)
	}
	return out
}

func TestRebuildYear(t *testing.T) {
	db := filepath.Join(t.TempDir(), "k.duckdb")
	copyTo(t, fx.db, db)
	perYear := "select year, count(*) as n, min(run_id) as first_run, max(run_id) as last_run from conversations group by year order by year"

	t.Run("same input replaces only that year", func(t *testing.T) {
		code, out, stderr := klacht("rebuild", "--year", "2021", "--input", fx.input, "--db", db)
		if code != exitRejects || !strings.Contains(out, "(year 2021)") {
			t.Fatalf("exit %d\n%s%s", code, out, stderr)
		}
		want := "year,n,first_run,last_run\n2018,143,1,1\n2019,136,1,1\n2020,168,1,1\n2021,174,2,2\n"
		if got := query(t, db, perYear); got != want {
			t.Errorf("got\n%s\nwant\n%s", got, want)
		}
		if got := query(t, db, "select count(*) as runs from runs"); got != "runs\n2\n" {
			t.Errorf("run log: %q", got)
		}
		partners := "select partner, year, count(distinct table_name) as tables, min(run_id) as first_run, max(run_id) as last_run from partner_cells group by all order by all"
		want = "partner,year,tables,first_run,last_run\nakj,2016,28,1,1\nakj,2021,3,2,2\nkjmn,2019,1,1,1\nkjmn,2021,1,2,2\n"
		if got := query(t, db, partners); got != want {
			t.Errorf("partner tables: got\n%s\nwant\n%s", got, want)
		}
	})

	t.Run("a corrected register changes its year only", func(t *testing.T) {
		input := copyInput(t, "2021/Klachtenregistratie 2021 Lekstroom.xlsx")
		code, out, stderr := klacht("rebuild", "--year", "2021", "--input", input, "--db", db, "--allow-drop") // 23 of 174 conversations go: on purpose
		if code != exitRejects {
			t.Fatalf("exit %d\n%s%s", code, out, stderr)
		}
		want := "year,n,first_run,last_run\n2018,143,1,1\n2019,136,1,1\n2020,168,1,1\n2021,151,3,3\n"
		if got := query(t, db, perYear); got != want {
			t.Errorf("got\n%s\nwant\n%s", got, want)
		}
		// 2020's rejects are 2020's business: untouched by a 2021 rebuild.
		if got := query(t, db, "select count(*) as n from rejects where year = 2020"); got != "n\n4\n" {
			t.Errorf("2020 rejects after a 2021 rebuild: %q", got)
		}
		if got := query(t, db, "select count(*) as n from conversation_categories cc anti join conversations using (conversation_id)"); got != "n\n0\n" {
			t.Errorf("orphan categories: %q", got)
		}
	})

	t.Run("a failed rebuild leaves the warehouse as it was", func(t *testing.T) {
		before := sum(t, db)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		code, _, stderr := klachtCtx(ctx, "rebuild", "--year", "2020", "--input", fx.input, "--db", db)
		if code != exitFailure || !strings.Contains(stderr, "context canceled") {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if sum(t, db) != before {
			t.Error("the warehouse file changed")
		}
		if _, err := os.Stat(db + ".building"); !os.IsNotExist(err) {
			t.Errorf("working copy left behind: %v", err)
		}
	})
}

func sum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}
