package extract

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

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

// BenchmarkExtract reads registers of growing size and reports rows/s and
// the peak heap seen between batches: with streaming, the peak stays flat as
// the file grows (excelize keeps the shared strings and the zip in memory,
// the rows are never all held).
func BenchmarkExtract(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			writeBig(b, filepath.Join(dir, "big 2021.xlsx"), n)
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
