package extract

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/ledongthuc/pdf"
	"golang.org/x/text/unicode/norm"
)

// Errors of partner reports as PDF that a person can act on.
var (
	ErrEncryptedPDF = errors.New("password-protected PDF: ask the partner for the report without a password, or turn its tables into CSV")
	ErrScannedPDF   = errors.New("the PDF has no text, only images (a scan?): ask the partner for the digital report, or turn its tables into CSV")
	ErrPDF          = errors.New("not a readable PDF (damaged, cut off, or no PDF at all): save it again from where it came, or turn its tables into CSV")
)

// pdfPage is the text of one page: its lines from top to bottom.
type pdfPage struct {
	number int
	height float64
	lines  []textLine
}

// textLine is the text on one baseline: its phrases from left to right.
// Number is the line's place on its page, counting from 1 at the top.
type textLine struct {
	number  int
	y, size float64 // baseline (from the page's top) and font size, in points
	phrases []phrase
}

// phrase is a run of words set with no more than word spaces between them:
// the text of one table cell, or a line of running text.
type phrase struct {
	x0, x1 float64
	text   string
}

// pdfLimits bound what one report may make klacht read.
type pdfLimits struct {
	pages        int
	contentBytes int64 // of the content of one page, inflated
	glyphs       int   // of the whole report
	nesting      int   // of arrays and dictionaries
}

var defaultPDFLimits = pdfLimits{pages: 2000, contentBytes: 8 << 20, glyphs: 4_000_000, nesting: 64}

// readPDFText reads the text of every page of a PDF with the positions it is
// set at. A page's glyphs come from github.com/ledongthuc/pdf; where their
// font gives no widths (the standard fonts, fonts with two-byte codes) a
// run's glyphs are spaced by Helvetica's widths, near enough to tell a word
// space from the gap between table columns.
func readPDFText(data []byte, lim pdfLimits) (pages []pdfPage, err error) {
	if err := checkNesting(data, lim.nesting); err != nil {
		return nil, err
	}
	defer func() {
		if x := recover(); x != nil {
			pages, err = nil, fmt.Errorf("%w: %v", ErrPDF, x)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	switch {
	case errors.Is(err, pdf.ErrInvalidPassword) || err != nil && strings.Contains(err.Error(), "encrypt"):
		return nil, ErrEncryptedPDF
	case err != nil:
		return nil, fmt.Errorf("%w: %v", ErrPDF, err)
	case r.NumPage() > lim.pages:
		return nil, fmt.Errorf("%d pages, more than %d: %w", r.NumPage(), lim.pages, ErrTooBig)
	}
	glyphs := 0
	for n := 1; n <= r.NumPage(); n++ {
		p := r.Page(n)
		if err := checkContent(p, lim.contentBytes); err != nil {
			return nil, fmt.Errorf("page %d: %w", n, err)
		}
		texts := p.Content().Text
		if glyphs += len(texts); glyphs > lim.glyphs {
			return nil, fmt.Errorf("more than %d characters of text: %w", lim.glyphs, ErrTooBig)
		}
		height := pageHeight(p)
		pages = append(pages, pdfPage{number: n, height: height, lines: textLines(placeGlyphs(texts, height))})
	}
	if glyphs == 0 || !slices.ContainsFunc(pages, func(p pdfPage) bool { return len(p.lines) > 0 }) {
		return nil, ErrScannedPDF
	}
	return pages, nil
}

// checkContent refuses a page whose content inflates beyond max bytes, read
// before the page is interpreted.
func checkContent(p pdf.Page, max int64) error {
	c := p.V.Key("Contents")
	streams := []pdf.Value{c}
	if c.Kind() == pdf.Array {
		streams = nil
		for i := range c.Len() {
			streams = append(streams, c.Index(i))
		}
	}
	var total int64
	for _, s := range streams {
		if s.Kind() != pdf.Stream {
			continue
		}
		rc := s.Reader()
		n, _ := io.Copy(io.Discard, io.LimitReader(rc, max-total+1))
		rc.Close()
		if total += n; total > max {
			return fmt.Errorf("its content inflates beyond %d bytes: %w", max, ErrTooBig)
		}
	}
	return nil
}

// checkNesting refuses arrays and dictionaries nested deeper than max in
// the file's own bytes, which would make the PDF parser recurse without end.
func checkNesting(data []byte, max int) error {
	depth := 0
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case c == '[' || c == '<' && i+1 < len(data) && data[i+1] == '<':
			if depth++; depth > max {
				return fmt.Errorf("%w: arrays or dictionaries nested more than %d deep", ErrPDF, max)
			}
			if c == '<' {
				i++
			}
		case c == ']' || c == '>' && i+1 < len(data) && data[i+1] == '>':
			depth = max0(depth - 1)
			if c == '>' {
				i++
			}
		case c == '(': // a string: skip it, brackets in it are text
			i = skipString(data, i)
		case c == 's' && bytes.HasPrefix(data[i:], []byte("stream")) && (i == 0 || data[i-1] == '\n' || data[i-1] == '\r' || data[i-1] == ' ' || data[i-1] == '>'):
			if end := bytes.Index(data[i:], []byte("endstream")); end > 0 {
				i += end + len("endstream") - 1 // a stream's bytes are data
			}
		}
	}
	return nil
}

