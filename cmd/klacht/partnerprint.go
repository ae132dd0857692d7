package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/svmn/klacht/load"
	"github.com/svmn/klacht/publish"
)

// partnerTables are the tables of a partner's report of the year, as
// printed, in the report's order, but those excluded (printed elsewhere in
// the analysis).
func (a *app) partnerTables(ctx context.Context, an *analysis, partner string, exclude []string) ([]*publish.Table, error) {
	res, err := load.Query(ctx, a.cfg.DB, `select table_name, any_value(shape),
			coalesce((select any_value(caption) from partner_captions c where c.partner = p.partner and c."table" = p.table_name), table_name)
		from partner_cells p where partner = $partner and year = $year
		group by partner, table_name order by min(source_file), min(coalesce(source_page, 0)), min(source_line)`,
		map[string]any{"partner": partner, "year": int64(an.year)})
	if err != nil {
		return nil, err
	}
	var out []*publish.Table
	for _, r := range res.Rows {
		table, shape, caption := r[0].(string), r[1].(string), r[2].(string)
		if slices.Contains(exclude, table) {
			continue
		}
		fill := strings.NewReplacer("{table}", capitalised(caption), "{year}", fmt.Sprint(an.year), "{partner}", strings.ToUpper(partner)).Replace
		t := &publish.Table{Name: fmt.Sprintf("partner_%s_%d_%s", partner, an.year, table),
			Title:       fill(an.texts["partner_title"]),
			Short:       strings.ToUpper(partner) + " " + capitalised(caption),
			Question:    fill(an.texts["partner_question"]),
			Denominator: an.texts["partner_note"]}
		if shape == "grid" {
			err = a.printedGrid(ctx, an, t, partner, table)
		} else {
			err = a.printedView(ctx, t)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// capitalised is a printed caption as a title: its first letter upper case.
func capitalised(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// printedGrid lays a grid partner table out as printed: its rows in
// printed order, a row under a section indented, an unlabelled total row
// labelled, and a column per printed column, its heading saying its unit
// (aantal, %).
func (a *app) printedGrid(ctx context.Context, an *analysis, t *publish.Table, partner, table string) error {
	res, err := load.Query(ctx, a.cfg.DB, `select row_number, section, row_label, row_kind, column_number, column_path, unit, value
		from partner_cells where partner = $partner and year = $year and table_name = $table and unit <> 'none'
		order by row_number, column_number`, map[string]any{"partner": partner, "year": int64(an.year), "table": table})
	if err != nil {
		return err
	}
	var cols []int64
	rows := map[int64][]any{}
	var order []int64
	for _, r := range res.Rows {
		if c := r[4].(int32); !slices.Contains(cols, int64(c)) {
			cols = append(cols, int64(c))
		}
	}
	slices.Sort(cols)
	t.Columns = []string{"label"}
	t.Headings = []string{""}
	t.Units = []string{""}
	for _, c := range cols {
		for _, r := range res.Rows {
			if int64(r[4].(int32)) == c {
				unit := publish.UnitCount
				word := an.texts["unit_count"]
				if r[6] == "percent" {
					unit, word = publish.UnitPercent, "%"
					t.Derived = append(t.Derived, fmt.Sprintf("c%d", c))
				}
				t.Columns = append(t.Columns, fmt.Sprintf("c%d", c))
				t.Headings = append(t.Headings, strings.TrimSpace(publish.Text(r[5])+" ("+word+")"))
				t.Units = append(t.Units, unit)
				break
			}
		}
	}
	for _, r := range res.Rows {
		n := int64(r[0].(int32))
		if rows[n] == nil {
			rows[n] = make([]any, len(t.Columns))
			rows[n][0] = printedLabel(an, r[1], r[2], r[3])
			order = append(order, n)
		}
		rows[n][1+slices.Index(cols, int64(r[4].(int32)))] = r[7]
	}
	for _, n := range order {
		t.Rows = append(t.Rows, rows[n])
	}
	return nil
}

// printedLabel is a row's label as printed: under a section indented, an
// unlabelled total row named.
func printedLabel(an *analysis, section, label, kind any) string {
	l := publish.Text(label)
	switch {
	case l == "" && kind == "total":
		return an.texts["total_label"]
	case kind == "detail" && publish.Text(section) != "":
		return "\u2003" + l
	}
	return l
}

// printedView reads a partner table of another shape (top-3, ranking,
// list) from its view, as printed.
func (a *app) printedView(ctx context.Context, t *publish.Table) error {
	res, err := load.Query(ctx, a.cfg.DB, fmt.Sprintf("select * from %q", t.Name), nil)
	if err != nil {
		return err
	}
	t.Columns, t.Rows = res.Columns, res.Rows
	return nil
}
