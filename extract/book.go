package extract

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/readahead"
)

// Limits bound what a workbook or CSV may make klacht do, so that a hostile
// or broken file is refused within bounded memory and time.
type Limits struct {
	UnzipBytes  int64 // inflated size of one part of a workbook
	Ratio       int64 // inflated size over compressed size of a part, beyond which it is a zip bomb (for parts over 1 MiB)
	SheetCells  int64 // cells a worksheet may declare (its dimension)
	Columns     int   // columns of a row or a CSV record
	CellBytes   int   // bytes of one cell or CSV line
	SharedBytes int64 // bytes of all shared strings together
}

// DefaultLimits are generous for real registers and tables.
var DefaultLimits = Limits{UnzipBytes: 4 << 30, Ratio: 200, SheetCells: 100_000_000, Columns: 16384, CellBytes: 1 << 20, SharedBytes: 1 << 30}

// orDefault returns l, or DefaultLimits if l is not set.
func (l Limits) orDefault() Limits {
	if l == (Limits{}) {
		return DefaultLimits
	}
	return l
}

// malformed wraps the error of reading a part: a zip bomb or a damaged part
// stays what it is, any other error makes the workbook unreadable.
func malformed(what string, err error) error {
	if errors.Is(err, ErrZipBomb) || errors.Is(err, ErrCorrupt) {
		return err
	}
	return fmt.Errorf("%w (%s: %v)", ErrNotXLSX, what, err)
}

// Errors for hostile files.
var (
	ErrZipBomb  = errors.New("looks like a zip bomb: a part inflates far beyond its size; check the file, and save it again from Excel or LibreOffice")
	ErrTooBig   = errors.New("too big")
	ErrCorrupt  = errors.New("a part of the file is damaged: open it in Excel or LibreOffice to check it, and save it again")
	ErrEntities = errors.New("holds an XML DOCTYPE or entity declarations, which workbooks never do: refused (an entity expansion attack); save it again from Excel or LibreOffice")
)

// book is a zip package opened for reading, bounded by the limits: an
// .xlsx workbook (its sheets, date system and shared strings), or the
// package of an .ods spreadsheet. A worksheet is streamed from the zip
// (open) a row at a time by a rowReader (sheetxml.go).
type book struct {
	f        *os.File
	zr       *zip.Reader
	parts    map[string]*zip.File
	sheets   []sheetRef
	next     int // the next sheet nextSheet returns
	date1904 bool
	sst      sharedStrings
	lim      Limits
}

// sheetRef is a sheet of the workbook: its name, its part, and its kind:
// worksheet, or chartsheet, dialogsheet, macrosheet (never data).
type sheetRef struct{ name, part, kind string }

// openBook opens path as an .xlsx workbook.
func openBook(p string, lim Limits) (*book, error) {
	b, err := openPackage(p, lim)
	if err != nil {
		return nil, err
	}
	if err := b.readWorkbook(); err != nil {
		b.Close()
		return nil, err
	}
	return b, nil
}

// openPackage opens path as a zip package after checking what kind of file
// it really is, so that an .xls, an encrypted, a corrupt or a hostile file
// gets an error that says what to do.
func openPackage(p string, lim Limits) (*book, error) {
	fh, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			fh.Close()
		}
	}()
	head := make([]byte, 8)
	if _, err := io.ReadFull(fh, head); err != nil {
		return nil, fmt.Errorf("%w (the file is %s)", notReadable(p), describeShort(err))
	}
	switch {
	case bytes.Equal(head, oleMagic):
		if strings.EqualFold(path.Ext(p), ".xls") {
			return nil, ErrXLS
		}
		if encrypted(fh) {
			return nil, ErrEncrypted
		}
		return nil, fmt.Errorf("%w (it is an OLE compound file, such as an old .xls renamed)", notReadable(p))
	case !bytes.HasPrefix(head, zipMagic):
		if strings.EqualFold(path.Ext(p), ".xls") {
			return nil, ErrXLS
		}
		return nil, fmt.Errorf("%w (it is not a zip archive)", notReadable(p))
	}
	info, err := fh.Stat()
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(fh, info.Size())
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", notReadable(p), err)
	}
	zr.RegisterDecompressor(zip.Deflate, inflate)
	b := &book{f: fh, zr: zr, parts: map[string]*zip.File{}, lim: lim}
	for _, zf := range zr.File {
		b.parts[partKey(zf.Name)] = zf
		if err := b.checkPart(zf); err != nil {
			return nil, err
		}
	}
	ok = true
	return b, nil
}

// partKey is how a part is found by name: OPC compares part names without
// regard to case, and some zip tools write backslashes for slashes.
func partKey(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, "\\", "/"), "/"))
}

