package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/svmn/klacht/load"
)

func (a *app) exportCmd() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "export --parquet DIR",
		Short: "Write the warehouse's tables as Parquet, Hive-partitioned by year",
		Long: `Export writes every table of the warehouse to DIR/<table>/ as Parquet,
partitioned by year (and by partner for the partner tables) in Hive layout,
for DuckDB, Spark or Trino:

  select * from read_parquet('DIR/conversations/**/*.parquet', hive_partitioning = true)

docs/scale.md explains how the reports run on a distributed engine over it.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if dir == "" {
				return usageError{fmt.Errorf("--parquet DIR is required")}
			}
			tables, err := load.ExportParquet(cmd.Context(), a.cfg.DB, dir)
			if err != nil {
				return err
			}
			for _, t := range tables {
				by := "not partitioned"
				if len(t.PartitionBy) > 0 {
					by = "by " + strings.Join(t.PartitionBy, ", ")
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%-36s %8d rows, %s\n", t.Name, t.Rows, by)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "parquet", "", "folder to write the Parquet files into")
	return cmd
}
