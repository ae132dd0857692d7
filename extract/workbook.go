package extract

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/richardlehane/mscfb"
	"github.com/xuri/excelize/v2"
)

// Errors for workbooks klacht cannot read, each saying what to do.
var (
	ErrXLS       = errors.New("old Excel 97-2003 .xls format: open it in Excel and save it as Excel Workbook (.xlsx)")
	ErrEncrypted = errors.New("password-protected workbook: open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password) and save it again")
	ErrNotXLSX   = errors.New("not an .xlsx workbook: open it in Excel to check it, then save it as Excel Workbook (.xlsx)")
)

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// openWorkbook opens path with excelize after checking what kind of file it
// really is, so that an .xls, an encrypted or a corrupt file gets an error
// that says what to do.
func openWorkbook(path, tmpDir string) (*excelize.File, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	head := make([]byte, 8)
	if _, err := io.ReadFull(fh, head); err != nil {
		return nil, fmt.Errorf("%w (the file is %s)", ErrNotXLSX, describeShort(err))
	}
	switch {
	case bytes.Equal(head, oleMagic):
		if strings.EqualFold(filepath.Ext(path), ".xls") {
			return nil, ErrXLS
		}
		if encrypted(fh) {
			return nil, ErrEncrypted
		}
		return nil, fmt.Errorf("%w (it is an OLE compound file, such as an old .xls renamed)", ErrNotXLSX)
	case !bytes.HasPrefix(head, zipMagic):
		if strings.EqualFold(filepath.Ext(path), ".xls") {
			return nil, ErrXLS
		}
		return nil, fmt.Errorf("%w (it is not a zip archive)", ErrNotXLSX)
	}
	if _, err := fh.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(fh, excelize.Options{TmpDir: tmpDir})
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrNotXLSX, err)
	}
	return f, nil
}

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
