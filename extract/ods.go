package extract

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// OpenDocument spreadsheets (.ods): every sheet is a <table:table> of one
// part, content.xml, read here as a stream of XML tokens, a row at a time.
// ODF compresses runs of equal rows and cells (number-rows-repeated,
// number-columns-repeated); LibreOffice ends every sheet with a repeat of
// about a million empty rows. A repeat of empty cells is never expanded; a
// repeat of filled cells counts, cell by cell, against the same limits as an
// .xlsx (max_columns, max_sheet_cells), before any of it is given out.

// The OpenDocument namespaces klacht reads.
const (
	nsOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsTable  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
)

// ErrEncryptedODS is an .ods saved with a password.
var ErrEncryptedODS = errors.New("password-protected .ods spreadsheet: open it in LibreOffice Calc with its password and save it again without one (File > Save As, clear 'Save with password')")

// odsBook is an .ods spreadsheet being read: its content part as a token
// stream, and the sheet being read.
type odsBook struct {
	*book
	content  io.ReadCloser
	dec      *xml.Decoder
	date1904 bool     // the null date is 1904-01-01: serial numbers count from 1904
	cur      *odsRows // the sheet being read
}

// mimetype reads the package's mimetype part; isODF is false if there is
// none (an .xlsx).
func (b *book) mimetype() (mt string, isODF bool, err error) {
	zf, ok := b.part("mimetype")
	if !ok {
		return "", false, nil
	}
	if zf.UncompressedSize64 > 256 {
		return "", true, fmt.Errorf("%w (its mimetype part is %d bytes)", ErrNotODS, zf.UncompressedSize64)
	}
	rc, err := zf.Open()
	if err != nil {
		return "", true, fmt.Errorf("%w (mimetype: %v)", ErrNotODS, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, 257))
	if err != nil {
		return "", true, fmt.Errorf("%w (mimetype: %v)", ErrNotODS, err)
	}
	return strings.TrimSpace(string(data)), true, nil
}

// openODS opens the content of an .ods package for reading.
func openODS(b *book) (*odsBook, error) {
	if _, ok := b.part("content.xml"); !ok {
		return nil, fmt.Errorf("%w (part content.xml is missing)", ErrNotODS)
	}
	if err := b.checkODSEncryption(); err != nil {
		return nil, err
	}
	rc, err := b.open("content.xml")
	if err != nil {
		return nil, odsErr(err)
	}
	d := xml.NewDecoder(&tokenGuard{r: rc, max: b.lim.CellBytes + 64<<10})
	d.Strict = true
	return &odsBook{book: b, content: rc, dec: d}, nil
}

// checkODSEncryption refuses a package whose manifest says its parts are
// encrypted.
func (b *book) checkODSEncryption() error {
	zf, ok := b.part("META-INF/manifest.xml")
	if !ok {
		return nil
	}
	rc, err := b.open(zf.Name)
	if err != nil {
		return odsErr(err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, 1<<20))
	if err != nil {
		return odsErr(err)
	}
	if bytes.Contains(data, []byte("encryption-data")) {
		return ErrEncryptedODS
	}
	return nil
}

func (o *odsBook) Close() error {
	o.content.Close()
	return o.book.Close()
}

func (o *odsBook) dates1904() bool { return o.date1904 }

// token returns the next token, refusing a DOCTYPE (entity declarations).
func (o *odsBook) token() (xml.Token, error) {
	tok, err := o.dec.Token()
	if err != nil {
		return nil, err
	}
	if d, ok := tok.(xml.Directive); ok && bytes.HasPrefix(bytes.TrimSpace(d), []byte("DOCTYPE")) {
		return nil, ErrEntities
	}
	return tok, nil
}

// nextSheet passes over what is left of the sheet being read and returns
// the next one.
func (o *odsBook) nextSheet() (string, sheetRows, bool, error) {
	if o.cur != nil {
		if err := o.cur.skipRest(); err != nil {
			return "", nil, false, err
		}
		o.cur = nil
	}
	for {
		tok, err := o.token()
		if err == io.EOF {
			return "", nil, false, nil
		}
		if err != nil {
			return "", nil, false, odsErr(err)
		}
		t, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch {
		case t.Name.Space == nsTable && t.Name.Local == "table":
			o.cur = &odsRows{o: o}
			return attr(t, nsTable, "name"), o.cur, true, nil
		case t.Name.Space == nsTable && t.Name.Local == "null-date":
			o.date1904 = strings.HasPrefix(attr(t, nsTable, "date-value"), "1904-01-01")
			if err := o.dec.Skip(); err != nil {
				return "", nil, false, odsErr(err)
			}
		case t.Name.Space == nsOffice && (t.Name.Local == "document-content" || t.Name.Local == "body" || t.Name.Local == "spreadsheet"),
			t.Name.Space == nsTable && t.Name.Local == "calculation-settings":
			// The tables and the null date are inside.
		default:
			if err := o.dec.Skip(); err != nil {
				return "", nil, false, odsErr(err)
			}
		}
	}
}

