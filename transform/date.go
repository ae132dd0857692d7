package transform

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
)

// ErrDate says which date forms a register may use.
var ErrDate = errors.New("not a date: use a real Excel date, or text such as 3-2-2021, 03-02-21, 2021-02-03 or 3 februari 2021")

var dutchMonths = map[string]time.Month{
	"januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "mar": 3,
	"april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
	"augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
	"november": 11, "nov": 11, "december": 12, "dec": 12,
}

// ParseDate reads a register date: an Excel serial number (a real date cell
// read raw; date1904 selects the 1904 epoch), or text in the forms d-m-yyyy,
// dd-mm-yy (also with / or .), yyyy-mm-dd, or "3 februari 2021". A date that
// does not exist (31-2-2021) is an error, never rolled over.
func ParseDate(s string, date1904 bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	if d, t, ok := strings.Cut(s, "T"); ok && len(d) == 10 && len(t) >= 5 && t[2] == ':' {
		s = d // an ISO date-time (a t="d" cell): its date
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return fromSerial(f, date1904)
	}
	if t, ok := parseNumeric(s); ok {
		return t, nil
	}
	if t, ok := parseDutch(s); ok {
		return t, nil
	}
	return time.Time{}, ErrDate
}

// serialDate reads a whole serial number, as a real date cell is stored,
// straight into days since 1970; false for anything else, which ParseDate
// reads. It gives what ParseDate gives (TestSerialDate).
func serialDate(s string, date1904 bool) (arrow.Date32, bool) {
	if len(s) == 0 || len(s) > 7 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	switch {
	case n >= 2958466:
		return 0, false
	case date1904 && n >= 1:
		return arrow.Date32(n - 24107), true // 1904-01-01 is day -24107
	case !date1904 && n >= 61:
		return arrow.Date32(n - 25569), true // 1899-12-30 is day -25569
	}
	return 0, false
}

// fromSerial converts an Excel serial date. In the 1900 system serial 60 is
// the non-existent 29 February 1900, so days from 1 March 1900 on count from
// 30 December 1899.
func fromSerial(f float64, date1904 bool) (time.Time, error) {
	if f < 1 || f >= 2958466 || math.IsNaN(f) {
		return time.Time{}, ErrDate
	}
	days := int(math.Floor(f))
	if date1904 {
		return time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days), nil
	}
	if days < 60 {
		days++
	}
	return time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days), nil
}

func parseNumeric(s string) (time.Time, bool) {
	if i := strings.IndexAny(s, " T"); i > 0 && strings.Contains(s[i:], ":") {
		s = s[:i] // a time after the date: 2021-02-03 00:00:00
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
	if len(parts) != 3 {
		return time.Time{}, false
	}
	n := make([]int, 3)
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil {
			return time.Time{}, false
		}
		n[i] = v
	}
	var y, m, d int
	switch {
	case len(parts[0]) == 4:
		y, m, d = n[0], n[1], n[2]
	case len(parts[2]) == 4:
		d, m, y = n[0], n[1], n[2]
	case len(parts[2]) == 2:
		d, m, y = n[0], n[1], 2000+n[2]
	default:
		return time.Time{}, false
	}
	return validDate(y, m, d)
}

func parseDutch(s string) (time.Time, bool) {
	f := strings.Fields(strings.ToLower(strings.ReplaceAll(s, ".", " ")))
	if len(f) != 3 {
		return time.Time{}, false
	}
	d, err1 := strconv.Atoi(f[0])
	m, ok := dutchMonths[f[1]]
	y, err2 := strconv.Atoi(f[2])
	if err1 != nil || !ok || err2 != nil || len(f[2]) != 4 {
		return time.Time{}, false
	}
	return validDate(y, int(m), d)
}

func validDate(y, m, d int) (time.Time, bool) {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d || y < 1900 || y > 2099 {
		return time.Time{}, false
	}
	return t, true
}
