// Package extract reads source files into Arrow record streams.
//
// Classify (files.go) says what each file of the input is: a register
// (.xlsx, .xlsm, .ods; an .xls is refused with what to do), a partner report
// (.pdf) or one of its tables turned CSV (.csv), or a file to ignore, with
// why (lock files of Excel and LibreOffice, system files, any other
// extension).
//
// Registers (xlsx.go) reads every register under a folder and emits one
// record row per data row, in the pipeline.Raw schema: the file, sheet, title
// and row it came from, for each canonical field the raw text of its cell and
// the cell's column, and the filled category cells. Names, employees and
// free text are recognised as headers but never handed on. It finds the
// header row below any title rows, skips blank and Totaal rows and non-data
// sheets, reads several files at once, and records in the run's Journal
// every file it cannot read, with what to do about it. It does not interpret
// values: that is the transform stage's work.
//
// A register is opened by what the file is, not by its name (workbook.go),
// and read through one interface whatever its format:
//
//   - .xlsx: worksheets are streamed from the zip by a byte-level reader
//     (sheetxml.go) that scans a window of the inflated XML a row at a time,
//     keeps memory flat whatever the sheet's size, and is tested cell for
//     cell against excelize. Elements are matched by local name (any
//     prefix, Transitional and Strict namespaces), part names without regard
//     to case, and text is read as the specs say (CDATA, _xHHHH_ escapes, XML
//     line ends): docs/conformance.md, and the cases in testdata/xlsx. A big
//     part is inflated on a goroutine of its own (klauspost/readahead, with
//     klauspost/compress's flate). book.go reads the workbook's structure
//     and, with the same scanner, its shared strings.
//   - .ods: content.xml is read as a stream of XML tokens (ods.go), a row
//     at a time; a repeat of empty rows or cells is never expanded, and a
//     repeat of filled ones counts against the limits before any of it is
//     given out. Values are handed on as an .xlsx holds them (numbers as
//     stored, booleans as 1/0), dates as yyyy-mm-dd. It is about ten times
//     slower than the .xlsx reader (BenchmarkExtract: some 70,000 rows a
//     second against 800,000, nearly all of it in encoding/xml), with the
//     same flat memory; registers are thousands of rows.
//
// Both refuse hostile files within bounds (Limits): zip bombs, sheets that
// hold or repeat more cells than max_sheet_cells, XML entity declarations,
// malformed shared strings, cells beyond max_cell_bytes; a damaged part (a
// wrong checksum) is named as damaged. ReadCells gives every filled cell as
// the readers see it (klacht inspect --cells). Rows become Arrow batches
// through plain Go slices (batch.go, pipeline.Texts).
//
// Partners (partners.go) reads the partner tables, from the reports as PDF
// or from tables staff turned into CSV, in any delimiter and encoding
// (csvtable.go). A PDF's text comes with its positions (pdf.go, over
// github.com/ledongthuc/pdf, bounded against hostile files before the
// parser sees them); findTables (pdftable.go) finds the tables on the
// pages and sets each as lines of cells, as a CSV holds them, and
// readReport (pdfreport.go) names them by their captions. From there one
// set of phases reads CSV and PDF alike (tableFromLines): split the head,
// infer the shape, read a grid, ranked items or a list. Labels are then
// set to the canonical ones of their table (labels.go). docs/partners.md
// tells the whole story; the cases are in testdata/partners.
package extract
