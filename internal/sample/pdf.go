package sample

import (
	"bytes"
	"cmp"
	"fmt"
	"html"
	"regexp"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
)

// PDF layouts of the partner reports (Options.Partners): the same tables,
// typeset two ways, as a word processor prints them.
const (
	// PDFCaptionAbove: Helvetica (a standard font, not embedded), each
	// table's caption on a line above it, every table on one page, page
	// numbers in the footer.
	PDFCaptionAbove = "pdf-caption-above"
	// PDFCaptionInside: DejaVu Sans embedded as a CID font, the caption in
	// the table's top-left header cell and wrapped down it, long tables
	// broken over a page with their header repeated, a running header and
	// a footer on every page, outcome rows indented under their route.
	PDFCaptionInside = "pdf-caption-inside"
)

// PDFLayouts are the layouts of the partner reports as PDF.
var PDFLayouts = []string{PDFCaptionAbove, PDFCaptionInside}

// partnerReport is one partner report as a PDF: its tables, by the name
// of their transcription in printed.
type partnerReport struct {
	file, title string
	tables      []string
}

var partnerReports = []partnerReport{
	{"akj_2021_rapportage.pdf", "AKJ Jaarrapportage 2021 - Samen Veilig Midden-Nederland",
		[]string{"akj_2021_clienten.csv", "akj_2021_afhandeling.csv", "akj_2021_aard_contact.csv"}},
	{"kjmn_2019_jaarverslag.pdf", "Klachtencommissie Jeugd Midden-Nederland - Jaarverslag 2019",
		[]string{"kjmn_2019_hoorzittingen.csv", "kjmn_2019_klachtonderdelen.csv"}},
	{"kjmn_2021_jaarverslag.pdf", "Klachtencommissie Jeugd Midden-Nederland - Jaarverslag 2021",
		[]string{"kjmn_2021_hoorzittingen.csv"}},
	{"akj_2016_haarlem.pdf", "AKJ Jaarrapportage 2016 - Vertrouwenswerk in Haarlem", haarlemTables()},
}

func haarlemTables() []string {
	var out []string
	for _, p := range printed {
		if strings.HasPrefix(p.file, "akj_2016_haarlem_") {
			out = append(out, p.file)
		}
	}
	return out
}

// printedOnlyInPDF are tables the PDF reports print that the bundled CSVs
// do not hold: the KJMN report of 2019 prints the hearings of 2016-2019
// too (seed 002, 'Hoorzittingen KJMN'), as the report of 2021 does.
var printedOnlyInPDF = map[string]string{
	"kjmn_2019_hoorzittingen.csv": `
^Hoorzittingen KJMN | 2019 | 2018 | 2017 | 2016
 | 13 | 14 | 17 | 26`,
}

func printedText(file string) (string, bool) {
	for _, p := range printed {
		if p.file == file {
			return p.text, true
		}
	}
	t, ok := printedOnlyInPDF[file]
	return t, ok
}

// PartnerPDFs typesets every partner report in layout. font is the
// DejaVu Sans TrueType file that PDFCaptionInside embeds (go-pdf/fpdf ships
// one); the PDFs are built once and kept in testdata/pdf, since the font is
// not at hand at run time (go generate ./internal/sample).
func PartnerPDFs(layout string, font []byte) (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, r := range partnerReports {
		b, err := typesetReport(layout, font, r)
		if err != nil {
			return nil, fmt.Errorf("%s (%s): %w", r.file, layout, err)
		}
		out[r.file] = b
	}
	return out, nil
}

// TypesetReport typesets a report titled title, in layout, of tables as
// printed lines: cells separated by " | ", header lines marked with ^, a
// caption line starting 'Tabel'. pdfgen makes the PDFs of the partner
// table cases of extract with it.
func TypesetReport(layout string, font []byte, title string, tables ...string) ([]byte, error) {
	r := partnerReport{title: title}
	for _, t := range tables {
		r.tables = append(r.tables, "text:"+t)
	}
	return typesetReport(layout, font, r)
}

// LongReport typesets the Haarlem report over and over in layout until it
// has at least pages pages: a report the size of a big institution's, for
// benchmarks.
func LongReport(layout string, font []byte, pages int) ([]byte, error) {
	r := partnerReport{file: "akj_2016_lang.pdf", title: "AKJ Jaarrapportage 2016 - lang"}
	for range pages/8 + 1 {
		r.tables = append(r.tables, haarlemTables()...)
	}
	return typesetReport(layout, font, r)
}

