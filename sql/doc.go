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
