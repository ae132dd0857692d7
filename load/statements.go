//go:build duckdb_arrow

package load

import (
	"context"
	"database/sql"
	_ "embed"
	"fmt"
	"regexp"
	"strings"
)

//go:embed run.sql
var runSQL string

// statements are the blocks of run.sql by name, each split into its
// statements.
var statements = parseStatements(runSQL)

// parseStatements splits text into blocks headed '-- name: NAME', and each
// block into statements at the lines that end with ';'. Comment lines are
// left out, so that nothing in a comment is taken for a parameter.
func parseStatements(text string) map[string][]string {
	out := map[string][]string{}
	var name string
	var cur []string
	flush := func() {
		if stmt := strings.TrimSpace(strings.Join(cur, "\n")); name != "" && stmt != "" {
			out[name] = append(out[name], strings.TrimSuffix(stmt, ";"))
		}
		cur = nil
	}
	for _, line := range strings.Split(text, "\n") {
		if n, ok := strings.CutPrefix(line, "-- name: "); ok {
			flush()
			name = strings.TrimSpace(n)
			continue
		}
		if l := strings.TrimSpace(line); l == "" || strings.HasPrefix(l, "--") {
			continue
		}
		cur = append(cur, line)
		if strings.HasSuffix(strings.TrimSpace(line), ";") {
			flush()
		}
	}
	flush()
	return out
}

var parameter = regexp.MustCompile(`\$([a-z_][a-z0-9_]*)`)

// statement returns the statements named name with {table} and {view}
// filled in, and for each the arguments it takes from args.
func statement(name string, args map[string]any, fill map[string]string) ([]string, [][]any, error) {
	stmts, ok := statements[name]
	if !ok {
		return nil, nil, fmt.Errorf("load: no statement %q in run.sql", name)
	}
	var out []string
	var outArgs [][]any
	for _, s := range stmts {
		for k, v := range fill {
			s = strings.ReplaceAll(s, "{"+k+"}", v)
		}
		var bound []any
		seen := map[string]bool{}
		for _, m := range parameter.FindAllStringSubmatch(s, -1) {
			if seen[m[1]] {
				continue
			}
			seen[m[1]] = true
			v, ok := args[m[1]]
			if !ok {
				return nil, nil, fmt.Errorf("load: statement %q needs $%s", name, m[1])
			}
			bound = append(bound, sql.Named(m[1], v))
		}
		out, outArgs = append(out, s), append(outArgs, bound)
	}
	return out, outArgs, nil
}

// apply executes the statements named name, one at a time.
func (w *Warehouse) apply(ctx context.Context, name string, args map[string]any) error {
	return w.applyFilled(ctx, name, args, nil)
}

// applyFilled is apply with {table} and {view} filled in from fill.
func (w *Warehouse) applyFilled(ctx context.Context, name string, args map[string]any, fill map[string]string) error {
	stmts, bound, err := statement(name, args, fill)
	if err != nil {
		return err
	}
	for i, s := range stmts {
		if _, err := w.conn.ExecContext(ctx, s, bound[i]...); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// querier runs queries: the warehouse being built, or one opened read-only.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// rows runs the query named name on q and returns its rows.
func rows(ctx context.Context, q querier, name string, args map[string]any) (*Result, error) {
	stmts, bound, err := statement(name, args, nil)
	if err != nil {
		return nil, err
	}
	if len(stmts) != 1 {
		return nil, fmt.Errorf("load: %q is %d statements, want one query", name, len(stmts))
	}
	res, err := scan(q.QueryContext(ctx, stmts[0], bound[0]...))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return res, nil
}

// intOf returns an integer of a query's row: DuckDB gives an INTEGER as
// int32 and a BIGINT (count, sum) as int64.
func intOf(v any) int64 {
	switch n := v.(type) {
	case int32:
		return int64(n)
	case int64:
		return n
	}
	panic(fmt.Sprintf("load: %v (%T) is not an INTEGER or BIGINT", v, v))
}
