package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/svmn/klacht/load"
	"github.com/svmn/klacht/publish"
	"github.com/svmn/klacht/reports"
)

func (a *app) queryCmd() *cobra.Command {
	var (
		params      []string
		format      string
		publishFlag bool
	)
	cmd := &cobra.Command{
		Use:   "query NAME|FILE.sql|'SQL'",
		Short: "Run a report, a SQL file or a SQL statement on the warehouse (read-only)",
		Long: `Query opens the warehouse read-only and runs a report from sql/ by name
(klacht query svmn_klagers_2021), a .sql file, or a SQL statement. Named
parameters in the SQL ($year) are bound with --param year=2021.

--publish makes the result fit to publish (docs/publication.md): a count
below suppress_below prints as <5, a cell hidden so that it cannot be
recomputed as x, and a percentage or change of a hidden count with that
count's mark. Footnotes that say so follow the table (on standard error
with --format csv or json, which stay data). A small count that the
table's margins give away whatever is hidden is a warning on standard
error; 'klacht check --publish' audits every table of a report.

Reports: ` + strings.Join(reports.Names(), ", "),
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			query, err := resolveQuery(args[0])
			if err != nil {
				return usageError{err}
			}
			bound, err := parseParams(params)
			if err != nil {
				return usageError{err}
			}
			res, err := load.Query(cmd.Context(), a.cfg.DB, query, bound)
			if err != nil {
				return fmt.Errorf("query %s: %w", args[0], err)
			}
			if !publishFlag {
				return write(cmd.OutOrStdout(), format, res)
			}
			t := &publish.Table{Name: args[0], Columns: res.Columns, Rows: res.Rows}
			h := reports.ParseHeader(query)
			t.Counts, t.Fixed, t.Margins, t.Derived = h.Counts, h.FixedValues(), h.MarginGroupings(), h.DerivedColumns()
			if _, _, err := a.protect(cmd.ErrOrStderr(), []*publish.Table{t}); err != nil {
				return err
			}
			if err := write(cmd.OutOrStdout(), format, res); err != nil {
				return err
			}
			return writeNotes(cmd.OutOrStdout(), cmd.ErrOrStderr(), format, t.Notes)
		},
	}
	cmd.Flags().StringArrayVar(&params, "param", nil, "named parameter k=v, bound to $k (repeatable)")
	cmd.Flags().StringVar(&format, "format", "table", "output format: table, csv, json or markdown")
	cmd.Flags().BoolVar(&publishFlag, "publish", false, "for publication: hide counts below suppress_below (<5), the cells that would let them be recomputed (x), and the percentages and changes of both; footnotes say so")
	return cmd
}

// resolveQuery returns the SQL of a report name, a .sql file or a statement.
func resolveQuery(arg string) (string, error) {
	if strings.HasSuffix(arg, ".sql") {
		if b, err := os.ReadFile(arg); err == nil {
			return string(b), nil
		} else if strings.ContainsAny(arg, "/\\") {
			return "", fmt.Errorf("read %q: %w", arg, err)
		}
		arg = strings.TrimSuffix(arg, ".sql")
	}
	if strings.ContainsAny(arg, " \t\n") {
		return arg, nil
	}
	return reports.SQL(arg)
}

// parseParams reads k=v pairs; a whole number binds as an integer.
func parseParams(params []string) (map[string]any, error) {
	out := map[string]any{}
	for _, p := range params {
		k, v, ok := strings.Cut(p, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("--param %q: want name=value", p)
		}
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			out[k] = n
		} else {
			out[k] = v
		}
	}
	return out, nil
}
