// Package extract reads source files into Arrow record streams.
//
// Registers (xlsx.go) reads every .xlsx register under a folder and emits one
// record row per data row, in the pipeline.Raw schema: the file, sheet, title
// and row it came from, for each canonical field the raw text of its cell and
// the cell's column, and the filled category cells. Names, employees and
// free text are recognised as headers but never handed on. It finds the
// header row below any title rows, skips blank and Totaal rows and non-data
// sheets, reads
// several files at once, and records in the run's Journal every file it
// cannot read, with what to do about it. It does not interpret values: that
// is the transform stage's work.
//
// Worksheets are streamed from the zip by a byte-level reader (sheetxml.go)
// that scans a window of the inflated XML a row at a time, keeps memory flat
// whatever the sheet's size, and is tested cell for cell against excelize.
// A big part is inflated on a goroutine of its own (klauspost/readahead, with
// klauspost/compress's flate). Rows become Arrow batches through plain Go
// slices (batch.go, pipeline.Texts). book.go reads the workbook's structure
// and, with the same scanner, its shared strings, and refuses hostile files
// within bounds (Limits): zip bombs,
// sheets that declare billions of cells, XML entity declarations, malformed
// shared strings.
//
// Partners (partners.go, csvtable.go) reads the partner tables: PDF tables
// that staff turned into CSV, in any delimiter and encoding.
package extract