// part returns the part of that name, if the package has it.
func (b *book) part(name string) (*zip.File, bool) {
	zf, ok := b.parts[partKey(name)]
	return zf, ok
}

// notReadable is the error for a file that is not the workbook its name
// says: .ods or .xlsx.
func notReadable(p string) error {
	if strings.EqualFold(path.Ext(p), ".ods") {
		return ErrNotODS
	}
	return ErrNotXLSX
}

// nextSheet returns the next sheet of the workbook and its rows, which open
// its part when first read.
func (b *book) nextSheet() (string, sheetRows, bool, error) {
	if b.next >= len(b.sheets) {
		return "", nil, false, nil
	}
	ref := b.sheets[b.next]
	b.next++
	if ref.kind != "worksheet" {
		return ref.name, noRows{kind: ref.kind}, true, nil
	}
	return ref.name, &xlsxRows{b: b, part: ref.part}, true, nil
}

func (b *book) dates1904() bool { return b.date1904 }

// noRows are the rows of a sheet that holds none: a chart sheet, say.
type noRows struct{ kind string }

func (n noRows) next() (bool, error) { return false, nil }
func (n noRows) number() int         { return 0 }
func (n noRows) values() [][]byte    { return nil }
func (n noRows) close()              {}

// xlsxRows are the rows of a worksheet part.
type xlsxRows struct {
	b    *book
	part string
	rc   io.ReadCloser
	rr   *rowReader
}

func (x *xlsxRows) next() (bool, error) {
	if x.rr == nil {
		rc, err := x.b.open(x.part)
		if err != nil {
			return false, err
		}
		x.rc, x.rr = rc, newRowReader(rc, &x.b.sst, x.b.lim)
	}
	ok, err := x.rr.next()
	switch {
	case errors.Is(err, errNoSheetData):
		return false, fmt.Errorf("%w: %s has no <sheetData> (read with any prefix, Transitional or Strict): its cells cannot be found", ErrSheet, x.part)
	case err == nil && !ok:
		// The rest of the part, after </sheetData>, is read too: only at its
		// end does the zip check the part's checksum.
		if _, err := io.Copy(io.Discard, x.rc); err != nil {
			return false, sheetErr(err)
		}
	}
	return ok, err
}

func (x *xlsxRows) number() int {
	if x.rr == nil {
		return 0
	}
	return x.rr.row
}

func (x *xlsxRows) values() [][]byte { return x.rr.cells }

func (x *xlsxRows) close() {
	if x.rr != nil {
		x.rr.win.release()
		x.rc.Close()
	}
}

func (b *book) Close() error { return b.f.Close() }

// checkPart refuses a part whose declared sizes say zip bomb; open enforces
// the same while inflating, as declared sizes can lie.
func (b *book) checkPart(zf *zip.File) error {
	u, c := int64(zf.UncompressedSize64), int64(zf.CompressedSize64)
	if u > b.lim.UnzipBytes {
		return fmt.Errorf("%w: %s inflates to %d bytes, more than max_unzip_bytes (%d)", ErrZipBomb, zf.Name, u, b.lim.UnzipBytes)
	}
	if u > 1<<20 && c > 0 && u/c > b.lim.Ratio {
		return fmt.Errorf("%w: %s inflates %d times (%d to %d bytes)", ErrZipBomb, zf.Name, u/c, c, u)
	}
	return nil
}

// limitedReader fails, rather than ends, when a part inflates beyond n.
type limitedReader struct {
	r    io.Reader
	n    int64
	name string
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, fmt.Errorf("%w: %s inflates beyond max_unzip_bytes", ErrZipBomb, l.name)
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	var corrupt flate.CorruptInputError
	switch {
	case errors.Is(err, zip.ErrFormat):
		// archive/zip stops a part that inflates beyond the size its header
		// declares, there: damaged, or lying, but never a bomb.
		return n, fmt.Errorf("%w (part %s inflates beyond the size its header declares)", ErrCorrupt, l.name)
	case errors.Is(err, zip.ErrChecksum):
		return n, fmt.Errorf("%w (part %s fails its checksum)", ErrCorrupt, l.name)
	case errors.As(err, &corrupt):
		return n, fmt.Errorf("%w (part %s does not inflate: %v)", ErrCorrupt, l.name, err)
	}
	return n, err
}

