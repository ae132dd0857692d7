package extract

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/svmn/klacht/internal/sample"
)

// leanRows reads every row of a sheet with the lean reader, as excelize's
// GetRows returns them: strings, empty rows included, trailing empty cells
// dropped.
func leanRows(t *testing.T, path, sheet string) [][]string {
	t.Helper()
	bk, err := openBook(path, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer bk.Close()
	for _, s := range bk.sheets {
		if s.name != sheet {
			continue
		}
		part, err := bk.open(s.part)
		if err != nil {
			t.Fatal(err)
		}
		defer part.Close()
		rr := newRowReader(part, &bk.sst, bk.lim)
		var out [][]string
		for {
			ok, err := rr.next()
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				break
			}
			for len(out) < rr.row-1 {
				out = append(out, nil)
			}
			var row []string
			for _, c := range rr.cells {
				row = append(row, string(c))
			}
			for len(row) > 0 && row[len(row)-1] == "" {
				row = row[:len(row)-1]
			}
			out = append(out, row)
		}
		for len(out) > 0 && len(out[len(out)-1]) == 0 {
			out = out[:len(out)-1]
		}
		return out
	}
	t.Fatalf("no sheet %q", sheet)
	return nil
}

// The lean reader reads every cell as excelize does, raw, in workbooks with
// shared strings and with inline strings, in the 1900 and 1904 date systems:
// all sample registers, sheet by sheet, cell by cell.
func TestLeanReaderMatchesExcelize(t *testing.T) {
	dir := t.TempDir()
	if err := sample.Write(dir, sample.Options{Errors: true}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.xlsx"))
	more, _ := filepath.Glob(filepath.Join(dir, "*", "*", "*.xlsx"))
	files = append(files, more...)
	extra := filepath.Join(dir, "escapes.xlsx")
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"a & b < c", "Cliënt \"x\"", 3.25, true, time.Date(2021, 2, 3, 0, 0, 0, 0, time.UTC), "=not a formula", "tab\there"})
	f.SetCellFormula("Sheet1", "H1", "1+1")
	f.SetCellRichText("Sheet1", "A2", []excelize.RichTextRun{{Text: "rich "}, {Text: "text", Font: &excelize.Font{Bold: true}}})
	f.SetCellValue("Sheet1", "XFD3", "far right")
	if err := f.SaveAs(extra); err != nil {
		t.Fatal(err)
	}
	files = append(files, extra)
	checked := 0
	for _, path := range files {
		if strings.Contains(path, "~$") || strings.Contains(path, "kapot") || strings.Contains(path, "beveiligd") {
			continue
		}
		ef, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, sheet := range ef.GetSheetList() {
			want, err := ef.GetRows(sheet, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			for i := range want {
				for len(want[i]) > 0 && want[i][len(want[i])-1] == "" {
					want[i] = want[i][:len(want[i])-1]
				}
			}
			for len(want) > 0 && len(want[len(want)-1]) == 0 {
				want = want[:len(want)-1]
			}
			got := leanRows(t, path, sheet)
			if len(got) != len(want) {
				t.Errorf("%s %s: %d rows, excelize %d", filepath.Base(path), sheet, len(got), len(want))
				continue
			}
			for i := range want {
				if strings.Join(got[i], "\x1f") != strings.Join(want[i], "\x1f") {
					t.Errorf("%s %s row %d:\n got %q\nwant %q", filepath.Base(path), sheet, i+1, got[i], want[i])
				}
				checked += len(want[i])
			}
		}
		ef.Close()
	}
	if checked < 10000 {
		t.Errorf("only %d cells compared", checked)
	}
}

