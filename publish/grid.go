package publish

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// measureRole says what a numeric column is, by its name.
func measureRole(name string) string {
	n := strings.ToLower(name)
	switch {
	case slices.Contains([]string{"year", "month", "rank", "run", "first_year", "second_year", "row", "decimals", "exit",
		"source_line", "source_column", "row_number", "column_number"}, n):
		return "dimension"
	case strings.Contains(n, "percent") || strings.Contains(n, "share") || strings.Contains(n, "recomputed") ||
		strings.Contains(n, "difference") || strings.Contains(n, "change") || strings.Contains(n, "minutes"):
		return "derived"
	}
	return "count"
}

// layout is a table's columns by role: counts, figures derived from them
// (percentages, shares, changes, and what Table.Derived names) and
// dimensions (every other column: text, and numbers such as year and
// month). A table with a unit column of count and percent (a partner grid
// as printed) has counts in the rows of unit count, and percentages in the
// others (unit >= 0).
type layout struct {
	counts, derived, dims []int
	unit                  int
}

func layoutOf(t *Table) layout {
	l := layout{unit: unitColumn(t)}
	for j, c := range t.Columns {
		numeric := slices.ContainsFunc(t.Rows, func(r []any) bool { _, ok := Number(r[j]); return ok })
		switch {
		case !numeric || j == l.unit:
			l.dims = append(l.dims, j)
		case slices.Contains(t.Derived, c) || measureRole(c) == "derived":
			l.derived = append(l.derived, j)
		case measureRole(c) == "count":
			l.counts = append(l.counts, j)
		default:
			l.dims = append(l.dims, j)
		}
	}
	return l
}

// unitColumn is the column that says per row whether its value is a count
// or a percentage, or -1.
func unitColumn(t *Table) int {
	u := t.Col("unit")
	if u < 0 || len(t.Rows) == 0 {
		return -1
	}
	for _, r := range t.Rows {
		if v := Text(r[u]); v != "count" && v != "percent" {
			return -1
		}
	}
	return u
}

// isCount reports whether a table row's value in a count column is a
// count: always, but for a row of another unit.
func (l layout) isCount(t *Table, row int) bool {
	return l.unit < 0 || Text(t.Rows[row][l.unit]) == "count"
}

// hiding is what became of a count cell.
type hiding uint8

const (
	shown     hiding = iota
	primary          // too small to print
	secondary        // hidden so that a primary cell cannot be recomputed
)

// grid is one count column of a table as a reader sees it: its cells, and
// the margins a reader may know — the sums over every group of cells alike
// in some of the dimensions (row totals, column totals, the table total,
// and in a table of three dimensions each pair), printed elsewhere or
// derived.
type grid struct {
	table   *Table
	col     int
	rows    []int     // the table rows with a count in col
	values  []float64 // their counts
	state   []hiding
	margins []margin
	widest  []float64     // of a primary cell: its range's width with every cell hidden
	bounds  map[int]bound // of the primary cells as they are hidden now; nil: to work out
}

// margin is a group of cells whose sum a reader may know.
type margin struct {
	cells []int // indices into the grid's rows
	sum   float64
}

// maxAllSubsets is the most dimensions for which the margins over every
// subset of them are considered; beyond it, those that leave out one
// dimension, and the table total.
const maxAllSubsets = 6

func newGrid(t *Table, col int, l layout, r Rule) (*grid, error) {
	g := &grid{table: t, col: col}
	dims := l.dims
	for i, row := range t.Rows {
		if v, ok := Number(row[col]); ok && l.isCount(t, i) {
			g.rows, g.values = append(g.rows, i), append(g.values, v)
			s := shown
			if r.primary(v) {
				s = primary
			}
			g.state = append(g.state, s)
		}
	}
	masks, err := t.marginMasks(dims)
	if err != nil {
		return nil, err
	}
	g.findMargins(dims, masks, r)
	return g, nil
}

