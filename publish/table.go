package publish

import (
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Table is one report result with what a reader needs to read it.
type Table struct {
	Name        string // the report (sql/NAME.sql) or view it came from
	Title       string
	Short       string // the table's name where room is short (a sheet's name); none: its title, cut
	Question    string
	Denominator string
	Columns     []string
	Rows        [][]any
	Chart       *Chart
	// Counts says what the table's counts count ("conversations"), so that
	// tables that print the same figure are protected alike; Fixed holds
	// the dimensions the table fixes rather than prints (year = 2021).
	Counts string
	Fixed  map[string]string
	// Margins are the totals of the counts a reader may know, as the
	// dimensions each keeps (none: the grand total); nil: every grouping.
	Margins [][]string
	// Derived names columns computed from counts whose names do not say so
	// (a printed percentage): they are hidden with their row's counts.
	Derived []string
	Notes   []string // footnotes: what the marks of a protected table mean

	// For the reader: the heading and unit (UnitCount, UnitPercent, or
	// none) of each column, what the report says of the table from the
	// data, and whether only its chart is printed.
	Headings  []string
	Units     []string
	Sentences []string
	ChartOnly bool
	Hidden    []string // columns not printed (a year the title says); protection still sees them
}

// Shown are the indexes of the columns printed.
func (t *Table) Shown() []int {
	var out []int
	for j, c := range t.Columns {
		if !slices.Contains(t.Hidden, c) {
			out = append(out, j)
		}
	}
	return out
}

// Wide reports whether a table has so many columns that it prints in a
// smaller type to fit the page's width.
func (t *Table) Wide() bool { return !t.ChartOnly && len(t.Shown()) > 7 }

// Heading is the heading of column j a reader sees.
func (t *Table) Heading(j int) string {
	if j < len(t.Headings) && t.Headings[j] != "" {
		return t.Headings[j]
	}
	return t.Columns[j]
}

// Unit is the unit of column j (UnitCount, UnitPercent), or "".
func (t *Table) Unit(j int) string {
	if j < len(t.Units) {
		return t.Units[j]
	}
	return ""
}

// Cell is the text of row i, column j as a reader sees it: numbers the
// Dutch way (Dutch), a count or percentage with as many decimals as the
// column's most (45,0% beside 43,7%).
func (t *Table) Cell(i, j int) string {
	v := t.Rows[i][j]
	n, ok := Number(v)
	if !ok || t.Unit(j) == "" {
		return Dutch(v, t.Unit(j))
	}
	d := 0
	for _, r := range t.Rows {
		if m, ok := Number(r[j]); ok {
			d = max(d, decimalsOf(m))
		}
	}
	return Dutch(strconv.FormatFloat(n, 'f', d, 64), t.Unit(j))
}

// decimalsOf is how many decimals a number is written with.
func decimalsOf(n float64) int {
	s := strconv.FormatFloat(n, 'f', -1, 64)
	if _, frac, ok := strings.Cut(s, "."); ok {
		return len(frac)
	}
	return 0
}

// Section is a chapter of the analysis.
type Section struct {
	Title  string
	Tables []*Table
}

// Document is the analysis of one year.
type Document struct {
	Title    string
	Intro    []string
	Sections []Section
	// Labels are the words of the page around the tables, by key:
	// question, note, source, no_rows, contents, legend_total
	// (publication_texts.csv); a missing one prints as its key.
	Labels map[string]string
}

// Label is the document's word for key.
func (d *Document) Label(key string) string {
	if l, ok := d.Labels[key]; ok {
		return l
	}
	return key
}

// Col returns the index of the named column, or -1.
func (t *Table) Col(name string) int {
	for i, c := range t.Columns {
		if c == name {
			return i
		}
	}
	return -1
}

// Text renders one value: NULL as empty, whole numbers without a decimal
// part, dates as 2006-01-02.
func Text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return formatFloat(x)
	case float32:
		return formatFloat(float64(x))
	case *big.Int:
		return x.String()
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format("2006-01-02")
		}
		return x.Format(time.RFC3339)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = Text(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case fmt.Stringer:
		return x.String()
	default:
		return fmt.Sprint(x)
	}
}

func formatFloat(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return strconv.FormatInt(int64(f), 10)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// Number returns v as a float64 if it is a number.
func Number(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int8:
		return float64(x), true
	case int16:
		return float64(x), true
	case int32:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint8:
		return float64(x), true
	case uint16:
		return float64(x), true
	case uint32:
		return float64(x), true
	case uint64:
		return float64(x), true
	case float32:
		return float64(x), true
	case float64:
		return x, true
	case *big.Int:
		f, _ := new(big.Float).SetInt(x).Float64()
		return f, true
	}
	return 0, false
}

// Neutralise keeps a text cell from acting as a formula in a spreadsheet: a
// text that starts with =, +, -, @, a tab or a carriage return gets a leading
// apostrophe. Numbers are not text and stay numbers: a change of -2 is -2.
func Neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
