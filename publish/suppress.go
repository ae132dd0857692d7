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

// SmallCountMark is what Suppress prints in place of a hidden cell.
func SmallCountMark(threshold int) string { return fmt.Sprintf("<%d", threshold) }

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
	s := newSuppression(t)
	s.hideBelow(threshold)
	for s.hideComplements() {
	}
	s.hideDerived()
	s.mark(SmallCountMark(threshold))
	return s.hid
}

// suppression is the cells of a table hidden so far, and its columns by role.
type suppression struct {
	t                     *Table
	counts, derived, dims []int // column indices
	hidden                [][]bool
	hid                   int
}

func newSuppression(t *Table) *suppression {
	s := &suppression{t: t, hidden: make([][]bool, len(t.Rows))}
	for i := range s.hidden {
		s.hidden[i] = make([]bool, len(t.Columns))
	}
	for j, c := range t.Columns {
		numeric := slices.ContainsFunc(t.Rows, func(r []any) bool { _, ok := Number(r[j]); return ok })
		switch {
		case numeric && measureRole(c) == "count":
			s.counts = append(s.counts, j)
		case numeric && measureRole(c) == "derived":
			s.derived = append(s.derived, j)
		default:
			s.dims = append(s.dims, j)
		}
	}
	return s
}

func (s *suppression) hide(i, j int) {
	if !s.hidden[i][j] {
		s.hidden[i][j] = true
		s.hid++
	}
}

// hideBelow hides the counts below threshold.
func (s *suppression) hideBelow(threshold int) {
	for i, r := range s.t.Rows {
		for _, j := range s.counts {
			if v, ok := Number(r[j]); ok && v < float64(threshold) {
				s.hide(i, j)
			}
		}
	}
}

// hideComplements hides, in every group of one count column whose cells
// differ in one dimension only, the smallest visible cell of a group with
// exactly one hidden cell. It reports whether it hid any.
func (s *suppression) hideComplements() bool {
	changed := false
	for _, j := range s.counts {
		for _, d := range s.dims {
			for _, rows := range s.groups(j, d) {
				changed = s.protect(rows, j) || changed
			}
		}
	}
	return changed
}

// groups returns the rows with a value (or hidden) in count column j,
// grouped by their values in every dimension but d.
func (s *suppression) groups(j, d int) map[string][]int {
	groups := map[string][]int{}
	for i, r := range s.t.Rows {
		if _, ok := Number(r[j]); !ok && !s.hidden[i][j] {
			continue
		}
		var key []string
		for _, o := range s.dims {
			if o != d {
				key = append(key, Text(r[o]))
			}
		}
		k := strings.Join(key, "\x1f")
		groups[k] = append(groups[k], i)
	}
	return groups
}

// protect hides the smallest visible cell of column j among rows if exactly
// one of them is hidden, and reports whether it did.
func (s *suppression) protect(rows []int, j int) bool {
	n, smallest := 0, -1
	for _, i := range rows {
		if s.hidden[i][j] {
			n++
			continue
		}
		v, _ := Number(s.t.Rows[i][j])
		if smallest < 0 {
			smallest = i
		} else if least, _ := Number(s.t.Rows[smallest][j]); v < least {
			smallest = i
		}
	}
	if n != 1 || smallest < 0 {
		return false
	}
	s.hide(smallest, j)
	return true
}

// hideDerived hides the percentages, shares and changes of a row with a
// hidden count.
func (s *suppression) hideDerived() {
	for i, r := range s.t.Rows {
		if !slices.ContainsFunc(s.counts, func(j int) bool { return s.hidden[i][j] }) {
			continue
		}
		for _, j := range s.derived {
			if r[j] != nil {
				s.hide(i, j)
			}
		}
	}
}

// mark puts mark in every hidden cell.
func (s *suppression) mark(mark string) {
	for i := range s.t.Rows {
		for j := range s.t.Columns {
			if s.hidden[i][j] {
				s.t.Rows[i][j] = mark
			}
		}
	}
}
