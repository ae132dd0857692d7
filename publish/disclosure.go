package publish

import (
	"fmt"
	"strconv"
	"strings"
)

// Rule is the disclosure rule of a publication: which counts are too small
// to print, and the texts that say so under every table.
type Rule struct {
	Below int  // a count below this is hidden (suppress_below)
	Zeros bool // a zero is hidden too (suppress_zeros); else zeros print
	// Texts explain the marks, by key (rule, zeros_shown, zeros_hidden,
	// primary, secondary, derived, chart), with {below}, {low} and {top}
	// for the rule's numbers: config/data/publication_texts.csv.
	Texts map[string]string
}

// SecondaryMark is printed in a cell hidden so that a small count elsewhere
// cannot be recomputed, as Statistics Netherlands prints it.
const SecondaryMark = "x"

// PrimaryMark is printed in a cell hidden because its count is small: <5.
func (r Rule) PrimaryMark() string { return "<" + strconv.Itoa(r.Below) }

// primary reports whether a count is too small to print.
func (r Rule) primary(v float64) bool {
	return v < float64(r.Below) && (v != 0 || r.Zeros)
}

// low is the smallest count the primary mark stands for: 1, or 0 when zeros
// are hidden too.
func (r Rule) low() int {
	if r.Zeros {
		return 0
	}
	return 1
}

// text returns the text of key with the rule's numbers filled in.
func (r Rule) text(key string) string {
	t, ok := r.Texts[key]
	if !ok {
		return fmt.Sprintf("(no text %q in publication_texts.csv)", key)
	}
	return strings.NewReplacer("{below}", strconv.Itoa(r.Below), "{low}", strconv.Itoa(r.low()),
		"{top}", strconv.Itoa(r.Below-1)).Replace(t)
}

// Statement is the rule as printed with every published table: the
// threshold, and whether zeros print.
func (r Rule) Statement() string {
	zeros := "zeros_shown"
	if r.Zeros {
		zeros = "zeros_hidden"
	}
	return r.text("rule") + " " + r.text(zeros)
}

// footnotes are the lines printed under a protected table: the rule, the
// meaning of each mark the table holds, and that its chart leaves hidden
// cells out.
func (r Rule) footnotes(primary, secondary, derived, chart bool) []string {
	notes := []string{r.Statement()}
	if primary {
		notes = append(notes, r.text("primary"))
	}
	if secondary {
		notes = append(notes, r.text("secondary"))
	}
	if derived {
		notes = append(notes, r.text("derived"))
	}
	if chart && (primary || secondary) {
		notes = append(notes, r.text("chart"))
	}
	return notes
}

// isMark reports whether a cell holds a mark of a hidden cell: x, or <
// and a number.
func isMark(v any) bool {
	s, ok := v.(string)
	if !ok {
		return false
	}
	if s == SecondaryMark {
		return true
	}
	_, err := strconv.Atoi(strings.TrimPrefix(s, "<"))
	return strings.HasPrefix(s, "<") && err == nil
}
