//go:build duckdb_arrow

package load

import (
	"context"
	"embed"
	"fmt"
	"strconv"
	"strings"
)

// views holds, per partner table shape (grid, top3, ranking, list), the
// query that prints a table of that shape the way its report printed it,
// with {{partner}}, {{year}}, {{table}} and {{label_name}} to fill in.
//
//go:embed views/*.sql
var views embed.FS

// PartnerViews makes a view per partner table in the warehouse, in the form
// its report printed it: partner_<partner>_<year>_<table>, replacing those
// of earlier runs. labelName names the one column of a list table (empty:
// label).
func (w *Warehouse) PartnerViews(ctx context.Context, labelName func(partner, table string) string) error {
	old, err := rows(ctx, w.conn, "partner_views", nil)
	if err != nil {
		return err
	}
	for _, r := range old.Rows {
		if err := w.exec(ctx, fmt.Sprintf("drop view %s", ident(fmt.Sprint(r[0])))); err != nil {
			return err
		}
	}
	tables, err := rows(ctx, w.conn, "partner_tables", nil)
	if err != nil {
		return err
	}
	for _, r := range tables.Rows {
		partner, year, table, shape := r[0].(string), int(intOf(r[1])), r[2].(string), r[3].(string)
		tmpl, err := views.ReadFile("views/" + shape + ".sql")
		if err != nil {
			return fmt.Errorf("no view of partner table shape %q", shape)
		}
		label := labelName(partner, table)
		if label == "" {
			label = "label"
		}
		body := strings.NewReplacer("{{partner}}", partner, "{{year}}", strconv.Itoa(year),
			"{{table}}", table, "{{label_name}}", label).Replace(string(tmpl))
		view := fmt.Sprintf("partner_%s_%d_%s", partner, year, table)
		if err := w.exec(ctx, fmt.Sprintf("create view %s as %s", ident(view), body)); err != nil {
			return fmt.Errorf("view %s: %w", view, err)
		}
		comment := fmt.Sprintf("%s %d, table %s, as printed (%s); its cells are in partner_cells", strings.ToUpper(partner), year, table, shape)
		if err := w.exec(ctx, fmt.Sprintf("comment on view %s is %s", ident(view), quote(comment))); err != nil {
			return err
		}
		if shape == "list" {
			if err := w.exec(ctx, fmt.Sprintf("comment on column %s.%s is 'the printed item'", ident(view), ident(label))); err != nil {
				return err
			}
		}
	}
	return nil
}
