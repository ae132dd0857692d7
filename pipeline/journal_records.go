package pipeline

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// The journal as record streams, in the form the warehouse keeps it (tables
// run_files, rejects, run_notes and register_columns): the loader stamps
// every row with its run. Empty text is null.

// Positions of the columns of FileRecord.
const (
	FileSource       = iota // the file, relative to the input folder
	FileStatus              // StatusLoaded, StatusFailed, StatusIgnored or StatusUnchanged
	FileSheets              // data sheets read
	FileRowsRead            // data rows found under a header row
	FileRowsLoaded          // rows written to the warehouse
	FileRowsRejected        // data rows not loaded
	FileRowsSkipped         // blank, title, header and Totaal rows, rows of another year
	FileProblems            // rejects recorded for the file
	FileMessage             // why it failed or was ignored
)

// FileRecord is the schema of a run's files: one row per FileStat.
var FileRecord = arrow.NewSchema([]arrow.Field{
	FileSource:       {Name: "source_file", Type: arrow.BinaryTypes.String},
	FileStatus:       {Name: "status", Type: arrow.BinaryTypes.String},
	FileSheets:       {Name: "sheets", Type: arrow.PrimitiveTypes.Int32},
	FileRowsRead:     {Name: "rows_read", Type: arrow.PrimitiveTypes.Int64},
	FileRowsLoaded:   {Name: "rows_loaded", Type: arrow.PrimitiveTypes.Int64},
	FileRowsRejected: {Name: "rows_rejected", Type: arrow.PrimitiveTypes.Int64},
	FileRowsSkipped:  {Name: "rows_skipped", Type: arrow.PrimitiveTypes.Int64},
	FileProblems:     {Name: "problems", Type: arrow.PrimitiveTypes.Int64},
	FileMessage:      {Name: "message", Type: arrow.BinaryTypes.String, Nullable: true},
}, nil)

// Positions of the columns of RejectRecord.
const (
	RejectYear        = iota // the register year; null: not known (a file that could not be read)
	RejectFile               // the file, relative to the input folder
	RejectSheet              // null for a text file
	RejectCell               // A1 in a workbook, line:column in a text file
	RejectRow                // the sheet row or line; null: the whole file or sheet
	RejectField              // the canonical field being read
	RejectValue              // the text found there
	RejectReason             // what is wrong, and what to do
	RejectRowRejected        // whether the row was kept out of the warehouse
)

