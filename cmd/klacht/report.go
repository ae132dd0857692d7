package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/svmn/klacht/load"
	"github.com/svmn/klacht/publish"
)

func (a *app) reportCmd() *cobra.Command {
	var (
		year        int
		format, out string
		publishFlag bool
	)
	cmd := &cobra.Command{
		Use:   "report --year N [--out FILE.md|.html|.xlsx] [--format md|html|xlsx] [--publish]",
		Short: "Write the annual analysis of a year, in Dutch, with its charts",
		Long: `Report writes the annual analysis of a year in Dutch, ordered like the
published analysis (1 internal complaint conversations, 2 AKJ, 3 KJMN,
4 reconciliation): each table with its question, note and the sentences the
analysis writes about it from that year's data, partner tables as printed.
Its plan and words are reviewed files: config/data/report_plan.csv,
report_columns.csv, report_values.csv, report_sentences.csv and
publication_texts.csv.

  md    for quick review (no charts)
  html  one self-contained page, charts drawn by gonum/plot; prints to clean
        A4 pages with page numbers
  xlsx  a contents sheet, a sheet per table with number formats and page
        setup, native Excel charts on sheets of their own

The format follows the extension of --out unless --format is given.
--publish suppresses small cells for publication (see docs/publication.md).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if year < 1990 || year > 2099 {
				return usageError{fmt.Errorf("--year %d: want the year of the analysis, such as 2021", year)}
			}
			if !cmd.Flags().Changed("format") && out != "" {
				var err error
				if format, err = formatOf(out); err != nil { // the format follows the file's extension
					return err
				}
			}
			render := map[string]func(io.Writer, *publish.Document) error{"md": publish.Markdown, "html": publish.HTML, "xlsx": publish.XLSX}[format]
			if render == nil {
				return usageError{fmt.Errorf("--format %q: want md, html or xlsx", format)}
			}
			if format == "xlsx" && out == "" && isTerminal(cmd.OutOrStdout()) {
				return usageError{fmt.Errorf("--format xlsx writes a workbook, not text: give --out FILE.xlsx, or send standard output to a file")}
			}
			if err := a.checkYear(cmd.Context(), year); err != nil {
				return err
			}
			doc, _, err := a.document(cmd.Context(), cmd.ErrOrStderr(), year, publishFlag)
			if err != nil {
				return err
			}
			var b bytes.Buffer // whole, or no file at all
			if err := render(&b, doc); err != nil {
				return fmt.Errorf("write report: %w", err)
			}
			if out == "" {
				_, err := b.WriteTo(cmd.OutOrStdout())
				return err
			}
			if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
				return fmt.Errorf("write report: %w", err)
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "klacht: report %d written to %s\n", year, out)
			return nil
		},
	}
	cmd.Flags().IntVar(&year, "year", 0, "the year of the analysis")
	cmd.Flags().StringVar(&format, "format", "md", "md, html or xlsx (default: by the extension of --out, else md)")
	cmd.Flags().StringVar(&out, "out", "", "file to write (default: standard output; not for xlsx on a terminal)")
	cmd.Flags().BoolVar(&publishFlag, "publish", false, "suppress small cells for publication")
	return cmd
}

// formatOf is the report format a file's extension asks for: html, xlsx,
// or md; an error for any other extension (no Markdown in report.pdf).
func formatOf(path string) (string, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm":
		return "html", nil
	case ".xlsx":
		return "xlsx", nil
	case ".md", ".markdown":
		return "md", nil
	}
	return "", usageError{fmt.Errorf("--out %q: the report is written as .md, .html or .xlsx; give one of those, or --format", path)}
}

// isTerminal reports whether w is a terminal, which a binary format would
// fill with noise.
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// checkYear refuses a report of a year the warehouse holds no conversations
// of, naming the years it does hold.
func (a *app) checkYear(ctx context.Context, year int) error {
	res, err := load.Query(ctx, a.cfg.DB, "select year from conversations group by year order by year", nil)
	if err != nil {
		return err
	}
	var years []string
	for _, r := range res.Rows {
		y := publish.Text(r[0])
		if y == strconv.Itoa(year) {
			return nil
		}
		years = append(years, y)
	}
	return fmt.Errorf("the warehouse %s holds no conversations of %d (it holds %s): import the registers of %d first, or choose another --year",
		a.cfg.DB, year, strings.Join(years, ", "), year)
}

// protectDocument protects every table of the document together, so that
// a figure hidden in one is hidden in all, and states the rule up front.
func (a *app) protectDocument(w io.Writer, doc *publish.Document) ([]publish.Audit, error) {
	var tables []*publish.Table
	for _, s := range doc.Sections {
		tables = append(tables, s.Tables...)
	}
	audits, r, err := a.protect(w, tables)
	if err != nil {
		return nil, err
	}
	doc.Intro = append(doc.Intro, r.Statement())
	return audits, nil
}
