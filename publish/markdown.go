package publish

import (
	"fmt"
	"io"
	"strings"
)

// Markdown writes the document for quick review: the tables with their
// words, numbers the Dutch way and right-aligned, no charts (a chart-only
// table says where its charts are).
func Markdown(w io.Writer, d *Document) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", d.Title)
	for _, p := range d.Intro {
		fmt.Fprintf(&b, "%s\n\n", p)
	}
	for _, s := range d.Sections {
		fmt.Fprintf(&b, "## %s\n\n", s.Title)
		for _, t := range s.Tables {
			markdownTable(&b, d, t)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownTable writes one table with its title, question, note, sentences,
// footnotes and source.
func markdownTable(b *strings.Builder, d *Document, t *Table) {
	cell := func(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "\n", " ") }
	fmt.Fprintf(b, "### %s\n\n", t.Title)
	if t.Question != "" {
		fmt.Fprintf(b, "*%s:* %s\n\n", d.Label("question"), t.Question)
	}
	if t.Denominator != "" {
		fmt.Fprintf(b, "*%s:* %s\n\n", d.Label("note"), t.Denominator)
	}
	for _, s := range t.Sentences {
		fmt.Fprintf(b, "%s\n\n", s)
	}
	switch {
	case len(t.Rows) == 0:
		fmt.Fprintf(b, "%s\n\n", d.Label("no_rows"))
	case t.ChartOnly:
		fmt.Fprintf(b, "%s\n\n", d.Label("chart_elsewhere"))
	default:
		var head, align []string
		for _, j := range t.Shown() {
			head = append(head, cell(t.Heading(j)))
			align = append(align, map[bool]string{true: "---:", false: "---"}[t.Unit(j) != ""])
		}
		fmt.Fprintf(b, "| %s |\n| %s |\n", strings.Join(head, " | "), strings.Join(align, " | "))
		for i := range t.Rows {
			var cells []string
			for _, j := range t.Shown() {
				cells = append(cells, cell(t.Cell(i, j)))
			}
			fmt.Fprintf(b, "| %s |\n", strings.Join(cells, " | "))
		}
		b.WriteString("\n")
	}
	for _, n := range t.Notes {
		fmt.Fprintf(b, "%s\n\n", cell(n))
	}
	fmt.Fprintf(b, "*%s:* `%s`\n\n", d.Label("source"), t.Name)
}
