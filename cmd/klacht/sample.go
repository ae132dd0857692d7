package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/svmn/klacht/internal/sample"
)

func (a *app) sampleCmd() *cobra.Command {
	var (
		out  string
		errs bool
	)
	cmd := &cobra.Command{
		Use:   "sample --out DIR",
		Short: "Write the sample registers (2018-2021) into DIR",
		Long: `Sample writes the deterministic sample registers that agree with the
published tables: the bundled testdata/registers. With --errors it adds files
and values that klacht must reject, to see what an operator sees.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return usageError{fmt.Errorf("--out is required")}
			}
			if err := sample.Write(out, sample.Options{Errors: errs}); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "sample registers written to %s\n", out)
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "folder to write into")
	cmd.Flags().BoolVar(&errs, "errors", false, "add files and values that must be rejected")
	return cmd
}
