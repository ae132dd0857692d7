package publish

import "slices"

// pivot lays a chart's table out as series × x values.
type pivot struct {
	xs, series []string
	values     map[string]map[string]float64 // series -> x -> value
	max        float64
}

func pivotOf(t *Table) (*pivot, bool) {
	c := t.Chart
	if c == nil {
		return nil, false
	}
	xi, si, vi := t.Col(c.X), t.Col(c.Series), t.Col(c.Value)
	if xi < 0 || vi < 0 {
		return nil, false
	}
	p := &pivot{values: map[string]map[string]float64{}}
	for _, r := range t.Rows {
		v, ok := Number(r[vi])
		if !ok {
			continue // hidden by suppression, or empty
		}
		x, s := Text(r[xi]), "total"
		if si >= 0 {
			s = Text(r[si])
			if fi := t.Col(c.Fallback); s == "" && fi >= 0 {
				s = Text(r[fi])
			}
			if s == "" {
				s = "(none)"
			}
		}
		if !slices.Contains(p.xs, x) {
			p.xs = append(p.xs, x)
		}
		if p.values[s] == nil {
			p.values[s] = map[string]float64{}
			p.series = append(p.series, s)
		}
		p.values[s][x] += v
		p.max = max(p.max, p.values[s][x])
	}
	if c.Kind == "line" {
		slices.Sort(p.xs)
	}
	slices.Sort(p.series)
	return p, len(p.xs) > 0
}

// palette has colours that stay apart in print and for colour-blind readers.
var palette = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999"}
