package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/svmn/klacht/load"
	"github.com/svmn/klacht/sql"
)

func (a *app) checkCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Reconcile the printed totals with the warehouse",
		Long: `Check compares every printed total of the published analysis that the
registers can speak to (published_dir/totals.csv, loaded by rebuild into
printed_totals) with the same figure computed from the warehouse, and shows
the difference and the conversations that lack the value counted. It is the
report 'reconciliation'; differences are findings, not failures.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			q, err := sql.Report("reconciliation")
			if err != nil {
				return err
			}
			res, err := load.Query(cmd.Context(), a.cfg.DB, q, nil)
			if err != nil {
				return fmt.Errorf("check: %w", err)
			}
			if len(res.Rows) == 0 {
				return fmt.Errorf("check: no printed totals in the warehouse: is %s/totals.csv there (published_dir)? then run klacht rebuild", a.cfg.PublishedDir)
			}
			return write(cmd.OutOrStdout(), format, res)
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: table, csv, json or markdown")
	return cmd
}
