package extract

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/richardlehane/mscfb"
)

// Errors for workbooks klacht cannot read, each saying what to do.
var (
	ErrXLS       = errors.New("old Excel 97-2003 .xls format: open it in Excel and save it as Excel Workbook (.xlsx)")
	ErrEncrypted = errors.New("password-protected workbook: open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password) and save it again")
	ErrNotXLSX   = errors.New("not an .xlsx workbook: open it in Excel to check it, then save it as Excel Workbook (.xlsx)")
	ErrNotODS    = errors.New("not an .ods spreadsheet: open it in LibreOffice Calc to check it, then save it as ODF Spreadsheet (.ods)")
)

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

func describeShort(err error) string {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return "shorter than 8 bytes"
	}
	return err.Error()
}

// encrypted reports whether an OLE compound file holds an encrypted OOXML
// package, as Excel writes a password-protected .xlsx.
func encrypted(r io.ReaderAt) bool {
	doc, err := mscfb.New(r)
	if err != nil {
		return false
	}
	for e, err := doc.Next(); err == nil; e, err = doc.Next() {
		if e.Name == "EncryptedPackage" || e.Name == "EncryptionInfo" {
			return true
		}
	}
	return false
}

// workbook is an opened register: an .xlsx workbook or an .ods spreadsheet.
type workbook interface {
	// nextSheet returns the next sheet's name and rows, false after the
	// last. A sheet's rows are valid until the next call, which passes over
	// any rows of it not read.
	nextSheet() (name string, rows sheetRows, ok bool, err error)
	// dates1904 says whether the workbook counts serial dates from 1904.
	dates1904() bool
	Close() error
}

// sheetRows streams the rows of one sheet that hold any cell.
type sheetRows interface {
	next() (bool, error) // moves to the next row; false at the end of the sheet
	number() int         // the current row's number (1-based)
	values() [][]byte    // the current row's cells by column (0-based), valid until next
	close()
}

// odsMimetype is the content of the mimetype part of an .ods spreadsheet
// (and, with -template, of an .ots).
const odsMimetype = "application/vnd.oasis.opendocument.spreadsheet"

// openWorkbook opens a register by what the file is, whatever its name
// says: an OpenDocument spreadsheet (its mimetype part) or an .xlsx.
func openWorkbook(p string, lim Limits) (workbook, error) {
	b, err := openPackage(p, lim)
	if err != nil {
		return nil, err
	}
	mt, isODF, err := b.mimetype()
	switch {
	case err != nil:
		b.Close()
		return nil, err
	case isODF && strings.HasPrefix(mt, odsMimetype):
		wb, err := openODS(b)
		if err != nil {
			b.Close()
			return nil, err
		}
		return wb, nil
	case isODF:
		b.Close()
		return nil, fmt.Errorf("%w (it is an OpenDocument file of another kind: %s)", ErrNotODS, mt)
	}
	if err := b.readWorkbook(); err != nil {
		b.Close()
		return nil, err
	}
	return b, nil
}

// WorkbookCell is a filled cell of a register as klacht reads it.
type WorkbookCell struct {
	Sheet       string
	Row, Column int    // 1-based, as in the file
	Value       []byte // valid during the call to visit
}

// ReadCells reads every filled cell of the register at path (of one sheet,
// if sheet is not empty) as klacht reads it: shared strings resolved,
// escapes decoded, numbers and dates as stored, formulas as their cached
// value. It stops at the first error visit returns.
func ReadCells(ctx context.Context, path, sheet string, lim Limits, visit func(WorkbookCell) error) error {
	wb, err := openWorkbook(path, lim.orDefault())
	if err != nil {
		return err
	}
	defer wb.Close()
	for {
		name, rows, ok, err := wb.nextSheet()
		if err != nil || !ok {
			return err
		}
		if sheet != "" && name != sheet {
			continue
		}
		err = readSheetCells(ctx, name, rows, visit)
		rows.close()
		if err != nil {
			return err
		}
	}
}

func readSheetCells(ctx context.Context, name string, rows sheetRows, visit func(WorkbookCell) error) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		ok, err := rows.next()
		if err != nil {
			return fmt.Errorf("%s!%d: %w", name, rows.number(), err)
		}
		if !ok {
			return nil
		}
		for i, v := range rows.values() {
			if len(v) == 0 {
				continue
			}
			if err := visit(WorkbookCell{Sheet: name, Row: rows.number(), Column: i + 1, Value: v}); err != nil {
				return err
			}
		}
	}
}
