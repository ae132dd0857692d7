package extract

import (
	"errors"
	"io"

	"github.com/richardlehane/mscfb"
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
