package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/svmn/klacht/config"
	"github.com/svmn/klacht/publish"
)

// rule is the disclosure rule of the settings, with the texts that explain
// its marks.
func (a *app) rule() (publish.Rule, error) {
	texts, err := config.PublicationTexts(a.cfg.DataDir)
	if err != nil {
		return publish.Rule{}, usageError{err}
	}
	return publish.Rule{Below: a.cfg.SuppressBelow, Zeros: a.cfg.SuppressZeros, Texts: texts}, nil
}

// protect makes tables fit to publish, together, and warns on w of every
// small count that its margins alone give away, which no hiding can help.
func (a *app) protect(w io.Writer, tables []*publish.Table) ([]publish.Audit, publish.Rule, error) {
	r, err := a.rule()
	if err != nil {
		return nil, r, err
	}
	audits, err := publish.Protect(tables, r)
	if err != nil {
		return nil, r, fmt.Errorf("protect for publication: %w", err)
	}
	for _, au := range audits {
		if narrowed := au.Narrowed(r); len(narrowed) > 0 {
			fmt.Fprintf(w, "klacht: warning: %s: %d small counts (rows %s) can be narrowed down beyond their mark from the table's margins alone (its totals over any of its dimensions), whatever is hidden; publish it only where those totals are not published, or coarser ('klacht check --publish' lists them)\n",
				au.Table, len(narrowed), rowList(narrowed))
		}
	}
	return audits, r, nil
}

// rowList names the rows of intervals: "1, 2, 5".
func rowList(ivs []publish.Interval) string {
	var rows []string
	for _, iv := range ivs {
		if r := fmt.Sprint(iv.Row); !slices.Contains(rows, r) {
			rows = append(rows, r)
		}
	}
	return strings.Join(rows, ", ")
}

// writeNotes writes the footnotes of a protected table after it: on out
// for a table or markdown, on errOut for csv and json, which stay data.
func writeNotes(out, errOut io.Writer, format string, notes []string) error {
	w := out
	if format == "csv" || format == "json" {
		w = errOut
	}
	sep := "\n"
	if format == "markdown" {
		sep = "\n\n" // a paragraph each
	}
	if w == out {
		fmt.Fprintln(w)
	}
	for _, n := range notes {
		if _, err := fmt.Fprint(w, n+sep); err != nil {
			return err
		}
	}
	return nil
}
