package extract

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"
	"unicode/utf8"
)

// rowReader streams the rows of a worksheet's XML. It scans the inflated
// bytes in place, a row at a time: no DOM, no tokens, no allocation per cell.
// It understands what worksheets hold: <dimension ref>, <row r>, <c r t> with
// <v>, inline strings <is><t> (also in rich-text runs), and formulas <f>,
// whose cached value is the <v>. A row's cells are slices of its window or
// of the shared strings, valid until the next call to next.
type rowReader struct {
	win     xmlWindow
	sst     *sharedStrings
	lim     Limits
	row     int      // number of the current row
	cells   [][]byte // the current row's cells by column (0-based)
	arena   []byte   // cell texts with character references resolved
	started bool     // past <sheetData>
	done    bool     // past </sheetData>
	bad     error    // a cell that refers to a shared string that is not there
}

// Window sizes: rows are scanned in a window of the inflated XML, which
// grows for a row that does not fit, up to maxWindow.
const (
	window    = 1 << 20
	maxWindow = 64 << 20
)

// ErrSheet is a worksheet that is not well formed.
var ErrSheet = errors.New("worksheet XML is not well formed")

// errMore says the window ends before the element does.
var errMore = errors.New("more input needed")

func newRowReader(r io.Reader, sst *sharedStrings, lim Limits) *rowReader {
	return &rowReader{win: newWindow(r), sst: sst, lim: lim}
}

// xmlWindow is a window on an XML stream: unread bytes are buf[pos:end].
type xmlWindow struct {
	src      io.Reader
	buf      []byte
	pos, end int
	eof      bool
}

func newWindow(r io.Reader) xmlWindow {
	return xmlWindow{src: r, buf: windows.Get().(*[window]byte)[:]}
}

// windows are window buffers to reuse: one per sheet read at a time.
var windows = sync.Pool{New: func() any { return new([window]byte) }}

// release gives the window's buffer back for the next sheet, unless a long
// row made it grow.
func (w *xmlWindow) release() {
	if len(w.buf) == window {
		windows.Put((*[window]byte)(w.buf))
	}
	w.buf = nil
}

func (w *xmlWindow) rest() []byte { return w.buf[w.pos:w.end] }

// fill moves the unread bytes to the front of the window and reads more,
// growing the window if it is full.
func (w *xmlWindow) fill() error {
	if w.eof {
		return fmt.Errorf("%w: it ends in the middle", ErrSheet)
	}
	w.end = copy(w.buf, w.buf[w.pos:w.end])
	w.pos = 0
	if w.end == len(w.buf) {
		if len(w.buf) >= maxWindow {
			return fmt.Errorf("an element of more than %d bytes: %w", maxWindow, ErrTooBig)
		}
		w.buf = append(w.buf, make([]byte, len(w.buf))...)
	}
	n, err := io.ReadAtLeast(w.src, w.buf[w.end:], 1)
	w.end += n
	switch {
	case err == io.EOF:
		w.eof = true
	case err != nil:
		return sheetErr(err)
	}
	return nil
}

// next reads the next row that has a <row> element. It returns false at the
// end of the sheet data.
func (rr *rowReader) next() (bool, error) {
	for !rr.started && !rr.done {
		n, err := rr.prologue(rr.win.rest())
		rr.win.pos += n
		if err == errMore {
			if rr.win.eof && len(bytes.TrimSpace(rr.win.rest())) == 0 {
				rr.done = true // a worksheet without sheetData
				break
			}
			err = rr.win.fill()
		}
		if err != nil {
			return false, err
		}
	}
	for !rr.done {
		rr.cells, rr.arena = rr.cells[:0], rr.arena[:0]
		n, row, err := rr.scanRow(rr.win.rest())
		rr.win.pos += n
		switch {
		case err == errMore:
			if err := rr.win.fill(); err != nil {
				return false, err
			}
		case err != nil:
			return false, err
		case row:
			return true, rr.bad
		}
	}
	return false, rr.bad
}

