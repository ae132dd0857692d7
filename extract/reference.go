package extract

import (
	"strconv"
	"strings"
)

// The reviewed data the partner tables are read with, from its records
// (column name to value), as config loads them.

// SpecsOf reads partner_tables.csv: what a table's layout cannot show.
func SpecsOf(records []map[string]string) []TableSpec {
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
	var out []TableSpec
	for _, r := range records {
		out = append(out, TableSpec{Partner: r["partner"], Table: r["table"], Shape: r["shape"],
			Sections: split(r["sections"]), GroupUnits: split(r["group_units"]), LabelName: r["label_name"]})
	}
	return out
}

// CaptionRulesOf reads partner_captions.csv, in order.
func CaptionRulesOf(records []map[string]string) []CaptionRule {
	var out []CaptionRule
	for _, r := range records {
		out = append(out, CaptionRule{Partner: r["partner"], Report: r["report"], Caption: r["caption"], Table: r["table"]})
	}
	return out
}

// LabelsOf reads partner_labels.csv: the canonical labels of each table.
func LabelsOf(records []map[string]string) Labels {
	out := Labels{}
	for _, r := range records {
		out.AddLabel(r["partner"], r["table"], r["label"])
	}
	return out
}

// NamesOf reads partner_files.csv: for a file whose name does not say,
// which table (a CSV) or report (a PDF) it is.
func NamesOf(records []map[string]string) map[string]TableName {
	out := map[string]TableName{}
	for _, r := range records {
		y, _ := strconv.Atoi(r["year"])
		out[r["file"]] = TableName{Partner: r["partner"], Year: y, Table: r["table"]}
	}
	return out
}
