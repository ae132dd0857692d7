package publish

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"
)

var page = template.Must(template.New("page").Funcs(template.FuncMap{
	"text":  Text,
	"chart": svgChart,
	"id":    func(s string) string { return strings.NewReplacer(" ", "-", ".", "-").Replace(strings.ToLower(s)) },
	"num": func(v any) bool {
		_, ok := Number(v)
		return ok
	},
	"mark": isMark,
}).Parse(`<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body { font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; margin: 2rem auto; max-width: 62rem; color: #1a1a1a; line-height: 1.45; padding: 0 1rem; }
h1 { border-bottom: 3px solid #0072B2; padding-bottom: .3rem; }
h2 { margin-top: 2.5rem; color: #0b4f7c; }
h3 { margin-top: 1.8rem; }
p.meta { color: #444; margin: .2rem 0; font-size: .92rem; }
table { border-collapse: collapse; margin: .8rem 0 .3rem; font-size: .9rem; }
th, td { border: 1px solid #c9d3dc; padding: .25rem .55rem; }
th { background: #e8f0f7; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr:nth-child(even) td { background: #f7f9fb; }
p.source { color: #777; font-size: .8rem; }
p.note { color: #444; font-size: .85rem; margin: .15rem 0; }
nav ol { columns: 2; }
figure { margin: 1rem 0; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
{{range .Intro}}<p>{{.}}</p>
{{end}}<nav><ol>{{range .Sections}}<li><a href="#{{id .Title}}">{{.Title}}</a></li>{{end}}</ol></nav>
{{range .Sections}}<h2 id="{{id .Title}}">{{.Title}}</h2>
{{range .Tables}}<h3>{{.Title}}</h3>
{{if .Question}}<p class="meta"><b>Question:</b> {{.Question}}</p>{{end}}
{{if .Denominator}}<p class="meta"><b>Denominator:</b> {{.Denominator}}</p>{{end}}
{{with chart .}}<figure>{{.}}</figure>{{end}}
{{if .Rows}}<table>
<tr>{{range .Columns}}<th>{{.}}</th>{{end}}</tr>
{{range .Rows}}<tr>{{range .}}<td{{if or (num .) (mark .)}} class="n"{{end}}>{{text .}}</td>{{end}}</tr>
{{end}}</table>{{else}}<p class="meta">(no rows)</p>{{end}}
{{range .Notes}}<p class="note">{{.}}</p>
{{end}}<p class="source">Source: {{.Name}}</p>
{{end}}{{end}}
</body>
</html>
`))

// HTML writes the document as one self-contained page: styles inline, charts
// as inline SVG, nothing loaded from elsewhere.
func HTML(w io.Writer, d *Document) error {
	return page.Execute(w, d)
}

// svgChart draws a table's chart, if it asks for one.
func svgChart(t *Table) template.HTML {
	p, ok := pivotOf(t)
	if !ok {
		return ""
	}
	esc := template.HTMLEscapeString
	var b strings.Builder
	top := niceMax(p.max)
	switch t.Chart.Kind {
	case "line":
		const w, h, left, right, topM, bottom = 760, 330, 50, 210, 20, 40
		pw, ph := float64(w-left-right), float64(h-topM-bottom)
		x := func(i int) float64 {
			if len(p.xs) == 1 {
				return left + pw/2
			}
			return left + pw*float64(i)/float64(len(p.xs)-1)
		}
		y := func(v float64) float64 { return topM + ph*(1-v/top) }
		fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="%s" font-size="12">`, w, h, w, h, esc(t.Title))
		steps := 5 // 0, 10, ... 50 or 0, 20, ... 100
		if m := top / math.Pow(10, math.Floor(math.Log10(top))); m == 2 {
			steps = 4
		}
		for k := 0; k <= steps; k++ {
			v := top * float64(k) / float64(steps)
			fmt.Fprintf(&b, `<line x1="%d" x2="%.1f" y1="%.1f" y2="%.1f" stroke="#ddd"/><text x="%d" y="%.1f" text-anchor="end">%s</text>`,
				left, left+pw, y(v), y(v), left-6, y(v)+4, formatFloat(math.Round(v)))
		}
		for i, xv := range p.xs {
			fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle">%s</text>`, x(i), h-bottom+18, esc(xv))
		}
		for si, s := range p.series {
			col := palette[si%len(palette)]
			var pts []string
			for i, xv := range p.xs {
				if v, ok := p.values[s][xv]; ok {
					pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(i), y(v)))
					fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"><title>%s %s: %s</title></circle>`, x(i), y(v), col, esc(s), esc(xv), formatFloat(v))
				}
			}
			fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>`, col, strings.Join(pts, " "))
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="12" height="12" fill="%s"/><text x="%d" y="%d">%s</text>`,
				w-right+14, topM+si*18, col, w-right+32, topM+si*18+10, esc(s))
		}
	default: // horizontal bars per x, one bar per series
		const left, w, barH, gap = 290, 760, 11, 8
		groupH := barH*len(p.series) + gap
		h := 30 + groupH*len(p.xs) + 18*len(p.series)
		pw := float64(w - left - 60)
		fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="%s" font-size="12">`, w, h, w, h, esc(t.Title))
		for i, xv := range p.xs {
			y0 := 10 + i*groupH
			fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text>`, left-8, y0+barH*len(p.series)/2+4, esc(xv))
			for si, s := range p.series {
				v := p.values[s][xv]
				bw := pw * v / top
				fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"><title>%s: %s</title></rect><text x="%.1f" y="%d">%s</text>`,
					left, y0+si*barH, bw, barH-1, palette[si%len(palette)], esc(s), formatFloat(v), float64(left)+bw+4, y0+si*barH+barH-2, formatFloat(v))
			}
		}
		ly := 20 + groupH*len(p.xs)
		for si, s := range p.series {
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="12" height="12" fill="%s"/><text x="%d" y="%d">%s</text>`,
				left, ly+si*18, palette[si%len(palette)], left+18, ly+si*18+10, esc(s))
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// niceMax rounds a chart's top up to 1, 2 or 5 times a power of ten.
func niceMax(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}
