package extract

import (
	"math"
	"regexp"
	"slices"
	"strings"
)

// foundTable is a table found in a PDF: its caption and its lines as a
// grid, a cell per column, the way a CSV of it would hold them.
type foundTable struct {
	caption string
	page    int // where it starts
	lines   []line
	cols    []textColumn

	head, body []textLine // its text, on one page or more, until it is set as lines
	header     []string   // its header lines' text, to know them repeated on the next page
	last       textLine   // its last line
}

var (
	captionStart = regexp.MustCompile(`(?i)^tabel\s+([0-9]+[a-z]?|[a-z][0-9]?)\b\.?`)
	pageNumber   = regexp.MustCompile(`(?i)^(pagina|page|blz\.?)\s*\d+$|^[-–]\s*\d+\s*[-–]$|^\d+\s*(/|van|of)\s*\d+$`)
	digits       = regexp.MustCompile(`\d+`)
)

// findTables finds the tables of a report: blocks of lines set apart by
// white space, that have a caption ('Tabel 2c. ...') or columns of values;
// a table that runs on over a page is joined with its rest, its header
// repeated there left out. Running headers and footers, and page numbers,
// are not part of any block.
func findTables(pages []pdfPage) []foundTable {
	var tables []*foundTable
	var open *foundTable // the last table on the page before, if it ended the page
	running := runningLines(pages)
	pending := "" // a caption set as a paragraph of its own above its table
	for _, p := range pages {
		blocks := blocksOf(bodyLines(p, running))
		width := textWidth(p)
		for i, b := range blocks {
			if i == 0 && open != nil {
				if rest, ok := continuation(open, b); ok {
					open.body = append(open.body, rest...)
					open.last = rest[len(rest)-1]
					continue
				}
			}
			if caption, ok := captionOnly(b); ok {
				pending = caption
				continue
			}
			if t, ok := tableOf(p.number, b, pending, width); ok {
				tables = append(tables, t)
			}
			pending = ""
		}
		open = nil
		if n := len(tables); n > 0 && len(blocks) > 0 {
			last := blocks[len(blocks)-1]
			if t := tables[n-1]; t.last.page == p.number && t.last.number == last[len(last)-1].number {
				open = t // it ends the page: it may go on on the next
			}
		}
	}
	var out []foundTable
	for _, t := range tables {
		if t.setLines() {
			out = append(out, *t)
		}
	}
	return out
}

// runningLines finds the running headers and footers of a report: lines
// among the first two or the last two of a page, in its top or bottom
// fourteenth, that recur, digits aside (a bare page number too), in the same
// band of another page. It returns their keys (runningKey).
func runningLines(pages []pdfPage) map[string]bool {
	onPages := map[string]map[int]bool{}
	for _, p := range pages {
		for i := range p.lines {
			if k, ok := runningKey(p, i); ok {
				if onPages[k] == nil {
					onPages[k] = map[int]bool{}
				}
				onPages[k][p.number] = true
			}
		}
	}
	running := map[string]bool{}
	for k, on := range onPages {
		running[k] = len(on) > 1
	}
	return running
}

// runningKey is the key of line i of a page if it may be a running header
// or footer: the band and its text, digits aside; false for any other line.
func runningKey(p pdfPage, i int) (string, bool) {
	l := p.lines[i]
	band := ""
	switch {
	case i >= 2 && i < len(p.lines)-2:
		return "", false
	case l.y < p.height/14:
		band = "top"
	case l.y > p.height*13/14:
		band = "bottom"
	default:
		return "", false
	}
	return band + "\x00" + digits.ReplaceAllString(lineText(l), "#"), true
}

// bodyLines leaves out a page's running header and footer, and a page
// number ('Pagina 3', '- 3 -', '3 / 12') at its top or foot.
func bodyLines(p pdfPage, running map[string]bool) []textLine {
	var out []textLine
	for i, l := range p.lines {
		if k, ok := runningKey(p, i); ok && (running[k] || pageNumber.MatchString(lineText(l))) {
			continue
		}
		out = append(out, l)
	}
	return out
}

func lineText(l textLine) string {
	var parts []string
	for _, ph := range l.phrases {
		parts = append(parts, ph.text)
	}
	return strings.Join(parts, " ")
}