// odsRows are the rows of one <table:table>.
type odsRows struct {
	o      *odsBook
	row    int      // the current row's number
	cells  [][]byte // the current row's cells
	arena  []byte   // their text
	repeat int      // further repeats of the current row to give
	filled int64    // filled cells given so far, repeats counted
	done   bool     // past </table:table>
}

func (r *odsRows) number() int      { return r.row }
func (r *odsRows) values() [][]byte { return r.cells }
func (r *odsRows) close()           {}

// next moves to the next row that holds a filled cell: a repeat of the
// current one, or the next <table:table-row> in the table or its row groups.
func (r *odsRows) next() (bool, error) {
	if r.repeat > 0 {
		r.repeat--
		r.row++
		return true, nil
	}
	for !r.done {
		tok, err := r.o.token()
		if err != nil {
			return false, odsErr(err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			r.done = t.Name.Space == nsTable && t.Name.Local == "table"
		case xml.StartElement:
			switch {
			case t.Name.Space != nsTable:
				err = r.o.dec.Skip() // office:forms, shapes
			case t.Name.Local == "table-row":
				if given, err := r.rowElement(t); err != nil || given {
					return given, err
				}
			case t.Name.Local == "table-header-rows" || t.Name.Local == "table-rows" || t.Name.Local == "table-row-group":
				// their rows follow
			default:
				err = r.o.dec.Skip() // columns, named ranges, the table's source
			}
			if err != nil {
				return false, odsErr(err)
			}
		}
	}
	return false, nil
}

// rowElement reads a <table:table-row> and its repeat: true if it holds a
// filled cell, else the row count moves on past it.
func (r *odsRows) rowElement(t xml.StartElement) (bool, error) {
	at := r.row + 1 // the row being read, for the location of an error
	repeat, err := repeated(t, "number-rows-repeated")
	filled := 0
	if err == nil {
		filled, err = r.readRow()
	}
	if err == nil && filled > 0 {
		if r.filled += int64(filled) * int64(repeat); r.filled > r.o.lim.SheetCells {
			err = fmt.Errorf("more than max_sheet_cells (%d) filled cells, repeated rows and cells counted one by one: %w", r.o.lim.SheetCells, ErrTooBig)
		}
	}
	switch {
	case err != nil:
		r.row = at
		return false, err
	case filled == 0:
		r.row += repeat // blank rows, however many, are passed over
		return false, nil
	}
	r.row, r.repeat = at, repeat-1
	return true, nil
}

// skipRest reads the table to its end.
func (r *odsRows) skipRest() error {
	for !r.done {
		r.repeat = 0
		if _, err := r.next(); err != nil {
			return err
		}
	}
	return nil
}

// readRow reads a <table:table-row> to its end into cells, and returns how
// many filled cells it has.
func (r *odsRows) readRow() (int, error) {
	r.cells, r.arena = r.cells[:0], r.arena[:0]
	col, filled := 0, 0
	for {
		tok, err := r.o.token()
		if err != nil {
			return 0, odsErr(err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return filled, nil
		case xml.StartElement:
			if t.Name.Space != nsTable || t.Name.Local != "table-cell" && t.Name.Local != "covered-table-cell" {
				if err := r.o.dec.Skip(); err != nil {
					return 0, odsErr(err)
				}
				continue
			}
			repeat, err := repeated(t, "number-columns-repeated")
			if err != nil {
				return 0, err
			}
			v, err := r.cell(t)
			if err != nil {
				return 0, err
			}
			if len(v) > 0 {
				if col+repeat > r.o.lim.Columns {
					return 0, fmt.Errorf("a filled cell beyond max_columns (%d): %w", r.o.lim.Columns, ErrTooBig)
				}
				for len(r.cells) < col {
					r.cells = append(r.cells, nil)
				}
				for range repeat {
					r.cells = append(r.cells, v)
				}
				filled += repeat
			}
			col += repeat
		}
	}
}

// cell reads a cell to its end and returns its value as an .xlsx holds it:
// a number as stored (office:value), a date as yyyy-mm-dd, a boolean as 1
// or 0, else its text: paragraphs joined by line breaks, <text:s> as spaces,
// comments left out.
func (r *odsRows) cell(t xml.StartElement) ([]byte, error) {
	start := len(r.arena)
	typed := true
	switch attr(t, nsOffice, "value-type") {
	case "float", "percentage", "currency":
		r.arena = append(r.arena, attr(t, nsOffice, "value")...)
	case "date":
		d, _, _ := strings.Cut(attr(t, nsOffice, "date-value"), "T")
		r.arena = append(r.arena, d...)
	case "boolean": // as an .xlsx stores it
		if attr(t, nsOffice, "boolean-value") == "true" {
			r.arena = append(r.arena, '1')
		} else {
			r.arena = append(r.arena, '0')
		}
	default:
		sv, ok := attrOK(t, nsOffice, "string-value")
		r.arena, typed = append(r.arena, sv...), ok
	}
	var err error
	if typed {
		err = r.o.dec.Skip()
	} else {
		err = r.text()
	}
	if err != nil {
		return nil, odsErr(err)
	}
	if len(r.arena)-start > r.o.lim.CellBytes {
		return nil, fmt.Errorf("a cell of more than %d bytes: %w", r.o.lim.CellBytes, ErrTooBig)
	}
	return r.arena[start:len(r.arena):len(r.arena)], nil
}

// text appends the text of the cell being read to the arena, up to the
// cell's end: its paragraphs (<text:p>, <text:h>) joined by line breaks.
// White space runs count as one space, and none at a paragraph's start, as
// ODF says; <text:s text:c="n"/> is n spaces, <text:tab/> a tab and
// <text:line-break/> a line break. Comments (office:annotation) and notes
// are not the cell's text.
func (r *odsRows) text() error {
	start := len(r.arena)
	depth, paragraphs, lineStart := 0, 0, start
	collapsed := false // the last byte is a space that white space collapsed into
	for {
		tok, err := r.o.token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if depth == 0 {
				return nil
			}
			if depth--; depth == 0 && collapsed {
				r.arena = r.arena[:len(r.arena)-1] // white space at a paragraph's end
			}
			collapsed = false
		case xml.CharData:
			if depth > 0 {
				r.arena, collapsed = appendCollapsed(r.arena, t, len(r.arena) == lineStart, collapsed)
			}
		case xml.StartElement:
			switch {
			case t.Name.Space == nsOffice && t.Name.Local == "annotation", t.Name.Space == nsText && t.Name.Local == "note":
				if err := r.o.dec.Skip(); err != nil {
					return err
				}
				continue
			case depth == 0 && t.Name.Space == nsText && (t.Name.Local == "p" || t.Name.Local == "h"):
				if paragraphs++; paragraphs > 1 {
					r.arena = append(r.arena, '\n')
				}
				lineStart = len(r.arena)
			case t.Name.Space == nsText && t.Name.Local == "s":
				collapsed = false
				n, err := strconv.Atoi(cmp.Or(attr(t, nsText, "c"), "1"))
				if err != nil || n < 0 || n > r.o.lim.CellBytes {
					return fmt.Errorf("%w: <text:s text:c=%q>", ErrNotODS, attr(t, nsText, "c"))
				}
				r.arena = append(r.arena, bytes.Repeat([]byte{' '}, n)...)
			case t.Name.Space == nsText && t.Name.Local == "tab":
				r.arena, collapsed = append(r.arena, '\t'), false
			case t.Name.Space == nsText && t.Name.Local == "line-break":
				r.arena, collapsed = append(r.arena, '\n'), false
			}
			depth++
		}
		if len(r.arena)-start > r.o.lim.CellBytes {
			return fmt.Errorf("a cell of more than %d bytes: %w", r.o.lim.CellBytes, ErrTooBig)
		}
	}
}

// appendCollapsed appends text with each run of white space as one space,
// and none at the start of a line; collapsed says whether dst ends in such
// a space, before and after.
func appendCollapsed(dst, text []byte, atStart, collapsed bool) ([]byte, bool) {
	space := atStart || collapsed
	for _, c := range text {
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			if !space {
				dst, collapsed = append(dst, ' '), true
			}
			space = true
			continue
		}
		dst, space, collapsed = append(dst, c), false, false
	}
	return dst, collapsed
}

