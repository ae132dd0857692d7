package main

import (
	"fmt"
	"os"
	"slices"
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
		list        bool
	)
	cmd := &cobra.Command{
		Use:   "query NAME|FILE.sql|'SQL' | --list",
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

--list prints every report with the question it answers and the parameters
it takes. Reports: ` + strings.Join(reports.Names(), ", "),
		Args: func(cmd *cobra.Command, args []string) error {
			if list {
				return cobra.NoArgs(cmd, args)
			}
			return cobra.ExactArgs(1)(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			if list {
				return write(cmd.OutOrStdout(), format, reportList())
			}
			query, err := resolveQuery(args[0])
			if err != nil {
				return usageError{err}
			}
			bound, err := parseParams(params)
			if err != nil {
				return usageError{err}
			}
			if err := checkParams(args[0], query, bound); err != nil {
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
	cmd.Flags().BoolVar(&list, "list", false, "list the reports: each with its question and parameters")
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

// checkParams refuses a query run without a parameter it uses, naming it,
// or with one it does not use.
func checkParams(name, query string, bound map[string]any) error {
	uses := reports.Params(query)
	for _, p := range uses {
		if _, ok := bound[p]; !ok {
			return fmt.Errorf("%s uses $%s: give it with --param %s=... (it takes %s)", name, p, p, dollars(uses))
		}
	}
	for p := range bound {
		if !slices.Contains(uses, p) {
			if len(uses) == 0 {
				return fmt.Errorf("--param %s: %s takes no parameters", p, name)
			}
			return fmt.Errorf("--param %s: %s has no $%s (it takes %s)", p, name, p, dollars(uses))
		}
	}
	return nil
}

func dollars(names []string) string {
	var out []string
	for _, n := range names {
		out = append(out, "$"+n)
	}
	return strings.Join(out, ", ")
}

// reportList is every report with its question and parameters.
func reportList() *load.Result {
	res := &load.Result{Columns: []string{"report", "question", "parameters"}}
	for _, name := range reports.Names() {
		q, _ := reports.SQL(name)
		res.Rows = append(res.Rows, []any{name, reports.ParseHeader(q).Question, dollars(reports.Params(q))})
	}
	return res
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
