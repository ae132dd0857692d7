package extract

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// rowReader streams the rows of a worksheet's XML with a byte-level scanner:
// no DOM, no token objects, no allocation per cell. It understands what
// worksheets hold: <dimension ref>, <row r>, <c r t> with <v>, inline
// strings <is><t> (also in rich-text runs), and formulas <f>, whose cached
// value is the <v>. A row's cells are slices into one buffer, valid until
// the next call to next.
type rowReader struct {
	br      *bufio.Reader
	sst     []string
	lim     Limits
	row     int      // number of the current row
	cells   [][]byte // the current row's cells by column (0-based)
	arena   []byte
	done    bool
	bad     error // a cell that refers to a shared string that is not there
	started bool  // inside sheetData
}

// ErrSheet is a worksheet that is not well formed.
var ErrSheet = errors.New("worksheet XML is not well formed")

func newRowReader(r io.Reader, sst []string, lim Limits) *rowReader {
	return &rowReader{br: bufio.NewReaderSize(r, 256<<10), sst: sst, lim: lim}
}

// readUntil returns the bytes up to (not including) delim; a slice of the
// reader's buffer if it fits, else a copy in buf. max bounds the length.
func (rr *rowReader) readUntil(delim byte, buf []byte, max int) ([]byte, error) {
	s, err := rr.br.ReadSlice(delim)
	if err == nil {
		return s[:len(s)-1], nil
	}
	if !errors.Is(err, bufio.ErrBufferFull) {
		return nil, err
	}
	buf = append(buf[:0], s...)
	for {
		s, err = rr.br.ReadSlice(delim)
		buf = append(buf, s...)
		if len(buf) > max {
			return nil, fmt.Errorf("a cell or tag of more than %d bytes: %w", max, ErrTooBig)
		}
		if err == nil {
			return buf[:len(buf)-1], nil
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return nil, err
		}
	}
}

func attr(tag []byte, name string) []byte {
	i := 0
	for {
		j := bytes.Index(tag[i:], []byte(name))
		if j < 0 {
			return nil
		}
		j += i
		k := j + len(name)
		if (j == 0 || tag[j-1] == ' ' || tag[j-1] == '\t' || tag[j-1] == '\n' || tag[j-1] == '\r') && k+1 < len(tag) && tag[k] == '=' && (tag[k+1] == '"' || tag[k+1] == '\'') {
			q := tag[k+1]
			end := bytes.IndexByte(tag[k+2:], q)
			if end < 0 {
				return nil
			}
			return tag[k+2 : k+2+end]
		}
		i = k
	}
}

func tagName(tag []byte) []byte {
	for i, c := range tag {
		if c == ' ' || c == '/' || c == '\t' || c == '\n' || c == '\r' {
			return tag[:i]
		}
	}
	return tag
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

// next reads the next row that has a <row> element. It returns false at the
// end of the sheet data.
func (rr *rowReader) next() (bool, error) {
	if rr.done {
		return false, nil
	}
	var (
		inRow, collect, inIs bool
		col                  = -1
		typ                  []byte
		tagBuf, textBuf      []byte
		start                int
	)
	rr.cells = rr.cells[:0]
	rr.arena = rr.arena[:0]
	for {
		text, err := rr.readUntil('<', textBuf, rr.lim.CellBytes)
		if err == io.EOF {
			if len(bytes.TrimSpace(text)) > 0 || inRow || rr.started {
				return false, fmt.Errorf("%w: it ends in the middle", ErrSheet)
			}
			rr.done = true // a worksheet without sheetData
			return false, nil
		}
		if err != nil {
			return false, sheetErr(err)
		}
		if collect {
			rr.arena = appendUnescaped(rr.arena, text)
		}
		tag, err := rr.readUntil('>', tagBuf, rr.lim.CellBytes)
		if err != nil {
			return false, sheetErr(err)
		}
		if len(tag) == 0 {
			return false, ErrSheet
		}
		if tag[0] == '!' {
			if bytes.HasPrefix(tag, []byte("!DOCTYPE")) || bytes.HasPrefix(tag, []byte("!ENTITY")) {
				return false, ErrEntities
			}
			continue // a comment or CDATA start: cached values never are
		}
		if tag[0] == '?' {
			continue
		}
		closing := tag[0] == '/'
		if closing {
			tag = tag[1:]
		}
		selfClosing := len(tag) > 0 && tag[len(tag)-1] == '/'
		name := tagName(tag)
		switch string(name) {
		case "dimension":
			if n := declaredCells(attr(tag, "ref")); n > rr.lim.SheetCells {
				return false, fmt.Errorf("the sheet declares %d cells (%s), more than max_sheet_cells (%d): %w", n, attr(tag, "ref"), rr.lim.SheetCells, ErrTooBig)
			}
		case "row":
			if closing {
				return true, rr.bad
			}
			inRow = true
			if r := attr(tag, "r"); r != nil {
				n, err := strconv.Atoi(string(r))
				if err != nil || n < 1 || n > 1048576 {
					return false, fmt.Errorf("%w: row number %q", ErrSheet, r)
				}
				rr.row = n
			} else {
				rr.row++
			}
			if selfClosing {
				return true, nil
			}
			col = -1
		case "c":
			if !inRow {
				return false, fmt.Errorf("%w: a cell outside a row", ErrSheet)
			}
			if closing {
				rr.finishCell(col, typ, start)
				continue
			}
			if r := attr(tag, "r"); r != nil {
				col = colIndex(r)
			} else {
				col++
			}
			if col < 0 || col >= rr.lim.Columns {
				return false, fmt.Errorf("a cell in column %d, beyond max_columns (%d): %w", col+1, rr.lim.Columns, ErrTooBig)
			}
			typ = append(typ[:0], attr(tag, "t")...)
			start = len(rr.arena)
			if selfClosing {
				rr.finishCell(col, typ, start)
			}
		case "v":
			collect = !closing && !selfClosing
		case "is":
			inIs = !closing
		case "t":
			collect = inIs && !closing && !selfClosing
		case "rPh":
			if !closing {
				inIs = false // a phonetic run is not part of the text
			} else {
				inIs = true
			}
		case "sheetData":
			if closing || selfClosing {
				rr.done = true
				return inRow, rr.bad
			}
			rr.started = true
		}
	}
}

// finishCell sets the current cell's value from the bytes collected since
// start: a shared string's text, or the text as it stands.
func (rr *rowReader) finishCell(col int, typ []byte, start int) {
	v := rr.arena[start:]
	if string(typ) == "s" {
		idx, err := strconv.Atoi(string(v))
		rr.arena = rr.arena[:start]
		if err == nil && idx >= 0 && idx < len(rr.sst) {
			rr.arena = append(rr.arena, rr.sst[idx]...)
		} else if rr.bad == nil {
			rr.bad = fmt.Errorf("%w: column %d refers to shared string %q, but the workbook has %d", ErrSheet, col+1, v, len(rr.sst))
		}
		v = rr.arena[start:]
	}
	for len(rr.cells) <= col {
		rr.cells = append(rr.cells, nil)
	}
	rr.cells[col] = v
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
					dst = utf8Append(dst, rune(n))
					break
				}
			}
			dst = append(dst, s[:j+1]...)
		}
		s = s[j+1:]
	}
}

func utf8Append(dst []byte, r rune) []byte {
	var b [4]byte
	n := encodeRune(b[:], r)
	return append(dst, b[:n]...)
}

func encodeRune(p []byte, r rune) int { return copy(p, string(r)) }