// marginMasks are the groupings of the table's dimensions whose totals a
// reader may know, as bit masks over dims: those of t.Margins, or every
// grouping.
func (t *Table) marginMasks(dims []int) ([]int, error) {
	if t.Margins == nil {
		return allMasks(len(dims)), nil
	}
	var masks []int
	for _, g := range t.Margins {
		m := 0
		for _, name := range g {
			k := slices.IndexFunc(dims, func(d int) bool { return t.Columns[d] == name })
			if k < 0 {
				return nil, fmt.Errorf("%s: its margins name %q, which is no dimension of it", t.Name, name)
			}
			m |= 1 << k
		}
		masks = append(masks, m)
	}
	return masks, nil
}

// findMargins lists the margins a reader may know. A group of one cell is
// left out: its sum is that cell, known only where the cell is. So is a sum
// below the threshold: it is itself a small count, hidden wherever it is
// printed.
func (g *grid) findMargins(dims, masks []int, r Rule) {
	seen := map[string]bool{}
	for _, mask := range masks {
		groups := map[string][]int{}
		var order []string
		for i, row := range g.rows {
			var key strings.Builder
			for k, d := range dims {
				if mask&(1<<k) != 0 {
					key.WriteString(Text(g.table.Rows[row][d]))
					key.WriteByte(0x1f)
				}
			}
			k := key.String()
			if _, ok := groups[k]; !ok {
				order = append(order, k)
			}
			groups[k] = append(groups[k], i)
		}
		for _, k := range order {
			cells := groups[k]
			sum := 0.0
			for _, c := range cells {
				sum += g.values[c]
			}
			id := fmt.Sprint(cells)
			if len(cells) < 2 || sum < float64(r.Below) || seen[id] {
				continue
			}
			seen[id] = true
			g.margins = append(g.margins, margin{cells, sum})
		}
	}
}

// allMasks are the subsets of n dimensions whose margins count, as bit
// masks of the dimensions kept: all but the whole set, or for many
// dimensions those that leave out one, and the empty set (the total).
func allMasks(n int) []int {
	full := 1<<n - 1
	if n <= maxAllSubsets {
		masks := make([]int, 0, full)
		for m := range full {
			masks = append(masks, m)
		}
		if n == 0 {
			masks = []int{0}
		}
		return masks
	}
	masks := []int{0}
	for k := range n {
		masks = append(masks, full&^(1<<k))
	}
	return masks
}

// hidden returns which cells are hidden.
func (g *grid) hidden() []bool {
	h := make([]bool, len(g.state))
	for i, s := range g.state {
		h[i] = s != shown
	}
	return h
}

// bound is what a reader can work out about a primary cell: its range, and
// the two solutions of the reader's equations that give its ends, over the
// grid's cells (none when the cell is in no known margin).
type bound struct {
	span span
	ends [2][]float64
}

// bound works out the bound of cell c in the system sys of the grid.
func (g *grid) bound(sys *system, c int) (bound, error) {
	sp, x, err := sys.span(c)
	if err != nil {
		return bound{}, g.auditErr(c, err)
	}
	b := bound{span: sp}
	for k := range x {
		if x[k] == nil {
			continue
		}
		b.ends[k] = slices.Clone(g.values)
		for i, cell := range sys.vars {
			b.ends[k][cell] = x[k][i]
		}
	}
	return b, nil
}

// moves reports whether showing cell c, of count v, can change the bound:
// whether a solution that gives one of its ends has c at another value.
// If neither has, both stay solutions once c shows, so the ends stay put.
func (b bound) moves(c int, v float64) bool {
	for _, x := range b.ends {
		if x != nil && math.Abs(x[c]-v) > 1e-9 {
			return true
		}
	}
	return false
}

func (g *grid) auditErr(c int, err error) error {
	return fmt.Errorf("audit of %s, row %d, column %q: %w", g.table.Name, g.rows[c]+1, g.table.Columns[g.col], err)
}