// RejectRecord is the schema of a run's rejects: one row per Reject.
var RejectRecord = arrow.NewSchema([]arrow.Field{
	RejectYear:        {Name: "year", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
	RejectFile:        {Name: "source_file", Type: arrow.BinaryTypes.String},
	RejectSheet:       {Name: "sheet", Type: arrow.BinaryTypes.String, Nullable: true},
	RejectCell:        {Name: "cell", Type: arrow.BinaryTypes.String, Nullable: true},
	RejectRow:         {Name: "source_row", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
	RejectField:       {Name: "field", Type: arrow.BinaryTypes.String, Nullable: true},
	RejectValue:       {Name: "raw_value", Type: arrow.BinaryTypes.String, Nullable: true},
	RejectReason:      {Name: "reason", Type: arrow.BinaryTypes.String},
	RejectRowRejected: {Name: "row_rejected", Type: arrow.FixedWidthTypes.Boolean},
}, nil)

// Positions of the columns of NoteRecord.
const (
	NoteFile = iota // null: the note is about the run as a whole
	NoteSheet
	NoteCell
	NoteMessage
)

// NoteRecord is the schema of a run's notes: one row per Note.
var NoteRecord = arrow.NewSchema([]arrow.Field{
	NoteFile:    {Name: "source_file", Type: arrow.BinaryTypes.String, Nullable: true},
	NoteSheet:   {Name: "sheet", Type: arrow.BinaryTypes.String, Nullable: true},
	NoteCell:    {Name: "cell", Type: arrow.BinaryTypes.String, Nullable: true},
	NoteMessage: {Name: "message", Type: arrow.BinaryTypes.String},
}, nil)

// Positions of the columns of ColumnRecord.
const (
	ColumnFile   = iota // the register
	ColumnSheet         // its data sheet
	ColumnCell          // the header cell (C3)
	ColumnNumber        // 1-based
	ColumnHeader        // the header as typed
	ColumnField         // the canonical field it was read as; null: no alias matches, ignored
)

// ColumnRecord is the schema of the columns of the data sheets read in a
// run: one row per SheetColumn.
var ColumnRecord = arrow.NewSchema([]arrow.Field{
	ColumnFile:   {Name: "source_file", Type: arrow.BinaryTypes.String},
	ColumnSheet:  {Name: "sheet", Type: arrow.BinaryTypes.String},
	ColumnCell:   {Name: "cell", Type: arrow.BinaryTypes.String},
	ColumnNumber: {Name: "column_number", Type: arrow.PrimitiveTypes.Int32},
	ColumnHeader: {Name: "header", Type: arrow.BinaryTypes.String},
	ColumnField:  {Name: "field", Type: arrow.BinaryTypes.String, Nullable: true},
}, nil)

// ColumnRecords returns columns as one record of ColumnRecord.
func ColumnRecords(columns []SheetColumn) array.RecordReader {
	return records(ColumnRecord, len(columns), func(b *array.RecordBuilder, i int) {
		c := columns[i]
		appendText(b, ColumnFile, c.Loc.File)
		appendText(b, ColumnSheet, c.Loc.Sheet)
		appendText(b, ColumnCell, c.Loc.Cell)
		b.Field(ColumnNumber).(*array.Int32Builder).Append(int32(c.Loc.Col))
		appendText(b, ColumnHeader, c.Header)
		appendText(b, ColumnField, c.Field)
	})
}

// FileRecords returns files as one record of FileRecord.
func FileRecords(files []FileStat) array.RecordReader {
	return records(FileRecord, len(files), func(b *array.RecordBuilder, i int) {
		f := files[i]
		appendText(b, FileSource, f.File)
		appendText(b, FileStatus, f.Status)
		b.Field(FileSheets).(*array.Int32Builder).Append(int32(f.Sheets))
		b.Field(FileRowsRead).(*array.Int64Builder).Append(f.RowsRead)
		b.Field(FileRowsLoaded).(*array.Int64Builder).Append(f.RowsLoaded)
		b.Field(FileRowsRejected).(*array.Int64Builder).Append(f.RowsRejected)
		b.Field(FileRowsSkipped).(*array.Int64Builder).Append(f.RowsSkipped)
		b.Field(FileProblems).(*array.Int64Builder).Append(f.Problems)
		appendText(b, FileMessage, f.Message)
	})
}

// RejectRecords returns rejects as one record of RejectRecord.
func RejectRecords(rejects []Reject) array.RecordReader {
	return records(RejectRecord, len(rejects), func(b *array.RecordBuilder, i int) {
		r := rejects[i]
		appendInt(b, RejectYear, r.Year)
		appendText(b, RejectFile, r.Loc.File)
		appendText(b, RejectSheet, r.Loc.Sheet)
		cell := r.Loc.Cell
		if r.Loc.Sheet == "" && r.Loc.Col > 0 { // a text file: line:column
			cell = fmt.Sprintf("%d:%d", r.Loc.Row, r.Loc.Col)
		}
		appendText(b, RejectCell, cell)
		appendInt(b, RejectRow, r.Loc.Row)
		appendText(b, RejectField, r.Field)
		appendText(b, RejectValue, r.Value)
		appendText(b, RejectReason, r.Err.Error())
		b.Field(RejectRowRejected).(*array.BooleanBuilder).Append(r.RowRejected)
	})
}

// NoteRecords returns notes as one record of NoteRecord.
func NoteRecords(notes []Note) array.RecordReader {
	return records(NoteRecord, len(notes), func(b *array.RecordBuilder, i int) {
		n := notes[i]
		appendText(b, NoteFile, n.Loc.File)
		appendText(b, NoteSheet, n.Loc.Sheet)
		appendText(b, NoteCell, n.Loc.Cell)
		appendText(b, NoteMessage, n.Message)
	})
}

// records builds one record of schema with n rows, appended by row.
func records(schema *arrow.Schema, n int, row func(b *array.RecordBuilder, i int)) array.RecordReader {
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	for i := range n {
		row(b, i)
	}
	rec := b.NewRecordBatch()
	defer rec.Release()
	rr, _ := array.NewRecordReader(schema, []arrow.RecordBatch{rec}) // cannot fail: rec has schema
	return rr
}

// appendText appends s to a string column; empty text is null.
func appendText(b *array.RecordBuilder, col int, s string) {
	if s == "" {
		b.Field(col).AppendNull()
		return
	}
	b.Field(col).(*array.StringBuilder).Append(s)
}

// appendInt appends n to an Int32 column; 0 (not known) is null.
func appendInt(b *array.RecordBuilder, col int, n int) {
	if n == 0 {
		b.Field(col).AppendNull()
		return
	}
	b.Field(col).(*array.Int32Builder).Append(int32(n))
}