// blocksOf splits lines where the white space between two is more than a
// line's height and three quarters.
func blocksOf(lines []textLine) [][]textLine {
	var blocks [][]textLine
	start := 0
	for i := 1; i <= len(lines); i++ {
		if i < len(lines) && lines[i].y-lines[i-1].y <= 1.75*max(lines[i].size, lines[i-1].size) {
			continue
		}
		if i > start {
			blocks = append(blocks, lines[start:i])
		}
		start = i
	}
	return blocks
}

// textWidth is the width of the widest line of a page: that of its running
// text.
func textWidth(p pdfPage) float64 {
	w := 0.0
	for _, l := range p.lines {
		w = max(w, l.phrases[len(l.phrases)-1].x1-l.phrases[0].x0)
	}
	return w
}

// shortLines reports whether every line of a block is a single phrase less
// than 0.6 of the page's text width: items of a list, not running text.
func shortLines(block []textLine, width float64) bool {
	for _, l := range block {
		if len(l.phrases) > 1 || l.phrases[0].x1-l.phrases[0].x0 >= 0.6*width {
			return false
		}
	}
	return true
}

// inColumns reports whether most lines of a block have more than one
// phrase: text set in columns, as a table's header is.
func inColumns(block []textLine) bool {
	n := 0
	for _, l := range block {
		if len(l.phrases) > 1 {
			n++
		}
	}
	return 2*n > len(block)
}

// captionOnly reports whether a block is a caption alone ('Tabel 2c. Type
// klachten in aantallen.' set as a paragraph of its own, apart from its
// table), and returns it.
func captionOnly(block []textLine) (string, bool) {
	if len(block) > 3 || !captionStart.MatchString(block[0].phrases[0].text) {
		return "", false
	}
	var parts []string
	for _, l := range block {
		if len(l.phrases) > 1 {
			return "", false
		}
		parts = append(parts, l.phrases[0].text)
	}
	caption := strings.Join(parts, " ")
	return caption, strings.HasSuffix(strings.TrimRight(caption, "* "), ".")
}

// valueLike reports whether a phrase is a value of a table: a number, a
// percentage or a dash, or a ranked item ('1. Wetgeving (1.090)').
func valueLike(s string) bool {
	if rankedCell.MatchString(s) {
		return true
	}
	_, ok, err := ParseNumber(s)
	return ok && err == nil
}

// yearOnly reports whether every value-like phrase of a line is a year (a
// header line of years over their columns).
func yearOnly(l textLine) bool {
	for _, ph := range l.phrases {
		if valueLike(ph.text) && !isYear(ph.text) {
			return false
		}
	}
	return true
}

// tableOf reads a block as a table, if it is one: it has a caption that
// starts 'Tabel', or lines of values in columns.
func tableOf(page int, block []textLine, pending string, width float64) (*foundTable, bool) {
	captioned := captionStart.MatchString(block[0].phrases[0].text)
	values := 0
	for _, l := range block {
		if len(l.phrases) > 1 && !yearOnly(l) {
			values++
		}
	}
	caption, rest := "", block
	switch {
	case !captioned && values == 0 && pending != "" && (shortLines(block, width) || inColumns(block)):
		caption = pending // a list, or a header whose body is on the next page, under its caption set apart
	case !captioned && values == 0:
		return nil, false // running text
	default:
		caption, rest = captionAbove(block, captioned)
		if caption == "" {
			caption = pending
		}
	}
	head, body := splitBlock(rest)
	t := &foundTable{caption: caption, page: page, head: head, body: body, last: block[len(block)-1]}
	for _, l := range head {
		t.header = append(t.header, lineText(l))
	}
	return t, true
}

// setLines sets a table's text in columns, found from its body on every page
// it is on; the caption, if the top-left header cell holds it, comes out of
// the header. It reports false if nothing is left.
func (t *foundTable) setLines() bool {
	t.cols = bodyColumns(t.body)
	if len(t.cols) == 0 {
		return false // a caption and header without a body
	}
	head, body := wrappedLabelAbove(t.head, t.body, t.cols)
	if t.caption == "" && labelColumn(body, t.cols) {
		t.caption, head = cornerCaption(head, t.cols)
	}
	t.lines = append(gridLines(head, t.cols), gridLines(body, t.cols)...)
	t.head, t.body = nil, nil
	return len(t.lines) > 0
}

