package config

import (
	"crypto/sha256"
	"embed"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

//go:embed data/*.csv
var embedded embed.FS

// Table is one reference data file: its warehouse table name, its header and
// its rows, all text.
type Table struct {
	Name   string
	Header []string
	Rows   [][]string
}

// Column returns the values of the named column, or nil if there is none.
func (t Table) Column(name string) []string {
	i := slices.Index(t.Header, name)
	if i < 0 {
		return nil
	}
	out := make([]string, len(t.Rows))
	for r, row := range t.Rows {
		out[r] = row[i]
	}
	return out
}

// Records returns the rows as maps from column name to value.
func (t Table) Records() []map[string]string {
	out := make([]map[string]string, len(t.Rows))
	for r, row := range t.Rows {
		m := make(map[string]string, len(t.Header))
		for i, h := range t.Header {
			m[h] = row[i]
		}
		out[r] = m
	}
	return out
}

// Data is the reviewed reference data.
type Data struct {
	Headers       Table // field, alias: header names seen for each canonical field
	Synonyms      Table // field, value, canonical: values seen for each canonical value
	Organisations Table // organisation, name, valid_from, valid_to, note
	Regions       Table // region, organisation, province, valid_from, valid_to, harmonised_region
	Categories    Table // category, valid_from, valid_to: the category list of each year
	PartnerTables Table // partner, table, shape, sections, group_units, label_name: what a partner table's layout cannot show
	Parents       Table // partner, table, label, parent: rows that are parts of another row (outcomes under Klachtencommissie)
	PartnerFiles  Table // file, partner, year, table: partner CSVs (the table) and PDFs (the report) whose name does not say
	Complainants  Table // complainant, valid_from, valid_to, harmonised_complainant: the complainant groups of each year
	AKJCategories Table // akj_category, definition: the AKJ sector categories (seed 004, Bijlage 1), the harmonised list
	Crosswalk     Table // category, valid_from, valid_to, akj_category, grade, note: each year's categories onto the AKJ list
	Captions      Table // partner, report, caption, table: how a PDF report's tables are named by their captions
	Labels        Table // partner, table, label: the canonical row and column labels of each partner table
	Form          Table // field, header, choices, width, expected, organisation, note: the register form (klacht template)
	FormYears     Table // year, note: the years whose lists are reviewed, for which a register form can be made
}

// Tables returns the reference tables in a fixed order.
func (d Data) Tables() []Table {
	return []Table{d.Headers, d.Synonyms, d.Organisations, d.Regions, d.Categories, d.PartnerTables, d.Parents, d.PartnerFiles,
		d.Complainants, d.AKJCategories, d.Crosswalk, d.Captions, d.Labels, d.Form, d.FormYears}
}

var dataFiles = []struct {
	file, table string
	columns     []string
}{
	{"headers.csv", "header_aliases", []string{"field", "alias"}},
	{"synonyms.csv", "synonyms", []string{"field", "value", "canonical"}},
	{"organisations.csv", "organisation_names", []string{"organisation", "name", "valid_from", "valid_to"}},
	{"regions.csv", "regions", []string{"region", "organisation", "province", "valid_from", "valid_to", "harmonised_region"}},
	{"categories.csv", "categories", []string{"category", "valid_from", "valid_to"}},
	{"partner_tables.csv", "partner_table_specs", []string{"partner", "table", "shape", "sections", "group_units", "label_name"}},
	{"partner_parents.csv", "partner_parents", []string{"partner", "table", "label", "parent"}},
	{"partner_files.csv", "partner_file_names", []string{"file", "partner", "year", "table"}},
	{"complainants.csv", "complainant_groups", []string{"complainant", "valid_from", "valid_to", "harmonised_complainant"}},
	{"akj_categories.csv", "akj_categories", []string{"akj_category", "definition"}},
	{"category_crosswalk.csv", "category_crosswalk", []string{"category", "valid_from", "valid_to", "akj_category", "grade"}},
	{"partner_captions.csv", "partner_captions", []string{"partner", "report", "caption", "table"}},
	{"partner_labels.csv", "partner_labels", []string{"partner", "table", "label"}},
	{"register_form.csv", "register_form", []string{"field", "header", "choices", "width", "expected", "organisation"}},
	{"register_years.csv", "register_years", []string{"year"}},
}

// LoadData reads the reference data from dir, or the embedded copy if dir is
// empty. A file missing from dir is taken from the embedded copy.
func LoadData(dir string) (Data, error) {
	var tables []Table
	for _, df := range dataFiles {
		t, err := readData(dir, df.file, df.table, df.columns)
		if err != nil {
			return Data{}, err
		}
		tables = append(tables, t)
	}
	return Data{tables[0], tables[1], tables[2], tables[3], tables[4], tables[5], tables[6], tables[7],
		tables[8], tables[9], tables[10], tables[11], tables[12], tables[13], tables[14]}, nil
}

// PublicationTexts reads publication_texts.csv (key, text) from dir, or the
// embedded copy: the lines that explain a published table's marks, with
// {below}, {low} and {top} for the rule's numbers. They are not reference
// data of the warehouse: a change to them reads no file again.
func PublicationTexts(dir string) (map[string]string, error) {
	return keyedTexts(dir, "publication_texts")
}

// RegisterTexts reads register_texts.csv (key, text) from dir, or the
// embedded copy: the Dutch words of the register form and of the feedback
// to register keepers, with what each reject's reason means for them. Not
// reference data of the warehouse.
func RegisterTexts(dir string) (map[string]string, error) { return keyedTexts(dir, "register_texts") }

// keyedTexts reads name.csv (key, text) as a map.
func keyedTexts(dir, name string) (map[string]string, error) {
	t, err := readData(dir, name+".csv", name, []string{"key", "text"})
	if err != nil {
		return nil, err
	}
	texts := map[string]string{}
	for _, r := range t.Records() {
		texts[r["key"]] = r["text"]
	}
	return texts, nil
}

// readData reads one reviewed data file from dir, or the embedded copy if
// dir is empty or lacks the file.
func readData(dir, file, table string, columns []string) (Table, error) {
	var (
		r    io.ReadCloser
		name = "config/data/" + file
		err  error
	)
	if dir != "" {
		name = dir + "/" + file
		r, err = os.Open(name)
		if errors.Is(err, fs.ErrNotExist) {
			name, r, err = "config/data/"+file, nil, nil
		}
		if err != nil {
			return Table{}, fmt.Errorf("open reference data: %w", err)
		}
	}
	if r == nil {
		if r, err = embedded.Open("data/" + file); err != nil {
			return Table{}, fmt.Errorf("open embedded %q: %w", file, err)
		}
	}
	defer r.Close()
	return readTable(name, table, columns, r)
}

func readTable(name, table string, want []string, r io.Reader) (Table, error) {
	cr := csv.NewReader(r)
	recs, err := cr.ReadAll()
	if err != nil {
		return Table{}, fmt.Errorf("read %s: %w", name, err)
	}
	if len(recs) == 0 {
		return Table{}, fmt.Errorf("read %s: empty file, want header %s", name, strings.Join(want, ","))
	}
	header := recs[0]
	for _, w := range want {
		if !slices.Contains(header, w) {
			return Table{}, fmt.Errorf("%s:1: missing column %q (want %s)", name, w, strings.Join(want, ","))
		}
	}
	for i, rec := range recs[1:] {
		for j, v := range rec {
			rec[j] = strings.TrimSpace(v)
		}
		if rec[slices.Index(header, want[0])] == "" {
			return Table{}, fmt.Errorf("%s:%d: column %q is empty", name, i+2, want[0])
		}
		for j, h := range header {
			if strings.HasPrefix(h, "valid_") && rec[j] != "" {
				if y, err := strconv.Atoi(rec[j]); err != nil || y < 1900 || y > 2999 {
					return Table{}, fmt.Errorf("%s:%d: column %q is %q: want a year, or empty for open", name, i+2, h, rec[j])
				}
			}
		}
	}
	return Table{Name: table, Header: header, Rows: recs[1:]}, nil
}

// SHA256 is the hash of the reference tables, names, headers and rows: when
// it changes, every file must be read again.
func (d Data) SHA256() string {
	h := sha256.New()
	for _, t := range d.Tables() {
		fmt.Fprintf(h, "%s\x00%q\x00%q\x00", t.Name, t.Header, t.Rows)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// PrintedTotals reads the totals printed in the published analysis,
// dir/totals.csv, as the reference table printed_totals; an error that
// wraps fs.ErrNotExist if the file is not there.
func PrintedTotals(dir string) (Table, error) {
	path := filepath.Join(dir, "totals.csv")
	f, err := os.Open(path)
	if err != nil {
		return Table{}, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return Table{}, fmt.Errorf("read %s: %w", path, err)
	}
	if len(recs) == 0 {
		return Table{}, fmt.Errorf("read %s: empty", path)
	}
	return Table{Name: "printed_totals", Header: recs[0], Rows: recs[1:]}, nil
}

// ReportTexts are the reviewed words of the annual report, in Dutch: which
// tables it holds and what it says of them (report_plan.csv), the headings
// of the reports' columns, for all or for one report (report_columns.csv),
// the words for their coded values (report_values.csv) and the sentences
// it writes from the data (report_sentences.csv). Like the publication texts, they are not
// reference data of the warehouse.
type ReportTexts struct {
	Plan, Columns, Values, Sentences Table
}

// LoadReportTexts reads the report's texts from dir, or the embedded copy.
func LoadReportTexts(dir string) (ReportTexts, error) {
	var r ReportTexts
	for _, f := range []struct {
		dst     *Table
		file    string
		columns []string
	}{
		{&r.Plan, "report_plan.csv", []string{"section", "section_title", "report", "filter", "title", "sheet", "question", "note", "sentences",
			"chart", "chart_x", "chart_series", "chart_split", "chart_value", "chart_title", "chart_y", "chart_only", "hide"}},
		{&r.Columns, "report_columns.csv", []string{"column", "report", "heading", "unit"}},
		{&r.Values, "report_values.csv", []string{"column", "value", "text"}},
		{&r.Sentences, "report_sentences.csv", []string{"key", "sql", "text"}},
	} {
		t, err := readData(dir, f.file, strings.TrimSuffix(f.file, ".csv"), f.columns)
		if err != nil {
			return ReportTexts{}, err
		}
		*f.dst = t
	}
	return r, nil
}
