// Package pipeline is the contract between klacht's stages, in the way
// database/sql/driver is the contract between database/sql and its drivers.
//
// It holds the small stage interfaces, which pass Arrow record streams
// between them: Extractor (extract.Registers, extract.Partners),
// Transformer (transform.Registers) and Loader (load.Warehouse). Each stage
// asserts that it implements its interface, and cmd/klacht holds the stages
// as these interfaces when it wires a run.
//
// It holds the Arrow schemas those streams carry, each with named column
// positions: Raw (register rows as read), Conversation (normalised rows),
// PartnerCell (partner tables in long form), and the run's Journal in the
// form the warehouse keeps it (FileRecord, RejectRecord, NoteRecord). The
// loader checks every stream against the schema of its table.
//
// It also holds Location and Error, which tie every problem to its source
// cell; the Journal that collects per-file counts, rejects and notes of one
// run (a nil Journal records nothing); the folding rules by which headers
// and values are matched; and column accumulators (columns.go) that build
// the Arrow arrays of the hot paths from plain Go slices.
//
// The stage packages extract, transform and load import pipeline and never
// each other; cmd/klacht wires them together.
package pipeline