func TestCellTag(t *testing.T) {
	for _, tc := range []struct {
		in, ref, typ string
		end          int // 0: incomplete
		selfClosing  bool
	}{
		{`c r="A2" s="1" t="s"><v>3</v>`, "A2", "s", 21, false},
		{`c r="B2" s="3"/>`, "B2", "", 16, true},
		{`c t="inlineStr" r="C9">`, "C9", "inlineStr", 23, false},
		{`c>`, "", "", 2, false},
		{`c/>`, "", "", 3, true},
		{`c r='D4' t='n'>`, "D4", "n", 15, false},
		{`c  r = "E5"   t="b" >`, "E5", "b", 21, false},
		{`c r="F6" x="a>b" t="e">`, "F6", "e", 23, false},
		{`c r="G7"t="str">`, "G7", "str", 16, false},
		{`c r="H8" s="1`, "", "", 0, false},
		{`c hidden r="J1">`, "J1", "", 16, false},
		{`c r=J1 t="s">`, "", "s", 13, false},
		{`c r="H8"`, "", "", 0, false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			ref, typ, end, selfClosing, ok := cellTag([]byte(tc.in))
			if ok != (tc.end > 0) || string(ref) != tc.ref || string(typ) != tc.typ || end != tc.end || selfClosing != tc.selfClosing {
				t.Errorf("cellTag = %q, %q, %d, %v, %v; want %q, %q, %d, %v", ref, typ, end, selfClosing, ok, tc.ref, tc.typ, tc.end, tc.selfClosing)
			}
		})
	}
}

// cellTag never reads past its input, and ends where it says.
func FuzzCellTag(f *testing.F) {
	for _, s := range []string{`c r="A2" s="1" t="s">`, `c/>`, `c r='D4' t='n'>`, `c hidden r="J1">`, `c r=J1 t="s">`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ref, typ, end, selfClosing, ok := cellTag([]byte(s))
		if !ok {
			return
		}
		if end > len(s) || s[end-1] != '>' || (selfClosing && s[end-2] != '/') || len(ref) > len(s) || len(typ) > len(s) {
			t.Errorf("cellTag(%q) = %q, %q, %d, %v", s, ref, typ, end, selfClosing)
		}
	})
}

// FuzzRowReader: whatever bytes stand in a worksheet's sheetData, the row
// reader ends, with rows or an error, and never panics; and the same sheet
// with every element prefixed (<x:row>, as the OpenXML SDK writes it) reads
// the same.
func FuzzRowReader(f *testing.F) {
	for _, s := range []string{
		`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Moe&amp;der_x000D_</t></is></c></row>`,
		`<row r="2"><c r="C2"><v><![CDATA[12]]></v></c><c r="D2" t="s"><v/></c></row><row><c><f>1+1</f><v>2</v></c></row>`,
		`<row r="3"><c r="A3" t="inlineStr"><is><r><t>a</t></r><rPh><t>b</t></rPh></is></c></row>`,
		"<row r=\"4\"><c r=\"A4\" t=\"str\"><v>regel\r\n2</v></c></row>",
	} {
		f.Add(s)
	}
	sst := &sharedStrings{text: []byte("Moeder"), ends: []int{6}}
	lim := DefaultLimits
	lim.SheetCells, lim.Columns = 10000, 100
	read := func(xml string) string {
		rr := newRowReader(strings.NewReader(xml), sst, lim)
		defer rr.win.release()
		var b strings.Builder
		for range 10000 {
			ok, err := rr.next()
			if err != nil {
				return b.String() + "error"
			}
			if !ok {
				return b.String()
			}
			fmt.Fprintf(&b, "%d:%q;", rr.row, rr.cells)
		}
		return b.String() + "..."
	}
	prefixed := regexp.MustCompile(`<(/?)(sheetData|row|c|v|is|t|r|rPh|f)([ />])`)
	f.Fuzz(func(t *testing.T, rows string) {
		plain := read(`<worksheet><sheetData>` + rows + `</sheetData></worksheet>`)
		if strings.Contains(rows, "x:") || strings.Contains(rows, "CDATA") || strings.Contains(rows, "<!") || strings.Contains(plain, "error") {
			return // the differential check needs the prefix to be the only difference
		}
		px := prefixed.ReplaceAllString(`<worksheet><sheetData>`+rows+`</sheetData></worksheet>`, "<${1}x:${2}${3}")
		if got := read(px); got != plain {
			t.Errorf("prefixed reads\n%s\nunprefixed\n%s\n(%q)", got, plain, px)
		}
	})
}

// FuzzAppendText: text without references, carriage returns or escapes is
// itself, and any text is read without a panic.
func FuzzAppendText(f *testing.F) {
	for _, s := range []string{"Moeder", "a_x000D_b", "_x005F_x000D_", "&#13;&amp;", "x\r\ny\rz", "_xD83D__xDE00_", "_xD83D_"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := appendText(nil, []byte(s))
		if !needsText([]byte(s)) && string(got) != s {
			t.Errorf("appendText(%q) = %q", s, got)
		}
	})
}
