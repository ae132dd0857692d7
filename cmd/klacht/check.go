package main

import (
	"fmt"
	"math"

	"github.com/spf13/cobra"

	"github.com/svmn/klacht/load"
	"github.com/svmn/klacht/publish"
	"github.com/svmn/klacht/reports"
)

// checkReports are the reports 'klacht check' prints.
var checkReports = []string{"reconciliation", "partner_totals", "partner_percentages", "partner_overlaps"}

func (a *app) checkCmd() *cobra.Command {
	var (
		format      string
		publishFlag bool
		year        int
	)
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Reconcile the printed totals with the warehouse; with --publish, audit the protection of small counts",
		Long: `Check prints four reports; differences are findings, not failures.

  reconciliation       every printed total of the published analysis that the
                       registers speak to (published_dir/totals.csv), against
                       the warehouse, with the conversations that lack the value
  partner_totals       every total and subtotal printed in a partner table,
                       against the sum of its parts
  partner_percentages  every percentage printed in a partner table, against
                       its recomputation from the printed counts
  partner_overlaps     every figure that two partner reports both print (the
                       KJMN's hearings of 2016-2019), and whether they agree;
                       the reports use the latest report's

With --publish it audits instead what 'klacht report --year N --publish'
would print (N: --year, or the latest register year), as a statistics office
audits a protected table:

  disclosure  per table: the cells hidden as small (<5) and to protect them
              (x), the derived cells hidden with them, the hidden share of
              the counted total, and the narrowest interval of a small cell
  intervals   per small cell: the least and greatest value a reader can
              work out from everything the report shows (a linear program
              per cell), and whether that protects it: protected (as wide
              as suppress_below), as marked (a reader learns no more than
              the mark says), or narrowed by the table's margins alone

The intervals are for the analyst: they say what a reader could work out,
so they are not for publication themselves. docs/publication.md explains.

With --format csv each report is preceded by a line '# name'; with --format
json the output is one object with a member per report.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			if publishFlag {
				return a.auditPublication(cmd, year, format)
			}
			var sections []namedResult
			for _, name := range checkReports {
				q, err := reports.SQL(name)
				if err != nil {
					return err
				}
				res, err := load.Query(cmd.Context(), a.cfg.DB, q, nil)
				if err != nil {
					return fmt.Errorf("check %s: %w", name, err)
				}
				if name == "reconciliation" && len(res.Rows) == 0 {
					fmt.Fprintf(cmd.ErrOrStderr(), "klacht: check: no printed totals in the warehouse: is %s/totals.csv there (published_dir)? then run klacht rebuild\n", a.cfg.PublishedDir)
				}
				sections = append(sections, namedResult{name, res})
			}
			return writeSections(cmd.OutOrStdout(), format, sections)
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: table, csv, json or markdown")
	cmd.Flags().BoolVar(&publishFlag, "publish", false, "audit the protection of the report for publication instead")
	cmd.Flags().IntVar(&year, "year", 0, "with --publish: the report's year (default: the latest register year)")
	return cmd
}

// auditPublication prints the audit of the protected report of a year.
func (a *app) auditPublication(cmd *cobra.Command, year int, format string) error {
	if year == 0 {
		res, err := load.Query(cmd.Context(), a.cfg.DB, "select max(year) from conversations", nil)
		if err != nil {
			return err
		}
		y, ok := publish.Number(res.Rows[0][0])
		if !ok {
			return fmt.Errorf("check --publish: the warehouse %s holds no conversations: run klacht rebuild first", a.cfg.DB)
		}
		year = int(y)
	}
	_, audits, err := a.document(cmd.Context(), cmd.ErrOrStderr(), year, true)
	if err != nil {
		return err
	}
	r, err := a.rule()
	if err != nil {
		return err
	}
	return writeSections(cmd.OutOrStdout(), format, []namedResult{
		{"disclosure", disclosureResult(audits, r)},
		{"intervals", intervalsResult(audits, r)},
	})
}

// disclosureResult is the audit per table.
func disclosureResult(audits []publish.Audit, r publish.Rule) *load.Result {
	res := &load.Result{Columns: []string{"table", "primary", "secondary", "derived", "hidden_share", "narrowest", "narrowest_at", "as_marked", "narrowed"}}
	for _, au := range audits {
		var narrowest, at any
		if n, ok := au.Narrowest(); ok {
			narrowest, at = width(n), fmt.Sprintf("row %d, %s", n.Row, n.Column)
		}
		asMarked, narrowed := 0, len(au.Narrowed(r))
		for _, iv := range au.Spans {
			if iv.Protection(r) == publish.AsMarked {
				asMarked++
			}
		}
		res.Rows = append(res.Rows, []any{au.Table, au.Primary, au.Secondary, au.Derived, math.Round(10*au.HiddenShare()) / 10,
			narrowest, at, asMarked, narrowed})
	}
	return res
}

// intervalsResult is the audit per small cell.
func intervalsResult(audits []publish.Audit, r publish.Rule) *load.Result {
	res := &load.Result{Columns: []string{"table", "row", "column", "low", "high", "width", "widest", "protection"}}
	names := map[publish.Protection]string{publish.Protected: "protected", publish.AsMarked: "as marked", publish.Narrowed: "narrowed by its margins"}
	for _, au := range audits {
		for _, iv := range au.Spans {
			var high any = iv.High
			if math.IsInf(iv.High, 1) {
				high = nil
			}
			res.Rows = append(res.Rows, []any{au.Table, iv.Row, iv.Column, iv.Low, high, width(iv), widthOf(iv.Widest), names[iv.Protection(r)]})
		}
	}
	return res
}

// width is an interval's width, or nil where nothing bounds it.
func width(iv publish.Interval) any { return widthOf(iv.Width()) }

func widthOf(w float64) any {
	if math.IsInf(w, 1) {
		return nil
	}
	return w
}
