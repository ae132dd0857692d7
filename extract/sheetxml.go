package extract

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/svmn/klacht/pipeline"
)

// rowReader streams the rows of a worksheet's XML. It scans the inflated
// bytes in place, a row at a time: no DOM, no tokens, no allocation per cell.
// It understands what worksheets hold: <row r>, <c r t> with <v>, inline
// strings <is><t> (also in rich-text runs), and formulas <f>, whose cached
// value is the <v>. Elements are matched by their local names, so a prefix
// (<x:row>, as the OpenXML SDK writes) and the Strict namespaces read alike;
// the common unprefixed cell is read on a fast path. A declared dimension is
// only a hint: max_sheet_cells counts the cells read. A row's cells are
// slices of its window, of the shared strings or of an arena, valid until
// the next call to next.
type rowReader struct {
	win       xmlWindow
	sst       *sharedStrings
	lim       Limits
	row       int      // number of the current row
	cells     [][]byte // the current row's cells by column (0-based)
	arena     []byte   // cell texts with character references resolved
	started   bool     // past <sheetData>
	done      bool     // past </sheetData>
	bad       error    // a cell that refers to a shared string that is not there
	cellsRead int64    // cells read so far, against max_sheet_cells
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

// errNoSheetData is a worksheet part without <sheetData>.
var errNoSheetData = errors.New("no <sheetData>")

// errCutOff is XML that ends before its last element does.
var errCutOff = errors.New("it ends in the middle: the file is cut off")

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
		return errCutOff
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
				// A worksheet holds <sheetData>, empty or not: without one
				// the part is not a worksheet klacht can read.
				return false, errNoSheetData
			}
			err = rr.win.fill()
		}
		if err != nil {
			return false, sheetErr(err)
		}
	}
	for !rr.done {
		rr.cells, rr.arena = rr.cells[:0], rr.arena[:0]
		n, row, err := rr.scanRow(rr.win.rest())
		rr.win.pos += n
		switch {
		case err == errMore:
			if err := rr.win.fill(); err != nil {
				return false, sheetErr(err)
			}
		case err != nil:
			return false, sheetErr(err)
		case row:
			return true, rr.bad
		}
	}
	return false, rr.bad
}

// prologue reads what comes before the rows, a tag at a time: it refuses
// DTDs and stops after <sheetData>. It returns the bytes it consumed.
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
		if tag.is("sheetData") && !tag.closing {
			rr.started = true
			rr.done = tag.selfClosing
			return n, nil
		}
	}
}

// tag is a start or end tag: its text between < and >; or a CDATA section,
// its text between <![CDATA[ and ]]>.
type tag struct {
	text                 []byte
	closing, selfClosing bool
	cdata                bool
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
		case bytes.HasPrefix(rest, []byte("![CDATA[")):
			j := bytes.Index(rest, []byte("]]>"))
			if j < 0 {
				return tag{}, i, errMore
			}
			return tag{cdata: true, text: rest[len("![CDATA["):j]}, i + 1 + j + 3, nil
		case len(rest) < 9 && bytes.HasPrefix([]byte("![CDATA["), rest):
			return tag{}, i, errMore
		case len(rest) < 3:
			return tag{}, i, errMore
		case bytes.HasPrefix(rest, []byte("!DOCTYPE")) || bytes.HasPrefix(rest, []byte("!ENTITY")):
			return tag{}, i, ErrEntities
		case rest[0] == '!':
			return tag{}, i, fmt.Errorf("%w: unexpected %q", ErrSheet, rest[:min(len(rest), 9)])
		case rest[0] == '?': // a processing instruction
			j := bytes.Index(rest, []byte("?>"))
			if j < 0 {
				return tag{}, i, errMore
			}
			i += 1 + j + 2
		case rest[0] == '/':
			return endTag(rest, i)
		default:
			return startTag(rest, i)
		}
		k := bytes.IndexByte(b[i:], '<')
		if k < 0 {
			return tag{}, i, errMore
		}
		i += k
	}
}

