//go:build duckdb_arrow

package load

import (
	"context"
	"fmt"
	"strings"
)

// Comment is what the documentation says of a table (Column empty) or of a
// column of it: docs.WarehouseComments.
type Comment struct {
	Table, Column, Text string
}

// Describe sets the comments (COMMENT ON) of the warehouse's tables, views
// and columns, so that any client shows them: DBeaver, the DuckDB CLI,
// duckdb_columns(). A comment for a table or column the warehouse lacks is
// an error: the documentation describes something that is not there.
func (w *Warehouse) Describe(ctx context.Context, comments []Comment) error {
	kinds, err := scan(w.conn.QueryContext(ctx, `select table_name, table_type from information_schema.tables where table_schema = 'main'`))
	if err != nil {
		return err
	}
	kind := map[string]string{}
	for _, r := range kinds.Rows {
		kind[r[0].(string)] = map[string]string{"BASE TABLE": "table", "VIEW": "view"}[r[1].(string)]
	}
	for _, c := range comments {
		if c.Table == PartnerViewColumns {
			if err := w.describePartnerViews(ctx, c, kind); err != nil {
				return err
			}
			continue
		}
		k, ok := kind[c.Table]
		if !ok {
			return fmt.Errorf("describe: the documentation describes a table %q that the warehouse lacks", c.Table)
		}
		stmt := fmt.Sprintf("comment on %s %s is %s", k, ident(c.Table), quote(c.Text))
		if c.Column != "" {
			stmt = fmt.Sprintf("comment on column %s.%s is %s", ident(c.Table), ident(c.Column), quote(c.Text))
		}
		if err := w.exec(ctx, stmt); err != nil {
			return fmt.Errorf("describe %s.%s: %w", c.Table, c.Column, err)
		}
	}
	return nil
}

// PartnerViewColumns is the table name under which the documentation
// describes the columns of every partner table's view.
const PartnerViewColumns = "partner_views"

// describePartnerViews sets a column comment on every partner table's view
// that has the column, and each view's own comment.
func (w *Warehouse) describePartnerViews(ctx context.Context, c Comment, kind map[string]string) error {
	for view, k := range kind {
		if k != "view" || !strings.HasPrefix(view, "partner_") || strings.Count(view, "_") < 3 {
			continue
		}
		if c.Column == "" {
			continue
		}
		has, err := scan(w.conn.QueryContext(ctx, `select 1 from information_schema.columns where table_schema = 'main' and table_name = $1 and column_name = $2`, view, c.Column))
		if err != nil {
			return err
		}
		if len(has.Rows) == 0 {
			continue
		}
		if err := w.exec(ctx, fmt.Sprintf("comment on column %s.%s is %s", ident(view), ident(c.Column), quote(c.Text))); err != nil {
			return err
		}
	}
	return nil
}

// ReportView is a report without parameters, to be a view that any client
// can read: its name, its query and what it answers.
type ReportView struct {
	Name, SQL, Question string
	Columns             map[string]string // a note on a column, where the report has one
}

// ReportViews makes each report a view in the schema reports, replacing
// those of earlier runs, with its question as the view's comment:
// reports.svmn_klachtgesprekken reads in DBeaver, over ODBC or in the
// DuckDB CLI as klacht query svmn_klachtgesprekken does.
func (w *Warehouse) ReportViews(ctx context.Context, views []ReportView) error {
	for _, stmt := range []string{"drop schema if exists reports cascade", "create schema reports"} {
		if err := w.exec(ctx, stmt); err != nil {
			return fmt.Errorf("report views: %w", err)
		}
	}
	for _, v := range views {
		body := strings.TrimRight(strings.TrimSpace(v.SQL), ";")
		if err := w.exec(ctx, fmt.Sprintf("create view reports.%s as %s", ident(v.Name), body)); err != nil {
			return fmt.Errorf("report view %s: %w", v.Name, err)
		}
		if err := w.exec(ctx, fmt.Sprintf("comment on view reports.%s is %s", ident(v.Name), quote(v.Question))); err != nil {
			return fmt.Errorf("report view %s: comment: %w", v.Name, err)
		}
		if err := w.describeReportColumns(ctx, v); err != nil {
			return err
		}
	}
	return nil
}

// describeReportColumns comments every column of a report's view: with the
// report's note on it, or else with the report's question.
func (w *Warehouse) describeReportColumns(ctx context.Context, v ReportView) error {
	cols, err := scan(w.conn.QueryContext(ctx, `select column_name from information_schema.columns where table_schema = 'reports' and table_name = $1`, v.Name))
	if err != nil {
		return err
	}
	for _, r := range cols.Rows {
		col := r[0].(string)
		note := v.Columns[col]
		if note == "" {
			note = "a column of the report that answers: " + v.Question
		}
		if err := w.exec(ctx, fmt.Sprintf("comment on column reports.%s.%s is %s", ident(v.Name), ident(col), quote(note))); err != nil {
			return err
		}
	}
	return nil
}

func ident(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