// typesetter lays out one report.
type typesetter struct {
	pdf    *fpdf.Fpdf
	tr     func(string) string
	inside bool // PDFCaptionInside
	title  string
	y      float64
	page   int
}

const (
	pageLeft, pageRight = 20.0, 190.0
	pageTop, pageBottom = 25.0, 272.0
	lineHeight          = 5.0
)

func typesetReport(layout string, font []byte, r partnerReport) ([]byte, error) {
	p := fpdf.New("P", "mm", "A4", "")
	p.SetCreationDate(time.Date(2022, 3, 1, 12, 0, 0, 0, time.UTC))
	p.SetModificationDate(time.Date(2022, 3, 1, 12, 0, 0, 0, time.UTC))
	p.SetCatalogSort(true)
	p.SetAutoPageBreak(false, 0)
	ts := &typesetter{pdf: p, tr: func(s string) string { return s }, title: r.title}
	switch layout {
	case PDFCaptionAbove:
		ts.tr = p.UnicodeTranslatorFromDescriptor("")
		p.SetFont("Helvetica", "", 10)
	case PDFCaptionInside:
		ts.inside = true
		p.AddUTF8FontFromBytes("dejavu", "", font)
		p.SetFont("dejavu", "", 9.5)
	default:
		return nil, fmt.Errorf("unknown layout %q: want one of %q", layout, PDFLayouts)
	}
	ts.newPage()
	ts.paragraph(r.title + ". Dit verslag beschrijft het werk van het afgelopen jaar en de cijfers die daarbij horen.")
	for _, name := range r.tables {
		text, ok := printedText(name)
		if !ok {
			text, ok = strings.CutPrefix(name, "text:")
		}
		if !ok {
			return nil, fmt.Errorf("no transcription %q", name)
		}
		ts.table(parsePrinted(text))
	}
	if err := p.Error(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// newPage starts a page with its running header (PDFCaptionInside) and
// footer.
func (ts *typesetter) newPage() {
	ts.pdf.AddPage()
	ts.page++
	size, _ := ts.pdf.GetFontSize()
	ts.pdf.SetFontSize(8)
	if ts.inside {
		ts.text(pageLeft, 15, ts.title)
		ts.text(pageLeft, 285, fmt.Sprintf("- %d -", ts.page))
	} else {
		ts.text(100, 285, fmt.Sprintf("Pagina %d", ts.page))
	}
	ts.pdf.SetFontSize(size)
	ts.y = pageTop
}

// text sets s with its baseline at x, y.
func (ts *typesetter) text(x, y float64, s string) { ts.pdf.Text(x, y, ts.tr(s)) }

// room starts a new page unless h millimetres are left on this one.
func (ts *typesetter) room(h float64) {
	if ts.y+h > pageBottom {
		ts.newPage()
	}
}

// paragraph sets running text, wrapped, with a blank line after it.
func (ts *typesetter) paragraph(text string) {
	lines := ts.pdf.SplitText((text), pageRight-pageLeft)
	ts.room(float64(len(lines)+1) * lineHeight)
	for _, l := range lines {
		ts.text(pageLeft, ts.y, l)
		ts.y += lineHeight
	}
	ts.y += lineHeight
}

var captionNumber = regexp.MustCompile(`^Tabel [0-9A-Za-z]+\. `)

// table sets one table: running text before it, its caption, header and
// rows, and its footnote.
func (ts *typesetter) table(lines []printedLine) {
	t := layoutTable(ts, lines)
	about := strings.TrimSuffix(captionNumber.ReplaceAllString(t.caption, ""), ".")
	ts.paragraph("Hieronder volgen de cijfers over " + strings.ToLower(about) + ". Ze komen uit de registratie van het afgelopen jaar.")
	ts.room(t.firstRows() * lineHeight)
	if !t.captionInHead {
		for _, l := range ts.pdf.SplitText((t.caption), pageRight-pageLeft) {
			ts.text(pageLeft, ts.y, l)
			ts.y += lineHeight
		}
	}
	ts.header(t)
	for i, row := range t.body {
		if ts.inside && i == t.breakAt {
			ts.newPage()
			ts.header(t)
		}
		ts.room(float64(row.height()) * lineHeight)
		ts.row(t, row)
	}
	if t.footnote != "" {
		size, _ := ts.pdf.GetFontSize()
		ts.pdf.SetFontSize(7.5)
		for _, l := range ts.pdf.SplitText((t.footnote), pageRight-pageLeft) {
			ts.text(pageLeft, ts.y, l)
			ts.y += lineHeight * 0.8
		}
		ts.pdf.SetFontSize(size)
	}
	ts.y += lineHeight
}

// laidTable is a table measured for the page.
type laidTable struct {
	caption, corner, footnote string
	captionInHead             bool
	headers                   [][]string
	body                      []printedLine
	x, w                      []float64 // each column's left edge and width
	numeric                   []bool    // columns of numbers, set right-aligned
	breakAt                   int       // the body row a PDFCaptionInside page break comes before (-1: none)
	routed                    bool      // rows of routes, their activities and outcomes (afhandeling)
}

func (t *laidTable) firstRows() float64 {
	n := float64(len(t.headers) + 2)
	if !t.captionInHead && t.caption != "" {
		n++
	}
	return n
}

func (l printedLine) height() int {
	h := 1
	for _, c := range l.cells {
		h = max(h, strings.Count(c, "\n")+1)
	}
	return h
}

var numberText = regexp.MustCompile(`^-?[\d.,]+\s*%?$|^-$`)

// layoutTable sorts a transcription into caption, header and body, and
// sizes the columns to their widest text.
func layoutTable(ts *typesetter, lines []printedLine) *laidTable {
	t := &laidTable{breakAt: -1}
	width := 0
	for _, l := range lines {
		switch {
		case l.title:
			t.caption = l.cells[0]
		case l.header:
			t.headers = append(t.headers, l.cells)
		case len(l.cells) == 1 && strings.HasPrefix(l.cells[0], "*"):
			t.footnote = l.cells[0]
		default:
			t.body = append(t.body, l)
		}
		width = max(width, len(l.cells))
	}
	t.numeric = make([]bool, width)
	for j := 1; j < width; j++ {
		t.numeric[j] = true
		for _, l := range t.body {
			if j < len(l.cells) && l.cells[j] != "" && !numberText.MatchString(l.cells[j]) {
				t.numeric[j] = false
			}
		}
	}
	if len(t.headers) > 0 && containsTrue(t.numeric) {
		// A table with a label column may print its caption, or a caption
		// keyword, in the top-left header cell: the first layout sets it
		// above the table, the second in that cell, wrapped down it.
		t.corner = t.headers[0][0]
		t.caption = cmp.Or(t.caption, t.corner)
		t.headers[0][0] = ""
		t.captionInHead = ts.inside
	}
	for _, l := range t.body {
		t.routed = t.routed || l.cells[0] == "Informeel"
	}
	t.sizeColumns(ts, width)
	if containsTrue(t.numeric) {
		for i := range t.body { // a row label longer than its column wraps
			var parts []string
			for _, part := range strings.Split(t.body[i].cells[0], "\n") {
				parts = append(parts, ts.pdf.SplitText(strings.TrimSpace(part), t.w[0]-3)...)
			}
			t.body[i].cells[0] = strings.Join(parts, "\n")
		}
	}
	if ts.inside && len(t.body) >= 10 {
		t.breakAt = len(t.body) * 3 / 5
		for i, l := range t.body {
			if l.cells[0] == "Afgebroken" { // the outcomes go on on the next page, away from their parent
				t.breakAt = i
			}
		}
	}
	return t
}

// sizeColumns gives each value column its widest text and the label column
// the rest, up to 80 mm; a table of text columns (ranked items) shares the
// width evenly.
func (t *laidTable) sizeColumns(ts *typesetter, width int) {
	t.x, t.w = make([]float64, width), make([]float64, width)
	textOnly := !containsTrue(t.numeric[min(1, width):])
	if textOnly {
		for j := range width {
			t.w[j] = (pageRight - pageLeft) / float64(width)
		}
	} else {
		rest := pageRight - pageLeft
		for j := 1; j < width; j++ {
			w := 12.0
			for _, l := range append(t.headerLines(), t.body...) {
				if j < len(l.cells) {
					for _, part := range strings.Split(l.cells[j], "\n") {
						w = max(w, ts.pdf.GetStringWidth(part)+4)
					}
				}
			}
			t.w[j] = w
			rest -= w
		}
		t.w[0] = min(rest, 80)
	}
	x := pageLeft
	for j := range width {
		t.x[j] = x
		x += t.w[j]
	}
}

func containsTrue(b []bool) bool {
	for _, v := range b {
		if v {
			return true
		}
	}
	return false
}

func (t *laidTable) headerLines() []printedLine {
	var out []printedLine
	for _, h := range t.headers {
		out = append(out, printedLine{cells: h, header: true})
	}
	return out
}

// header sets the header lines: a caption in the top-left cell wrapped down
// the label column, each header text centred over its column, or over the
// columns to its right that have no header text at all (a unit over its
// count and percent columns).
func (ts *typesetter) header(t *laidTable) {
	var corner []string
	if t.captionInHead {
		corner = ts.pdf.SplitText((t.caption), t.w[0]-2)
	}
	n := max(len(t.headers), len(corner))
	ts.room(float64(n+1) * lineHeight)
	for i := range n {
		if i < len(corner) {
			ts.text(t.x[0], ts.y, corner[i])
		}
		if i < len(t.headers) {
			h := t.headers[i]
			if !t.captionInHead && h[0] != "" {
				ts.text(t.x[0], ts.y, h[0])
			}
			for j := 1; j < len(h); j++ {
				if h[j] == "" {
					continue
				}
				end := j + 1
				for end < len(t.w) && t.headerless(end) {
					end++
				}
				left, right := t.x[j], t.x[end-1]+t.w[end-1]
				ts.text(left+(right-left-ts.pdf.GetStringWidth(h[j]))/2, ts.y, h[j])
			}
		}
		ts.y += lineHeight
	}
}

// headerless reports whether column j has no header text on any line.
func (t *laidTable) headerless(j int) bool {
	for _, h := range t.headers {
		if j < len(h) && h[j] != "" {
			return false
		}
	}
	return true
}

var outcomes = map[string]bool{"Afgebroken": true, "Gegrond": true, "Ongegrond": true, "Deels gegrond": true, "Nog lopend": true}
var routes = map[string]bool{"Informeel": true, "Formeel": true, "Signalen": true, "Klachtencommissie": true, "Bezwaar/Beroep": true}

// row sets a body row: each cell's lines stacked in its column from the
// top, numbers right-aligned and centred on the row's height.
func (ts *typesetter) row(t *laidTable, l printedLine) {
	h := l.height()
	for j, c := range l.cells {
		if j >= len(t.x) {
			break
		}
		parts := strings.Split(strings.TrimSpace(c), "\n")
		y := ts.y // text starts at the top of its cell; a number sits in the middle
		if j > 0 && t.numeric[j] {
			y += float64(h-len(parts)) * lineHeight / 2
		}
		for _, part := range parts {
			s := strings.TrimSpace(part)
			x := t.x[j]
			switch {
			case j > 0 && t.numeric[j]:
				x = t.x[j] + t.w[j] - 2 - ts.pdf.GetStringWidth(s)
			case j == 0 && ts.inside && t.routed && outcomes[strings.TrimSpace(c)]:
				x += 8
			case j == 0 && ts.inside && t.routed && !routes[strings.TrimSpace(c)]:
				x += 4
			}
			ts.text(x, y, s)
			y += lineHeight
		}
	}
	ts.y += float64(h) * lineHeight
}

// PartnerHTML is a partner report as a web page: each table's caption as a
// paragraph above an HTML table, numbers right-aligned. Printed to PDF by a
// browser (scripts/chromium-partner-pdf.sh), it is a report typeset by
// other hands than this package's.
func PartnerHTML(file string) (string, error) {
	var r *partnerReport
	for i := range partnerReports {
		if partnerReports[i].file == file {
			r = &partnerReports[i]
		}
	}
	if r == nil {
		return "", fmt.Errorf("no partner report %q", file)
	}
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><style>body{font-family:Arial,sans-serif;font-size:10pt} td{padding:2px 10px} td.n{text-align:right} table{margin-bottom:24px}</style></head><body>`)
	fmt.Fprintf(&b, "<p>%s.</p>\n", html.EscapeString(r.title))
	for _, name := range r.tables {
		text, _ := printedText(name)
		b.WriteString("<table>\n")
		for _, l := range parsePrinted(text) {
			if l.title {
				fmt.Fprintf(&b, "</table><p>%s</p><table>\n", html.EscapeString(l.cells[0]))
				continue
			}
			b.WriteString("<tr>")
			for _, c := range l.cells {
				class := ""
				if numberText.MatchString(c) {
					class = ` class="n"`
				}
				fmt.Fprintf(&b, "<td%s>%s</td>", class, strings.ReplaceAll(html.EscapeString(c), "\n", "<br>"))
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</table>\n")
	}
	b.WriteString("</body></html>\n")
	return b.String(), nil
}
