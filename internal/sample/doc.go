// Package sample writes the bundled sample registers: realistic, messy
// complaint registers for 2018-2021 whose rows agree with every
// register-based table of the published analysis. It is deterministic: the
// same call writes the same cell values.
//
// The layouts cover the register contract of DOMAIN.md: a workbook per region
// per year, a workbook per region with a sheet per year, a workbook with a
// sheet per region; title rows with merged cells; any column order and
// unknown columns; Dashboard, Lijsten and Toelichting sheets; blank, hidden
// and Totaal rows (with an uncached COUNTA formula); partial autofilters;
// every date form, the 1904 date system; the three category layouts; year
// and region from a column, the sheet name, the title, the file name or the
// dates; value spellings such as 'M', ' Vader', 'Save' and 'Vrijwillig
// kader'; shared-string and inline-string workbooks; and an Excel lock file.
//
// With Options.Errors it adds what must be rejected: an .xls, a corrupt and
// a password-protected workbook, values no synonym maps and a row without a
// year. None of these changes a published figure.
//
// The partner reports themselves are typeset as PDF from the same
// transcription, in two layouts (pdf.go, PDFLayouts), and kept in
// testdata/pdf; Options.PDF puts them in the input instead of the CSVs.
//
// Regenerate the PDFs and the bundled copy with: go generate ./internal/sample
package sample

//go:generate go run ./pdfgen
//go:generate sh -c "rm -rf ../../testdata/sample && go run -tags duckdb_arrow ../../cmd/klacht sample --out ../../testdata/sample"
