package publish

import (
	"cmp"
	"maps"
	"slices"
	"strings"
)

// Protect makes tables fit to publish, together. In each count column it
// hides the counts below the threshold (primary cells, printed as <5; zeros
// only with Rule.Zeros), then the fewest and smallest other cells needed so
// that no primary cell can be worked out to within less than the threshold
// from the visible cells and the margins a reader may know (secondary cells,
// printed as x); a percentage, share or change of a hidden count takes that
// count's mark. A figure hidden in one table is hidden in every table that
// prints it (the same Counts, column and dimension values). Each table gets
// footnotes that explain its marks, and an audit.
func Protect(tables []*Table, r Rule) ([]Audit, error) {
	var grids [][]*grid
	for _, t := range tables {
		l := layoutOf(t)
		var gs []*grid
		for _, col := range l.counts {
			g, err := newGrid(t, col, l, r)
			if err != nil {
				return nil, err
			}
			if err := g.protect(r); err != nil {
				return nil, err
			}
			gs = append(gs, g)
		}
		grids = append(grids, gs)
	}
	hideAlike(tables, grids)
	audits := make([]Audit, len(tables))
	for i, t := range tables {
		a, err := audit(t, grids[i])
		if err != nil {
			return nil, err
		}
		a.Derived = mark(t, grids[i], r)
		audits[i] = a
	}
	return audits, nil
}

// protect chooses the secondary cells of a grid. It hides every cell, the
// most a reader can be kept from knowing, and notes for each primary cell
// how wide its range is then. Then it shows each other cell again, largest
// first, unless that narrows a primary cell's range below the threshold
// (or below that widest range, where the margins alone allow no more). What
// stays hidden is needed: no secondary cell can be shown alone. A primary
// cell's range is worked out again only if showing the cell can move it.
func (g *grid) protect(r Rule) error {
	for c, s := range g.state {
		if s == shown {
			g.state[c] = secondary
		}
	}
	sys := newSystem(g, g.hidden())
	g.bounds = map[int]bound{}
	bounds := g.bounds
	var primaries []int
	g.widest = make([]float64, len(g.state))
	for c, s := range g.state {
		if s != primary {
			continue
		}
		b, err := g.bound(sys, c)
		if err != nil {
			return err
		}
		bounds[c], g.widest[c] = b, b.span.width()
		primaries = append(primaries, c)
	}
	cands := g.withState(secondary)
	slices.Reverse(cands)
	for _, c := range cands {
		g.state[c] = shown
		next, ok, err := g.recheck(r, primaries, func(p int) bool { return bounds[p].moves(c, g.values[c]) })
		if err != nil {
			return err
		}
		if !ok {
			g.state[c] = secondary
			continue
		}
		maps.Copy(bounds, next)
	}
	return nil
}

// recheck works out again the bounds of the primary cells that may have
// moved, and reports whether each is still as wide as it needs to be; it
// returns the new bounds.
func (g *grid) recheck(r Rule, primaries []int, moved func(p int) bool) (map[int]bound, bool, error) {
	var sys *system
	next := map[int]bound{}
	for _, p := range primaries {
		if !moved(p) {
			continue
		}
		if sys == nil {
			sys = newSystem(g, g.hidden())
		}
		b, err := g.bound(sys, p)
		if err != nil {
			return nil, false, err
		}
		if b.span.width() < min(float64(r.Below), g.widest[p])-1e-9 {
			return nil, false, nil
		}
		next[p] = b
	}
	return next, true, nil
}

// withState returns the cells in state s, smallest first, then in the
// table's order.
func (g *grid) withState(s hiding) []int {
	var out []int
	for c, st := range g.state {
		if st == s {
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(x, y int) int { return cmp.Compare(g.values[x], g.values[y]) })
	return out
}

// figureKey names the figure a count cell prints, so that tables that
// print the same figure hide it alike: what the table counts (its Counts,
// or else its name), the column, and the dimensions' values with the
// table's fixed ones.
func figureKey(t *Table, l layout, row, col int) string {
	what := t.Counts
	if what == "" {
		what = "table " + t.Name
	}
	var dims []string
	for _, d := range l.dims {
		dims = append(dims, t.Columns[d]+"="+Text(t.Rows[row][d]))
	}
	for k, v := range t.Fixed {
		if !slices.Contains(t.Columns, k) {
			dims = append(dims, k+"="+v)
		}
	}
	slices.Sort(dims)
	return what + "\x00" + t.Columns[col] + "\x00" + strings.Join(dims, "\x1f")
}

// hideAlike hides, as a secondary cell, every shown cell whose figure is
// hidden in another table. Hiding more never narrows a range, so every
// table stays protected.
func hideAlike(tables []*Table, grids [][]*grid) {
	type place struct {
		g *grid
		c int
	}
	byKey := map[string][]place{}
	var keys []string
	for i, t := range tables {
		l := layoutOf(t)
		for _, g := range grids[i] {
			for c, row := range g.rows {
				k := figureKey(t, l, row, g.col)
				if _, ok := byKey[k]; !ok {
					keys = append(keys, k)
				}
				byKey[k] = append(byKey[k], place{g, c})
			}
		}
	}
	for _, k := range keys {
		ps := byKey[k]
		if !slices.ContainsFunc(ps, func(p place) bool { return p.g.state[p.c] != shown }) {
			continue
		}
		for _, p := range ps {
			if p.g.state[p.c] == shown {
				p.g.state[p.c], p.g.bounds = secondary, nil
			}
		}
	}
}
