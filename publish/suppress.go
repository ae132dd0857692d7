package publish

import (
	"fmt"
	"slices"
	"strings"
)

// measureRole says what a numeric column is, by its name.
func measureRole(name string) string {
	n := strings.ToLower(name)
	switch {
	case slices.Contains([]string{"year", "month", "rank", "run", "first_year", "second_year", "row", "decimals", "exit"}, n):
		return "dimension"
	case strings.Contains(n, "percent") || strings.Contains(n, "share") || strings.Contains(n, "recomputed") ||
		strings.Contains(n, "difference") || strings.Contains(n, "change") || strings.Contains(n, "minutes"):
		return "derived"
	}
	return "count"
}

// Suppressed is what Suppress puts in a hidden cell.
func Suppressed(threshold int) string { return fmt.Sprintf("<%d", threshold) }

// Suppress hides, for publication, every count below threshold, and then
// enough complementary cells that no hidden count can be recomputed: within
// every group of cells that differ in one dimension only (the complainants
// of one organisation; the organisations of one complainant), a group with
// exactly one hidden cell gets its smallest visible cell hidden too, as its
// total may be printed elsewhere. This repeats until no group has one hidden
// cell. Percentages, shares and changes in a row with a hidden count are
// hidden as well. It reports how many cells it hid.
//
// Count columns are the numeric columns that are not dimensions (year,
// month, rank) and not derived (percent, share, change, difference);
// dimensions are the other columns.
func Suppress(t *Table, threshold int) int {
	marker := Suppressed(threshold)
	var counts, derived, dims []int
	for j, c := range t.Columns {
		numeric := false
		for _, r := range t.Rows {
			if _, ok := Number(r[j]); ok {
				numeric = true
				break
			}
		}
		switch {
		case numeric && measureRole(c) == "count":
			counts = append(counts, j)
		case numeric && measureRole(c) == "derived":
			derived = append(derived, j)
		default:
			dims = append(dims, j)
		}
	}
	hidden := make([][]bool, len(t.Rows))
	for i := range hidden {
		hidden[i] = make([]bool, len(t.Columns))
	}
	hid := 0
	hide := func(i, j int) {
		if !hidden[i][j] {
			hidden[i][j] = true
			hid++
		}
	}
	for i, r := range t.Rows {
		for _, j := range counts {
			if v, ok := Number(r[j]); ok && v < float64(threshold) {
				hide(i, j)
			}
		}
	}
	// Complementary cells, per count column and per dimension.
	for changed := true; changed; {
		changed = false
		for _, j := range counts {
			for _, d := range dims {
				groups := map[string][]int{}
				for i, r := range t.Rows {
					if _, ok := Number(r[j]); !ok && !hidden[i][j] {
						continue
					}
					var key []string
					for _, o := range dims {
						if o != d {
							key = append(key, Text(r[o]))
						}
					}
					k := strings.Join(key, "\x1f")
					groups[k] = append(groups[k], i)
				}
				for _, rows := range groups {
					n, smallest := 0, -1
					for _, i := range rows {
						if hidden[i][j] {
							n++
							continue
						}
						v, _ := Number(t.Rows[i][j])
						if s, _ := Number(rowVal(t, smallest, j)); smallest < 0 || v < s {
							smallest = i
						}
					}
					if n == 1 && smallest >= 0 {
						hide(smallest, j)
						changed = true
					}
				}
			}
		}
	}
	for i := range t.Rows {
		rowHidden := false
		for _, j := range counts {
			rowHidden = rowHidden || hidden[i][j]
		}
		if rowHidden {
			for _, j := range derived {
				if t.Rows[i][j] != nil {
					hide(i, j)
				}
			}
		}
		for j := range t.Columns {
			if hidden[i][j] {
				t.Rows[i][j] = marker
			}
		}
	}
	return hid
}

func rowVal(t *Table, i, j int) any {
	if i < 0 {
		return nil
	}
	return t.Rows[i][j]
}
