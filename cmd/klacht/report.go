package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/svmn/klacht/load"
	"github.com/svmn/klacht/publish"
	"github.com/svmn/klacht/reports"
)

// planned is one table of the annual analysis: a report and the rows of it
// that speak to the year.
type planned struct {
	title, report, where string
	chart                *publish.Chart
}

// section is a chapter of the analysis; the tables of its partner (akj,
// kjmn) for the year follow its planned ones.
type section struct {
	title, partner string
	tables         []planned
}

// analysis is the table set of the annual analysis of a year, in its order:
// §1 internal complaint conversations, §2 AKJ, §3 KJMN, §4 reconciliation.
func analysis(year int) []section {
	y := fmt.Sprint(year)
	return []section{
		{"1. Interne klachtafhandeling", "", []planned{
			{"Aantal klachtgesprekken per organisatie en regio (regio's geharmoniseerd), tot en met " + y, "svmn_klachtgesprekken_harmonised", "year <= $year",
				&publish.Chart{Kind: "line", X: "year", Series: "region", Value: "count", Fallback: "organisation"}},
			{"Aantal klachtgesprekken " + y + " per regio, zoals geregistreerd", "svmn_klachtgesprekken", "year = $year", nil},
			{"Klagers " + y, "svmn_klagers_harmonised", "year = $year", &publish.Chart{Kind: "bar", X: "complainant", Series: "organisation", Value: "count"}},
			{"Ondersteuning door het AKJ, tot en met " + y, "svmn_akj_ondersteuning", "year <= $year", nil},
			{"Aard van de klachten " + y + " in de AKJ-categorieën", "svmn_categories_harmonised", "year = $year",
				&publish.Chart{Kind: "bar", X: "akj_category", Series: "organisation", Value: "share_of_mentions"}},
			{"Vergelijkbaarheid van de categorieën van " + y + " met eerdere jaren", "svmn_category_comparability", "second_year = $year", nil},
			{"Verslag van het klachtgesprek binnen 14 dagen, " + y, "svmn_verslag_binnen_14_dagen", "year = $year", nil},
		}},
		{"2. Vertrouwenswerk door het AKJ", "akj", []planned{
			{"Percentages van het AKJ herberekend uit de aantallen, " + y, "partner_percentages", "partner = 'akj' and year = $year", nil},
		}},
		{"3. Klachtencommissie Jeugd Midden-Nederland (KJMN)", "kjmn", []planned{
			{"Hoorzittingen KJMN, tot en met " + y, "kjmn_hoorzittingen", "year <= $year", &publish.Chart{Kind: "line", X: "year", Value: "count"}},
		}},
		{"4. Aansluiting: gedrukte totalen tegen hun delen", "", []planned{
			{"Gedrukte totalen van de analyse tegen de registraties, " + y, "reconciliation", "year = $year", nil},
			{"Totalen en subtotalen van de partnertabellen, " + y, "partner_totals", "year = $year", nil},
			{"Percentages van de partnertabellen die niet kloppen, " + y, "partner_percentages", "year = $year and status = 'differs'", nil},
		}},
	}
}

