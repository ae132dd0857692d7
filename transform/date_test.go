package transform

import (
	"errors"
	"testing"
	"time"
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
