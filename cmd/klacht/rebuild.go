package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/svmn/klacht/load"
)

func (a *app) rebuildCmd() *cobra.Command {
	var year int
	cmd := &cobra.Command{
		Use:   "rebuild [--year N] [--input DIR]",
		Short: "Rebuild the warehouse, or one register year of it, from the input",
		Long: `Rebuild reads every register (.xlsx, .ods) and partner table (.csv) under the
input folder and builds the warehouse anew. With --year N it replaces only the
rows of year N and leaves the other years as they are. The new state is built
on a copy and published in one rename: a failed or interrupted rebuild changes
nothing. Rebuild and import share a lock: one writer at a time.

The guards of import (klacht import --help) hold for rebuild too, for year N
alone with --year N; a new hash_key is taken, with a note.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if year != 0 && (year < 1990 || year > 2099) {
				return usageError{fmt.Errorf("--year %d: want a register year such as 2021", year)}
			}
			return a.exclusive(cmd, "rebuild", year, func(ctx context.Context) (summary, error) {
				data, in, err := a.readInput(ctx)
				if err != nil {
					return summary{}, err
				}
				published, before, err := a.readPublished(ctx)
				if err != nil {
					// A rebuild is how a warehouse that cannot be read is made whole.
					a.log.Warn("the current warehouse cannot be read: the guards have nothing to compare this rebuild with", "err", err)
					published, before = load.Manifest{}, load.Counts{}
				}
				// Everything is read: the changes from an empty warehouse.
				p := runPlan{command: "rebuild", data: data, input: in, changes: load.Manifest{}.Changes(in.manifest),
					year: year, fresh: year == 0, closedBefore: a.closedBefore(), before: before, guards: a.guards(cmd)}
				if err := p.check(published); err != nil {
					return summary{}, err
				}
				return a.execute(ctx, p)
			})
		},
	}
	cmd.Flags().IntVar(&year, "year", 0, "rebuild only this register year")
	runFlags(cmd)
	return cmd
}
