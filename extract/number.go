package extract

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
)

// Number is a value printed in a partner table.
type Number struct {
	Value    float64
	Percent  bool // printed with a % sign
	Decimals int  // decimals printed: 22,4 has 1
	Dash     bool // printed as '-': not applicable, no value
}

// ErrNumber says how partner tables print numbers.
var ErrNumber = errors.New("not a number as the partner tables print them: use 1.082 or 1082, 8,7, 69% or 22,4 %, or - for none")

var (
	dutchGrouped = regexp.MustCompile(`^-?\d{1,3}(\.\d{3})+(,\d+)?$`)
	dutchPlain   = regexp.MustCompile(`^-?\d+(,\d+)?$`)
)

// ParseNumber reads a Dutch number: '1.082' is 1082, '8,7' is 8.7, '69%'
// and '22,4 %' are percentages, '-' is none. Footnote markers ('12*') and
// surrounding spaces are ignored. A point that is not a thousands separator
// ('8.7') is an error, never guessed to be a decimal point. ok is false for
// an empty cell.
func ParseNumber(s string) (n Number, ok bool, err error) {
	s = strings.TrimRight(cleanCell(s), "*")
	s = strings.TrimSpace(s)
	switch s {
	case "":
		return Number{}, false, nil
	case "-", "–", "—":
		return Number{Dash: true}, true, nil
	}
	if p, found := strings.CutSuffix(s, "%"); found {
		n.Percent = true
		s = strings.TrimSpace(p)
	}
	if !dutchGrouped.MatchString(s) && !dutchPlain.MatchString(s) {
		return Number{}, false, ErrNumber
	}
	if i := strings.IndexByte(s, ','); i >= 0 {
		n.Decimals = len(s) - i - 1
	}
	s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return Number{}, false, ErrNumber
	}
	n.Value = v
	return n, true, nil
}

// cleanCell trims a cell and turns non-breaking spaces into spaces.
func cleanCell(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\u00a0", " "))
}

// isYear reports whether a header cell is a year, such as the '2016' over a
// column: a header, not a count.
func isYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	y, err := strconv.Atoi(s)
	return err == nil && y >= 1990 && y <= 2099
}