// prologue reads what comes before the rows, a tag at a time: it refuses
// DTDs, checks the declared dimension and stops after <sheetData>. It
// returns the bytes it consumed.
func (rr *rowReader) prologue(b []byte) (int, error) {
	n := 0
	for {
		i := bytes.IndexByte(b[n:], '<')
		if i < 0 {
			return len(b), errMore
		}
		tag, end, err := nextTag(b, n+i)
		if err != nil {
			return n + i, err
		}
		n = end
		switch {
		case tag.is("dimension"):
			ref := tag.attr("ref")
			if cells := declaredCells(ref); cells > rr.lim.SheetCells {
				return n, fmt.Errorf("the sheet declares %d cells (%s), more than max_sheet_cells (%d): %w", cells, ref, rr.lim.SheetCells, ErrTooBig)
			}
		case tag.is("sheetData"):
			rr.started = true
			rr.done = tag.selfClosing
			return n, nil
		}
	}
}

// tag is a start or end tag: its text between < and >.
type tag struct {
	text                 []byte
	closing, selfClosing bool
}

// nextTag reads the tag that starts at b[i] ('<'), skipping comments and
// processing instructions, and returns it and the offset after it.
func nextTag(b []byte, i int) (tag, int, error) {
	for {
		rest := b[i+1:]
		switch {
		case bytes.HasPrefix(rest, []byte("!--")):
			j := bytes.Index(rest, []byte("-->"))
			if j < 0 {
				return tag{}, i, errMore
			}
			i += 1 + j + 3
		case len(rest) < 3:
			return tag{}, i, errMore
		case bytes.HasPrefix(rest, []byte("!DOCTYPE")) || bytes.HasPrefix(rest, []byte("!ENTITY")):
			return tag{}, i, ErrEntities
		case rest[0] == '!':
			return tag{}, i, fmt.Errorf("%w: unexpected %q", ErrSheet, rest[:min(len(rest), 9)])
		default:
			j := bytes.IndexByte(rest, '>')
			if j < 0 {
				return tag{}, i, errMore
			}
			t := tag{text: rest[:j]}
			if len(t.text) > 0 && t.text[0] == '/' {
				t.closing, t.text = true, t.text[1:]
			}
			if len(t.text) > 0 && t.text[len(t.text)-1] == '/' {
				t.selfClosing, t.text = true, t.text[:len(t.text)-1]
			}
			if len(t.text) == 0 || t.text[0] != '?' {
				return t, i + 1 + j + 1, nil
			}
			i += 1 + j + 1 // a processing instruction
		}
		k := bytes.IndexByte(b[i:], '<')
		if k < 0 {
			return tag{}, i, errMore
		}
		i += k
	}
}

