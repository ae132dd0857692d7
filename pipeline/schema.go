package pipeline

import "github.com/apache/arrow-go/v18/arrow"

// Canonical register fields. The header aliases that map onto them are data
// (config/data/headers.csv); these names are the contract between the
// extractor, which labels each cell with its field, and the transformer.
const (
	FieldDateReceived       = "date_received"
	FieldDateConversation   = "date_conversation"
	FieldDateReportSent     = "date_report_sent"
	FieldOrganisation       = "organisation"
	FieldRegion             = "region"
	FieldComplainant        = "complainant"
	FieldWithCurrentPartner = "with_current_partner"
	FieldSupport            = "support"
	FieldMeasure            = "measure"
	FieldCategory           = "category"        // a cell naming one or more categories
	FieldCategoryColumn     = "category_column" // a column headed by a category's name, marked yes/no
	FieldRequestOtherWorker = "request_other_worker"
	FieldComplexDivorce     = "complex_divorce"
	// Identifying fields: personal data that never reaches the warehouse in clear.
	FieldDossierNumber   = "dossier_number"
	FieldClientName      = "client_name"
	FieldComplainantName = "complainant_name"
	FieldEmployee        = "employee"
	FieldFreeText        = "free_text"
)

// IdentifyingFields are the fields that hold personal data: their values
// never reach the warehouse in clear, and nothing klacht writes shows them.
var IdentifyingFields = []string{FieldDossierNumber, FieldClientName, FieldComplainantName, FieldEmployee, FieldFreeText}

// RawFields are the register fields the extractor hands on, in the order
// of their columns in Raw. Identifying fields other than the dossier number
// (names, employees, free text) are recognised as headers but never leave
// the extractor.
var RawFields = []string{
	FieldDateReceived, FieldDateConversation, FieldDateReportSent, FieldOrganisation, FieldRegion,
	FieldComplainant, FieldWithCurrentPartner, FieldSupport, FieldMeasure, FieldRequestOtherWorker,
	FieldComplexDivorce, FieldDossierNumber,
}

// Positions of the fields of RawCategoryType.
const (
	RawCategoryColumn = iota // the cell's column (1-based)
	RawCategoryHeader        // the column's header: a category's name, or empty for a cell naming categories
	RawCategoryValue         // the cell's text
)

// RawCategoryType is a filled category cell of a register row: a cell
// naming one or more categories (header empty), or a mark in a column headed
// by a category's name (header that name).
var RawCategoryType = arrow.StructOf([]arrow.Field{
	RawCategoryColumn: {Name: "column", Type: arrow.PrimitiveTypes.Int16},
	RawCategoryHeader: {Name: "header", Type: arrow.BinaryTypes.String},
	RawCategoryValue:  {Name: "value", Type: arrow.BinaryTypes.String},
}...)

// Positions of the provenance columns of Raw; the columns of RawFields
// follow them (RawColumn), then the category cells (RawCategories).
const (
	RawFile     = iota // the file, relative to the input folder (dictionary-encoded: it changes from sheet to sheet, not from row to row)
	RawSheet           // the sheet's name
	RawTitle           // the text of the title rows above the header
	RawRow             // the sheet row (1-based)
	RawDate1904        // whether the workbook counts dates from 1904
	rawFirstField
)

// Raw is the schema of register rows as extracted: one record row per data
// row of a sheet, with its provenance, then for each of RawFields the text
// of the field's first filled cell (else its first cell) and that cell's
// column number (1-based; 0: the sheet has no such column), then the filled
// category cells. Values are as stored in the workbook (dates as serial
// numbers when they are real dates; date1904 says which epoch).
var Raw = arrow.NewSchema(rawFields(), nil)

// RawColumn is the position in Raw of a RawFields entry's value; its
// column number follows it.
func RawColumn(field int) int { return rawFirstField + 2*field }

// RawCategories is the position in Raw of the category cells.
var RawCategories = RawColumn(len(RawFields))

func rawFields() []arrow.Field {
	fs := []arrow.Field{
		RawFile:     {Name: "file", Type: DictType},
		RawSheet:    {Name: "sheet", Type: DictType},
		RawTitle:    {Name: "title", Type: DictType},
		RawRow:      {Name: "row", Type: arrow.PrimitiveTypes.Int32},
		RawDate1904: {Name: "date1904", Type: arrow.FixedWidthTypes.Boolean},
	}
	for _, f := range RawFields {
		fs = append(fs, arrow.Field{Name: f, Type: arrow.BinaryTypes.String},
			arrow.Field{Name: f + "_column", Type: arrow.PrimitiveTypes.Int16})
	}
	return append(fs, arrow.Field{Name: "categories", Type: arrow.ListOf(RawCategoryType)})
}

