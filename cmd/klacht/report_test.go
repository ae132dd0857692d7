package main

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestReport(t *testing.T) {
	dir := t.TempDir()
	out := map[string]string{}
	for _, format := range []string{"md", "html", "xlsx"} {
		path := filepath.Join(dir, "report."+format)
		code, _, stderr := klacht("report", "--year", "2021", "--format", format, "--out", path)
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", format, code, stderr)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		out[format] = string(b)
	}
	t.Run("ordered like the analysis, every table with its question", func(t *testing.T) {
		md := out["md"]
		last := -1
		for _, s := range []string{"## 1. Interne klachtafhandeling", "## 2. Vertrouwenswerk door het AKJ", "## 3. Klachtencommissie", "## 4. Aansluiting"} {
			i := strings.Index(md, s)
			if i <= last {
				t.Errorf("%q missing or out of order", s)
			}
			last = i
		}
		if tables, questions := strings.Count(md, "\n### "), strings.Count(md, "*Question:*"); tables < 15 || questions != tables {
			t.Errorf("%d tables, %d with a question", tables, questions)
		}
		for _, want := range []string{"### AKJ 2021: tabel afhandeling", "### KJMN 2021: tabel hoorzittingen", "| 2021 | SAVE Jeugdbescherming | Utrecht Zuidoost/West | 33 | -2 |", "*Denominator:*"} {
			if !strings.Contains(md, want) {
				t.Errorf("md lacks %q", want)
			}
		}
	})
	t.Run("html is self-contained, with charts", func(t *testing.T) {
		h := out["html"]
		if n := strings.Count(h, "<svg "); n < 3 {
			t.Errorf("%d charts", n)
		}
		if regexp.MustCompile(`(?i)<(script|link|img|iframe)|src=|url\(|href="http`).MatchString(h) {
			t.Error("the page loads something from elsewhere")
		}
		if !strings.Contains(h, "<title>Klachtenanalyse 2021</title>") || !strings.Contains(h, "Utrecht Zuidoost/West") {
			t.Error("title or content missing")
		}
	})
	t.Run("xlsx: contents, a sheet per table, frozen headers, charts", func(t *testing.T) {
		f, err := excelize.OpenReader(strings.NewReader(out["xlsx"]))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		sheets := f.GetSheetList()
		if sheets[0] != "Inhoud" || len(sheets) < 16 {
			t.Fatalf("sheets %q", sheets)
		}
		panes, err := f.GetPanes(sheets[1])
		if err != nil || !panes.Freeze || panes.YSplit != 5 {
			t.Errorf("panes %+v, %v", panes, err)
		}
		zr, err := zip.NewReader(bytes.NewReader([]byte(out["xlsx"])), int64(len(out["xlsx"])))
		if err != nil {
			t.Fatal(err)
		}
		charts := 0
		for _, zf := range zr.File {
			if strings.HasPrefix(zf.Name, "xl/charts/chart") {
				charts++
			}
		}
		if charts < 3 {
			t.Errorf("%d charts", charts)
		}
		v, _ := f.GetCellValue(sheets[1], "D6")
		if _, err := strconv.Atoi(v); err != nil {
			t.Errorf("a count is not a number: %q", v)
		}
	})
	t.Run("errors", func(t *testing.T) {
		if code, _, stderr := klacht("report", "--year", "2021", "--format", "pdf"); code != exitUsage || !strings.Contains(stderr, `--format "pdf"`) {
			t.Errorf("exit %d: %s", code, stderr)
		}
		if code, _, stderr := klacht("report"); code != exitUsage || !strings.Contains(stderr, "--year 0") {
			t.Errorf("exit %d: %s", code, stderr)
		}
	})
}

// The adversarial test of suppression on real output: in the complainants of
// 2021 no count below 5 shows and no organisation, nor complainant group,
// has exactly one hidden cell.
func TestPublishSuppression(t *testing.T) {
	code, out, stderr := klacht("query", "svmn_klagers_2021", "--publish", "--format", "csv")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	recs := parseCSV(t, out)
	byOrg, byGroup := map[string]int{}, map[string]int{}
	hidden := 0
	for _, r := range recs[1:] {
		byOrg[r[0]] += 0
		byGroup[r[1]] += 0
		if r[2] == "<5" {
			hidden++
			byOrg[r[0]]++
			byGroup[r[1]]++
			continue
		}
		if n, err := strconv.Atoi(r[2]); err != nil || n < 5 {
			t.Errorf("count %q shows: %v", r[2], r)
		}
	}
	for k, n := range byOrg {
		if n == 1 {
			t.Errorf("organisation %s has exactly one hidden cell", k)
		}
	}
	for k, n := range byGroup {
		if n == 1 {
			t.Errorf("complainant %s has exactly one hidden cell", k)
		}
	}
	if hidden != 6 || len(recs) != 11 {
		t.Errorf("%d of %d cells hidden:\n%s", hidden, len(recs)-1, out)
	}
	// A published report shows no count below 5 either.
	code, md, _ := klacht("report", "--year", "2021", "--publish")
	if code != exitOK || !strings.Contains(md, "counts below 5 are shown as <5") || strings.Contains(md, "| SAVE Jeugdbescherming | Beide ouders | 3 |") {
		t.Errorf("published report: exit %d", code)
	}
}

func TestSafeCSV(t *testing.T) {
	code, out, stderr := klacht("query", "select '=HYPERLINK(\"x\")' as a, '+31' as b, '@x' as c, -2 as change, 'Moeder' as d", "--format", "csv")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(recs[1]); got != `['=HYPERLINK("x") '+31 '@x -2 Moeder]` {
		t.Errorf("row %s", got)
	}
}

func TestExportParquet(t *testing.T) {
	dir := t.TempDir()
	code, out, stderr := klacht("export", "--parquet", dir)
	if code != exitOK || !strings.Contains(out, "by year") || !strings.Contains(out, "by partner, year") {
		t.Fatalf("exit %d\n%s%s", code, out, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "conversations", "year=2021")); err != nil {
		t.Errorf("no Hive partition: %v", err)
	}
	tables := query(t, fx.db, "select table_name from information_schema.tables where table_schema = 'main' and table_type = 'BASE TABLE' order by 1")
	for _, name := range strings.Split(strings.TrimSpace(tables), "\n")[1:] {
		t.Run(name, func(t *testing.T) {
			got := query(t, fx.db, fmt.Sprintf(`select (select count(*) from %q) as warehouse,
				(select count(*) from read_parquet('%s/%s/**/*.parquet', hive_partitioning = true, union_by_name = true)) as parquet`, name, dir, name))
			lines := strings.Split(strings.TrimSpace(got), "\n")
			if parts := strings.Split(lines[1], ","); parts[0] != parts[1] {
				t.Errorf("%s: %s rows in the warehouse, %s in Parquet", name, parts[0], parts[1])
			}
		})
	}
}
