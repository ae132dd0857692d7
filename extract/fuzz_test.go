package extract

import (
	"errors"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/svmn/klacht/pipeline"
)

// The corpus found by fuzzing is kept in testdata/fuzz and runs with every
// go test; go test -fuzz FuzzParseNumber ./extract extends it.

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"1.082", "8,7", "69%", "22,4 %", "-", "", "12*", "1.234.567,89", "8.7", "-0", "00,0", "9999999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok, err := ParseNumber(s)
		if err != nil {
			if !errors.Is(err, ErrNumber) || ok {
				t.Fatalf("ParseNumber(%q): ok %v with error %v", s, ok, err)
			}
			return
		}
		if !ok || n.Dash {
			return
		}
		if math.IsNaN(n.Value) || math.IsInf(n.Value, 0) {
			t.Fatalf("ParseNumber(%q) = %v", s, n.Value)
		}
		// Written back the Dutch way, it reads the same.
		back := strings.ReplaceAll(strconv.FormatFloat(n.Value, 'f', n.Decimals, 64), ".", ",")
		m, ok, err := ParseNumber(back)
		if err != nil || !ok || m.Value != n.Value {
			t.Fatalf("ParseNumber(%q) = %v, but %q reads %v, %v", s, n.Value, back, m.Value, err)
		}
	})
}

func FuzzParseTable(f *testing.F) {
	for _, s := range []string{
		"Cliënten AKJ;Veilig Thuis Utrecht;;SAVE Utrecht;\nOuders;60;69%;220;73%\n;87;;302;\n",
		"Totaal 2016\tTotaal 2015\n1.  Werkwijze instantie (1.446)\t1.  Woonsituatie / Groep /\n\tGroepsgenoten (634)\n",
		"Tabel 9a\nVragen\n1. Wetgeving\n",
		`"","Opgelost` + "\n" + `/ KC-BB-","Totaal"` + "\n" + `"Gesprek","1","2"` + "\n",
		"\xef\xbb\xbf;Totaal\nJeugdigen;8,7\n",
		"Hoorzittingen KJMN,2021,2020\n,23,19\n",
	} {
		f.Add([]byte(s))
	}
	spec := TableSpec{Sections: []string{"Informeel"}, GroupUnits: []string{"count", "percent"}}
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := ParseTable("f.csv", TableName{"akj", 2021, "f"}, spec, data)
		if err != nil {
			var pe *pipeline.Error
			if !errors.As(err, &pe) || pe.Loc.File != "f.csv" {
				t.Fatalf("error without its place: %v", err)
			}
			return
		}
		if len(tb.Cells) == 0 {
			t.Fatal("a table without cells")
		}
		for _, c := range tb.Cells {
			if c.Line < 1 || c.Column < 1 || c.RowNumber < 1 {
				t.Fatalf("cell without its place: %+v", c)
			}
			switch c.Unit {
			case pipeline.UnitCount, pipeline.UnitPercent:
				if c.Value == nil {
					t.Fatalf("a %s without a value: %+v", c.Unit, c)
				}
			case pipeline.UnitNone:
			default:
				t.Fatalf("unit %q", c.Unit)
			}
		}
	})
}

// FuzzFindTables sets arbitrary text as lines of a page, a phrase per '|'
// at a place and size the input decides, and finds the tables in them:
// nothing panics, every table line has a cell per column, and every table
// found reads as a table or fails with an error.
func FuzzFindTables(f *testing.F) {
	for _, s := range []string{
		"Tabel 2c. Type klachten.\n|Totaal|Nieuw\nBejegening|47|34\nTotaal aantal klachten|176|132\n",
		"Cliënten AKJ|Veilig Thuis Utrecht||SAVE Utrecht\nOuders|60|69%|220\n|87||302\n",
		"Hoorzittingen KJMN|2021|2020\n|23|19\n\n\nLopende tekst over de cijfers.\n",
		"Tabel C1. Top 3.\nTotaal 2016|Totaal 2015\n1.  Werkwijze instantie (1.446)|1.  Wetgeving (799)\n",
		"Tabel 9a. Onderwerpen.\nVragen\n1. Wetgeving\n2. Werkwijze\n",
		"Gesprek\n|25|50%\nleidinggevende\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4000 {
			return
		}
		var pages []pdfPage
		page := pdfPage{number: 1, height: 842}
		y := 40.0
		for i, text := range strings.Split(s, "\n") {
			l := textLine{number: len(page.lines) + 1, size: 10}
			y += 14 + float64(len(text)%3)*5 // some lines further apart: blocks
			l.y = y
			x := 50.0
			for j, ph := range strings.Split(text, "|") {
				w := float64(len(ph)) * 5
				if ph = strings.TrimSpace(ph); ph != "" {
					l.phrases = append(l.phrases, phrase{x0: x, x1: x + w, text: ph})
				}
				x += w + 20 + float64((i+j)%4)*10
			}
			if len(l.phrases) > 0 {
				page.lines = append(page.lines, l)
			}
			if y > 760 {
				pages = append(pages, page)
				page, y = pdfPage{number: len(pages) + 1, height: 842}, 40
			}
		}
		pages = append(pages, page)
		for _, ft := range findTables(pages) {
			for _, l := range ft.lines {
				if len(l.cells) != len(ft.cols) && len(ft.cols) > 0 {
					t.Fatalf("a line of %d cells in a table of %d columns", len(l.cells), len(ft.cols))
				}
			}
			if tb, err := tableFromLines("f.pdf", TableName{Partner: "akj", Year: 2021, Table: "t"}, TableSpec{}, ft.lines); err == nil && len(tb.Cells) == 0 {
				t.Fatal("a table without cells and without an error")
			}
		}
	})
}

// FuzzReadPDF reads arbitrary bytes as a PDF: no panic, and an error that
// says what it is, or text.
func FuzzReadPDF(f *testing.F) {
	for _, p := range []string{"../internal/sample/testdata/pdf/pdf-caption-above/kjmn_2021_jaarverslag.pdf", "../internal/sample/testdata/pdf/pdf-caption-inside/kjmn_2021_jaarverslag.pdf"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("%PDF-1.4\n%%EOF\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		type result struct {
			pages []pdfPage
			err   error
		}
		done := make(chan result, 1)
		go func() {
			pages, err := readPDFText(b, defaultPDFLimits)
			done <- result{pages, err}
		}()
		var pages []pdfPage
		var err error
		select {
		case r := <-done:
			pages, err = r.pages, r.err
		case <-time.After(10 * time.Second):
			t.Fatal("reading takes more than 10 s")
		}
		if err != nil && !errors.Is(err, ErrPDF) && !errors.Is(err, ErrEncryptedPDF) && !errors.Is(err, ErrScannedPDF) && !errors.Is(err, ErrTooBig) {
			t.Fatalf("an error of no known kind: %v", err)
		}
		if err == nil && len(pages) == 0 {
			t.Fatal("no pages and no error")
		}
	})
}
