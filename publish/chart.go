package publish

import (
	"bytes"
	"cmp"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Chart asks for a chart of a table: a line per Series over X (Kind "line"),
// or bars of Value per X for each Series (Kind "bar"), with a title and the
// label of the value axis. Split names a column with one chart per value
// (a region's months); "{split}" in Title is that value. Where a series or
// split value is empty, the column Fallback names it (Veilig Thuis Utrecht
// has no region: its line is named after the organisation).
type Chart struct {
	Kind, X, Series, Value string
	Split, Fallback        string
	Title, YLabel          string
}

// Figure is one chart to draw: its title, its x values in order, and the
// values of each series at them. Half figures are drawn half the width,
// two beside each other.
type Figure struct {
	Title      string
	XS, Series []string
	Values     map[string]map[string]float64 // series -> x -> value
	Half       bool
	// shared are the axes' ranges of small multiples, the same for each:
	// the lowest and highest x and the highest value of them all.
	shared *[3]float64
}

// Figures are the charts of a table; cells hidden for publication are left
// out. withheld reports that there would be a chart had no cell been
// hidden: every value of it is protected.
func Figures(t *Table, legend string) (figs []*Figure, withheld bool) {
	c := t.Chart
	if c == nil || t.Col(c.X) < 0 || t.Col(c.Value) < 0 {
		return nil, false
	}
	byKey := map[string]*Figure{}
	for _, r := range t.Rows {
		v, ok := Number(r[t.Col(c.Value)])
		if !ok {
			withheld = withheld || isMark(r[t.Col(c.Value)])
			continue
		}
		k := t.named(r, c.Split, c.Fallback)
		fg := byKey[k]
		if fg == nil {
			fg = &Figure{Title: strings.ReplaceAll(c.Title, "{split}", k), Values: map[string]map[string]float64{}}
			byKey[k] = fg
			figs = append(figs, fg)
		}
		fg.add(t.named(r, c.X, c.Fallback), nameOf(t.named(r, c.Series, c.Fallback), legend), v)
	}
	for _, fg := range figs {
		if c.Kind == "line" {
			slices.SortFunc(fg.XS, compareNumeric)
		}
		slices.Sort(fg.Series)
	}
	if c.Split != "" && !slices.ContainsFunc(figs, func(o *Figure) bool { return len(o.Series) > 2 }) {
		shared := sharedAxes(figs)
		for _, fg := range figs { // small multiples: a series or two each
			fg.Half, fg.shared = true, shared
		}
	}
	return figs, withheld && len(figs) == 0
}

// sharedAxes are the ranges of small multiples' axes, so that each reads
// as the others: the lowest and highest numeric x and the highest value.
func sharedAxes(figs []*Figure) *[3]float64 {
	r := [3]float64{math.Inf(1), math.Inf(-1), 0}
	for _, fg := range figs {
		for _, vs := range fg.Values {
			for x, v := range vs {
				if xv, err := strconv.ParseFloat(x, 64); err == nil {
					r[0], r[1] = min(r[0], xv), max(r[1], xv)
				}
				r[2] = max(r[2], v)
			}
		}
	}
	return &r
}

// named is the value of column col in a row, or of column fallback where it
// is empty; "" for no column.
func (t *Table) named(r []any, col, fallback string) string {
	i := t.Col(col)
	if col == "" || i < 0 {
		return ""
	}
	if s := Text(r[i]); s != "" {
		return s
	}
	if fi := t.Col(fallback); fi >= 0 {
		return Text(r[fi])
	}
	return ""
}

// add adds v at x to a series.
func (fg *Figure) add(x, s string, v float64) {
	if !slices.Contains(fg.XS, x) {
		fg.XS = append(fg.XS, x)
	}
	if fg.Values[s] == nil {
		fg.Values[s] = map[string]float64{}
		fg.Series = append(fg.Series, s)
	}
	fg.Values[s][x] += v
}

// compareNumeric orders years and months as numbers.
func compareNumeric(a, b string) int {
	x, errA := strconv.ParseFloat(a, 64)
	y, errB := strconv.ParseFloat(b, 64)
	if errA != nil || errB != nil {
		return strings.Compare(a, b)
	}
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// okabeIto is the palette of Okabe and Ito, told apart by colour-blind
// readers and in grey print; yellow, hard to see on white, is left out.
var okabeIto = []color.RGBA{
	{0x00, 0x72, 0xB2, 255}, {0xE6, 0x9F, 0x00, 255}, {0x00, 0x9E, 0x73, 255}, {0xD5, 0x5E, 0x00, 255},
	{0xCC, 0x79, 0xA7, 255}, {0x56, 0xB4, 0xE9, 255}, {0x00, 0x00, 0x00, 255}, {0x99, 0x99, 0x99, 255},
}

// glyphs mark the points of each line, so that lines are told apart
// without colour.
var glyphs = []draw.GlyphDrawer{draw.CircleGlyph{}, draw.BoxGlyph{}, draw.TriangleGlyph{}, draw.RingGlyph{},
	draw.SquareGlyph{}, draw.PyramidGlyph{}, draw.CrossGlyph{}, draw.PlusGlyph{}}

// SVG draws a figure of a chart with gonum/plot: its axes titled (xLabel,
// the chart's YLabel), a legend beside the plot that holds only its series
// (none for one), numbers on the axes the Dutch way.
func (fg *Figure) SVG(c *Chart, xLabel string) ([]byte, error) {
	width := 16 * vg.Centimeter
	if fg.Half {
		width /= 2
	}
	pl := plot.New()
	fg.sans(pl)
	pl.Title.Text = fg.Title
	grid := plotter.NewGrid()
	grid.Vertical.Color, grid.Horizontal.Color = color.Gray{Y: 0xDD}, color.Gray{Y: 0xDD}
	pl.Add(grid)
	height := max(width*9/16, 6*vg.Centimeter)
	var err error
	if c.Kind == "line" {
		pl.X.Label.Text, pl.Y.Label.Text = xLabel, c.YLabel
		err = fg.lines(pl)
	} else {
		pl.X.Label.Text = c.YLabel
		height, err = fg.bars(pl)
	}
	if err != nil {
		return nil, err
	}
	return drawBesideLegend(pl, width, height)
}

// sans sets every text of a plot in a sans-serif face, as the page around it.
func (fg *Figure) sans(pl *plot.Plot) {
	for _, f := range []*text.Style{&pl.Title.TextStyle, &pl.X.Label.TextStyle, &pl.Y.Label.TextStyle, &pl.X.Tick.Label, &pl.Y.Tick.Label, &pl.Legend.TextStyle} {
		f.Font.Variant = "Sans"
	}
	pl.Title.TextStyle.Font.Size = vg.Points(11)
	if fg.Half {
		pl.Title.TextStyle.Font.Size = vg.Points(10)
	}
	pl.Legend.TextStyle.Font.Size = vg.Points(9)
	pl.X.Label.TextStyle.Font.Size, pl.Y.Label.TextStyle.Font.Size = vg.Points(10), vg.Points(10)
}

// drawBesideLegend draws a plot with its legend to the right of it, so that
// the legend never covers a line or bar, as SVG.
func drawBesideLegend(pl *plot.Plot, width, height vg.Length) ([]byte, error) {
	legend := pl.Legend
	legend.Top, legend.Left, legend.Padding = true, true, vg.Points(2)
	legend.YOffs = -vg.Points(24) // below the title
	pl.Legend = plot.NewLegend()
	canvas := vgsvg.New(width, height)
	dc := draw.New(canvas)
	var room vg.Length
	if size := legend.Rectangle(dc).Size(); size.X > 0 {
		room = size.X + vg.Points(16)
	}
	pl.Draw(draw.Crop(dc, 0, -room, 0, 0))
	if room > 0 {
		legend.Draw(draw.Crop(dc, width-room+vg.Points(8), 0, 0, 0))
	}
	var b bytes.Buffer
	if _, err := canvas.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// lines draws a line with marked points per series over numeric x values.
func (fg *Figure) lines(pl *plot.Plot) error {
	for si, s := range fg.Series {
		var xys plotter.XYs
		for _, x := range fg.XS {
			if v, ok := fg.Values[s][x]; ok {
				xv, _ := strconv.ParseFloat(x, 64)
				xys = append(xys, plotter.XY{X: xv, Y: v})
			}
		}
		l, pts, err := plotter.NewLinePoints(xys)
		if err != nil {
			return err
		}
		col := okabeIto[si%len(okabeIto)]
		l.Color, l.Width = col, vg.Points(1.5)
		pts.Color, pts.Shape, pts.Radius = col, glyphs[si%len(glyphs)], vg.Points(3)
		pl.Add(l, pts)
		if len(fg.Series) > 1 {
			pl.Legend.Add(s, l, pts)
		}
	}
	pl.Y.Min = 0
	if fg.shared != nil {
		pl.X.Min, pl.X.Max, pl.Y.Max = fg.shared[0], fg.shared[1], fg.shared[2]
	}
	pl.X.Tick.Marker = wholeTicks{}
	pl.Y.Tick.Marker = dutchTicks{}
	return nil
}

// bars draws horizontal bars per x value, a bar per series side by side,
// every x labelled; it returns the height the bars need.
func (fg *Figure) bars(pl *plot.Plot) (vg.Length, error) {
	w := vg.Points(9)
	xs := fg.byTotal()
	for si, s := range fg.Series {
		vals := make(plotter.Values, len(xs))
		for i, x := range xs {
			vals[i] = fg.Values[s][x]
		}
		b, err := plotter.NewBarChart(vals, w)
		if err != nil {
			return 0, err
		}
		b.Horizontal = true
		b.Color = okabeIto[si%len(okabeIto)]
		b.LineStyle.Width = 0
		b.Offset = w * vg.Length(float64(len(fg.Series)-1)/2-float64(si)) // the first series on top
		pl.Add(b)
		if len(fg.Series) > 1 {
			pl.Legend.Add(s, b)
		}
	}
	pl.NominalY(xs...)
	pl.Y.Tick.Label.Font.Size = vg.Points(9)
	pl.X.Min = 0
	pl.X.Tick.Marker = dutchTicks{}
	return vg.Length(len(fg.XS)*len(fg.Series))*w*1.3 + 3*vg.Centimeter, nil
}

// byTotal are the x values of a bar chart from the smallest total to the
// largest, so that the largest bar is drawn on top.
func (fg *Figure) byTotal() []string {
	total := func(x string) float64 {
		sum := 0.0
		for _, s := range fg.Series {
			sum += fg.Values[s][x]
		}
		return sum
	}
	xs := slices.Clone(fg.XS)
	slices.SortStableFunc(xs, func(a, b string) int { return cmp.Compare(total(a), total(b)) })
	return xs
}

// nameOf is a series' name in the legend.
func nameOf(s, legend string) string {
	if s == "" {
		return legend
	}
	return s
}

// wholeTicks labels whole numbers only (years, months).
type wholeTicks struct{}

func (wholeTicks) Ticks(min, max float64) []plot.Tick {
	var out []plot.Tick
	step := 1.0
	if max-min > 12 {
		step = float64(int((max-min)/8) + 1)
	}
	for v := float64(int(min)); v <= max; v += step {
		if v >= min {
			out = append(out, plot.Tick{Value: v, Label: fmt.Sprint(int(v))})
		}
	}
	return out
}

// dutchTicks are about five ticks a round step apart (1, 2 or 5 times a
// power of ten), their numbers the Dutch way with the step's decimals
// (25; 0,5 and 1,0).
type dutchTicks struct{}

func (dutchTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) { // one value: all zeros, say
		return []plot.Tick{{Value: lo, Label: dutchNumber(lo)}}
	}
	step := math.Pow(10, math.Floor(math.Log10((hi-lo)/5)))
	for _, m := range []float64{1, 2, 5, 10} {
		if (hi-lo)/(step*m) <= 6 {
			step *= m
			break
		}
	}
	decimals := int(max(0, -math.Floor(math.Log10(step)))) // as many as the step has: 0,2 not 0,6000000000000001
	var out []plot.Tick
	for i := math.Ceil(lo / step); i*step <= hi+step/1e6; i++ {
		v := i * step
		out = append(out, plot.Tick{Value: v, Label: dutchString(strconv.FormatFloat(v, 'f', decimals, 64))})
	}
	return out
}
