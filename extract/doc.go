// Package extract reads source files into Arrow record streams.
//
// Registers (xlsx.go) reads every .xlsx register under a folder with
// excelize's streaming row iterator and emits one record row per data row,
// in the pipeline.Raw schema: the file, sheet, title and row it came from,
// and the raw text of every cell under a recognised header, labelled with its
// canonical field. It finds the header row below any title rows, skips blank
// and Totaal rows and non-data sheets, and records in the run's Journal every
// file it cannot read, with what to do about it. It does not interpret values:
// that is the transform stage's work.
package extract
