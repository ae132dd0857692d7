package extract

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/svmn/klacht/internal/sample"
	"github.com/svmn/klacht/pipeline"
)

// writeBig writes a register of n rows with the StreamWriter.
func writeBig(b *testing.B, path string, n int) {
	b.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	sw.SetRow("A1", []any{"Datum klachtgesprek", "Klager", "Regio", "Ondersteuning", "Aard klacht", "Cliëntnaam"})
	day := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		row := []any{day.AddDate(0, 0, i%365), []string{"Moeder", "Vader", "M"}[i%3], "Eemland", "AKJ", "Bejegening;Communicatie", fmt.Sprintf("Client %d", i)}
		if err := sw.SetRow(cell, row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
}

// writeBigODS writes the rows of writeBig as an .ods, as LibreOffice
// writes them: typed cells, and the repeat of empty rows at the end.
func writeBigODS(b *testing.B, path string, n int) {
	b.Helper()
	var sb strings.Builder
	cell := func(attrs, text string) {
		fmt.Fprintf(&sb, `<table:table-cell %s><text:p>%s</text:p></table:table-cell>`, attrs, text)
	}
	sb.WriteString(`<table:table table:name="Sheet1"><table:table-row>`)
	for _, h := range []string{"Datum klachtgesprek", "Klager", "Regio", "Ondersteuning", "Aard klacht", "Cliëntnaam"} {
		cell(`office:value-type="string"`, h)
	}
	sb.WriteString(`</table:table-row>`)
	day := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		sb.WriteString(`<table:table-row>`)
		d := day.AddDate(0, 0, i%365).Format(time.DateOnly)
		cell(`office:value-type="date" office:date-value="`+d+`"`, d)
		for _, v := range []string{[]string{"Moeder", "Vader", "M"}[i%3], "Eemland", "AKJ", "Bejegening;Communicatie", fmt.Sprintf("Client %d", i)} {
			cell(`office:value-type="string"`, v)
		}
		sb.WriteString(`<table:table-cell table:number-columns-repeated="16378"/></table:table-row>`)
	}
	sb.WriteString(`<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>`)
	writeODS(b, path, odsMimetype, odsContent("", sb.String()), nil)
}

// BenchmarkExtract reads registers of growing size, as .xlsx and as .ods,
// and reports rows/s and the peak heap seen between batches: with
// streaming, the peak stays flat as the file grows (excelize keeps the
// shared strings and the zip in memory, the rows are never all held).
func BenchmarkExtract(b *testing.B) {
	for _, c := range []struct {
		format string
		n      int
		write  func(*testing.B, string, int)
	}{{"xlsx", 10_000, writeBig}, {"xlsx", 100_000, writeBig}, {"ods", 10_000, writeBigODS}, {"ods", 100_000, writeBigODS}} {
		n := c.n
		b.Run(fmt.Sprintf("%s/rows=%d", c.format, n), func(b *testing.B) {
			dir := b.TempDir()
			c.write(b, filepath.Join(dir, "big 2021."+c.format), n)
			runtime.GC() // what writing the file left is not the reader's
			var peak uint64
			var ms runtime.MemStats
			b.ResetTimer()
			for range b.N {
				x := registers(pipeline.NewJournal())
				x.BatchSize = 1024
				rr, err := x.Extract(context.Background(), dir)
				if err != nil {
					b.Fatal(err)
				}
				rows := 0
				for rr.Next() {
					rows += int(rr.RecordBatch().NumRows())
					runtime.ReadMemStats(&ms)
					peak = max(peak, ms.HeapInuse)
				}
				if err := rr.Err(); err != nil || rows != n {
					b.Fatalf("read %d rows, err %v", rows, err)
				}
				rr.Release()
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
}

// BenchmarkReadReport reads partner reports of 25, 50 and 100 pages (the
// Haarlem report over and over, as typeset by internal/sample) from PDF to
// tables: the time and the memory allocated per page should not grow with
// the report.
func BenchmarkReadReport(b *testing.B) {
	for _, pages := range []int{25, 50, 100} {
		data, err := sample.LongReport(sample.PDFCaptionAbove, nil, pages)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("pages=%d", pages), func(b *testing.B) {
			p := &Partners{Captions: []CaptionRule{{Partner: "akj", Report: "*", Caption: "Tabel {number}", Table: "{report}_tabel_{number}"}}}
			text, err := readPDFText(data, defaultPDFLimits)
			if err != nil {
				b.Fatal(err)
			}
			n := len(text)
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := p.readReport("akj_2016_lang.pdf", data); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(n), "ms/page")
			b.ReportMetric(float64(n), "pages")
		})
	}
}