func (a *app) reportCmd() *cobra.Command {
	var (
		year        int
		format, out string
		publishFlag bool
	)
	cmd := &cobra.Command{
		Use:   "report --year N [--format md|html|xlsx] [--out FILE] [--publish]",
		Short: "Write the annual analysis of a year: every table that speaks to it, with the trends",
		Long: `Report writes the table set of the annual analysis of a year, ordered like
the published analysis (1 internal complaint conversations, 2 AKJ, 3 KJMN,
4 reconciliation), each table with its question and denominator.

  md    for quick review
  html  one self-contained page with SVG charts (trend per region, categories)
  xlsx  a contents sheet and a formatted sheet per table, with Excel charts

--publish suppresses small cells for publication (see klacht query --help).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if year < 1990 || year > 2099 {
				return usageError{fmt.Errorf("--year %d: want the year of the analysis, such as 2021", year)}
			}
			if !cmd.Flags().Changed("format") && out != "" {
				format = formatOf(out) // the format follows the file's extension
			}
			render := map[string]func(io.Writer, *publish.Document) error{"md": publish.Markdown, "html": publish.HTML, "xlsx": publish.XLSX}[format]
			if render == nil {
				return usageError{fmt.Errorf("--format %q: want md, html or xlsx", format)}
			}
			if format == "xlsx" && out == "" && isTerminal(cmd.OutOrStdout()) {
				return usageError{fmt.Errorf("--format xlsx writes a workbook, not text: give --out FILE.xlsx, or send standard output to a file")}
			}
			if err := a.checkYear(cmd.Context(), year); err != nil {
				return err
			}
			doc, _, err := a.document(cmd.Context(), cmd.ErrOrStderr(), year, publishFlag)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if out != "" {
				f, err := os.Create(out)
				if err != nil {
					return err
				}
				defer f.Close()
				w = f
			}
			if err := render(w, doc); err != nil {
				return fmt.Errorf("write report: %w", err)
			}
			if out != "" {
				fmt.Fprintf(cmd.ErrOrStderr(), "klacht: report %d written to %s\n", year, out)
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&year, "year", 0, "the year of the analysis")
	cmd.Flags().StringVar(&format, "format", "md", "md, html or xlsx (default: by the extension of --out, else md)")
	cmd.Flags().StringVar(&out, "out", "", "file to write (default: standard output; not for xlsx on a terminal)")
	cmd.Flags().BoolVar(&publishFlag, "publish", false, "suppress small cells for publication")
	return cmd
}

// formatOf is the report format a file's extension asks for: html, xlsx,
// or md.
func formatOf(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm":
		return "html"
	case ".xlsx":
		return "xlsx"
	}
	return "md"
}

// isTerminal reports whether w is a terminal, which a binary format would
// fill with noise.
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// checkYear refuses a report of a year the warehouse holds no conversations
// of, naming the years it does hold.
func (a *app) checkYear(ctx context.Context, year int) error {
	res, err := load.Query(ctx, a.cfg.DB, "select year from conversations group by year order by year", nil)
	if err != nil {
		return err
	}
	var years []string
	for _, r := range res.Rows {
		y := publish.Text(r[0])
		if y == strconv.Itoa(year) {
			return nil
		}
		years = append(years, y)
	}
	return fmt.Errorf("the warehouse %s holds no conversations of %d (it holds %s): import the registers of %d first, or choose another --year",
		a.cfg.DB, year, strings.Join(years, ", "), year)
}

// document runs the reports of the analysis of year.
func (a *app) document(ctx context.Context, w io.Writer, year int, publishing bool) (*publish.Document, []publish.Audit, error) {
	doc := &publish.Document{Title: fmt.Sprintf("Klachtenanalyse %d", year),
		Intro: []string{fmt.Sprintf("Samen Veilig Midden-Nederland: SAVE Jeugdbescherming en Veilig Thuis Utrecht. Made by klacht from the warehouse %s.", a.cfg.DB)}}
	partnerTables, err := load.Query(ctx, a.cfg.DB, "select distinct partner, table_name from partner_cells where year = $year order by all", map[string]any{"year": int64(year)})
	if err != nil {
		return nil, nil, err
	}
	for _, sec := range analysis(year) {
		s := publish.Section{Title: sec.title}
		plan := sec.tables
		for _, r := range partnerTables.Rows {
			if partner := sec.partner; partner != "" && r[0] == partner {
				table := r[1].(string)
				plan = append(plan, planned{title: fmt.Sprintf("%s %d: tabel %s", strings.ToUpper(partner), year, table),
					report: fmt.Sprintf("partner_%s_%d_%s", partner, year, table)})
			}
		}
		for _, p := range plan {
			t, err := a.table(ctx, year, p)
			if err != nil {
				return nil, nil, err
			}
			s.Tables = append(s.Tables, t)
		}
		doc.Sections = append(doc.Sections, s)
	}
	if !publishing {
		return doc, nil, nil
	}
	audits, err := a.protectDocument(w, doc)
	return doc, audits, err
}

// protectDocument protects every table of the document together, so that
// a figure hidden in one is hidden in all, and states the rule up front.
func (a *app) protectDocument(w io.Writer, doc *publish.Document) ([]publish.Audit, error) {
	var tables []*publish.Table
	for _, s := range doc.Sections {
		tables = append(tables, s.Tables...)
	}
	audits, r, err := a.protect(w, tables)
	if err != nil {
		return nil, err
	}
	doc.Intro = append(doc.Intro, r.Statement())
	return audits, nil
}

// table runs one planned table: a report filtered to the year, or a partner
// table's view.
func (a *app) table(ctx context.Context, year int, p planned) (*publish.Table, error) {
	t := &publish.Table{Name: p.report, Title: p.title, Chart: p.chart}
	var q string
	if strings.HasPrefix(p.report, "partner_") && p.where == "" {
		parts := strings.SplitN(p.report, "_", 4)
		q = fmt.Sprintf("select * from %q", p.report)
		t.Question = fmt.Sprintf("what the %s report of %s prints in its table %s, as printed", strings.ToUpper(parts[1]), parts[2], parts[3])
		t.Denominator = "percentages as printed; report partner_percentages recomputes them"
	} else {
		text, err := reports.SQL(p.report)
		if err != nil {
			return nil, err
		}
		m := reports.ParseHeader(text)
		t.Question, t.Denominator = m.Question, m.Denominator
		t.Counts, t.Fixed, t.Margins, t.Derived = m.Counts, m.FixedValues(), m.MarginGroupings(), m.DerivedColumns()
		q = fmt.Sprintf("select * from (%s\n) where %s", strings.TrimRight(strings.TrimSpace(text), ";"), p.where)
	}
	res, err := load.Query(ctx, a.cfg.DB, q, map[string]any{"year": int64(year)})
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", p.report, err)
	}
	t.Columns, t.Rows = res.Columns, res.Rows
	return t, nil
}
