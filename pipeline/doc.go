// Package pipeline is the contract between klacht's stages, in the way
// database/sql/driver is the contract between database/sql and its drivers.
//
// It holds the small stage interfaces (Extractor, Transformer, Loader), which
// pass Arrow record streams between them; the Arrow schemas those streams
// carry (Raw for register rows as read, Conversation for normalised rows);
// Location and Error, which tie every problem to its source cell; the Journal
// that collects per-file counts, rejects and notes of one run; the folding
// rules by which headers and values are matched; and column accumulators
// (columns.go) that build the Arrow arrays of the hot paths from plain Go
// slices.
//
// The stage packages extract, transform and load import pipeline and never
// each other; cmd/klacht wires them together.
package pipeline
