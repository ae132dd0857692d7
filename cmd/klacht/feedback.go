package main

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/svmn/klacht/config"
	"github.com/svmn/klacht/keeper"
	"github.com/svmn/klacht/load"
	"github.com/svmn/klacht/pipeline"
	"github.com/svmn/klacht/publish"
	"github.com/svmn/klacht/reports"
)

func (a *app) feedbackCmd() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "feedback [--out DIR]",
		Short: "Write each register keeper the problems of their register, cell by cell",
		Long: `Feedback writes, for each register file with problems in the warehouse, one
workbook for its keeper, named after the register ("Terugkoppeling
Klachtenregistratie 2021 Eemland.xlsx"), in Dutch:

  Samenvatting  rows read and loaded, problems per 100 rows, the columns
                the form expects that the register lacks, columns klacht
                does not know, reports sent within 14 days (the figures of
                klacht query register_health)
  Problemen     every problem: sheet, cell (a link that opens the register
                there), the value as typed, what is wrong and what to do,
                the closest values of that year's list (offered, never
                applied), and whether the row counts meanwhile

Nothing of a personal-data column is ever written. The links point at the
register in the input folder (--input, or the config's input) from DIR.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			n, err := a.feedback(cmd.Context(), out, func(path string, problems int) {
				noun := "problems"
				if problems == 1 {
					noun = "problem"
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s: %d %s\n", path, problems, noun)
			})
			if err == nil {
				fmt.Fprintf(cmd.ErrOrStderr(), "klacht: feedback for %d registers written to %s\n", n, out)
			}
			return err
		},
	}
	cmd.Flags().StringVar(&out, "out", "feedback", "the folder to write the workbooks to")
	cmd.Flags().String("input", "", "the input folder the registers are in, for the links (default: the config's input)")
	return cmd
}

// feedback writes a workbook per register with problems into dir and tells
// written of each; it returns how many it wrote.
func (a *app) feedback(ctx context.Context, dir string, written func(path string, problems int)) (int, error) {
	data, err := config.LoadData(a.cfg.DataDir)
	if err != nil {
		return 0, usageError{err}
	}
	texts, err := config.RegisterTexts(a.cfg.DataDir)
	if err != nil {
		return 0, usageError{err}
	}
	health, problems, date, err := a.registerState(ctx)
	if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	files := slices.Sorted(maps.Keys(problems))
	for _, file := range files {
		fb := keeper.Feedback{Texts: texts, Link: registerLink(dir, a.cfg.Input, file),
			Title: strings.ReplaceAll(texts["fb_title"], "{file}", file), Intro: strings.ReplaceAll(texts["fb_intro"], "{date}", date)}
		fb.Summary = summaryOf(texts, file, health[file])
		for _, r := range problems[file] {
			fb.Problems = append(fb.Problems, problemOf(data, texts, r, organisationOf(health[file])))
		}
		path := filepath.Join(dir, feedbackName(file))
		var b bytes.Buffer
		if err := keeper.FeedbackWorkbook(&b, fb); err != nil {
			return 0, fmt.Errorf("feedback on %s: %w", file, err)
		}
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			return 0, err
		}
		written(path, len(fb.Problems))
	}
	return len(files), nil
}

// registerState reads the warehouse's registers: the rows of the report
// register_health per file, the rejects of each file it lists in the
// register's order, and the date of the last run in Dutch.
func (a *app) registerState(ctx context.Context) (health, problems map[string][]map[string]any, date string, err error) {
	q, err := reports.SQL("register_health")
	if err != nil {
		return nil, nil, "", err
	}
	res, err := load.Query(ctx, a.cfg.DB, q, nil)
	if err != nil {
		return nil, nil, "", err
	}
	health = byFile(res)
	res, err = load.Query(ctx, a.cfg.DB, `select source_file, year, sheet, cell, source_row, field, raw_value, reason, row_rejected
		from main.rejects order by source_file, sheet nulls first, source_row nulls first, len(cell), cell`, nil)
	if err != nil {
		return nil, nil, "", err
	}
	problems = byFile(res)
	for file := range problems { // a partner file's: register_health knows the registers
		if _, ok := health[file]; !ok {
			delete(problems, file)
		}
	}
	res, err = load.Query(ctx, a.cfg.DB, "select max(finished_at) from runs", nil)
	if err != nil {
		return nil, nil, "", err
	}
	if t, ok := res.Rows[0][0].(time.Time); ok {
		date = dutchDate(t)
	}
	return health, problems, date, nil
}

// byFile groups a result's rows, as records, by their source_file.
func byFile(res *load.Result) map[string][]map[string]any {
	out := map[string][]map[string]any{}
	for _, row := range res.Rows {
		r := map[string]any{}
		for i, c := range res.Columns {
			r[c] = row[i]
		}
		f := publish.Text(r["source_file"])
		out[f] = append(out[f], r)
	}
	return out
}

// organisationOf is the organisation of a register's conversations.
func organisationOf(health []map[string]any) string {
	for _, h := range health {
		if o := publish.Text(h["organisation"]); o != "" {
			return o
		}
	}
	return ""
}

// summaryOf are the facts of a register: its name, and the figures of
// register_health for each register year it holds; for a file klacht could
// not read, that it could not.
func summaryOf(texts map[string]string, file string, health []map[string]any) []keeper.Fact {
	facts := []keeper.Fact{{Label: texts["fb_register"], Values: []any{file}}}
	if !slices.ContainsFunc(health, func(h map[string]any) bool { return h["header_found"] == true }) {
		return append(facts, keeper.Fact{Label: texts["fb_read"], Values: []any{texts["fb_not_read"]}})
	}
	unknown := map[string]string{"year": texts["fb_unknown_year"], "within_14_days_pct": texts["fb_no_dates"]} // unknown, not none
	for _, f := range []struct {
		key, column string
	}{
		{"fb_year", "year"}, {"fb_rows_read", "rows_read"}, {"fb_rows_loaded", "rows_loaded"}, {"fb_problems", "problems"},
		{"fb_per_100", "problems_per_100"}, {"fb_missing", "missing_columns"}, {"fb_unknown", "unknown_columns"}, {"fb_within_14", "within_14_days_pct"},
	} {
		fact := keeper.Fact{Label: texts[f.key]}
		for _, h := range health {
			v := h[f.column]
			if text, ok := unknown[f.column]; ok && v == nil {
				v = text
			}
			fact.Values = append(fact.Values, v)
		}
		facts = append(facts, fact)
	}
	return facts
}

// problemOf is a reject as its keeper reads it: in Dutch, with the closest
// values of the year's list.
func problemOf(data config.Data, texts map[string]string, r map[string]any, organisation string) keeper.Problem {
	year, _ := publish.Number(r["year"])
	field := publish.Text(r["field"])
	p := keeper.Problem{Sheet: publish.Text(r["sheet"]), Cell: publish.Text(r["cell"]), Value: publish.Text(r["raw_value"])}
	if n, ok := publish.Number(r["source_row"]); ok {
		p.Row = int(n)
	}
	reason := publish.Text(r["reason"])
	switch {
	case p.Sheet == "":
		p.Counts = texts["fb_counts_file"]
	case p.Cell == "" && p.Row == 0:
		p.Counts = texts["fb_counts_sheet"]
	case r["row_rejected"] == true:
		p.Counts = texts["fb_counts_no"]
	default:
		p.Counts = texts["counts:"+longestKey(texts, "counts:", reason)]
	}
	if slices.Contains(pipeline.IdentifyingFields, field) {
		p.Value = ""
	}
	lists := registerLists{data: data, texts: texts, year: int(year)}
	if field != "" {
		p.Column = lists.header(field)
	}
	p.What = explain(texts, reason, int(year))
	if p.Value != "" && year > 0 {
		p.Suggestion = strings.Join(keeper.Closest(p.Value, lists.fieldChoices(field, organisation)), ", ")
	}
	return p
}

// explain says a reject's reason in plain Dutch: the text of
// register_texts.csv whose key (reason:...) is the longest start of the
// reason; the catch-all (reason:) keeps the reason itself.
func explain(texts map[string]string, reason string, year int) string {
	best := longestKey(texts, "reason:", reason)
	text := strings.ReplaceAll(texts["reason:"+best], "{year}", fmt.Sprint(year))
	if best == "" {
		text += " " + reason
	}
	return text
}

// longestKey is the longest start of reason that, after family, is a key of
// texts ("" where none is: the family's catch-all).
func longestKey(texts map[string]string, family, reason string) string {
	best := ""
	for key := range texts {
		if prefix, ok := strings.CutPrefix(key, family); ok && strings.HasPrefix(reason, prefix) && len(prefix) > len(best) {
			best = prefix
		}
	}
	return best
}

// feedbackName is the workbook's name: after the register, its folders
// part of the name ("Terugkoppeling 2021 - Klachtenregistratie Eemland.xlsx").
func feedbackName(file string) string {
	base := strings.TrimSuffix(file, filepath.Ext(file))
	return "Terugkoppeling " + strings.ReplaceAll(filepath.ToSlash(base), "/", " - ") + ".xlsx"
}

// registerLink is the register as a link from dir: a relative path where
// one can be made, else the absolute one.
func registerLink(dir, input, file string) string {
	target, err := filepath.Abs(filepath.Join(input, file))
	if err != nil {
		return ""
	}
	from, err := filepath.Abs(dir)
	if err != nil {
		return filepath.ToSlash(target)
	}
	if rel, err := filepath.Rel(from, target); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(target)
}
