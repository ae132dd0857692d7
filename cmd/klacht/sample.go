package main

import (
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"github.com/svmn/klacht/internal/sample"
)

func (a *app) sampleCmd() *cobra.Command {
	var (
		out       string
		errs      bool
		dialect   string
		registers string
		pdf       string
	)
	cmd := &cobra.Command{
		Use:   "sample --out DIR",
		Short: "Write the sample registers (2018-2021) into DIR",
		Long: `Sample writes the deterministic sample registers that agree with the
published tables: the bundled testdata/sample. With --errors it adds files
and values that klacht must reject, to see what an operator sees.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if dialect != "" && !slices.Contains(sample.Dialects, dialect) {
				return usageError{fmt.Errorf("--dialect %q: want one of %v", dialect, sample.Dialects)}
			}
			if !slices.Contains(sample.RegisterFormats, registers) {
				return usageError{fmt.Errorf("--registers %q: want one of generated, libreoffice-ods, libreoffice-xlsx (default: the bundled mix)", registers)}
			}
			if pdf != "" && !slices.Contains(sample.PDFLayouts, pdf) {
				return usageError{fmt.Errorf("--pdf %q: want one of %v", pdf, sample.PDFLayouts)}
			}
			if out == "" {
				return usageError{fmt.Errorf("--out is required")}
			}
			if err := sample.Write(out, sample.Options{Errors: errs, Dialect: dialect, Registers: registers, PDF: pdf}); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "sample registers written to %s\n", out)
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "folder to write into")
	cmd.Flags().BoolVar(&errs, "errors", false, "add files and values that must be rejected")
	cmd.Flags().StringVar(&dialect, "dialect", "", "write every partner CSV as pdftool, excel or pasted (default: a mix)")
	cmd.Flags().StringVar(&pdf, "pdf", "", "put the partner reports in as PDF, in layout pdf-caption-above or pdf-caption-inside, instead of their tables as CSV")
	cmd.Flags().StringVar(&registers, "registers", "", "save every register as generated (excelize), libreoffice-ods or libreoffice-xlsx (default: generated but for one .ods and one .xlsx saved by LibreOffice)")
	return cmd
}
