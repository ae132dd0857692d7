package pipeline

import (
	"fmt"
	"strconv"
	"strings"
)

// Location is where a value came from: a cell of a workbook
// (reg2021.xlsx:Registratie!C14) or a position in a text file
// (akj_2021_afhandeling.csv:3:2). File is relative to the input folder.
type Location struct {
	File  string
	Sheet string
	Cell  string // A1-style cell address, for workbooks
	Page  int    // 1-based page, for PDFs; Row is then the text line on it
	Row   int    // 1-based sheet row, or line for text files; 0 if unknown
	Col   int    // 1-based column, for text files
}

// String renders the location the way an operator looks it up.
func (l Location) String() string {
	var b strings.Builder
	b.WriteString(l.File)
	switch {
	case l.Sheet != "":
		b.WriteString(":" + l.Sheet)
		switch {
		case l.Cell != "":
			b.WriteString("!" + l.Cell)
		case l.Row > 0:
			fmt.Fprintf(&b, "!%d:%d", l.Row, l.Row)
		}
	case l.Page > 0:
		fmt.Fprintf(&b, ": page %d", l.Page)
		if l.Row > 0 {
			fmt.Fprintf(&b, ", line %d", l.Row)
		}
		if l.Col > 0 {
			fmt.Fprintf(&b, ", column %d", l.Col)
		}
	case l.Row > 0:
		fmt.Fprintf(&b, ":%d", l.Row)
		if l.Col > 0 {
			fmt.Fprintf(&b, ":%d", l.Col)
		}
	}
	return b.String()
}

// Error is a problem tied to a source location. Field and Value say which
// canonical field was being read and the raw text found there, if any.
type Error struct {
	Loc   Location
	Field string
	Value string
	Err   error
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s %q: %v", e.Loc, e.Field, e.Value, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Loc, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// CellName is the A1-style address of a 1-based column and row (3, 14 ->
// C14).
func CellName(col, row int) string { return ColumnName(col) + strconv.Itoa(row) }

// ColumnName is the name of a 1-based column (3 -> C, 27 -> AA).
func ColumnName(col int) string {
	var b [4]byte
	i := len(b)
	for ; col > 0 && i > 0; col = (col - 1) / 26 {
		i--
		b[i] = byte('A' + (col-1)%26)
	}
	return string(b[i:])
}
