package publish

import (
	"fmt"
	"io"
	"strings"
)

// Markdown writes the document for quick review.
func Markdown(w io.Writer, d *Document) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", d.Title)
	for _, p := range d.Intro {
		fmt.Fprintf(&b, "%s\n\n", p)
	}
	for _, s := range d.Sections {
		fmt.Fprintf(&b, "## %s\n\n", s.Title)
		for _, t := range s.Tables {
			fmt.Fprintf(&b, "### %s\n\n", t.Title)
			if t.Question != "" {
				fmt.Fprintf(&b, "*Question:* %s\n\n", t.Question)
			}
			if t.Denominator != "" {
				fmt.Fprintf(&b, "*Denominator:* %s\n\n", t.Denominator)
			}
			if len(t.Rows) == 0 {
				b.WriteString("(no rows)\n\n")
				continue
			}
			cell := func(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "\n", " ") }
			var head []string
			for _, c := range t.Columns {
				head = append(head, cell(c))
			}
			fmt.Fprintf(&b, "| %s |\n|%s\n", strings.Join(head, " | "), strings.Repeat(" --- |", len(t.Columns)))
			for _, r := range t.Rows {
				var cells []string
				for _, v := range r {
					cells = append(cells, cell(Text(v)))
				}
				fmt.Fprintf(&b, "| %s |\n", strings.Join(cells, " | "))
			}
			b.WriteString("\n")
			for _, n := range t.Notes {
				fmt.Fprintf(&b, "%s\n\n", cell(n))
			}
			fmt.Fprintf(&b, "*Source:* `%s`\n\n", t.Name)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