// repeated reads a repeat count attribute (number-rows-repeated,
// number-columns-repeated): 1 if there is none.
func repeated(t xml.StartElement, name string) (int, error) {
	v, ok := attrOK(t, nsTable, name)
	if !ok {
		return 1, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 1<<30 {
		return 0, fmt.Errorf("%w: table:%s=%q", ErrNotODS, name, v)
	}
	return n, nil
}

// attr returns the value of the attribute space:local, or "".
func attr(t xml.StartElement, space, local string) string {
	v, _ := attrOK(t, space, local)
	return v
}

func attrOK(t xml.StartElement, space, local string) (string, bool) {
	for _, a := range t.Attr {
		if a.Name.Space == space && a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// odsErr says what an error reading content.xml means: a limit or a hostile
// file stays what it is; anything else makes the spreadsheet unreadable.
func odsErr(err error) error {
	switch {
	case errors.Is(err, ErrTooBig), errors.Is(err, ErrZipBomb), errors.Is(err, ErrEntities), errors.Is(err, ErrNotODS):
		return err
	}
	var se *xml.SyntaxError
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.As(err, &se) && strings.Contains(se.Msg, "unexpected EOF") {
		return fmt.Errorf("%w (content.xml ends in the middle: the file is cut off)", ErrNotODS)
	}
	return fmt.Errorf("%w (content.xml: %v)", ErrNotODS, err)
}

// tokenGuard fails a stream in which a text or a tag runs longer than max
// bytes between markup, so that no XML token the decoder builds can be
// larger: a cell's text is bounded by max_cell_bytes anyway.
type tokenGuard struct {
	r   io.Reader
	max int
	run int // bytes since the last '<' or '>'
}

func (g *tokenGuard) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	for _, c := range p[:n] {
		if c == '<' || c == '>' {
			g.run = 0
			continue
		}
		if g.run++; g.run > g.max {
			return 0, fmt.Errorf("a text or tag of more than %d bytes in content.xml: %w", g.max, ErrTooBig)
		}
	}
	return n, err
}
