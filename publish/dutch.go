package publish

import (
	"regexp"
	"strconv"
	"strings"
)

// Units of a report's column, as report_columns.csv gives them: how a
// reader wants its numbers.
const (
	UnitCount   = "count"   // a number, thousands grouped: 1.082
	UnitPercent = "percent" // a number with a percent sign: 42,9%
)

// Dutch renders a cell for a reader of the report, as the published
// analysis prints it: a count or percentage the Dutch way, thousands
// grouped with a dot and decimals after a comma (1.082; 42,9%); any other
// number (a year, a month) and any text as it is.
func Dutch(v any, unit string) string {
	if s, ok := v.(string); ok && unit != "" {
		if _, err := strconv.ParseFloat(s, 64); err == nil { // a number written with its decimals
			return dutchDigits(s, unit)
		}
	}
	n, ok := Number(v)
	if !ok || unit == "" {
		return Text(v)
	}
	return dutchDigits(strconv.FormatFloat(n, 'f', -1, 64), unit)
}

// dutchDigits writes a number given as digits the Dutch way.
func dutchDigits(digits, unit string) string {
	s := dutchString(digits)
	if unit == UnitPercent {
		s += "%"
	}
	return s
}

// dutchNumber writes n with a comma for its decimals and dots between
// thousands.
func dutchNumber(n float64) string { return dutchString(strconv.FormatFloat(n, 'f', -1, 64)) }

// dutchString writes a number's digits (-1234.5) the Dutch way (-1.234,5).
func dutchString(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("," + frac)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

var field = regexp.MustCompile(`\{([a-z_]+)(:[+%]+)?\}`)

// Sentence fills a sentence of the report with the values of one result
// row, by column name: {nu} a count the Dutch way, {verschil_pct:%} a
// percentage, {verschil_pct:+%} one with its sign; text as it is. Values
// small enough to be hidden under rule r print as its mark. It reports
// false if a value the sentence needs is missing.
func Sentence(template string, columns []string, row []any, r Rule) (string, bool) {
	values := map[string]any{}
	for i, c := range columns {
		values[c] = row[i]
	}
	ok := true
	out := field.ReplaceAllStringFunc(template, func(m string) string {
		parts := field.FindStringSubmatch(m)
		v, found := values[parts[1]]
		if !found || v == nil {
			ok = false
			return m
		}
		n, isNumber := Number(v)
		switch {
		case !isNumber:
			return Text(v)
		case strings.Contains(parts[2], "%"):
			sign := ""
			if strings.Contains(parts[2], "+") && n > 0 {
				sign = "+"
			}
			return sign + dutchNumber(n) + "%"
		case strings.HasSuffix(parts[1], "jaar"):
			return Text(v) // a year
		case r.Below > 0 && r.primary(n):
			return r.PrimaryMark()
		}
		return dutchNumber(n)
	})
	return out, ok
}
