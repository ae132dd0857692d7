// Package docs holds klacht's documentation for people, and gives the
// warehouse the same words: the comments (COMMENT ON) of its tables and
// columns are read from warehouse.md, so DBeaver, the DuckDB CLI and
// duckdb_columns() say what the documentation says.
package docs

import (
	_ "embed"
	"regexp"
	"strings"
)

//go:embed warehouse.md
var warehouse string

// Comment is what the documentation says of a table (Column empty) or of
// one of its columns.
type Comment struct {
	Table, Column, Text string
}

var (
	tableHeading = regexp.MustCompile(`^#{2,3} ([a-z_]+)$`)
	inherits     = regexp.MustCompile("^Columns as in `([a-z_]+)`")
	markup       = strings.NewReplacer("`", "", "*", "")
)

// WarehouseComments reads warehouse.md: under a heading that names a table
// (## conversations), its first paragraph is the table's comment and each
// row of its column table (| column | type | meaning |; a cell may name
// several columns) a column's. 'Columns as in `t`' takes t's. The table of
// reference tables (| table | columns | from |) gives each its comment, and
// its columns the file they come from.
func WarehouseComments() []Comment {
	var out []Comment
	table, described, inTable := "", false, ""
	for _, line := range strings.Split(warehouse, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "#"):
			table, described, inTable = "", false, ""
			if m := tableHeading.FindStringSubmatch(line); m != nil {
				table = m[1]
			}
		case strings.HasPrefix(line, "| column | type |"):
			inTable = "columns"
		case strings.HasPrefix(line, "| table | columns |"):
			inTable = "tables"
		case strings.HasPrefix(line, "|---"), line == "":
			if line == "" {
				inTable = ""
			}
		case strings.HasPrefix(line, "|") && inTable == "columns" && table != "":
			cells := splitRow(line)
			for _, c := range strings.Split(cells[0], ",") {
				out = append(out, Comment{table, strings.TrimSpace(c), markup.Replace(cells[2])})
			}
		case strings.HasPrefix(line, "|") && inTable == "tables":
			cells := splitRow(line)
			out = append(out, Comment{cells[0], "", markup.Replace(cells[2])})
			for _, c := range strings.Split(cells[1], ",") {
				out = append(out, Comment{cells[0], strings.TrimSpace(c), "a column of " + markup.Replace(cells[2])})
			}
		case table != "" && inherits.MatchString(line):
			from := inherits.FindStringSubmatch(line)[1]
			for _, c := range out {
				if c.Table == from && c.Column != "" {
					out = append(out, Comment{table, c.Column, c.Text})
				}
			}
		case table != "" && !described && !strings.HasPrefix(line, "|") && !strings.HasPrefix(line, "```"):
			out = append(out, Comment{table, "", markup.Replace(paragraph(warehouse, line))})
			described = true
		}
	}
	return out
}

// splitRow splits a markdown table row into its trimmed cells.
func splitRow(line string) []string {
	cells := strings.Split(strings.Trim(line, "|"), "|")
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	for len(cells) < 3 {
		cells = append(cells, "")
	}
	return cells
}

// paragraph is the whole paragraph of text that starts with first.
func paragraph(text, first string) string {
	i := strings.Index(text, first)
	rest := text[i:]
	if j := strings.Index(rest, "\n\n"); j >= 0 {
		rest = rest[:j]
	}
	return strings.Join(strings.Fields(rest), " ")
}
