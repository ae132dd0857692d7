package transform

import (
	"errors"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
)

func TestParseDate(t *testing.T) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		in       string
		date1904 bool
		want     time.Time
	}{
		{"44230", false, day(2021, 2, 3)},      // a real date cell read raw
		{"44230.5", false, day(2021, 2, 3)},    // with a time of day
		{"42768", true, day(2021, 2, 3)},       // the 1904 date system
		{"61", false, day(1900, 3, 1)},         // after Excel's phantom 29-2-1900
		{"59", false, day(1900, 2, 28)},        // before it
		{"3-2-2021", false, day(2021, 2, 3)},   // d-m-yyyy
		{"03-02-21", false, day(2021, 2, 3)},   // dd-mm-yy
		{"3/2/2021", false, day(2021, 2, 3)},   // other separators
		{"03.02.2021", false, day(2021, 2, 3)}, //
		{"2021-02-03", false, day(2021, 2, 3)}, // ISO
		{"2021-02-03 00:00:00", false, day(2021, 2, 3)},
		{"2021-02-03T00:00:00", false, day(2021, 2, 3)},     // a t="d" cell (ISO 8601), as Strict workbooks store dates
		{"2021-02-03T14:30:00.000", false, day(2021, 2, 3)}, // its date
		{"3 februari 2021", false, day(2021, 2, 3)},
		{" 3 Februari 2021 ", false, day(2021, 2, 3)},
		{"3 feb. 2021", false, day(2021, 2, 3)},
		{"31 december 2020", false, day(2020, 12, 31)},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseDate(tc.in, tc.date1904)
			if err != nil || !got.Equal(tc.want) {
				t.Errorf("ParseDate(%q, %v) = %v, %v; want %v", tc.in, tc.date1904, got, err, tc.want)
			}
		})
	}
}

func TestParseDateErrors(t *testing.T) {
	for _, in := range []string{"31-02-2021", "2021-13-01", "3 brumaire 2021", "morgen", "0", "-5", "1-2", "3 februari 21", "12-12-1", ""} {
		t.Run(in, func(t *testing.T) {
			if got, err := ParseDate(in, false); !errors.Is(err, ErrDate) {
				t.Errorf("ParseDate(%q) = %v, %v; want ErrDate", in, got, err)
			}
		})
	}
}

// The fast path for serial numbers gives what ParseDate gives, at the edges
// of both date systems and across the range.
func TestSerialDate(t *testing.T) {
	for _, date1904 := range []bool{false, true} {
		for _, s := range []string{"0", "1", "59", "60", "61", "62", "25569", "44230", "2958465", "2958466", "9999999", "12345678", "", "4423a", "44230.5", " 44230"} {
			t.Run(fmt.Sprintf("%s 1904=%v", s, date1904), func(t *testing.T) {
				got, ok := serialDate(s, date1904)
				want, err := ParseDate(s, date1904)
				if ok && (err != nil || got != arrow.Date32FromTime(want)) {
					t.Errorf("serialDate = %v, ParseDate = %v, %v", got.ToTime(), want, err)
				}
			})
		}
		for n := 1; n < 2958466; n += 997 {
			s := strconv.Itoa(n)
			got, ok := serialDate(s, date1904)
			want, err := ParseDate(s, date1904)
			if ok && (err != nil || got != arrow.Date32FromTime(want)) {
				t.Fatalf("%s 1904=%v: serialDate = %v, ParseDate = %v, %v", s, date1904, got.ToTime(), want, err)
			}
			if !ok && n >= 61 {
				t.Fatalf("%s 1904=%v: not read as a serial", s, date1904)
			}
		}
	}
}
