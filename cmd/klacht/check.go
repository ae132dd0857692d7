package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/svmn/klacht/load"
	"github.com/svmn/klacht/reports"
)

// checkReports are the reports 'klacht check' prints.
var checkReports = []string{"reconciliation", "partner_totals", "partner_percentages"}

func (a *app) checkCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Reconcile the printed totals with the warehouse",
		Long: `Check prints three reports; differences are findings, not failures.

  reconciliation       every printed total of the published analysis that the
                       registers speak to (published_dir/totals.csv), against
                       the warehouse, with the conversations that lack the value
  partner_totals       every total and subtotal printed in a partner table,
                       against the sum of its parts
  partner_percentages  every percentage printed in a partner table, against
                       its recomputation from the printed counts

With --format csv each report is preceded by a line '# name'; with --format
json the output is one object with a member per report.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format); err != nil {
				return err
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
	return cmd
}
