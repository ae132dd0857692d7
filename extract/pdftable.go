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
	header  []string // its header lines' text, to know them repeated on the next page
	cols    []textColumn
}

var (
	captionStart = regexp.MustCompile(`(?i)^tabel\s+([0-9]+[a-z]?|[a-z][0-9]?)\b\.?`)
	pageNumber   = regexp.MustCompile(`(?i)^(pagina|page|blz\.?)?\s*[-–]?\s*\d+\s*[-–]?$|^\d+\s*(/|van|of)\s*\d+$`)
	digits       = regexp.MustCompile(`\d+`)
)

// findTables finds the tables of a report: blocks of lines set apart by
// white space, that have a caption ('Tabel 2c. ...') or columns of values;
// a table that runs on over a page is joined with its rest, its header
// repeated there left out. Running headers and footers, and page numbers,
// are not part of any block.
func findTables(pages []pdfPage) []foundTable {
	var tables []foundTable
	var open *foundTable // the last table on the page before, if it ended the page
	for _, p := range pages {
		blocks := blocksOf(bodyLines(p, pages))
		for i, b := range blocks {
			if i == 0 && open != nil {
				if rest, ok := continuation(open, b); ok {
					open.lines = append(open.lines, gridLines(p.number, rest, open.cols)...)
					continue
				}
			}
			if t, ok := tableOf(p.number, b); ok {
				tables = append(tables, t)
			}
		}
		open = nil
		if n := len(tables); n > 0 && len(blocks) > 0 && tables[n-1].page == p.number && endsTable(blocks[len(blocks)-1], tables[n-1]) {
			open = &tables[n-1]
		}
	}
	return tables
}

// bodyLines leaves out a page's running header and footer: a line in the
// top or bottom tenth of the page that is a page number, or that recurs,
// digits aside, in the same band of another page.
func bodyLines(p pdfPage, pages []pdfPage) []textLine {
	band := func(l textLine, h float64) int {
		switch {
		case l.y < 0.1*h:
			return 1
		case l.y > 0.9*h:
			return 2
		}
		return 0
	}
	key := func(l textLine) string { return digits.ReplaceAllString(lineText(l), "#") }
	var out []textLine
	for _, l := range p.lines {
		b := band(l, p.height)
		running := b != 0 && pageNumber.MatchString(lineText(l))
		for _, q := range pages {
			if running || b == 0 || q.number == p.number {
				continue
			}
			for _, m := range q.lines {
				if band(m, q.height) == b && key(m) == key(l) {
					running = true
					break
				}
			}
		}
		if !running {
			out = append(out, l)
		}
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
func tableOf(page int, block []textLine) (foundTable, bool) {
	captioned := captionStart.MatchString(block[0].phrases[0].text)
	values := 0
	for _, l := range block {
		if len(l.phrases) > 1 && !yearOnly(l) {
			values++
		}
	}
	if !captioned && values == 0 {
		return foundTable{}, false // running text
	}
	caption, rest := captionAbove(block, captioned)
	head, body := splitBlock(rest)
	cols := bodyColumns(body)
	head, body = wrappedLabelAbove(head, body, cols)
	t := foundTable{caption: caption, page: page, cols: cols}
	for _, l := range head {
		t.header = append(t.header, lineText(l))
	}
	if caption == "" && labelColumn(body, cols) {
		t.caption, head = cornerCaption(head, cols)
	}
	t.lines = append(gridLines(page, head, cols), gridLines(page, body, cols)...)
	if len(t.lines) == 0 {
		return foundTable{}, false
	}
	return t, true
}

// captionAbove takes the caption off the top of a block: lines of one
// phrase up to one that ends a sentence, or one line of text above a line
// of columns ('Cliënten AKJ' over the units).
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
	if len(block) > 1 && len(block[1].phrases) > 1 && !valueLike(block[0].phrases[0].text) {
		return block[0].phrases[0].text, block[1:]
	}
	return "", block
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
// the nearest. The empty labels' column bodyColumns puts before values
// takes only what lies wholly left of them.
func columnOf(ph phrase, cols []textColumn) int {
	if len(cols) > 1 && math.IsInf(cols[0].x0, -1) {
		// The labels' column put before values holds what lies left of them.
		if ph.x1 <= cols[1].x0 {
			return 0
		}
		return 1 + columnOf(ph, cols[1:])
	}
	best, most, dist := 0, 0.0, math.Inf(1)
	width := max(ph.x1-ph.x0, 1)
	for j, c := range cols {
		overlap := math.Min(ph.x1, c.x1) - math.Max(ph.x0, c.x0)
		if overlap >= 0.25*width {
			return j
		}
		if overlap > most {
			best, most = j, overlap
		}
		if d := math.Min(math.Abs(ph.x0-c.x1), math.Abs(ph.x1-c.x0)); most == 0 && d < dist {
			best, dist = j, d
		}
	}
	return best
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
func gridLines(page int, lines []textLine, cols []textColumn) []line {
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
		out = append(out, line{n: l.number, page: page, cells: cells, raw: slices.Clone(cells)})
	}
	return out
}

// labelOnly reports whether a line holds just a row label.
func labelOnly(l textLine, cols []textColumn) bool {
	return len(l.phrases) == 1 && columnOf(l.phrases[0], cols) == 0 && !valueLike(l.phrases[0].text)
}

// endsTable reports whether a block, the last on its page, is the table
// and reaches the page's foot, so that the table may go on on the next.
func endsTable(block []textLine, t foundTable) bool {
	last := block[len(block)-1]
	return len(t.lines) > 0 && t.lines[len(t.lines)-1].n == last.number
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
