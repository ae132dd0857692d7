package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/svmn/klacht/load"
)

func (a *app) rollbackCmd() *cobra.Command {
	var to int
	cmd := &cobra.Command{
		Use:   "rollback [--to RUN]",
		Short: "Publish again a warehouse that an earlier run left (kept in <db>.generations)",
		Long: `Each time import or rebuild publishes, the warehouse it replaces is kept
beside it as <db>.generations/run-N.duckdb, the warehouse as run N left it:
the newest keep_generations of them (default 3). Rollback publishes one of
them again, atomically and under the same lock as import and rebuild; the
warehouse it replaces is kept in turn, so a rollback can be undone with
another. Without --to it goes one step back: to the newest kept warehouse
from before the current one. klacht status lists what is kept.

For an operator who finds on Monday that Friday's registers were half
deleted: klacht rollback --to <Thursday's run>. A damaged warehouse (cut off
by a full disk) can be rolled back too.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.exclusive(cmd, "rollback", 0, func(ctx context.Context) (summary, error) {
				rb, err := load.Rollback(ctx, a.cfg.DB, to, a.cfg.KeepGenerations)
				if err != nil {
					return summary{}, err
				}
				if rb.NotKept != nil {
					a.log.Warn("the warehouse rolled back from is not kept", "err", rb.NotKept)
				}
				return summary{command: "rollback", db: a.cfg.DB, runID: rb.To.Run, rolledBack: &rb}, nil
			})
		},
	}
	cmd.Flags().IntVar(&to, "to", 0, "the run whose warehouse to publish again (default: one step back)")
	cmd.Flags().Duration("lock-timeout", 0, "how long to wait for another run's lock (KLACHT_LOCK_TIMEOUT; default from config)")
	return cmd
}

// printRollback says what a rollback did.
func (s summary) printRollback(w interface{ Write([]byte) (int, error) }) {
	rb := s.rolledBack
	fmt.Fprintf(w, "klacht rollback: warehouse %s is again the one run %d published (%s)\n", s.db, rb.To.Run, rb.To.Published.Format(time.DateTime))
	switch {
	case rb.Damaged:
		fmt.Fprintf(w, "  the warehouse it replaced was damaged, and is not kept\n")
	case rb.NotKept != nil:
		fmt.Fprintf(w, "  the warehouse it replaced (run %d) is NOT kept: %v\n", rb.From, rb.NotKept)
	case rb.From > 0:
		fmt.Fprintf(w, "  the warehouse it replaced is kept: klacht rollback --to %d publishes it again\n", rb.From)
	}
}
