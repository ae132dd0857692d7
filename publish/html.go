package publish

import (
	"fmt"
	"html/template"
	"io"
	"strings"
)

var page = template.Must(template.New("page").Funcs(template.FuncMap{
	"id": func(s string) string {
		return strings.NewReplacer(" ", "-", ".", "-", ":", "").Replace(strings.ToLower(s))
	},
	"num": func(v any) bool {
		_, ok := Number(v)
		return ok
	},
	"mark": isMark,
	// breakable lets a browser wrap a long text cell after a slash
	// (Bereikbaarheid/Beschikbaarheid/Afspraken) rather than widen its table.
	"breakable": func(s string) template.HTML {
		return template.HTML(strings.ReplaceAll(template.HTMLEscapeString(s), "/", "/<wbr>"))
	},
}).Parse(`<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Doc.Title}}</title>
<style>
body { font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; margin: 2rem auto; max-width: 62rem; color: #1a1a1a; line-height: 1.45; padding: 0 1rem; }
h1 { border-bottom: 3px solid #0072B2; padding-bottom: .3rem; }
h2 { margin-top: 2.5rem; color: #0b4f7c; }
h3 { margin-top: 1.8rem; }
p.meta { color: #444; margin: .2rem 0; font-size: .92rem; }
table { border-collapse: collapse; margin: .8rem 0 .3rem; font-size: .9rem; }
th, td { border: 1px solid #c9d3dc; padding: .25rem .55rem; }
th { background: #e8f0f7; text-align: left; vertical-align: bottom; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr:nth-child(even) td { background: #f7f9fb; }
p.source { color: #777; font-size: .8rem; }
p.note { color: #444; font-size: .85rem; margin: .15rem 0; }
nav ol { columns: 2; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; }
figure.half { display: inline-block; width: 49%; margin: .3rem 0; vertical-align: top; }
section.table { margin-bottom: 1.5rem; }
td { overflow-wrap: break-word; }
td.n { white-space: nowrap; }
@media print {
  @page { size: A4; margin: 16mm 14mm 18mm;
    @bottom-center { content: "{{.Doc.Title}} — {{.Doc.Label "page"}} " counter(page) " {{.Doc.Label "of"}} " counter(pages); font-size: 9pt; color: #555; font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; } }
  body { margin: 0; max-width: none; font-size: 9.5pt; }
  table { font-size: 8.5pt; }
  section.wide table { font-size: 7pt; }
  th, td { padding: .15rem .35rem; }
  nav { display: none; }
  section.chapter { break-before: page; }
  h2, h3, p.meta, p.lead { break-after: avoid; }
  section.table, figure, tr { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
</style>
</head>
<body>
<h1>{{.Doc.Title}}</h1>
{{range .Doc.Intro}}<p>{{.}}</p>
{{end}}<nav><h2 class="contents">{{.Doc.Label "contents"}}</h2><ol>{{range .Doc.Sections}}<li><a href="#{{id .Title}}">{{.Title}}</a></li>{{end}}</ol></nav>
{{range $s := .Doc.Sections}}{{range $i, $t := $s.Tables}}<section class="table{{if $t.Wide}} wide{{end}}{{if eq $i 0}} chapter{{end}}">{{if eq $i 0}}<h2 id="{{id $s.Title}}">{{$s.Title}}</h2>
{{end}}<h3>{{$t.Title}}</h3>
{{if $t.Question}}<p class="meta"><b>{{$.Doc.Label "question"}}:</b> {{$t.Question}}</p>{{end}}
{{if $t.Denominator}}<p class="meta"><b>{{$.Doc.Label "note"}}:</b> {{$t.Denominator}}</p>{{end}}
{{range $t.Sentences}}<p class="lead">{{.}}</p>
{{end}}{{with index $.Charts $t}}{{range .Figures}}<figure{{if .Half}} class="half"{{end}}>{{.SVG}}</figure>
{{end}}{{if .Withheld}}<p class="note">{{$.Doc.Label "chart_withheld"}}</p>
{{end}}{{end}}{{if not $t.Rows}}<p class="meta">{{$.Doc.Label "no_rows"}}</p>
{{else if not $t.ChartOnly}}<table>
<thead><tr>{{range $j := $t.Shown}}<th{{if $t.Unit $j}} class="n"{{end}}>{{$t.Heading $j}}</th>{{end}}</tr></thead>
<tbody>
{{range $i, $r := $t.Rows}}<tr>{{range $j := $t.Shown}}{{$v := index $r $j}}{{if or (num $v) (mark $v)}}<td class="n">{{$t.Cell $i $j}}</td>{{else}}<td>{{breakable ($t.Cell $i $j)}}</td>{{end}}{{end}}</tr>
{{end}}</tbody></table>{{end}}
{{range $t.Notes}}<p class="note">{{.}}</p>
{{end}}<p class="source">{{$.Doc.Label "source"}}: {{$t.Name}}</p></section>
{{end}}{{end}}
</body>
</html>
`))

// HTML writes the document as one self-contained page: styles inline, charts
// as inline SVG drawn by gonum/plot, nothing loaded from elsewhere. Printed
// (a browser's Print to PDF), every chapter starts a page, a table starts a
// page rather than split unless it is longer than one (then its header row
// repeats), no chart is split, and the foot of every page says its number.
func HTML(w io.Writer, d *Document) error {
	charts := map[*Table]htmlCharts{}
	for _, s := range d.Sections {
		for _, t := range s.Tables {
			figs, withheld := Figures(t, d.Label("legend_total"))
			hc := htmlCharts{Withheld: withheld}
			for _, fg := range figs {
				svg, err := fg.SVG(t.Chart, t.Heading(t.Col(t.Chart.X)))
				if err != nil {
					return fmt.Errorf("chart of %s: %w", t.Name, err)
				}
				hc.Figures = append(hc.Figures, htmlFigure{SVG: template.HTML(svg), Half: fg.Half})
			}
			charts[t] = hc
		}
	}
	return page.Execute(w, struct {
		Doc    *Document
		Charts map[*Table]htmlCharts
	}{d, charts})
}

// htmlCharts are the charts of a table as the page shows them.
type htmlCharts struct {
	Figures  []htmlFigure
	Withheld bool // every value protected: no chart
}

type htmlFigure struct {
	SVG  template.HTML // drawn by gonum/plot, trusted
	Half bool
}
