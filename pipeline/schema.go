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

// CellType is one cell of a register row as the extractor found it.
var CellType = arrow.StructOf(
	arrow.Field{Name: "field", Type: arrow.BinaryTypes.String},
	arrow.Field{Name: "header", Type: arrow.BinaryTypes.String},
	arrow.Field{Name: "cell", Type: arrow.BinaryTypes.String},
	arrow.Field{Name: "value", Type: arrow.BinaryTypes.String},
)

// Raw is the schema of register rows as extracted: one record row per data
// row of a sheet, with its provenance and the raw text of every cell under a
// recognised header. Values are as stored in the workbook (dates as serial
// numbers when they are real dates; date1904 says which epoch).
var Raw = arrow.NewSchema([]arrow.Field{
	{Name: "file", Type: arrow.BinaryTypes.String},
	{Name: "sheet", Type: arrow.BinaryTypes.String},
	{Name: "title", Type: arrow.BinaryTypes.String}, // text of the title rows above the header
	{Name: "row", Type: arrow.PrimitiveTypes.Int32},
	{Name: "date1904", Type: arrow.FixedWidthTypes.Boolean},
	{Name: "cells", Type: arrow.ListOf(CellType)},
}, nil)

// CategoryType is one category of a conversation.
var CategoryType = arrow.StructOf(
	arrow.Field{Name: "position", Type: arrow.PrimitiveTypes.Int32},
	arrow.Field{Name: "category", Type: arrow.BinaryTypes.String, Nullable: true},
	arrow.Field{Name: "cell", Type: arrow.BinaryTypes.String},
)

// Conversation is the schema of normalised complaint conversations. Coded
// fields hold canonical values; a value no synonym maps is null and its field
// is listed in unmapped.
var Conversation = arrow.NewSchema([]arrow.Field{
	{Name: "conversation_id", Type: arrow.BinaryTypes.String},
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
	{Name: "categories", Type: arrow.ListOf(CategoryType)},
	{Name: "source_file", Type: arrow.BinaryTypes.String},
	{Name: "sheet", Type: arrow.BinaryTypes.String},
	{Name: "source_row", Type: arrow.PrimitiveTypes.Int32},
}, nil)