// open opens a part for streaming, bounded by the limits.
func (b *book) open(name string) (io.ReadCloser, error) {
	zf, ok := b.part(name)
	if !ok {
		return nil, fmt.Errorf("%w (part %s is missing)", ErrNotXLSX, name)
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, fmt.Errorf("%w (%s: %v)", ErrNotXLSX, name, err)
	}
	limit := min(b.lim.UnzipBytes, max(int64(zf.CompressedSize64), 1<<20)*b.lim.Ratio)
	part := struct {
		io.Reader
		io.Closer
	}{&limitedReader{r: rc, n: limit, name: name}, rc}
	if zf.UncompressedSize64 < readAhead {
		return part, nil
	}
	// A big part is inflated on a goroutine of its own, ahead of the scanner,
	// into buffers that the next part reuses.
	bufs := aheadBuffers.Get().(*[4][]byte)
	ra, err := readahead.NewReadCloserBuffer(part, bufs[:])
	if err != nil {
		part.Close()
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{ra, closer(func() error {
		err := ra.Close() // returns once the goroutine has stopped
		aheadBuffers.Put(bufs)
		return err
	})}, nil
}

// readAhead is the size of the buffers of a part inflated ahead.
const readAhead = 1 << 20

// aheadBuffers are the buffers of parts inflated ahead: four each.
var aheadBuffers = sync.Pool{New: func() any {
	var bufs [4][]byte
	for i := range bufs {
		bufs[i] = make([]byte, readAhead)
	}
	return &bufs
}}

type closer func() error

func (c closer) Close() error { return c() }

// inflate is the decompressor of zipped parts: klauspost/compress's flate,
// faster than the standard library's.
func inflate(r io.Reader) io.ReadCloser { return flate.NewReader(r) }

// decodeSmall reads an XML part into v, refusing DTDs.
func (b *book) decodeSmall(name string, v any) error {
	rc, err := b.open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	d.Strict = true
	if err := d.Decode(v); err != nil {
		return malformed(name, err)
	}
	return nil
}

// rels is a relationships part. Its elements are matched by their local
// names, so any prefix and the Strict namespaces read alike.
type rels struct {
	Rel []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

// resolve makes a relationship's target a part name, relative to base.
func resolve(base, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(target, "/")
	}
	return path.Clean(path.Join(base, target))
}

// byID returns the target and type of the relationship with that id.
func (r rels) byID(base, id string) (target, typ string, ok bool) {
	if id == "" {
		return "", "", false
	}
	for _, x := range r.Rel {
		if x.ID == id {
			return resolve(base, x.Target), x.Type, true
		}
	}
	return "", "", false
}

// byType returns the target of the first relationship of a type, named by
// its last segment ("officeDocument", "sharedStrings"), which is the same
// in the Transitional and the Strict namespaces.
func (r rels) byType(base, kind string) (string, bool) {
	for _, x := range r.Rel {
		if kind != "" && strings.HasSuffix(x.Type, "/"+kind) {
			return resolve(base, x.Target), true
		}
	}
	return "", false
}

// The namespaces of a sheet's relationship id: Transitional and Strict.
var relNamespaces = []string{
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
	"http://purl.oclc.org/ooxml/officeDocument/relationships",
}

// workbookPart is what klacht reads of the workbook part.
type workbookPart struct {
	Pr struct {
		Date1904 string `xml:"date1904,attr"`
	} `xml:"workbookPr"`
	Sheets []struct {
		Name  string     `xml:"name,attr"`
		Attrs []xml.Attr `xml:",any,attr"`
	} `xml:"sheets>sheet"`
}

// readWorkbook reads the workbook's sheets, date system and shared strings.
func (b *book) readWorkbook() error {
	var root rels
	if err := b.decodeSmall("_rels/.rels", &root); err != nil {
		return err
	}
	wbPart, ok := root.byType("", "officeDocument")
	if !ok {
		return fmt.Errorf("%w (_rels/.rels names no workbook part)", ErrNotXLSX)
	}
	var wb workbookPart
	if err := b.decodeSmall(wbPart, &wb); err != nil {
		return err
	}
	b.date1904 = wb.Pr.Date1904 == "1" || wb.Pr.Date1904 == "true"
	if len(wb.Sheets) == 0 {
		return fmt.Errorf("%w (%s lists no sheets)", ErrNotXLSX, wbPart)
	}
	dir := path.Dir(wbPart)
	relsPart := path.Join(dir, "_rels", path.Base(wbPart)+".rels")
	var wbRels rels
	if err := b.decodeSmall(relsPart, &wbRels); err != nil {
		return err
	}
	for _, s := range wb.Sheets {
		var id string
		for _, a := range s.Attrs {
			if a.Name.Local == "id" && slices.Contains(relNamespaces, a.Name.Space) {
				id = a.Value
			}
		}
		if id == "" {
			// Macro and module sheets are listed without a part: no cells.
			b.sheets = append(b.sheets, sheetRef{name: s.Name, kind: "sheet stored without a part (a macro or module sheet)"})
			continue
		}
		part, typ, ok := wbRels.byID(dir, id)
		if !ok {
			return fmt.Errorf("%w (sheet %q: %s has no relationship %q)", ErrNotXLSX, s.Name, relsPart, id)
		}
		if _, exists := b.part(part); !exists {
			return fmt.Errorf("%w (sheet %q: its part %s is missing)", ErrNotXLSX, s.Name, part)
		}
		b.sheets = append(b.sheets, sheetRef{name: s.Name, part: part, kind: typ[strings.LastIndex(typ, "/")+1:]})
	}
	if sst, ok := wbRels.byType(dir, "sharedStrings"); ok {
		if _, exists := b.part(sst); exists {
			return b.readSharedStrings(sst)
		}
	}
	return nil
}

// sharedStrings is a workbook's shared strings table: their texts one after
// another, and where each ends.
type sharedStrings struct {
	text []byte
	ends []int
}

func (s *sharedStrings) len() int { return len(s.ends) }

// at returns string i, if there is one.
func (s *sharedStrings) at(i int) ([]byte, bool) {
	if i < 0 || i >= len(s.ends) {
		return nil, false
	}
	start := 0
	if i > 0 {
		start = s.ends[i-1]
	}
	return s.text[start:s.ends[i]], true
}

// readSharedStrings streams the shared strings table: each <si> is the text
// of its <t>, or of the <t> of its rich-text runs; phonetic runs are left out.
func (b *book) readSharedStrings(name string) error {
	rc, err := b.open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	w := newWindow(rc)
	defer w.release()
	for {
		n, err := b.sst.scan(w.rest(), b.lim)
		w.pos += n
		if err == errMore {
			if w.eof && len(bytes.TrimSpace(w.rest())) == 0 {
				return nil
			}
			err = w.fill()
		}
		if errors.Is(err, ErrEntities) || errors.Is(err, ErrTooBig) {
			return err
		}
		if err != nil {
			return malformed("shared strings are malformed", err)
		}
	}
}

// plainSI reads b as <si><t>text</t></si> (also <t xml:space="preserve">),
// returning the raw text and the length of the element.
func plainSI(b []byte) ([]byte, int, bool) {
	const open, close = "<si><t", "</t></si>"
	if len(b) < len(open)+1 || string(b[:len(open)]) != open {
		return nil, 0, false
	}
	i := len(open)
	if b[i] != '>' {
		if b[i] != ' ' {
			return nil, 0, false // <tag> of another name
		}
		j := index(b[i:], '>')
		if j < 0 || b[i+j-1] == '/' {
			return nil, 0, false
		}
		i += j
	}
	i++
	j := index(b[i:], '<')
	if j < 0 || len(b) < i+j+len(close) || string(b[i+j:i+j+len(close)]) != close {
		return nil, 0, false
	}
	return b[i : i+j], i + j + len(close), true
}

// scan reads the complete <si> elements at the start of b; it returns the
// bytes consumed, and errMore when b ends.
func (s *sharedStrings) scan(b []byte, lim Limits) (int, error) {
	n := 0
	for {
		i := bytes.IndexByte(b[n:], '<')
		if i < 0 {
			return len(b), errMore
		}
		if v, end, ok := plainSI(b[n+i:]); ok {
			// <si><t>text</t></si>, the common case, read in one step
			s.text = appendText(s.text, v)
			if err := s.end(lim); err != nil {
				return n + i, err
			}
			n += i + end
			continue
		}
		t, end, err := nextTag(b, n+i)
		if err != nil {
			return n + i, err
		}
		if t.is("si") && !t.closing {
			var content []byte
			if !t.selfClosing {
				j := bytes.Index(b[end:], t.closeTag())
				if j < 0 {
					return n + i, errMore
				}
				content, end = b[end:end+j], end+j+len(t.closeTag())
			}
			if s.text, err = appendRunText(s.text, content); err != nil {
				return n + i, err
			}
			if err := s.end(lim); err != nil {
				return n + i, err
			}
		}
		n = end
	}
}

// end ends the string appended to s.text, within the limits.
func (s *sharedStrings) end(lim Limits) error {
	start := 0
	if len(s.ends) > 0 {
		start = s.ends[len(s.ends)-1]
	}
	if int64(len(s.text)) > lim.SharedBytes || len(s.text)-start > lim.CellBytes {
		return fmt.Errorf("shared strings %w: more than max_cell_bytes in one string or max_shared_bytes in all", ErrTooBig)
	}
	s.ends = append(s.ends, len(s.text))
	return nil
}
