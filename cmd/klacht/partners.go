package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/svmn/klacht/config"
	"github.com/svmn/klacht/extract"
	"github.com/svmn/klacht/load"
	"github.com/svmn/klacht/sql"
)

func partnerSpecs(t config.Table) []extract.TableSpec {
	split := func(s string) []string {
		if s == "" {
			return nil
		}
		parts := strings.Split(s, ",")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		return parts
	}
	var out []extract.TableSpec
	for _, r := range t.Records() {
		out = append(out, extract.TableSpec{Partner: r["partner"], Table: r["table"], Shape: r["shape"],
			Sections: split(r["sections"]), GroupUnits: split(r["group_units"]), LabelName: r["label_name"]})
	}
	return out
}

func partnerNames(t config.Table) map[string]extract.TableName {
	out := map[string]extract.TableName{}
	for _, r := range t.Records() {
		y, _ := strconv.Atoi(r["year"])
		out[r["file"]] = extract.TableName{Partner: r["partner"], Year: y, Table: r["table"]}
	}
	return out
}

// partnerViews makes a view per partner table in the form its report
// printed it: partner_<partner>_<year>_<table>.
func partnerViews(ctx context.Context, w *load.Warehouse, p *extract.Partners) error {
	old, err := w.Query(ctx, `select view_name from duckdb_views() where not internal and database_name = current_database()
		and view_name like 'partner\_%' escape '\'`)
	if err != nil {
		return err
	}
	for _, r := range old.Rows {
		if err := w.Exec(ctx, fmt.Sprintf("drop view %q", r[0])); err != nil {
			return err
		}
	}
	tables, err := w.Query(ctx, "select distinct partner, year, table_name, shape from partner_cells order by all")
	if err != nil {
		return err
	}
	for _, r := range tables.Rows {
		name := extract.TableName{Partner: r[0].(string), Year: int(r[1].(int32)), Table: r[2].(string)}
		tmpl, err := sql.Shape(r[3].(string))
		if err != nil {
			return err
		}
		label := p.Spec(name).LabelName
		if label == "" {
			label = "label"
		}
		body := strings.NewReplacer("{{partner}}", name.Partner, "{{year}}", strconv.Itoa(name.Year),
			"{{table}}", name.Table, "{{label_name}}", label).Replace(tmpl)
		view := fmt.Sprintf("partner_%s_%d_%s", name.Partner, name.Year, name.Table)
		if err := w.Exec(ctx, fmt.Sprintf("create view %q as %s", view, body)); err != nil {
			return fmt.Errorf("view %s: %w", view, err)
		}
	}
	return nil
}
