package publish

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"
)

// Table is one report result with what a reader needs to read it.
type Table struct {
	Name        string // the report (sql/NAME.sql) or view it came from
	Title       string
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
}

// Chart asks for a chart of the table: a line per Series over X (Kind
// "line"), or bars of Value per X for each Series (Kind "bar"). Where Series
// is empty, the column Fallback names the series (Veilig Thuis Utrecht has
// no region: its line is named after the organisation).
type Chart struct {
	Kind, X, Series, Value, Fallback string
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
