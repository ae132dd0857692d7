package publish

import (
	"slices"
	"strings"
)

// mark prints the marks in a table's hidden cells, hides the derived
// figures of hidden counts with their mark, adds the footnotes, and returns
// how many derived cells it hid.
func mark(t *Table, grids []*grid, r Rule) int {
	state := make([][]hiding, len(t.Rows))
	for i := range state {
		state[i] = make([]hiding, len(t.Columns))
	}
	for _, g := range grids {
		for c, row := range g.rows {
			state[row][g.col] = g.state[c]
		}
	}
	l := layoutOf(t)
	derived := derivedHiding(t, l, state)
	marks := map[hiding]string{primary: r.PrimaryMark(), secondary: SecondaryMark}
	has := map[hiding]bool{}
	for i := range t.Rows {
		for j := range t.Columns {
			if s := state[i][j]; s != shown {
				has[s] = true
				t.Rows[i][j] = marks[s]
			}
		}
		for j, s := range derived[i] {
			t.Rows[i][j] = marks[s]
		}
	}
	t.Notes = append(t.Notes, r.footnotes(has[primary], has[secondary], len(derived) > 0, t.Chart != nil)...)
	n := 0
	for _, d := range derived {
		n += len(d)
	}
	return n
}

// derivedHiding returns, per row, the derived cells to hide and their mark:
// a percentage or share takes the strongest mark of its row's counts
// (primary before secondary); a change or difference also that of the same
// series' previous year, which it is computed from.
func derivedHiding(t *Table, l layout, state [][]hiding) map[int]map[int]hiding {
	rowMark := func(i int) hiding {
		m := shown
		for _, j := range l.counts {
			if s := state[i][j]; s == primary || (s == secondary && m == shown) {
				m = s
			}
		}
		return m
	}
	prev := previousYearRows(t, l)
	out := map[int]map[int]hiding{}
	for i, row := range t.Rows {
		for _, j := range l.derived {
			if row[j] == nil {
				continue
			}
			m := rowMark(i)
			n := strings.ToLower(t.Columns[j])
			if p, ok := prev[i]; ok && m == shown && (strings.Contains(n, "change") || strings.Contains(n, "difference")) {
				m = rowMark(p)
			}
			if m != shown {
				if out[i] == nil {
					out[i] = map[int]hiding{}
				}
				out[i][j] = m
			}
		}
	}
	printedPercentages(t, l, state, out)
	return out
}

// printedPercentages adds to out, in a table with a unit per row, each
// percentage whose printed row (alike in every dimension but its column)
// has a hidden count, with that count's strongest mark.
func printedPercentages(t *Table, l layout, state [][]hiding, out map[int]map[int]hiding) {
	if l.unit < 0 {
		return
	}
	column := t.Col("column")
	key := func(i int) string {
		var b strings.Builder
		for _, d := range l.dims {
			if d != l.unit && d != column {
				b.WriteString(Text(t.Rows[i][d]) + "\x1f")
			}
		}
		return b.String()
	}
	marks := map[string]hiding{}
	for i := range t.Rows {
		for _, j := range l.counts {
			if s := state[i][j]; l.isCount(t, i) && (s == primary || (s == secondary && marks[key(i)] == shown)) {
				marks[key(i)] = s
			}
		}
	}
	for i, row := range t.Rows {
		for _, j := range l.counts {
			if _, ok := Number(row[j]); ok && !l.isCount(t, i) && marks[key(i)] != shown {
				if out[i] == nil {
					out[i] = map[int]hiding{}
				}
				out[i][j] = marks[key(i)]
			}
		}
	}
}

// previousYearRows maps each row of a table with a year column to the row
// of the same series (alike in every other dimension) a year before.
func previousYearRows(t *Table, l layout) map[int]int {
	year := t.Col("year")
	if year < 0 || !slices.Contains(l.dims, year) {
		return nil
	}
	key := func(i int, y float64) string {
		var b strings.Builder
		for _, d := range l.dims {
			if d != year {
				b.WriteString(Text(t.Rows[i][d]) + "\x1f")
			}
		}
		return b.String() + Text(y)
	}
	rowOf := map[string]int{}
	for i, row := range t.Rows {
		if y, ok := Number(row[year]); ok {
			rowOf[key(i, y)] = i
		}
	}
	out := map[int]int{}
	for i, row := range t.Rows {
		if y, ok := Number(row[year]); ok {
			if p, ok := rowOf[key(i, y-1)]; ok {
				out[i] = p
			}
		}
	}
	return out
}
