package main

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The annual report as the organisation publishes it, read as its readers
// would: in Dutch, its numbers the Dutch way, partner tables with units and
// rows as printed, charts, and a workbook that prints.
func TestReport(t *testing.T) {
	out := annualReport(t, "2021", false)
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
		if tables, questions := strings.Count(md, "\n### "), strings.Count(md, "*Vraag:*"); tables < 15 || questions != tables {
			t.Errorf("%d tables, %d with a question", tables, questions)
		}
	})
	t.Run("Dutch numbers, sentences from the data, partner tables as printed", func(t *testing.T) {
		for _, want := range []string{
			"| 2021 | SAVE Jeugdbescherming | Utrecht Zuidoost/West | 33 | -2 |",
			"| 2021 | Veilig Thuis Utrecht | 22 | 22 | 7 | 32% | 31,8% |",                        // whole and one-decimal percentages
			"Het aantal klachtgesprekken steeg van 168 in 2020 naar 174 in 2021 (+4%).",          // the published totals of 2020 and 2021
			"In 2021 werd de klager bij 72 van de 174 klachtgesprekken ondersteund door het AKJ", // 72: published AKJ support of 2021
			"| Omschrijving | Veilig Thuis Utrecht (aantal) | Veilig Thuis Utrecht (%) |",
			"| \u2003Gesprek leidinggevende | 25 | 50% |", // a detail row indented under its section, in printed order
			"| Totaal | 149 |", // the printed total row, labelled
			"| Geen AKJ-categorie |",
		} {
			if !strings.Contains(out["md"], want) {
				t.Errorf("md lacks %q", want)
			}
		}
		if i, j := strings.Index(out["md"], "| Informeel |"), strings.Index(out["md"], "| Formeel |"); i < 0 || j < i {
			t.Error("the AKJ handling table is not in printed order (Informeel before Formeel)")
		}
	})
	t.Run("html: self-contained, Dutch, charts, printable", func(t *testing.T) {
		h := out["html"]
		if n := strings.Count(h, "<svg "); n < 6 {
			t.Errorf("%d charts", n)
		}
		if regexp.MustCompile(`(?i)<(script|link|img|iframe)|src=|url\(|href="http`).MatchString(h) {
			t.Error("the page loads something from elsewhere")
		}
		if !strings.Contains(h, "<title>Klachtenanalyse 2021</title>") || !strings.Contains(h, `<html lang="nl">`) {
			t.Error("title or language missing")
		}
		text := visibleText(h)
		for _, english := range []string{"Question", "Denominator", "Source", "Made by", "total", "year", "organisation", "region",
			"count", "percent", "share_of_mentions", "with_akj", "Contents", "no rows", "Note", "page"} {
			if regexp.MustCompile(`\b` + english + `\b`).MatchString(text) {
				t.Errorf("the page says %q", english)
			}
		}
		if m := regexp.MustCompile(`\d\.\d+%`).FindString(text); m != "" {
			t.Errorf("a percentage the English way: %q", m)
		}
		for _, axis := range []string{">Aantal klachtgesprekken<", ">Aandeel van de vermeldingen (%)<", ">Jaar<", ">Geen AKJ-categorie<"} {
			if !strings.Contains(h, axis) {
				t.Errorf("no chart says %q", axis)
			}
		}
		for _, rule := range []string{"@page", "counter(page)", "break-inside: avoid", "display: table-header-group"} {
			if !strings.Contains(h, rule) {
				t.Errorf("the print stylesheet lacks %q", rule)
			}
		}
	})
	t.Run("xlsx: contents, short sheet names, numbers with formats, page setup, charts", func(t *testing.T) {
		checkWorkbook(t, out["xlsx"])
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

// The report of an earlier year speaks of that year only: no later year,
// no figure of the sample's last year in its text.
func TestReportOfEarlierYear(t *testing.T) {
	out := annualReport(t, "2019", false)
	for format, text := range map[string]string{"md": out["md"], "html": visibleText(out["html"])} {
		for _, later := range []string{"2021", "174", "151 van 152", "Utrecht West"} {
			if strings.Contains(text, later) {
				t.Errorf("%s of 2019 says %q", format, later)
			}
		}
	}
	if !strings.Contains(out["md"], "Het aantal klachtgesprekken daalde van 143 in 2018 naar 136 in 2019 (-5%).") {
		t.Error("md of 2019 lacks the trend of 2019")
	}
	if strings.Contains(out["md"], "zonder geregistreerde klager") {
		t.Error("md of 2019 speaks of missing complainants, though every one of 2019 is registered")
	}
}

// annualReport writes the annual report of year in md, html and xlsx.
func annualReport(t *testing.T, year string, publishing bool) map[string]string {
	t.Helper()
	dir := t.TempDir()
	out := map[string]string{}
	for _, format := range []string{"md", "html", "xlsx"} {
		path := filepath.Join(dir, "report."+format)
		args := []string{"report", "--year", year, "--out", path}
		if publishing {
			args = append(args, "--publish")
		}
		if code, _, stderr := klacht(args...); code != exitOK {
			t.Fatalf("%s: exit %d: %s", format, code, stderr)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		out[format] = string(b)
	}
	return out
}

// visibleText is what a reader of an html page sees: its text, the charts'
// included, without styles and tags.
func visibleText(h string) string {
	h = regexp.MustCompile(`(?s)<style>.*?</style>|<title>.*?</title>`).ReplaceAllString(h, " ")
	h = regexp.MustCompile(`<[^>]*>`).ReplaceAllString(h, " ")
	return html.UnescapeString(h)
}

// checkWorkbook reads the report's workbook as a reader would in Excel.
func checkWorkbook(t *testing.T, book string) {
	f, err := excelize.OpenReader(strings.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if sheets[0] != "Inhoud" || len(sheets) < 20 {
		t.Fatalf("sheets %q", sheets)
	}
	contents, _ := f.GetRows("Inhoud")
	titles := map[string]string{}
	for _, r := range contents {
		if len(r) == 2 {
			titles[r[0]] = r[1]
		}
	}
	for _, name := range sheets[1:] {
		number, short, _ := strings.Cut(name, " ")
		title, listed := titles[name]
		switch {
		case !listed:
			t.Errorf("sheet %q is not on the contents sheet", name)
		case utf8.RuneCountInString(name) > 31:
			t.Errorf("sheet name %q is too long", name)
		case strings.HasSuffix(short, ","):
			t.Errorf("sheet name %q is cut", name)
		case !regexp.MustCompile(`^\d+\.\d+$`).MatchString(number):
			t.Errorf("sheet %q is not numbered", name)
		}
		if a1, _ := f.GetCellValue(name, "A1"); short != "Grafiek" && a1 != title {
			t.Errorf("sheet %q: A1 is %q, not the title %q", name, a1, title)
		}
		layout, err := f.GetPageLayout(name)
		if err != nil || layout.Orientation == nil || *layout.Orientation != "landscape" || layout.FitToWidth == nil || *layout.FitToWidth != 1 {
			t.Errorf("sheet %q does not print landscape, fitted to the width: %+v %v", name, layout, err)
		}
	}
	sheet := sheets[1]
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze {
		t.Fatalf("panes %+v, %v", panes, err)
	}
	if head, _ := f.GetCellValue(sheet, fmt.Sprintf("A%d", panes.YSplit)); head != "Jaar" {
		t.Errorf("the frozen row %d is not the header row: A = %q", panes.YSplit, head)
	}
	if !slices.ContainsFunc(f.GetDefinedName(), func(d excelize.DefinedName) bool {
		return d.Name == "_xlnm.Print_Titles" && d.Scope == sheet && strings.Contains(d.RefersTo, fmt.Sprintf("$%d:$%d", panes.YSplit, panes.YSplit))
	}) {
		t.Errorf("the header row of %q does not repeat on printed pages: %v", sheet, f.GetDefinedName())
	}
	support := "1.4 AKJ-ondersteuning" // the name report_plan.csv gives it
	for _, c := range []struct{ sheet, header, format string }{
		{sheet, "Aantal", ""}, {support, "Percentage", `0"%"`}, {support, "Percentage van geregistreerd", `0.0"%"`},
	} {
		checkNumberCell(t, f, c.sheet, c.header, c.format)
	}
	zr, err := zip.NewReader(bytes.NewReader([]byte(book)), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	charts := 0
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			charts++
		}
	}
	if charts < 6 {
		t.Errorf("%d native charts", charts)
	}
}

// checkNumberCell finds the column headed header on a sheet and checks that
// its first value is a number with the format given ("" any).
func checkNumberCell(t *testing.T, f *excelize.File, sheet, header, format string) {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Errorf("sheet %q: %v", sheet, err)
		return
	}
	for i, r := range rows {
		j := slices.Index(r, header)
		if j < 0 {
			continue
		}
		ref, _ := excelize.CoordinatesToCellName(j+1, i+2)
		if typ, _ := f.GetCellType(sheet, ref); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("%s!%s (%s) is not a number: type %v", sheet, ref, header, typ)
		}
		raw, _ := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
		if _, err := strconv.ParseFloat(raw, 64); err != nil {
			t.Errorf("%s!%s (%s) is %q", sheet, ref, header, raw)
		}
		if format == "" {
			return
		}
		id, _ := f.GetCellStyle(sheet, ref)
		style, err := f.GetStyle(id)
		if err != nil || style.CustomNumFmt == nil || *style.CustomNumFmt != format {
			t.Errorf("%s!%s (%s): format %v, want %s", sheet, ref, header, style.CustomNumFmt, format)
		}
		return
	}
	t.Errorf("sheet %q has no column %q", sheet, header)
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

	report := annualReport(t, "2021", true)
	md := report["md"]
	for _, want := range []string{"| SAVE Jeugdbescherming | Familie/Pleegouders | x | x |", "| Veilig Thuis Utrecht | Familie/Pleegouders | <5 | <5 |",
		"x: verborgen zodat een klein aantal elders niet terug te rekenen is.", "De grafiek laat verborgen cellen weg",
		"Klachtgesprekken zonder geregistreerde klager staan niet in de tabel: in 2021 <5 van de 174."} { // the sentence protected as its table
		if !strings.Contains(md, want) {
			t.Errorf("md lacks %q", want)
		}
	}
	if strings.Contains(md, "| SAVE Jeugdbescherming | Beide ouders | 3 |") || strings.Count(md, "Kleine aantallen zijn beschermd") < 10 {
		t.Error("md: a small count shows, or a table lacks the rule")
	}
	if h := report["html"]; !strings.Contains(h, "Geen grafiek: elke waarde ervan is een klein aantal") { // the months of a region: all small
		t.Error("html: the monthly charts are left out without a word")
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
	if !strings.Contains(all, "SAVE Jeugdbescherming|Familie/Pleegouders|x|x") || !strings.Contains(all, "x: verborgen zodat") {
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
