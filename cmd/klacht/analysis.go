package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/svmn/klacht/config"
	"github.com/svmn/klacht/load"
	"github.com/svmn/klacht/publish"
	"github.com/svmn/klacht/reports"
)

// analysis is what the annual analysis of a year is made of: the reviewed
// plan and words (config/data/report_*.csv, publication_texts.csv), and
// the facts of the warehouse its texts speak of.
type analysis struct {
	year, first int    // the year reported, and the first the warehouse holds
	date        string // of the warehouse's last run, in Dutch
	texts       map[string]string
	rt          config.ReportTexts
	rule        publish.Rule // for the numbers of sentences; none unless publishing
}

// document builds the annual analysis of year, in the order and with the
// words of report_plan.csv: per table its report's rows of the year, the
// sentences written from the data, the chart, and the partner tables as
// printed; then, for publication, protects them all together.
func (a *app) document(ctx context.Context, w io.Writer, year int, publishing bool) (*publish.Document, []publish.Audit, error) {
	an, err := a.analysisOf(ctx, year, publishing)
	if err != nil {
		return nil, nil, err
	}
	doc := &publish.Document{Title: an.fill(an.texts["title"]), Labels: an.texts,
		Intro: []string{an.fill(an.texts["subtitle"]), an.fill(an.texts["colophon"])}}
	for _, row := range an.rt.Plan.Records() {
		tables, err := a.planned(ctx, an, row)
		if err != nil {
			return nil, nil, err
		}
		title := row["section"] + ". " + row["section_title"]
		if n := len(doc.Sections); n == 0 || doc.Sections[n-1].Title != title {
			doc.Sections = append(doc.Sections, publish.Section{Title: title})
		}
		s := &doc.Sections[len(doc.Sections)-1]
		s.Tables = append(s.Tables, tables...)
	}
	for _, s := range doc.Sections {
		for _, t := range s.Tables {
			an.dutch(t)
		}
	}
	if !publishing {
		return doc, nil, nil
	}
	audits, err := a.protectDocument(w, doc)
	return doc, audits, err
}

// analysisOf reads the words of the analysis and the facts its texts need.
func (a *app) analysisOf(ctx context.Context, year int, publishing bool) (*analysis, error) {
	texts, err := config.PublicationTexts(a.cfg.DataDir)
	if err != nil {
		return nil, usageError{err}
	}
	rt, err := config.LoadReportTexts(a.cfg.DataDir)
	if err != nil {
		return nil, usageError{err}
	}
	an := &analysis{year: year, texts: texts, rt: rt}
	res, err := load.Query(ctx, a.cfg.DB, "select min(year), (select max(finished_at) from runs) from conversations", nil)
	if err != nil {
		return nil, err
	}
	if y, ok := publish.Number(res.Rows[0][0]); ok {
		an.first = int(y)
	}
	if t, ok := res.Rows[0][1].(time.Time); ok {
		an.date = dutchDate(t)
	}
	if publishing {
		if an.rule, err = a.rule(); err != nil {
			return nil, err
		}
	}
	return an, nil
}

var dutchMonths = []string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}

func dutchDate(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), dutchMonths[t.Month()-1], t.Year())
}

// fill puts the year reported ({year}), the first year ({first}) and the
// date of the data ({date}) into a text.
func (an *analysis) fill(s string) string {
	return strings.NewReplacer("{year}", fmt.Sprint(an.year), "{first}", fmt.Sprint(an.first), "{date}", an.date).Replace(s)
}

// planned makes the tables of one row of the plan: a report's, or the
// tables of a partner's report of the year as printed.
func (a *app) planned(ctx context.Context, an *analysis, row map[string]string) ([]*publish.Table, error) {
	if partner, ok := strings.CutPrefix(row["report"], "partner:"); ok {
		return a.partnerTables(ctx, an, partner, strings.Fields(strings.TrimPrefix(row["filter"], "exclude")))
	}
	text, err := reports.SQL(row["report"])
	if err != nil {
		return nil, err
	}
	h := reports.ParseHeader(text)
	t := &publish.Table{Name: row["report"], Title: an.fill(row["title"]), Short: row["sheet"], Question: an.fill(row["question"]), Denominator: an.fill(row["note"]),
		Counts: h.Counts, Fixed: h.FixedValues(), Margins: h.MarginGroupings(), Derived: h.DerivedColumns(), ChartOnly: row["chart_only"] == "yes"}
	if row["chart"] != "" {
		t.Chart = &publish.Chart{Kind: row["chart"], X: row["chart_x"], Series: row["chart_series"], Value: row["chart_value"],
			Split: row["chart_split"], Fallback: "organisation", Title: an.fill(row["chart_title"]), YLabel: row["chart_y"]}
	}
	q := fmt.Sprintf("select * from (%s\n) where %s", strings.TrimRight(strings.TrimSpace(text), ";"), row["filter"])
	res, err := load.Query(ctx, a.cfg.DB, q, map[string]any{"year": int64(an.year)})
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", row["report"], err)
	}
	t.Columns, t.Rows = res.Columns, res.Rows
	if t.Sentences, err = a.sentences(ctx, an, row["sentences"]); err != nil {
		return nil, err
	}
	t.Hidden = strings.Fields(row["hide"])
	return []*publish.Table{t}, nil
}

// sentences writes what the analysis says of a table, each from its query
// on the warehouse for the year (report_sentences.csv); a sentence whose
// figures the year lacks is left out.
func (a *app) sentences(ctx context.Context, an *analysis, keys string) ([]string, error) {
	var out []string
	for _, key := range strings.Split(keys, ";") {
		if key = strings.TrimSpace(key); key == "" {
			continue
		}
		var spec map[string]string
		for _, r := range an.rt.Sentences.Records() {
			if r["key"] == key {
				spec = r
			}
		}
		if spec == nil {
			return nil, usageError{fmt.Errorf("report_plan.csv names the sentence %q, which report_sentences.csv lacks", key)}
		}
		res, err := load.Query(ctx, a.cfg.DB, spec["sql"], map[string]any{"year": int64(an.year)})
		if err != nil {
			return nil, fmt.Errorf("sentence %s: %w", key, err)
		}
		if len(res.Rows) == 0 {
			continue
		}
		if s, ok := publish.Sentence(spec["text"], res.Columns, res.Rows[0], an.rule); ok {
			out = append(out, s)
		}
	}
	return out, nil
}

// dutch gives a table the headings and units of report_columns.csv, and
// its coded values the words of report_values.csv.
func (an *analysis) dutch(t *publish.Table) {
	type key struct{ report, column string }
	headings, units := map[key]string{}, map[key]string{}
	for _, r := range an.rt.Columns.Records() {
		k := key{r["report"], r["column"]}
		headings[k], units[k] = r["heading"], r["unit"]
	}
	words := map[[2]string]string{}
	for _, r := range an.rt.Values.Records() {
		words[[2]string{r["column"], r["value"]}] = r["text"]
	}
	for j, c := range t.Columns {
		k := key{t.Name, c}
		if _, ok := headings[k]; !ok {
			k.report = "" // the column's words for every report
		}
		if j >= len(t.Headings) {
			t.Headings = append(t.Headings, "")
			t.Units = append(t.Units, units[k])
		}
		if t.Headings[j] == "" {
			t.Headings[j] = headings[k]
		}
	}
	for _, row := range t.Rows {
		for j, v := range row {
			if _, isNumber := publish.Number(v); isNumber {
				continue
			}
			if w, ok := words[[2]string{t.Columns[j], publish.Text(v)}]; ok {
				row[j] = w
			}
		}
	}
}
