package main

import (
	"strconv"

	"github.com/svmn/klacht/config"
	"github.com/svmn/klacht/docs"
	"github.com/svmn/klacht/load"
	"github.com/svmn/klacht/pipeline"
	"github.com/svmn/klacht/reports"
	"github.com/svmn/klacht/transform"
)

// The reference data, turned into what each stage takes.

func aliases(t config.Table) map[string]string {
	m := map[string]string{}
	for _, r := range t.Records() {
		m[pipeline.FoldHeader(r["alias"])] = r["field"]
	}
	return m
}

func categoryNames(t config.Table) []string {
	var out []string
	for _, r := range t.Records() {
		if r["field"] == pipeline.FieldCategory {
			out = append(out, r["value"])
		}
	}
	return out
}

func synonyms(t config.Table) []transform.Synonym {
	var out []transform.Synonym
	for _, r := range t.Records() {
		out = append(out, transform.Synonym{Field: r["field"], Value: r["value"], Canonical: r["canonical"]})
	}
	return out
}

func regions(t config.Table) []transform.Region {
	var out []transform.Region
	for _, r := range t.Records() {
		out = append(out, transform.Region{Region: r["region"], Organisation: r["organisation"]})
	}
	return out
}

// yearsOf are the years a row of a versioned list holds in (valid_from,
// valid_to; empty: open).
func yearsOf(r map[string]string) transform.Years {
	from, _ := strconv.Atoi(r["valid_from"])
	to, _ := strconv.Atoi(r["valid_to"])
	return transform.Years{From: from, To: to}
}

func orgNames(t config.Table) []transform.OrgName {
	var out []transform.OrgName
	for _, r := range t.Records() {
		out = append(out, transform.OrgName{Organisation: r["organisation"], Name: r["name"], Years: yearsOf(r)})
	}
	return out
}

// validity lists the years of the versioned values: regions, complainant
// groups and each year's categories.
func validity(d config.Data) []transform.Valid {
	var out []transform.Valid
	for _, src := range []struct {
		field  string
		table  config.Table
		column string
	}{
		{pipeline.FieldRegion, d.Regions, "region"},
		{pipeline.FieldComplainant, d.Complainants, "complainant"},
		{pipeline.FieldCategory, d.Categories, "category"},
	} {
		for _, r := range src.table.Records() {
			out = append(out, transform.Valid{Field: src.field, Value: r[src.column], Years: yearsOf(r)})
		}
	}
	return out
}

// warehouseComments are the comments of the warehouse's tables and columns,
// as docs/warehouse.md has them.
func warehouseComments() []load.Comment {
	var out []load.Comment
	for _, c := range docs.WarehouseComments() {
		out = append(out, load.Comment{Table: c.Table, Column: c.Column, Text: c.Text})
	}
	return out
}

// reportViews are the reports without parameters, to be views of the
// schema reports.
func reportViews() []load.ReportView {
	var out []load.ReportView
	for _, name := range reports.Names() {
		q, err := reports.SQL(name)
		if err != nil || len(reports.Params(q)) > 0 {
			continue
		}
		h := reports.ParseHeader(q)
		out = append(out, load.ReportView{Name: name, SQL: q, Question: h.Question, Columns: h.ColumnNotes()})
	}
	return out
}