// endTag reads the end tag </name> at rest, just after its '<', which is
// at b[i]; white space may follow the name.
func endTag(rest []byte, i int) (tag, int, error) {
	j := bytes.IndexByte(rest, '>')
	if j < 0 {
		return tag{}, i, errMore
	}
	name := bytes.TrimRight(rest[1:j], " \t\r\n")
	if len(name) == 0 || bytes.ContainsAny(name, "<>/ \t\r\n\"'=") {
		return tag{}, i, fmt.Errorf("%w: a malformed end tag %q", ErrSheet, rest[:j+1])
	}
	return tag{closing: true, text: name}, i + 1 + j + 1, nil
}

// startTag reads the start tag at rest, just after its '<', which is at
// b[i]: its name, then attributes read by the same scanner as a cell's (a
// '>' inside a quoted value does not end the tag, a '<' anywhere is an
// error), then '>' or '/>'.
func startTag(rest []byte, i int) (tag, int, error) {
	n := 0
	for n < len(rest) && !isSpace(rest[n]) && rest[n] != '>' && rest[n] != '/' && rest[n] != '<' {
		n++
	}
	if n == 0 && len(rest) > 0 {
		return tag{}, i, fmt.Errorf("%w: a tag without a name at %q", ErrSheet, rest[:min(len(rest), 9)])
	}
	a := attrs{b: rest, i: n}
	for {
		if _, _, more := a.next(); !more {
			break
		}
	}
	switch {
	case a.bad:
		return tag{}, i, fmt.Errorf("%w: a '<' or a stray '/' inside the tag <%s>", ErrSheet, rest[:n])
	case a.end == 0:
		return tag{}, i, errMore
	case a.selfClosing:
		return tag{text: rest[:a.end-2], selfClosing: true}, i + 1 + a.end, nil
	}
	return tag{text: rest[:a.end-1]}, i + 1 + a.end, nil
}

// name is the tag's qualified name: prefix:local, or local.
func (t tag) name() []byte {
	i := 0
	for i < len(t.text) && !isSpace(t.text[i]) {
		i++
	}
	return t.text[:i]
}

// is reports whether the tag's local name is name, whatever its prefix.
func (t tag) is(name string) bool {
	if t.cdata {
		return false
	}
	q := t.name()
	if i := bytes.IndexByte(q, ':'); i >= 0 {
		q = q[i+1:]
	}
	return string(q) == name
}