// is reports whether the tag's name is name.
func (t tag) is(name string) bool {
	return len(t.text) >= len(name) && string(t.text[:len(name)]) == name &&
		(len(t.text) == len(name) || isSpace(t.text[len(name)]))
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// attr returns the value of the tag's attribute name, or nil.
func (t tag) attr(name string) []byte {
	i := 0
	for i < len(t.text) && !isSpace(t.text[i]) {
		i++ // the tag's name
	}
	a := attrs{b: t.text, i: i}
	for {
		n, v, ok := a.next()
		if !ok {
			return nil
		}
		if string(n) == name {
			return v
		}
	}
}

// attrs reads the attributes of a start tag, one at a time, from b just
// after the tag's name; b may run on past the tag's '>'.
type attrs struct {
	b           []byte
	i           int
	end         int  // at the end of the tag: its length, past '>' (0: b ended first)
	selfClosing bool // the tag ended with '/>'
}

// next returns the next attribute's name and value (without its quotes);
// false at the end of the tag (see end), or of b.
func (a *attrs) next() (name, value []byte, ok bool) {
	b, i := a.b, a.i
	for i < len(b) {
		switch c := b[i]; {
		case c == '>':
			a.end = i + 1
			return nil, nil, false
		case c == '/' && i+1 < len(b) && b[i+1] == '>':
			a.end, a.selfClosing = i+2, true
			return nil, nil, false
		case isSpace(c) || c == '/':
			i++
			continue
		}
		eq := i // the end of the name
		for eq < len(b) && b[eq] != '=' && b[eq] != '>' && b[eq] != '/' && !isSpace(b[eq]) {
			eq++
		}
		name = b[i:eq]
		for eq < len(b) && isSpace(b[eq]) {
			eq++
		}
		if eq >= len(b) {
			break
		}
		if b[eq] != '=' {
			i = eq // a name without a value: on to what follows
			continue
		}
		v := eq + 1 // the value's opening quote, after any white space
		for v < len(b) && isSpace(b[v]) {
			v++
		}
		if v >= len(b) {
			break
		}
		if q := b[v]; q != '"' && q != '\'' {
			i = v // a value without quotes: on to what follows
			continue
		}
		j := v + 1
		for j < len(b) && b[j] != b[v] {
			j++
		}
		if j >= len(b) {
			break
		}
		a.i = j + 1
		return name, b[v+1 : j], true
	}
	a.i, a.end = len(b), 0
	return nil, nil, false
}

// scanRow reads one row element from b, or the end of the sheet data; what
// lies between rows is skipped. It returns the bytes consumed and whether it
// read a row; errMore if b ends first (nothing is consumed then, so that the
// row is read again from its start once more input is there).
func (rr *rowReader) scanRow(b []byte) (int, bool, error) {
	n := 0
	for {
		i := bytes.IndexByte(b[n:], '<')
		if i < 0 {
			return len(b), false, errMore // text between rows
		}
		t, end, err := nextTag(b, n+i)
		if err != nil {
			return n + i, false, err
		}
		switch {
		case t.is("sheetData") && t.closing:
			rr.done = true
			return end, false, nil
		case t.is("row") && !t.closing:
			num := rr.row + 1
			if r := t.attr("r"); r != nil {
				var err error
				if num, err = strconv.Atoi(string(r)); err != nil || num < 1 || num > 1048576 {
					return n + i, false, fmt.Errorf("%w: row number %q", ErrSheet, r)
				}
			}
			m := 0
			if !t.selfClosing {
				if m, err = rr.scanCells(b[end:]); err != nil {
					return n + i, false, err
				}
			}
			rr.row = num
			return end + m, true, nil
		case t.is("c"):
			return n + i, false, fmt.Errorf("%w: a cell outside a row", ErrSheet)
		}
		n = end // another element between rows: skipped
	}
}

// scanCells reads the cells of a row up to its </row>.
func (rr *rowReader) scanCells(b []byte) (int, error) {
	col, n := -1, 0
	for {
		// Cells follow one another: the next '<' is mostly the next byte.
		i := 0
		if n >= len(b) || b[n] != '<' {
			if i = bytes.IndexByte(b[n:], '<'); i < 0 {
				return 0, errMore
			}
		}
		p := n + i + 1
		if p+1 < len(b) && b[p] == 'c' && (isSpace(b[p+1]) || b[p+1] == '>' || b[p+1] == '/') {
			// A cell: the common case, read without the general tag reader.
			ref, typ, end, selfClosing, ok := cellTag(b[p:])
			if !ok {
				return 0, errMore
			}
			t := tag{selfClosing: selfClosing}
			n = p + end
			if ref != nil {
				col = colIndex(ref)
			} else {
				col++
			}
			if col < 0 || col >= rr.lim.Columns {
				return 0, fmt.Errorf("a cell in column %d, beyond max_columns (%d): %w", col+1, rr.lim.Columns, ErrTooBig)
			}
			if !t.selfClosing && len(b)-n > 3 && b[n] == '<' && b[n+1] == 'v' && b[n+2] == '>' {
				// <v>text</v></c>: the common case, read without searching twice
				j := index(b[n+3:], '<')
				if j >= 0 && n+3+j+8 <= len(b) && string(b[n+3+j:n+3+j+8]) == "</v></c>" {
					v := b[n+3 : n+3+j]
					n += 3 + j + 8
					if err := rr.setValue(col, typ, v); err != nil {
						return 0, err
					}
					continue
				}
			}
			var content []byte
			if !t.selfClosing {
				j := bytes.Index(b[n:], []byte("</c>"))
				if j < 0 {
					return 0, errMore
				}
				content, n = b[n:n+j], n+j+len("</c>")
			}
			if err := rr.cell(col, typ, content); err != nil {
				return 0, err
			}
			continue
		}
		if len(b)-p >= 5 && string(b[p:p+5]) == "/row>" {
			return p + 5, nil
		}
		t, end, err := nextTag(b, n+i)
		if err != nil {
			return 0, err
		}
		n = end
		if t.is("row") && t.closing {
			return n, nil
		}
	}
}

// index is bytes.IndexByte for what is mostly a few bytes away, where a
// plain loop beats the vectorised search's setup.
func index(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

// cellTag reads a cell's start tag in one pass, from b at its name (c r="A2"
// s="1" t="s">): the reference (r) and type (t) attributes, the length of
// the tag, and whether it closes itself. ok is false if b ends first.
func cellTag(b []byte) (ref, typ []byte, end int, selfClosing, ok bool) {
	a := attrs{b: b, i: 1}
	for {
		name, value, more := a.next()
		if !more {
			if a.end == 0 {
				return nil, nil, 0, false, false
			}
			return ref, typ, a.end, a.selfClosing, true
		}
		switch {
		case len(name) == 1 && name[0] == 'r':
			ref = value
		case len(name) == 1 && name[0] == 't':
			typ = value
		}
	}
}

// cell sets a cell's value from its content: a shared string's text, an
// inline string's text, or the text of its <v>. The common <v>text</v> is
// read by scanCells itself.
func (rr *rowReader) cell(col int, typ, content []byte) error {
	var v []byte
	switch {
	case len(content) == 0:
	case string(typ) == "inlineStr" || bytes.HasPrefix(content, []byte("<is")):
		start := len(rr.arena)
		var err error
		if rr.arena, err = appendRunText(rr.arena, content); err != nil {
			return fmt.Errorf("%w: %v", ErrSheet, err)
		}
		v = rr.arena[start:]
		typ = nil
	default:
		var err error
		if v, err = elementText(content, "v"); err != nil {
			return fmt.Errorf("%w: %v", ErrSheet, err)
		}
	}
	return rr.setValue(col, typ, v)
}

// setValue sets a cell's value from the raw text of its <v> (or of its
// inline string, typ nil): a shared string's text, or the text with its
// character references resolved.
func (rr *rowReader) setValue(col int, typ, v []byte) error {
	if len(v) > rr.lim.CellBytes {
		return fmt.Errorf("a cell of more than %d bytes: %w", rr.lim.CellBytes, ErrTooBig)
	}
	switch {
	case len(typ) == 1 && typ[0] == 's':
		idx, ok := atoi(v)
		s, ok2 := rr.sst.at(idx)
		if !ok || !ok2 {
			if rr.bad == nil {
				rr.bad = fmt.Errorf("%w: column %d refers to shared string %q, but the workbook has %d", ErrSheet, col+1, v, rr.sst.len())
			}
		}
		v = s
	case bytes.IndexByte(v, '&') >= 0:
		start := len(rr.arena)
		rr.arena = appendUnescaped(rr.arena, v)
		v = rr.arena[start:]
	}
	for len(rr.cells) <= col {
		rr.cells = append(rr.cells, nil)
	}
	rr.cells[col] = v
	return nil
}

// atoi reads a non-negative decimal number of at most 9 digits.
func atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// elementText returns the raw text of the first <name> element in b (nil if
// there is none). Other elements, such as a formula <f>, are skipped.
func elementText(b []byte, name string) ([]byte, error) {
	n := 0
	for {
		i := bytes.IndexByte(b[n:], '<')
		if i < 0 {
			return nil, nil
		}
		t, end, err := nextTag(b, n+i)
		if err != nil {
			return nil, err
		}
		n = end
		if t.is(name) && !t.closing {
			if t.selfClosing {
				return nil, nil
			}
			j := bytes.IndexByte(b[n:], '<')
			if j < 0 || !bytes.HasPrefix(b[n+j:], []byte("</"+name+">")) {
				return nil, fmt.Errorf("<%s> is not closed", name)
			}
			return b[n : n+j], nil
		}
	}
}

// appendRunText appends the text of the <t> elements in b, the content of a
// shared or inline string: one <t>, or one per rich-text run. Phonetic runs
// (<rPh>) are left out; character references are resolved.
func appendRunText(dst, b []byte) ([]byte, error) {
	inT, inPh, n := false, false, 0
	for {
		i := bytes.IndexByte(b[n:], '<')
		if i < 0 {
			if inT {
				return dst, errors.New("<t> is not closed")
			}
			return dst, nil
		}
		if inT && !inPh {
			dst = appendUnescaped(dst, b[n:n+i])
		}
		t, end, err := nextTag(b, n+i)
		if err == errMore {
			return dst, errors.New("a tag is not closed")
		}
		if err != nil {
			return dst, err
		}
		n = end
		switch {
		case t.is("t") && !t.selfClosing:
			if t.closing != inT {
				return dst, errors.New("<t> elements are not balanced")
			}
			inT = !t.closing
		case t.is("rPh"):
			inPh = !t.closing && !t.selfClosing
		case inT:
			return dst, errors.New("an element inside <t>")
		}
	}
}

// colIndex reads the column of a cell reference (B12 -> 1).
func colIndex(ref []byte) int {
	n := 0
	for _, c := range ref {
		if c >= 'A' && c <= 'Z' {
			n = n*26 + int(c-'A'+1)
		} else if c >= 'a' && c <= 'z' {
			n = n*26 + int(c-'a'+1)
		} else {
			break
		}
		if n > 1<<20 {
			break
		}
	}
	return n - 1
}

// declaredCells reads a dimension ref (A1:XFD1048576) as a cell count.
func declaredCells(ref []byte) int64 {
	_, last, ok := bytes.Cut(ref, []byte(":"))
	if !ok {
		return 1
	}
	col := colIndex(last) + 1
	rowStart := 0
	for rowStart < len(last) && (last[rowStart] < '0' || last[rowStart] > '9') {
		rowStart++
	}
	row, _ := strconv.Atoi(string(last[rowStart:]))
	return int64(col) * int64(row)
}

func sheetErr(err error) error {
	if errors.Is(err, ErrTooBig) || errors.Is(err, ErrZipBomb) {
		return err
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w: it ends in the middle", ErrSheet)
	}
	return fmt.Errorf("%w: %v", ErrSheet, err)
}

// appendUnescaped appends XML text with its character references resolved.
func appendUnescaped(dst, s []byte) []byte {
	for {
		i := bytes.IndexByte(s, '&')
		if i < 0 {
			return append(dst, s...)
		}
		dst = append(dst, s[:i]...)
		s = s[i:]
		j := bytes.IndexByte(s, ';')
		if j < 0 {
			return append(dst, s...)
		}
		ent := s[1:j]
		switch string(ent) {
		case "amp":
			dst = append(dst, '&')
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			if len(ent) > 1 && ent[0] == '#' {
				var n uint64
				var err error
				if ent[1] == 'x' || ent[1] == 'X' {
					n, err = strconv.ParseUint(string(ent[2:]), 16, 32)
				} else {
					n, err = strconv.ParseUint(string(ent[1:]), 10, 32)
				}
				if err == nil {
					dst = utf8.AppendRune(dst, rune(n))
					break
				}
			}
			dst = append(dst, s[:j+1]...)
		}
		s = s[j+1:]
	}
}