func max0(n int) int { return max(n, 0) }

// skipString returns the index of the ')' that closes the string opened at
// data[i], or the end.
func skipString(data []byte, i int) int {
	depth := 0
	for ; i < len(data); i++ {
		switch data[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return len(data)
}

// pageHeight is the height of the page's media box, in points (A4 if it has
// none).
func pageHeight(p pdf.Page) float64 {
	box := pdf.Value{}
	for v := p.V; !v.IsNull() && box.IsNull(); v = v.Key("Parent") { // inherited from the page tree
		box = v.Key("MediaBox")
	}
	if box.Kind() == pdf.Array && box.Len() == 4 {
		if h := box.Index(3).Float64() - box.Index(1).Float64(); h > 0 {
			return h
		}
	}
	return 842
}

// glyph is one character as set on the page, y from the page's top.
type glyph struct {
	x, y, w, size float64
	s             string
}

// placeGlyphs turns the library's text into glyphs with widths. A glyph
// whose font gives no width stands where the one before it stood; it is
// moved on by the estimated width of that one.
func placeGlyphs(texts []pdf.Text, height float64) []glyph {
	var out []glyph
	var prev *pdf.Text
	shift := 0.0
	for i := range texts {
		t := &texts[i]
		if t.S == "\n" || t.S == "" {
			continue
		}
		size := math.Abs(t.FontSize)
		if size == 0 {
			size = 10
		}
		w := t.W
		if w <= 0 {
			w = estimateWidth(t.S, size)
		}
		x := t.X
		if prev != nil && prev.W <= 0 && t.Y == prev.Y && t.X == prev.X && t.Font == prev.Font {
			x += shift
		} else {
			shift = 0
		}
		if t.W <= 0 {
			shift = x - t.X + w
		}
		out = append(out, glyph{x: x, y: height - t.Y, w: w, size: size, s: t.S})
		prev = t
	}
	return out
}

// estimateWidth is the width of s in Helvetica at size, for a font that
// gives none: accented letters as their letter, anything else as a digit.
func estimateWidth(s string, size float64) float64 {
	w := 0
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r >= ' ' && r <= '~':
			w += int(helveticaWidths[r-' '])
		default:
			w += 556
		}
	}
	return float64(w) / 1000 * size
}

// helveticaWidths are Helvetica's advance widths of ' ' to '~', in
// thousandths of the font size (Adobe's AFM).
var helveticaWidths = [95]int16{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0-9
	278, 278, 584, 584, 584, 556, 1015, // : to @
	667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // A-Z
	278, 278, 278, 469, 556, 333, // [ to `
	556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // a-z
	334, 260, 334, 584, // { to ~
}

// textLines groups glyphs into lines by their baseline, and each line's
// glyphs into phrases: a gap wider than 0.8 of the font size (three word
// spaces; two, as after '1.' in a ranked item, are not enough) ends a
// phrase.
func textLines(glyphs []glyph) []textLine {
	slices.SortStableFunc(glyphs, func(a, b glyph) int {
		if c := compareFloat(a.y, b.y); c != 0 {
			return c
		}
		return compareFloat(a.x, b.x)
	})
	var lines []textLine
	start := 0
	for i := 1; i <= len(glyphs); i++ {
		if i < len(glyphs) && glyphs[i].y-glyphs[start].y <= 0.3*glyphs[start].size {
			continue
		}
		line := glyphs[start:i]
		slices.SortStableFunc(line, func(a, b glyph) int { return compareFloat(a.x, b.x) })
		if l := phrasesOf(line); len(l.phrases) > 0 {
			l.number = len(lines) + 1
			lines = append(lines, l)
		}
		start = i
	}
	return lines
}

func compareFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// phrasesOf splits the glyphs of one line into phrases.
func phrasesOf(line []glyph) textLine {
	l := textLine{y: line[0].y, size: line[0].size}
	var cur *phrase
	var b strings.Builder
	end := math.Inf(-1)
	flush := func() {
		if cur != nil {
			cur.text = strings.TrimSpace(b.String())
			if cur.text != "" {
				l.phrases = append(l.phrases, *cur)
			}
		}
		cur = nil
		b.Reset()
	}
	for _, g := range line {
		l.size = max(l.size, g.size)
		if strings.TrimSpace(g.s) == "" {
			if cur != nil {
				b.WriteString(" ")
			}
			continue
		}
		if cur != nil && g.x-end > 0.8*g.size {
			flush()
		}
		if cur == nil {
			cur = &phrase{x0: g.x}
		} else if g.x-end > 0.15*g.size && !strings.HasSuffix(b.String(), " ") {
			b.WriteString(" ") // a word space set as a gap, not a glyph
		}
		b.WriteString(g.s)
		end = g.x + g.w
		cur.x1 = end
	}
	flush()
	return l
}