// captionAbove takes the caption off the top of a block: lines of one
// phrase up to one that ends a sentence, or one line of text at the left
// above a line of columns ('Cliënten AKJ' over the units).
func captionAbove(block []textLine, captioned bool) (string, []textLine) {
	if len(block[0].phrases) > 1 {
		return "", block // the caption, if any, is in the header's first cell
	}
	if captioned {
		var parts []string
		for i, l := range block {
			if len(l.phrases) > 1 || i == 3 {
				break
			}
			parts = append(parts, l.phrases[0].text)
			if strings.HasSuffix(strings.TrimRight(l.phrases[0].text, "*"), ".") {
				return strings.Join(parts, " "), block[i+1:]
			}
		}
		return block[0].phrases[0].text, block[1:]
	}
	if len(block) > 1 && len(block[1].phrases) > 1 && !valueLike(block[0].phrases[0].text) && atLeft(block[0].phrases[0], block[1:]) {
		return block[0].phrases[0].text, block[1:]
	}
	return "", block
}

// atLeft reports whether a phrase starts at the left edge of the lines
// under it, as a caption does; a column's one header does not.
func atLeft(ph phrase, lines []textLine) bool {
	left := math.Inf(1)
	for _, l := range lines {
		left = math.Min(left, l.phrases[0].x0)
	}
	return ph.x0 <= left+ph.x1-ph.x0 && ph.x0 <= left+20
}

// splitBlock splits a table's lines into the header, the lines before the
// first with a value other than a year, and the body.
func splitBlock(lines []textLine) (head, body []textLine) {
	for i, l := range lines {
		for _, ph := range l.phrases {
			if valueLike(ph.text) && !isYear(ph.text) {
				return lines[:i], lines[i:]
			}
		}
	}
	return nil, lines // a list: labels only
}

// wrappedLabelAbove moves the last header line to the body if it is the
// first part of the first row's label, wrapped above the row's values.
func wrappedLabelAbove(head, body []textLine, cols []textColumn) ([]textLine, []textLine) {
	if n := len(head); n > 0 && len(body) > 0 && labelOnly(head[n-1], cols) && body[0].y-head[n-1].y < 0.8*body[0].size {
		return head[:n-1], append([]textLine{head[n-1]}, body...)
	}
	return head, body
}

// textColumn is one column of a table: the span of its cells.
type textColumn struct{ x0, x1 float64 }

// bodyColumns finds a table's columns from its body: the spans of phrases
// that overlap, line after line, make one column. A footnote, or a line of
// text as wide as the table, does not count. If the first column holds
// values, a column of (empty) labels is put before it.
func bodyColumns(body []textLine) []textColumn {
	var spans []textColumn
	for _, l := range body {
		if footnoteLine(l) {
			continue
		}
		for _, ph := range l.phrases {
			spans = append(spans, textColumn{ph.x0, ph.x1})
		}
	}
	slices.SortFunc(spans, func(a, b textColumn) int { return compareFloat(a.x0, b.x0) })
	var cols []textColumn
	for _, s := range spans {
		if n := len(cols); n > 0 && s.x0 <= cols[n-1].x1+1 {
			cols[n-1].x1 = max(cols[n-1].x1, s.x1)
			continue
		}
		cols = append(cols, s)
	}
	if len(cols) > 1 && firstColumnValues(body, cols[0]) {
		cols = append([]textColumn{{math.Inf(-1), cols[0].x0 - 1}}, cols...)
	}
	return cols
}

func footnoteLine(l textLine) bool {
	return len(l.phrases) == 1 && strings.HasPrefix(l.phrases[0].text, "*")
}

// firstColumnValues reports whether the first column holds numbers only (a
// table whose rows have no labels, such as the hearings per year).
func firstColumnValues(body []textLine, c textColumn) bool {
	for _, l := range body {
		for _, ph := range l.phrases {
			if ph.x0 <= c.x1 && ph.x1 >= c.x0 {
				if _, ok, err := ParseNumber(ph.text); !ok || err != nil {
					return false
				}
			}
		}
	}
	return true
}

