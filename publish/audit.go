package publish

import (
	"cmp"
	"slices"
)

// Audit is what protecting a table hid, and how well: for each primary cell
// the range of values a reader can work out from everything that shows.
type Audit struct {
	Table              string
	Primary, Secondary int     // count cells hidden as small, and to protect them
	Derived            int     // percentages, shares and changes hidden with them
	HiddenValue, Total float64 // the sum of the hidden count cells, and of all
	Spans              []Interval
}

// Interval is the audit of one primary cell: the least and greatest value
// consistent with the visible cells, the margins and non-negativity.
type Interval struct {
	Row       int // 1-based, as printed
	Column    string
	Value     float64
	Low, High float64 // High is +Inf when nothing bounds it
	// Widest is the interval's width were every cell of the table hidden:
	// what the margins alone allow. Where it is below the threshold, no
	// choice of hidden cells can do better; the margins give it away.
	Widest float64
}

// Width is how far apart the interval's ends are.
func (i Interval) Width() float64 { return i.High - i.Low }

// HiddenShare is the hidden share of the table's counted total, in percent.
func (a Audit) HiddenShare() float64 {
	if a.Total == 0 {
		return 0
	}
	return 100 * a.HiddenValue / a.Total
}

// Narrowest is the primary cell with the narrowest interval; false if the
// table has none.
func (a Audit) Narrowest() (Interval, bool) {
	if len(a.Spans) == 0 {
		return Interval{}, false
	}
	return slices.MinFunc(a.Spans, func(x, y Interval) int { return cmp.Compare(x.Width(), y.Width()) }), true
}

// Protection says how well a primary cell is protected, by its interval.
type Protection int

const (
	// Protected: the interval is at least as wide as the threshold.
	Protected Protection = iota
	// AsMarked: narrower, but it holds every value the mark stands for
	// (1 to 4): a reader learns no more than the mark says. A group whose
	// cells add up to less than the threshold is so at best.
	AsMarked
	// Narrowed: a reader can narrow the cell down beyond what its mark
	// says (to 1 to 3, or to one value), from the table's margins alone:
	// no choice of hidden cells helps.
	Narrowed
)

// Protection judges the interval of a primary cell under rule r.
func (i Interval) Protection(r Rule) Protection {
	switch {
	case i.Width() >= float64(r.Below):
		return Protected
	case i.Low <= float64(r.low()) && i.High >= float64(r.Below-1):
		return AsMarked
	}
	return Narrowed
}

// Narrowed lists the primary cells a reader can narrow down beyond their
// mark.
func (a Audit) Narrowed(r Rule) []Interval {
	var out []Interval
	for _, s := range a.Spans {
		if s.Protection(r) == Narrowed {
			out = append(out, s)
		}
	}
	return out
}

// audit works out the range of every primary cell of a table's grids.
func audit(t *Table, grids []*grid) (Audit, error) {
	a := Audit{Table: t.Name}
	for _, g := range grids {
		if g.bounds == nil { // hidden more since protect: work them out again
			sys := newSystem(g, g.hidden())
			g.bounds = map[int]bound{}
			for c, s := range g.state {
				if s == primary {
					b, err := g.bound(sys, c)
					if err != nil {
						return a, err
					}
					g.bounds[c] = b
				}
			}
		}
		for c, s := range g.state {
			a.Total += g.values[c]
			switch s {
			case shown:
				continue
			case primary:
				a.Primary++
				b := g.bounds[c]
				a.Spans = append(a.Spans, Interval{Row: g.rows[c] + 1, Column: t.Columns[g.col], Value: g.values[c],
					Low: b.span.low, High: b.span.high, Widest: g.widest[c]})
			case secondary:
				a.Secondary++
			}
			a.HiddenValue += g.values[c]
		}
	}
	return a, nil
}
