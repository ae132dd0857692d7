package main

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
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

// Publication on real output: the complainants of 2021 mark each small
// count <5 and nothing else so, hide one more cell as x so that Familie/
// Pleegouders' 4 cannot be had from its column, explain both marks, and the
// report in every format prints the same marks and footnotes.
func TestPublish(t *testing.T) {
	code, out, stderr := klacht("query", "svmn_klagers_2021", "--publish", "--format", "csv")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	_, plain, _ := klacht("query", "svmn_klagers_2021", "--format", "csv")
	pub, raw := parseCSV(t, out), parseCSV(t, plain)
	marks := map[string]int{}
	for i, r := range pub[1:] {
		v, err := strconv.Atoi(raw[i+1][2])
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case r[2] == "<5" && (v >= 5 || v == 0), r[2] != "<5" && v > 0 && v < 5:
			t.Errorf("%v prints as %q", raw[i+1], r[2])
		case r[2] == "x" && v < 5:
			t.Errorf("the small count %v prints as x", raw[i+1])
		}
		marks[r[2]]++
	}
	if marks["<5"] != 5 || marks["x"] != 1 || !slices.ContainsFunc(pub, func(r []string) bool { return strings.Join(r, "|") == "SAVE Jeugdbescherming|Familie/Pleegouders|x" }) {
		t.Errorf("marks %v:\n%s", marks, out)
	}
	for _, want := range []string{"een aantal onder 5 is verborgen", "<5: een aantal van 1 tot en met 4", "x: verborgen zodat een klein aantal elders niet terug te rekenen is"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("csv: the footnote %q is not on standard error:\n%s", want, stderr)
		}
	}
	if _, table, _ := klacht("query", "svmn_klagers_2021", "--publish"); !strings.HasSuffix(strings.TrimSpace(table), "x: verborgen zodat een klein aantal elders niet terug te rekenen is.") {
		t.Errorf("the table's footnotes do not follow it:\n%s", table)
	}

	dir := t.TempDir()
	report := map[string]string{}
	for _, format := range []string{"md", "html", "xlsx"} {
		path := filepath.Join(dir, "report."+format)
		if code, _, stderr := klacht("report", "--year", "2021", "--publish", "--format", format, "--out", path); code != exitOK {
			t.Fatalf("%s: exit %d: %s", format, code, stderr)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		report[format] = string(b)
	}
	md := report["md"]
	for _, want := range []string{"| 2021 | SAVE Jeugdbescherming | Familie/Pleegouders | x | x |", "| 2021 | Veilig Thuis Utrecht | Familie/Pleegouders | <5 | <5 |",
		"x: verborgen zodat een klein aantal elders niet terug te rekenen is.", "De grafiek laat verborgen cellen weg"} {
		if !strings.Contains(md, want) {
			t.Errorf("md lacks %q", want)
		}
	}
	if strings.Contains(md, "| SAVE Jeugdbescherming | Beide ouders | 3 |") || strings.Count(md, "Kleine aantallen zijn beschermd") < 10 {
		t.Error("md: a small count shows, or a table lacks the rule")
	}
	if h := report["html"]; !strings.Contains(h, `<td class="n">x</td>`) || !strings.Contains(h, `<td class="n">&lt;5</td>`) ||
		!strings.Contains(h, `<p class="note">x: verborgen zodat een klein aantal elders niet terug te rekenen is.</p>`) {
		t.Error("html: the marks or their footnote are missing")
	}
	f, err := excelize.OpenReader(strings.NewReader(report["xlsx"]))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := ""
	for _, s := range f.GetSheetList() {
		if strings.Contains(s, "Klagers") {
			sheet = s
		}
	}
	rows, _ := f.GetRows(sheet)
	var cells []string
	for _, r := range rows {
		cells = append(cells, strings.Join(r, "|"))
	}
	all := strings.Join(cells, "\n")
	if !strings.Contains(all, "2021|SAVE Jeugdbescherming|Familie/Pleegouders|x|x") || !strings.Contains(all, "x: verborgen zodat") {
		t.Errorf("xlsx sheet %q:\n%s", sheet, all)
	}
}

// The audit of the published report: per table what was hidden, and per
// small cell its interval, each as wide as the threshold or as the mark.
func TestAuditPublication(t *testing.T) {
	code, out, stderr := klacht("check", "--publish", "--year", "2021", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var audit struct {
		Disclosure []map[string]any `json:"disclosure"`
		Intervals  []map[string]any `json:"intervals"`
	}
	if err := json.Unmarshal([]byte(out), &audit); err != nil {
		t.Fatal(err)
	}
	var klagers map[string]any
	for _, d := range audit.Disclosure {
		if d["table"] == "svmn_klagers_harmonised" {
			klagers = d
		}
	}
	if klagers == nil || klagers["primary"] != 5.0 || klagers["secondary"] != 1.0 || klagers["hidden_share"] != 13.9 || klagers["narrowest"] != 4.0 {
		t.Errorf("svmn_klagers_harmonised: %v", klagers)
	}
	if len(audit.Intervals) < 5 {
		t.Fatalf("%d intervals", len(audit.Intervals))
	}
	for _, iv := range audit.Intervals {
		w, _ := iv["width"].(float64)
		if iv["width"] != nil && w < 5 && iv["protection"] == "protected" {
			t.Errorf("an interval of width %v is called protected: %v", w, iv)
		}
		if _, hasValue := iv["value"]; hasValue {
			t.Error("the audit prints the small counts themselves")
		}
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