// closeTag is the end tag that closes t: </prefix:local>.
func (t tag) closeTag() []byte {
	return append(append([]byte("</"), t.name()...), '>')
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// attr returns the value of the tag's attribute name, or nil. Of an
// attribute given twice (not well formed) the last counts, as in cellTag and
// in encoding/xml, which excelize reads with.
func (t tag) attr(name string) []byte {
	i := 0
	for i < len(t.text) && !isSpace(t.text[i]) {
		i++ // the tag's name
	}
	a := attrs{b: t.text, i: i}
	var last []byte
	for {
		n, v, ok := a.next()
		if !ok {
			return last
		}
		if string(n) == name {
			last = v
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
	bad         bool // a '<' inside the tag, or a stray '/': not well formed
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
		case c == '<':
			a.bad = true
			return nil, nil, false
		case c == '/' && i+1 < len(b) && b[i+1] == '>':
			a.end, a.selfClosing = i+2, true
			return nil, nil, false
		case c == '/' && i+1 < len(b):
			a.bad = true // a '/' that does not close the tag
			return nil, nil, false
		case isSpace(c) || c == '/':
			i++
			continue
		}
		eq := i // the end of the name
		for eq < len(b) && b[eq] != '=' && b[eq] != '>' && b[eq] != '/' && b[eq] != '<' && !isSpace(b[eq]) {
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
		for j < len(b) && b[j] != b[v] && b[j] != '<' {
			j++
		}
		if j >= len(b) {
			break
		}
		if b[j] == '<' {
			a.bad = true // not allowed in a value, even quoted
			return nil, nil, false
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
			m, prev := 0, rr.row
			rr.row = num // for the location of an error in the row
			if !t.selfClosing {
				if m, err = rr.scanCells(b[end:]); err != nil {
					if err == errMore {
						rr.row = prev // the row is read again from its start
					}
					return n + i, false, err
				}
			}
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
			switch {
			case !ok && end < 0:
				return 0, fmt.Errorf("%w: a cell's tag is not well formed", ErrSheet)
			case !ok:
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
		switch {
		case t.is("row") && t.closing:
			return n, nil
		case t.is("c") && !t.closing:
			// A cell with a prefix (<x:c>): the general path.
			if ref := t.attr("r"); ref != nil {
				col = colIndex(ref)
			} else {
				col++
			}
			if col < 0 || col >= rr.lim.Columns {
				return 0, fmt.Errorf("a cell in column %d, beyond max_columns (%d): %w", col+1, rr.lim.Columns, ErrTooBig)
			}
			var content []byte
			if !t.selfClosing {
				j := bytes.Index(b[n:], t.closeTag())
				if j < 0 {
					return 0, errMore
				}
				content, n = b[n:n+j], n+j+len(t.closeTag())
			}
			if err := rr.cell(col, t.attr("t"), content); err != nil {
				return 0, err
			}
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
// the tag, and whether it closes itself. ok is false if b ends first; end is
// -1 if the tag is not well formed.
func cellTag(b []byte) (ref, typ []byte, end int, selfClosing, ok bool) {
	a := attrs{b: b, i: 1}
	for {
		name, value, more := a.next()
		if !more {
			if a.bad {
				return nil, nil, -1, false, false
			}
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
	case string(typ) == "inlineStr" || isElement(content, "is"):
		start := len(rr.arena)
		var err error
		if rr.arena, err = appendRunText(rr.arena, content); err != nil {
			return sheetErr(err)
		}
		return rr.set(col, rr.arena[start:])
	default:
		var err error
		var literal bool
		if v, literal, err = elementText(content, "v"); err != nil {
			return sheetErr(err)
		}
		if literal { // a CDATA section: its text as it stands
			start := len(rr.arena)
			rr.arena = append(rr.arena, v...)
			return rr.set(col, rr.arena[start:])
		}
	}
	return rr.setValue(col, typ, v)
}

// isElement reports whether b starts with an element of that local name.
func isElement(b []byte, name string) bool {
	if len(b) == 0 || b[0] != '<' {
		return false
	}
	t, _, err := nextTag(b, 0)
	return err == nil && t.is(name) && !t.closing
}

// setValue sets a cell's value from the raw text of its <v> (or of its
// inline string, typ nil): a shared string's text, or the text with its
// character references resolved.
func (rr *rowReader) setValue(col int, typ, v []byte) error {
	if len(v) > rr.lim.CellBytes {
		return fmt.Errorf("a cell of more than %d bytes: %w", rr.lim.CellBytes, ErrTooBig)
	}
	switch {
	case len(v) == 0: // <v/>, of any type: an empty cell
	case len(typ) == 1 && typ[0] == 's':
		idx, ok := atoi(v)
		s, ok2 := rr.sst.at(idx)
		if (!ok || !ok2) && rr.bad == nil {
			rr.bad = fmt.Errorf("%w: cell %s refers to shared string %q, but the workbook has %d", ErrSheet, pipeline.CellName(col+1, rr.row), v, rr.sst.len())
		}
		v = s
	case needsText(v):
		start := len(rr.arena)
		rr.arena = appendText(rr.arena, v)
		v = rr.arena[start:]
	}
	return rr.set(col, v)
}

// set sets a cell, counting it against max_sheet_cells.
func (rr *rowReader) set(col int, v []byte) error {
	if rr.cellsRead++; rr.cellsRead > rr.lim.SheetCells {
		return fmt.Errorf("more than max_sheet_cells (%d) cells: %w", rr.lim.SheetCells, ErrTooBig)
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

// elementText returns the raw text of the first element of that local name
// in b (nil if there is none), or, if it holds a CDATA section, the
// section's text as it stands (literal). Other elements, such as a formula
// <f>, are skipped.
func elementText(b []byte, name string) (text []byte, literal bool, err error) {
	n := 0
	for {
		i := bytes.IndexByte(b[n:], '<')
		if i < 0 {
			return nil, false, nil
		}
		t, end, err := nextTag(b, n+i)
		if err != nil {
			return nil, false, err
		}
		n = end
		if !t.is(name) || t.closing {
			continue
		}
		if t.selfClosing {
			return nil, false, nil
		}
		j := bytes.Index(b[n:], t.closeTag())
		if j < 0 {
			return nil, false, fmt.Errorf("<%s> is not closed", t.name())
		}
		text = b[n : n+j]
		k := bytes.IndexByte(text, '<')
		if k < 0 {
			return text, false, nil
		}
		if c, end, err := nextTag(text, k); err == nil && c.cdata && k == 0 && end == len(text) {
			return c.text, true, nil
		}
		return nil, false, fmt.Errorf("<%s> holds markup besides its text", t.name())
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
			dst = appendText(dst, b[n:n+i])
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
		case t.cdata:
			if inT && !inPh {
				dst = append(dst, t.text...)
			}
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

func sheetErr(err error) error {
	if errors.Is(err, ErrTooBig) || errors.Is(err, ErrZipBomb) || errors.Is(err, ErrSheet) || errors.Is(err, ErrEntities) || errors.Is(err, ErrCorrupt) || err == errNoSheetData {
		return err
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = errCutOff
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

// needsText reports whether raw XML text needs appendText: it holds a
// character reference, a carriage return or an _xHHHH_ escape.
func needsText(v []byte) bool {
	return bytes.IndexByte(v, '&') >= 0 || bytes.IndexByte(v, '\r') >= 0 || bytes.Contains(v, []byte("_x"))
}

// appendText appends the text of raw XML text as the specs say: line ends
// as XML reads them (CR LF and a lone CR are LF; &#13; stays a CR),
// character references resolved, and Excel's _xHHHH_ escapes decoded (the
// character U+HHHH: _x000D_ is a carriage return, _x005F_ an underscore
// that keeps the text after it from being read as an escape).
func appendText(dst, raw []byte) []byte {
	if bytes.IndexByte(raw, '\r') >= 0 {
		raw = bytes.ReplaceAll(bytes.ReplaceAll(raw, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
	}
	start := len(dst)
	dst = appendUnescaped(dst, raw)
	if !bytes.Contains(dst[start:], []byte("_x")) {
		return dst
	}
	text := append([]byte(nil), dst[start:]...)
	return appendUnescapedX(dst[:start], text)
}

// appendUnescapedX appends s with its _xHHHH_ escapes decoded; a high and a
// low surrogate in a row make one character.
func appendUnescapedX(dst, s []byte) []byte {
	for {
		i := bytes.Index(s, []byte("_x"))
		if i < 0 || len(s) < i+7 {
			return append(dst, s...)
		}
		r, ok := hexRune(s[i+2 : i+7])
		if !ok {
			dst, s = append(dst, s[:i+2]...), s[i+2:]
			continue
		}
		dst, s = append(dst, s[:i]...), s[i+7:]
		if utf16.IsSurrogate(r) {
			if len(s) >= 7 && s[0] == '_' && s[1] == 'x' {
				if lo, ok := hexRune(s[2:7]); ok {
					if c := utf16.DecodeRune(r, lo); c != utf8.RuneError {
						dst, s = utf8.AppendRune(dst, c), s[7:]
						continue
					}
				}
			}
			r = utf8.RuneError
		}
		dst = utf8.AppendRune(dst, r)
	}
}

// hexRune reads "HHHH_", the rest of an _xHHHH_ escape.
func hexRune(b []byte) (rune, bool) {
	if len(b) != 5 || b[4] != '_' {
		return 0, false
	}
	n, err := strconv.ParseUint(string(b[:4]), 16, 16)
	return rune(n), err == nil
}
