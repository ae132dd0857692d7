package reports

import (
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"github.com/agnivade/levenshtein"

	"github.com/svmn/klacht/sql"
)

// SQL returns the text of the named report.
func SQL(name string) (string, error) {
	b, err := sql.Files.ReadFile(name + ".sql")
	if err != nil {
		if near := Suggest(name); len(near) > 0 {
			return "", fmt.Errorf("no report %q: did you mean %s? ('klacht query --list' lists them all)", name, strings.Join(near, ", "))
		}
		return "", fmt.Errorf("no report %q: 'klacht query --list' lists them all", name)
	}
	return string(b), nil
}

// Names lists the reports, sorted.
func Names() []string {
	entries, _ := fs.Glob(sql.Files, "*.sql")
	for i, e := range entries {
		entries[i] = strings.TrimSuffix(e, ".sql")
	}
	slices.Sort(entries)
	return entries
}

// Header is what a report's header comment says.
type Header struct {
	Question, Grain, Columns, Denominator string
	// Counts says what the report's counts count (conversations), and
	// Fixed the dimensions it fixes rather than prints (year = 2021): a
	// figure is the same in two reports that count the same thing in the
	// same dimensions, and is then hidden in both alike for publication.
	Counts, Fixed string
	// Margins names the totals of the report's counts that a reader may
	// know, printed in this report or another: groupings separated by ';',
	// each the dimensions it keeps ("year, organisation; year"), 'total'
	// for the grand total. Empty: every grouping (the safe assumption).
	Margins string
	// Derived names the columns that are computed from counts (a printed
	// percentage), where their names do not say so (percent, share, change).
	Derived string
}

// MarginGroupings reads Margins as groupings of dimension names (an empty
// one for 'total'), or nil if it is empty. Text in parentheses explains and
// is left out.
func (h Header) MarginGroupings() [][]string {
	if strings.TrimSpace(h.Margins) == "" {
		return nil
	}
	var out [][]string
	for _, g := range strings.Split(withoutAsides(h.Margins), ";") {
		dims := []string{}
		for _, d := range strings.Split(g, ",") {
			if d = strings.TrimSpace(d); d != "" && d != "total" {
				dims = append(dims, d)
			}
		}
		out = append(out, dims)
	}
	return out
}

// DerivedColumns reads Derived as column names.
func (h Header) DerivedColumns() []string {
	var out []string
	for _, c := range strings.Split(withoutAsides(h.Derived), ",") {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// FixedValues reads Fixed, "year = 2021, organisation = SAVE", as a map.
func (h Header) FixedValues() map[string]string {
	out := map[string]string{}
	for _, part := range strings.Split(h.Fixed, ",") {
		if k, v, ok := strings.Cut(part, "="); ok {
			out[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return out
}

// ParseHeader reads the header comment of a report's text: the text after
// 'Question:', 'Grain:', 'Columns:', 'Denominator:' (or 'Denominators:',
// 'Percentages:'), 'Counts:', 'Fixed:', 'Margins:' and 'Derived:', each up
// to the next such key.
func ParseHeader(text string) Header {
	var h Header
	var cur *string
	for _, line := range strings.Split(text, "\n") {
		if !strings.HasPrefix(line, "--") {
			break
		}
		line = strings.TrimSpace(strings.TrimPrefix(line, "--"))
		if key, rest, ok := strings.Cut(line, ":"); ok && !strings.Contains(key, " ") && key != "" {
			if field, known := h.field(key); known {
				cur = field
				if cur != nil {
					*cur = strings.TrimSpace(rest)
				}
				continue
			}
		}
		if cur != nil && line != "" {
			*cur = strings.TrimSpace(*cur + " " + line)
		}
	}
	return h
}

// field returns where the text after key goes: nil for a key whose text is
// not kept (Missing, Params), and false for a word that is no key.
func (h *Header) field(key string) (*string, bool) {
	switch key {
	case "Question":
		return &h.Question, true
	case "Grain":
		return &h.Grain, true
	case "Columns":
		return &h.Columns, true
	case "Denominator", "Denominators", "Percentages":
		return &h.Denominator, true
	case "Counts":
		return &h.Counts, true
	case "Fixed":
		return &h.Fixed, true
	case "Margins":
		return &h.Margins, true
	case "Derived":
		return &h.Derived, true
	case "Missing", "Params":
		return nil, true
	}
	return nil, false
}

// withoutAsides is s without its parenthesised text.
func withoutAsides(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

var paramName = regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_]*)`)

// Params lists the named parameters ($year) a query uses, in order of first
// use, outside its comments and string literals.
func Params(query string) []string {
	var out []string
	for _, m := range paramName.FindAllStringSubmatch(codeOnly(query), -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	return out
}

// codeOnly is query without its comments and string literals.
func codeOnly(query string) string {
	var b strings.Builder
	for i := 0; i < len(query); i++ {
		switch c := query[i]; {
		case c == '-' && i+1 < len(query) && query[i+1] == '-':
			for i < len(query) && query[i] != '\n' {
				i++
			}
			b.WriteByte('\n')
		case c == '\'':
			for i++; i < len(query) && query[i] != '\''; i++ {
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// Suggest returns the report names nearest to a mistyped one (at most three
// edits away, or that contain it), nearest first.
func Suggest(name string) []string {
	type near struct {
		name string
		d    int
	}
	var found []near
	for _, n := range Names() {
		d := levenshtein.ComputeDistance(strings.ToLower(name), n)
		if d <= 3 || len(name) >= 4 && strings.Contains(n, strings.ToLower(name)) {
			found = append(found, near{n, d})
		}
	}
	slices.SortStableFunc(found, func(a, b near) int { return a.d - b.d })
	var out []string
	for _, f := range found[:min(len(found), 3)] {
		out = append(out, f.name)
	}
	return out
}

// ColumnNotes reads Columns ('year, count (conversations), percent (of
// the organisation's conversations)') as the note on each column that has
// one in parentheses.
func (h Header) ColumnNotes() map[string]string {
	out := map[string]string{}
	depth, start := 0, 0
	text := strings.TrimSuffix(strings.TrimSpace(h.Columns), ".")
	item := func(s string) {
		name, note, ok := strings.Cut(strings.TrimSpace(s), "(")
		if ok && strings.HasSuffix(strings.TrimSpace(note), ")") {
			out[strings.TrimSpace(name)] = strings.TrimSuffix(strings.TrimSpace(note), ")")
		}
	}
	for i, r := range text {
		switch {
		case r == '(':
			depth++
		case r == ')':
			depth--
		case r == ',' && depth == 0:
			item(text[start:i])
			start = i + 1
		}
	}
	item(text[start:])
	return out
}
