// Package sql holds klacht's reports: one .sql file per report, embedded in
// the binary and run by 'klacht query NAME'. Each file starts with a header
// comment that states the question, the grain, the columns and the
// denominator of every percentage; then CTEs; then select * from final.
// Reports take named parameters ($year) bound with --param year=2021.
package sql

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strings"
)

//go:embed *.sql shapes/*.sql
var files embed.FS

// Report returns the SQL text of the named report.
func Report(name string) (string, error) {
	b, err := files.ReadFile(name + ".sql")
	if err != nil {
		return "", fmt.Errorf("no report %q (reports: %s)", name, strings.Join(Names(), ", "))
	}
	return string(b), nil
}

// Shape returns the SQL that prints a partner table of shape (grid, top3,
// ranking, list) the way the report printed it, with {{partner}}, {{year}},
// {{table}} and {{label_name}} to fill in. Rebuild makes a view of it per
// partner table.
func Shape(shape string) (string, error) {
	b, err := files.ReadFile("shapes/" + shape + ".sql")
	if err != nil {
		return "", fmt.Errorf("no partner table shape %q", shape)
	}
	return string(b), nil
}

// Names lists the reports.
func Names() []string {
	entries, _ := fs.Glob(files, "*.sql")
	for i, e := range entries {
		entries[i] = strings.TrimSuffix(e, ".sql")
	}
	slices.Sort(entries)
	return entries
}

// Meta is what a report's header comment says.
type Meta struct {
	Question, Grain, Columns, Denominator string
}

// ReportMeta reads the header comment of a report: the text after
// 'Question:', 'Grain:', 'Columns:' and 'Denominator:' (or 'Denominators:',
// 'Percentages:'), each up to the next such key.
func ReportMeta(text string) Meta {
	var m Meta
	var cur *string
	for _, line := range strings.Split(text, "\n") {
		if !strings.HasPrefix(line, "--") {
			break
		}
		line = strings.TrimSpace(strings.TrimPrefix(line, "--"))
		if key, rest, ok := strings.Cut(line, ":"); ok && !strings.Contains(key, " ") && key != "" {
			switch key {
			case "Question":
				cur = &m.Question
			case "Grain":
				cur = &m.Grain
			case "Columns":
				cur = &m.Columns
			case "Denominator", "Denominators", "Percentages":
				cur = &m.Denominator
			case "Missing", "Params":
				cur = nil
			default:
				goto plain
			}
			if cur != nil {
				*cur = strings.TrimSpace(rest)
			}
			continue
		}
	plain:
		if cur != nil && line != "" {
			*cur = strings.TrimSpace(*cur + " " + line)
		}
	}
	return m
}
