package extract

import (
	"bytes"
	"compress/zlib"
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
	page    int
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
	streamBytes  int64 // of any one stream, inflated
}

// defaultPDFLimits hold for any report: a dense page of text has some 50 KB
// of content and 5,000 characters.
var defaultPDFLimits = pdfLimits{pages: 2000, contentBytes: 1 << 20, glyphs: 2_000_000, nesting: 64, streamBytes: 64 << 20}

// readPDFText reads the text of every page of a PDF with the positions it is
// set at. A page's glyphs come from github.com/ledongthuc/pdf; where their
// font gives no widths (the standard fonts, fonts with two-byte codes) a
// run's glyphs are spaced by Helvetica's widths, near enough to tell a word
// space from the gap between table columns.
func readPDFText(data []byte, lim pdfLimits) (pages []pdfPage, err error) {
	if err := checkStructure(data, lim); err != nil {
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
		lines := textLines(placeGlyphs(texts, height))
		for i := range lines {
			lines[i].page = n
		}
		pages = append(pages, pdfPage{number: n, height: height, lines: lines})
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

// checkStructure refuses, before the PDF parser sees them, what would make
// it recurse without end or inflate without bound: arrays and dictionaries
// nested deeper than lim.nesting, in the file or in an object stream, and a
// compressed stream that inflates beyond lim.streamBytes.
func checkStructure(data []byte, lim pdfLimits) error {
	if err := checkNesting(data, lim.nesting); err != nil {
		return err
	}
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("stream"))
		if j < 0 {
			return nil
		}
		start := i + j + len("stream")
		i = start
		if j > 2 && bytes.HasSuffix(data[:start-len("stream")], []byte("end")) {
			continue // endstream
		}
		if bytes.HasPrefix(data[start:], []byte("\r\n")) { // the line end after the keyword
			start += 2
		} else if start < len(data) && (data[start] == '\n' || data[start] == '\r') {
			start++
		}
		end := bytes.Index(data[start:], []byte("endstream"))
		if end < 0 {
			return nil
		}
		var nesting io.Writer = io.Discard
		if objStream(data[:start]) {
			nesting = &nestingScanner{max: lim.nesting}
		}
		if err := inflateLimited(data[start:start+end], lim.streamBytes, nesting); err != nil {
			return err
		}
		i = start + end
	}
}

// inflateLimited inflates a zlib stream into w, up to max bytes; a stream
// that is not zlib is left alone.
func inflateLimited(b []byte, max int64, w io.Writer) error {
	zr, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil
	}
	defer zr.Close()
	n, err := io.Copy(w, io.LimitReader(zr, max+1))
	switch {
	case n > max:
		return fmt.Errorf("a stream inflates beyond %d bytes (a zip bomb?): %w", max, ErrTooBig)
	case errors.Is(err, errTooDeep):
		return fmt.Errorf("%w: arrays or dictionaries nested too deep in an object stream", ErrPDF)
	}
	return nil
}

var errTooDeep = errors.New("nested too deep")

// nestingScanner follows the nesting of arrays and dictionaries in what is
// written to it, and fails once it goes deeper than max.
type nestingScanner struct {
	max, depth  int
	inString    int  // depth of parentheses inside a string
	escaped, lt bool // after a backslash in a string; after a '<'
	gt          bool // after a '>'
}

func (n *nestingScanner) Write(p []byte) (int, error) {
	for _, c := range p {
		lt, gt := n.lt, n.gt
		n.lt, n.gt = false, false
		switch {
		case n.inString > 0:
			switch {
			case n.escaped:
				n.escaped = false
			case c == '\\':
				n.escaped = true
			case c == '(':
				n.inString++
			case c == ')':
				n.inString--
			}
		case c == '(':
			n.inString = 1
		case c == '[' || c == '<' && lt:
			if n.depth++; n.depth > n.max {
				return 0, errTooDeep
			}
		case c == ']' || c == '>' && gt:
			n.depth = max0(n.depth - 1)
		case c == '<':
			n.lt = true
		case c == '>':
			n.gt = true
		}
	}
	return len(p), nil
}

// objStream reports whether the stream that starts after before belongs to
// an object stream: its object's dictionary says /ObjStm.
func objStream(before []byte) bool {
	obj := bytes.LastIndex(before, []byte(" obj"))
	return obj >= 0 && bytes.Contains(before[obj:], []byte("/ObjStm"))
}

// checkNesting refuses arrays and dictionaries nested deeper than max in
// data, which would make the PDF parser recurse without end.
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
		case c == 's' && bytes.HasPrefix(data[i:], []byte("stream")) && (i == 0 || data[i-1] != 'd'):
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