// Conversation is the schema of normalised complaint conversations. Coded
// fields hold canonical values; a value no synonym maps is null and its field
// is listed in unmapped. The loader derives the conversation's id from its
// source_file, sheet and source_row.
var Conversation = arrow.NewSchema([]arrow.Field{
	{Name: "year", Type: arrow.PrimitiveTypes.Int32},
	{Name: "year_source", Type: arrow.BinaryTypes.String},
	{Name: "organisation", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "organisation_in_year", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "region", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "region_source", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "date_received", Type: arrow.FixedWidthTypes.Date32, Nullable: true},
	{Name: "date_conversation", Type: arrow.FixedWidthTypes.Date32, Nullable: true},
	{Name: "date_report_sent", Type: arrow.FixedWidthTypes.Date32, Nullable: true},
	{Name: "complainant", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "with_current_partner", Type: arrow.FixedWidthTypes.Boolean, Nullable: true},
	{Name: "support", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "measure", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "request_other_worker", Type: arrow.FixedWidthTypes.Boolean, Nullable: true},
	{Name: "complex_divorce", Type: arrow.FixedWidthTypes.Boolean, Nullable: true},
	{Name: "client_key", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "unmapped", Type: arrow.ListOf(arrow.BinaryTypes.String)},
	{Name: "categories", Type: arrow.ListOf(arrow.BinaryTypes.String)},       // null: no synonym maps it
	{Name: "category_columns", Type: arrow.ListOf(arrow.BinaryTypes.String)}, // the column (H) of each category's cell
	{Name: "source_file", Type: arrow.BinaryTypes.String},
	{Name: "sheet", Type: arrow.BinaryTypes.String},
	{Name: "source_row", Type: arrow.PrimitiveTypes.Int32},
}, nil)

// Row kinds of a partner table row.
const (
	RowDetail  = "detail"  // a row of the table's body
	RowSection = "section" // a section row ('Informeel'), with its subtotal if printed
	RowTotal   = "total"   // a total row, labelled 'Totaal...' or unlabelled under labelled rows
)

// Units of a partner table value.
const (
	UnitCount   = "count"
	UnitPercent = "percent"
	UnitNone    = "none" // a label without a value: a list item or a ranked item without its count
)

// Positions of the columns of PartnerCell.
const (
	CellSourceFile   = iota
	CellSourcePage   // of a PDF report (1-based); null: a CSV
	CellSourceLine   // line of the CSV record, or text line on the PDF's page (1-based)
	CellSourceColumn // field number of the cell, or the PDF table's column (1-based)
	CellPartner      // akj, kjmn
	CellYear         // the report year
	CellTable        // afhandeling, haarlem_tabel_2c
	CellShape        // grid, top3, ranking, list
	CellRowNumber    // the row's place in the table body (1-based)
	CellSection      // the section the row is under; null: none
	CellRowLabel
	CellRowKind      // RowDetail, RowSection or RowTotal
	CellRank         // of a ranked item; null: not ranked
	CellColumnNumber // the value column's place (1-based; 0 for labels)
	CellColumnPath   // the column's header lines joined
	CellColumnGroup  // the column's top header line
	CellValue        // null: a label without a value
	CellDecimals     // decimals printed
	CellUnit         // UnitCount, UnitPercent or UnitNone
	CellRaw          // the cell as printed
)

// PartnerCell is the schema of partner tables (read from the PDF reports,
// or from their tables turned CSV) in
// long form: one record row per printed value, or per printed label where a
// table has no values (lists, rankings without counts).
var PartnerCell = arrow.NewSchema([]arrow.Field{
	CellSourceFile:   {Name: "source_file", Type: arrow.BinaryTypes.String},
	CellSourcePage:   {Name: "source_page", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
	CellSourceLine:   {Name: "source_line", Type: arrow.PrimitiveTypes.Int32},
	CellSourceColumn: {Name: "source_column", Type: arrow.PrimitiveTypes.Int32},
	CellPartner:      {Name: "partner", Type: arrow.BinaryTypes.String},
	CellYear:         {Name: "year", Type: arrow.PrimitiveTypes.Int32},
	CellTable:        {Name: "table_name", Type: arrow.BinaryTypes.String},
	CellShape:        {Name: "shape", Type: arrow.BinaryTypes.String},
	CellRowNumber:    {Name: "row_number", Type: arrow.PrimitiveTypes.Int32},
	CellSection:      {Name: "section", Type: arrow.BinaryTypes.String, Nullable: true},
	CellRowLabel:     {Name: "row_label", Type: arrow.BinaryTypes.String},
	CellRowKind:      {Name: "row_kind", Type: arrow.BinaryTypes.String},
	CellRank:         {Name: "rank", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
	CellColumnNumber: {Name: "column_number", Type: arrow.PrimitiveTypes.Int32},
	CellColumnPath:   {Name: "column_path", Type: arrow.BinaryTypes.String},
	CellColumnGroup:  {Name: "column_group", Type: arrow.BinaryTypes.String},
	CellValue:        {Name: "value", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
	CellDecimals:     {Name: "decimals", Type: arrow.PrimitiveTypes.Int32},
	CellUnit:         {Name: "unit", Type: arrow.BinaryTypes.String},
	CellRaw:          {Name: "raw", Type: arrow.BinaryTypes.String},
}, nil)
