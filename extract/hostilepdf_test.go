package extract

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
)

// pdfOf typesets a one-page PDF with fpdf; draw sets the page.
func pdfOf(t testing.TB, draw func(p *fpdf.Fpdf)) []byte {
	t.Helper()
	p := fpdf.New("P", "mm", "A4", "")
	p.SetCreationDate(time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC))
	p.SetFont("Helvetica", "", 10)
	draw(p)
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A hostile or unusable PDF gets one clear message, quickly and in bounded
// memory; the reader does not panic.
func TestHostilePDF(t *testing.T) {
	table := func(p *fpdf.Fpdf) {
		p.AddPage()
		p.Text(20, 20, "Tabel 1. Aantallen.")
		p.Text(20, 30, "Vragen")
		p.Text(120, 30, "12")
	}
	deep := []byte("%PDF-1.4\n1 0 obj\n" + strings.Repeat("[", 200000) + "\nendobj\ntrailer\n<< /Root 1 0 R >>\nstartxref\n0\n%%EOF\n")
	for _, tc := range []struct {
		name string
		data []byte
		want error
	}{
		{"encrypted", pdfOf(t, func(p *fpdf.Fpdf) { p.SetProtection(fpdf.CnProtectPrint, "geheim", "eigenaar"); table(p) }), ErrEncryptedPDF},
		{"scanned (no text, only drawing)", pdfOf(t, func(p *fpdf.Fpdf) { p.AddPage(); p.Rect(20, 20, 100, 60, "F") }), ErrScannedPDF},
		{"1.2 million glyphs on a page", pdfOf(t, func(p *fpdf.Fpdf) {
			p.AddPage()
			line := strings.Repeat("1234567890", 100)
			for i := range 1200 {
				p.Text(10, 10+float64(i%250), line)
			}
		}), ErrTooBig},
		{"nested 200,000 deep", deep, ErrPDF},
		{"an object stream that inflates beyond 64 MB", objStreamPDF(t, bytes.Repeat([]byte(" "), 1<<20), 80), ErrTooBig},
		{"nested 200,000 deep in an object stream", objStreamPDF(t, []byte(strings.Repeat("[", 200000)), 1), ErrPDF},
		{"not a PDF", []byte("%PDF-1.7\nhalf a file"), ErrPDF},
		{"cut off", pdfOf(t, table)[:600], ErrPDF},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var before runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, err := readPDFText(tc.data, defaultPDFLimits)
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v", d)
			}
			if grown := int64(after.HeapAlloc) - int64(before.HeapAlloc); grown > 200<<20 {
				t.Errorf("the heap grew by %d MB", grown>>20)
			}
		})
	}
	if _, err := readPDFText(pdfOf(t, table), defaultPDFLimits); err != nil {
		t.Errorf("the same table, readable: %v", err)
	}
}

// objStreamPDF is a PDF with an object stream of chunk, n times.
func objStreamPDF(t *testing.T, chunk []byte, n int) []byte {
	var comp bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&comp, zlib.BestCompression)
	for range n {
		zw.Write(chunk)
	}
	zw.Close()
	return []byte(fmt.Sprintf("%%PDF-1.5\n1 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\nstartxref\n0\n%%%%EOF\n", comp.Len(), comp.Bytes()))
}
