package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/svmn/klacht/config"
	"github.com/svmn/klacht/pipeline"
)

// registerLists are the reviewed lists of a register year, as a register
// keeper chooses from them: config/data's regions, complainant groups,
// categories, organisation names and synonyms, and the form's own words.
type registerLists struct {
	data  config.Data
	texts map[string]string // register_texts.csv
	year  int
}

// choices are the values a keeper may choose for a kind of list of the
// form (register_form.csv's choices) in the lists' year, for organisation
// (empty: any).
func (l registerLists) choices(kind, organisation string) []string {
	var out []string
	add := func(v string) {
		if v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	switch kind {
	case "organisation":
		for _, r := range l.data.Organisations.Records() {
			if yearsOf(r).Covers(l.year) && (organisation == "" || r["organisation"] == organisation) {
				add(r["name"])
			}
		}
	case "region":
		for _, r := range l.data.Regions.Records() {
			if yearsOf(r).Covers(l.year) && (organisation == "" || r["organisation"] == organisation) {
				add(r["region"])
			}
		}
	case "complainant":
		for _, r := range l.data.Complainants.Records() {
			if yearsOf(r).Covers(l.year) {
				add(r["complainant"])
			}
		}
	case "category":
		for _, r := range l.data.Categories.Records() {
			if yearsOf(r).Covers(l.year) {
				add(r["category"])
			}
		}
	case "yes_no":
		add(l.texts["yes"])
		add(l.texts["no"])
	case "mark":
		add(l.texts["mark"])
	default: // support, measure: the canonical values of the field
		for _, r := range l.data.Synonyms.Records() {
			if r["field"] == kind {
				add(r["canonical"])
			}
		}
	}
	return out
}

// fieldChoices are the values a field of a register takes in the lists'
// year: what a problem's value is compared with.
func (l registerLists) fieldChoices(field, organisation string) []string {
	switch field {
	case pipeline.FieldCategory, pipeline.FieldCategoryColumn:
		return l.choices("category", "")
	}
	for _, r := range l.data.Form.Records() {
		if r["field"] == field && r["choices"] != "date" && r["choices"] != "text" {
			return l.choices(r["choices"], organisation)
		}
	}
	return nil
}

// header is the form's name of a field's column.
func (l registerLists) header(field string) string {
	if field == pipeline.FieldCategoryColumn {
		field = pipeline.FieldCategory
	}
	for _, r := range l.data.Form.Records() {
		if r["field"] == field {
			return strings.ReplaceAll(r["header"], "{category}", "Categorie")
		}
	}
	return field
}

// reviewedYears are the years whose lists are reviewed (register_years.csv).
func reviewedYears(data config.Data) []int {
	var out []int
	for _, r := range data.FormYears.Records() {
		if y, err := strconv.Atoi(r["year"]); err == nil {
			out = append(out, y)
		}
	}
	return out
}

// listsOf are the lists for a form of year, or of fromYear where year's
// lists are not reviewed yet and the operator asked to start from another
// year's; note says so.
func listsOf(data config.Data, texts map[string]string, year, fromYear int) (l registerLists, note string, err error) {
	years := reviewedYears(data)
	if fromYear == 0 {
		if !slices.Contains(years, year) {
			last := slices.Max(years)
			return l, "", fmt.Errorf("the lists of %d are not reviewed yet: config/data/register_years.csv has no row for %d; "+
				"review regions.csv, complainants.csv and categories.csv for %d and add the year to register_years.csv, "+
				"or give --from-year %d to start from the lists of %d", year, year, year, last, last)
		}
		fromYear = year
	}
	if !slices.Contains(years, fromYear) {
		return l, "", usageError{fmt.Errorf("--from-year %d: the lists of %d are not reviewed either (config/data/register_years.csv has %s)",
			fromYear, fromYear, strings.Trim(fmt.Sprint(years), "[]"))}
	}
	if fromYear != year {
		note = fmt.Sprintf("the form of %d uses the lists of %d (--from-year): its title says %d, its drop-downs hold %d's values; review them before sending it out",
			year, fromYear, year, fromYear)
	}
	return registerLists{data: data, texts: texts, year: fromYear}, note, nil
}
