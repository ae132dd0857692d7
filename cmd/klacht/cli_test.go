package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The command line an analyst expects: each mistake gets a message that
// says what to do, and the exit code of a usage error (2), or of a failure
// (1) for a year without data.
func TestCLIErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"a report needs its parameter", []string{"query", "partner_table"}, exitUsage, "uses $partner: give it with --param partner="},
		{"a parameter the report does not take", []string{"query", "svmn_klachtgesprekken", "--param", "year=2021"}, exitUsage, "svmn_klachtgesprekken takes no parameters"},
		{"a parameter of another name", []string{"query", "partner_table", "--param", "partner=akj", "--param", "year=2016", "--param", "table=x", "--param", "tabel=y"}, exitUsage, "has no $tabel (it takes $partner, $year, $table)"},
		{"a mistyped report", []string{"query", "svmn_klager_2021"}, exitUsage, "did you mean svmn_klagers_2021?"},
		{"a year without data", []string{"report", "--year", "2030"}, 1, "holds no conversations of 2030 (it holds 2018, 2019, 2020, 2021)"},
		{"a file of another format", []string{"report", "--year", "2021", "--out", "verslag.pdf"}, exitUsage, `--out "verslag.pdf": the report is written as .md, .html or .xlsx`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := klacht(tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, want %d; stderr %q, want it to say %q", code, tc.code, stderr, tc.want)
			}
		})
	}
	t.Run("a workbook is not written to a terminal", func(t *testing.T) {
		defer func(f func(io.Writer) bool) { isTerminal = f }(isTerminal)
		isTerminal = func(io.Writer) bool { return true }
		code, out, stderr := klacht("report", "--year", "2021", "--format", "xlsx")
		if code != exitUsage || out != "" || !strings.Contains(stderr, "give --out FILE.xlsx") {
			t.Errorf("exit %d, %d bytes out: %s", code, len(out), stderr)
		}
	})
}

// The report's format follows the extension of --out.
func TestReportFormatFromOut(t *testing.T) {
	dir := t.TempDir()
	for ext, start := range map[string]string{".html": "<!DOCTYPE html>", ".xlsx": "PK\x03\x04", ".md": "# "} {
		path := filepath.Join(dir, "verslag"+ext)
		if code, _, stderr := klacht("report", "--year", "2021", "--out", path); code != exitOK {
			t.Fatalf("%s: exit %d: %s", ext, code, stderr)
		}
		b, err := os.ReadFile(path)
		if err != nil || !strings.HasPrefix(string(b), start) {
			t.Errorf("%s starts %q, want %q (%v)", ext, string(b[:min(len(b), 20)]), start, err)
		}
	}
}

// JSON keeps the columns' order, numbers as numbers and lists as arrays;
// --list says what each report answers and takes.
func TestQueryJSONAndList(t *testing.T) {
	code, out, stderr := klacht("query", "svmn_klachtgesprekken", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	dec := json.NewDecoder(strings.NewReader(out))
	var keys []string
	for depth := 0; ; {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		if d, ok := tok.(json.Delim); ok {
			if d == '{' || d == '[' {
				depth++
			} else {
				depth--
			}
			if d == '}' && depth == 1 {
				break
			}
			continue
		}
		if k, ok := tok.(string); ok && len(keys)%2 == 0 || len(keys)%2 == 1 {
			keys = append(keys, k)
		}
	}
	var names []string
	for i := 0; i < len(keys); i += 2 {
		names = append(names, keys[i])
	}
	if strings.Join(names, ",") != "year,organisation,region,count" {
		t.Errorf("keys %v", names)
	}
	if !strings.Contains(out, `"year": 2018`) || !strings.Contains(out, `"count": 12`) {
		t.Errorf("numbers are not numbers:\n%s", out[:200])
	}
	_, lists, _ := klacht("query", "select ['a', 'b'] as l", "--format", "json")
	if !strings.Contains(lists, `"l": ["a","b"]`) {
		t.Errorf("a list: %s", lists)
	}
	_, list, _ := klacht("query", "--list")
	for _, want := range []string{"partner_table", "$partner, $year, $table", "who made the complaints of 2021"} {
		if !strings.Contains(list, want) {
			t.Errorf("--list lacks %q", want)
		}
	}
}

// The warehouse explains itself to any client: every table, view and
// column has a comment from docs/warehouse.md (or the report it is), and
// every report without parameters is a view of the schema reports that
// reads as klacht query does.
func TestWarehouseExplainsItself(t *testing.T) {
	missing := query(t, fx.db, `select database_name || '.' || schema_name || '.' || table_name || '.' || column_name from duckdb_columns()
		where not internal and schema_name in ('main', 'reports') and (comment is null or comment = '') order by all`)
	if lines := strings.Split(strings.TrimSpace(missing), "\n"); len(lines) > 1 {
		t.Errorf("%d columns without a comment: %v", len(lines)-1, lines[1:min(len(lines), 10)])
	}
	if got := query(t, fx.db, "select comment from duckdb_columns() where table_name = 'conversations' and column_name = 'year'"); !strings.Contains(got, "the register year") {
		t.Errorf("conversations.year: %s", got)
	}
	views := query(t, fx.db, "select view_name from duckdb_views() where schema_name = 'reports' order by all")
	names := strings.Split(strings.TrimSpace(views), "\n")[1:]
	if len(names) < 20 || !slices.Contains(names, "svmn_klachtgesprekken") || slices.Contains(names, "partner_table") {
		t.Fatalf("report views: %v", names)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			code, want, stderr := klacht("query", name, "--format", "csv")
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if got := query(t, fx.db, "select * from reports."+name); got != want {
				t.Errorf("reports.%s differs from klacht query %s\ngot:\n%s\nwant:\n%s", name, name, got, want)
			}
		})
	}
}