// columnOf returns the column a phrase belongs in: the leftmost that holds
// a quarter of it or more (a unit's name centred over its count and
// percent columns goes in the first), else the one it overlaps most, else
// the first that ends right of its middle. The empty labels' column
// bodyColumns puts before values takes only what lies wholly left of them.
func columnOf(ph phrase, cols []textColumn) int {
	if len(cols) > 1 && math.IsInf(cols[0].x0, -1) {
		// The labels' column put before values holds what lies left of them.
		if ph.x1 <= cols[1].x0 {
			return 0
		}
		return 1 + columnOf(ph, cols[1:])
	}
	best, most := -1, 0.0
	width := max(ph.x1-ph.x0, 1)
	for j, c := range cols {
		overlap := math.Min(ph.x1, c.x1) - math.Max(ph.x0, c.x0)
		if overlap >= 0.25*width {
			return j
		}
		if overlap > most {
			best, most = j, overlap
		}
	}
	if best >= 0 {
		return best
	}
	// Over no column: a header set at the left of a cell whose numbers are
	// set at its right belongs to the first column that ends right of it.
	mid := (ph.x0 + ph.x1) / 2
	for j, c := range cols {
		if c.x1 >= mid {
			return j
		}
	}
	return len(cols) - 1
}

// labelColumn reports whether a table's first column holds row labels (or
// is the empty one bodyColumns puts before values), not a top-3 table's
// first period.
func labelColumn(body []textLine, cols []textColumn) bool {
	if len(cols) < 2 {
		return false
	}
	for _, l := range body {
		for _, ph := range l.phrases {
			if columnOf(ph, cols) == 0 && rankedCell.MatchString(ph.text) {
				return false
			}
		}
	}
	return true
}

// cornerCaption takes the caption printed in the table's top-left header
// cell, wrapped down it ('Tabel 1b. Uitsplitsing categorie ouders.', or a
// caption keyword such as 'Cliënten AKJ'), out of the header lines.
func cornerCaption(head []textLine, cols []textColumn) (string, []textLine) {
	var parts []string
	var rest []textLine
	for _, l := range head {
		kept := l
		kept.phrases = nil
		for _, ph := range l.phrases {
			if columnOf(ph, cols) == 0 {
				parts = append(parts, ph.text)
			} else {
				kept.phrases = append(kept.phrases, ph)
			}
		}
		if len(kept.phrases) > 0 {
			rest = append(rest, kept)
		}
	}
	return strings.Join(parts, " "), rest
}

// gridLines sets text lines into the columns: a line a cell per column. A
// row label wrapped over two lines, its values centred between them, is
// put back on the values' line.
func gridLines(lines []textLine, cols []textColumn) []line {
	var out []line
	used := make([]bool, len(lines))
	for i, l := range lines {
		if used[i] {
			continue
		}
		cells := make([]string, len(cols))
		for _, ph := range l.phrases {
			j := columnOf(ph, cols)
			cells[j] = strings.TrimSpace(cells[j] + " " + ph.text)
		}
		if cells[0] == "" && len(cols) > 1 && len(l.phrases) > 0 {
			var above, below string
			if i > 0 && !used[i-1] && labelOnly(lines[i-1], cols) && l.y-lines[i-1].y < 0.8*l.size {
				above = lines[i-1].phrases[0].text
				out = out[:len(out)-1] // it was set as a line of its own
			}
			if i+1 < len(lines) && labelOnly(lines[i+1], cols) && lines[i+1].y-l.y < 0.8*l.size {
				below, used[i+1] = lines[i+1].phrases[0].text, true
			}
			cells[0] = joinLines([]string{above, below})
		}
		out = append(out, line{n: l.number, page: l.page, cells: cells, raw: slices.Clone(cells)})
	}
	return out
}

// labelOnly reports whether a line holds just a row label.
func labelOnly(l textLine, cols []textColumn) bool {
	return len(l.phrases) == 1 && columnOf(l.phrases[0], cols) == 0 && !valueLike(l.phrases[0].text)
}

// continuation reports whether a block at the top of a page goes on with
// the table open from the page before: after the table's header, if it is
// repeated (with its caption, if the caption is in the header), its first
// line holds values. It returns the block without the repeated header.
func continuation(t *foundTable, block []textLine) ([]textLine, bool) {
	rest := block
	for len(rest) > 0 && slices.Contains(t.header, lineText(rest[0])) {
		rest = rest[1:]
	}
	if len(rest) == 0 || captionStart.MatchString(rest[0].phrases[0].text) {
		return nil, false
	}
	if !slices.ContainsFunc(rest[0].phrases, func(ph phrase) bool { return valueLike(ph.text) && !isYear(ph.text) }) {
		return nil, false // a header of its own: another table
	}
	return rest, true
}
