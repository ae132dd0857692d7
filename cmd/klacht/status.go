package main

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/svmn/klacht/load"
)

func (a *app) statusCmd() *cobra.Command {
	var (
		limit  int
		format string
	)
	cmd := &cobra.Command{
		Use:   "status [--limit N]",
		Short: "Show the recent runs and what each did",
		Long: `Status lists the most recent runs of import and rebuild, newest first, from
<db>.runs.jsonl: also the runs that changed nothing, found the lock taken or
failed, with their error. The tables runs and run_files in the warehouse hold
the published runs with their counts per file.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			runs, err := readRunLog(a.cfg.DB, limit)
			if err != nil {
				return err
			}
			res := &load.Result{Columns: []string{"started", "command", "status", "exit", "run", "seconds",
				"files_read", "files_failed", "files_unchanged", "files_retired", "rows_loaded", "rows_rejected", "rejects", "closed_year_changes", "error"}}
			for _, r := range runs {
				res.Rows = append(res.Rows, []any{r.Started.Local().Format("2006-01-02 15:04:05"), r.Command, r.Status, int64(r.ExitCode),
					nullIfZero(r.Run), math.Round(r.Finished.Sub(r.Started).Seconds()*10) / 10,
					int64(r.FilesRead), int64(r.FilesFailed), int64(r.FilesUnchanged), int64(r.FilesRetired),
					r.RowsLoaded, r.RowsRejected, r.Rejects, strings.Join(r.ClosedYearChanges, "; "), r.Error})
			}
			if err := write(cmd.OutOrStdout(), format, res); err != nil || format != "table" {
				return err
			}
			return a.printKept(cmd)
		},
	}
	cmd.Flags().IntVar(&limit, "limit", 10, "how many runs")
	cmd.Flags().StringVar(&format, "format", "table", "output format: table, csv, json or markdown")
	return cmd
}

// printKept lists the warehouses kept for klacht rollback.
func (a *app) printKept(cmd *cobra.Command) error {
	gens, err := load.Generations(a.cfg.DB)
	if err != nil || len(gens) == 0 {
		return err
	}
	var kept []string
	for _, g := range gens {
		kept = append(kept, fmt.Sprintf("run %d (%s)", g.Run, g.Published.Format(time.DateTime)))
	}
	_, err = fmt.Fprintf(cmd.OutOrStdout(), "\nKept for klacht rollback --to RUN: %s\n", strings.Join(kept, ", "))
	return err
}

func nullIfZero(n int) any {
	if n == 0 {
		return nil
	}
	return int64(n)
}
