// Package load owns the DuckDB warehouse: every write to it, and the
// read-only queries on it. It is the only package that links DuckDB (build
// tag duckdb_arrow).
//
// Build makes every change on a working copy of the warehouse file and
// renames it into place only when the whole run has succeeded, so that a
// reader never sees half a load and a failed or killed run leaves the
// previous warehouse as it was. Lock lets one writer at a time do so.
//
// Within a Build, a run of import or rebuild goes through the Warehouse's
// methods, in this order:
//
//	KeepRunLog    a fresh build keeps the run log of the warehouse it replaces
//	BeginRun      numbers the run; what is loaded from now on is stamped with it
//	ClearYear     a rebuild of one year clears that year
//	ReplaceTable  the reference tables, as text
//	Load          the streams of the pipeline's contract (pipeline.Loader):
//	              Conversations and PartnerCells, their schemas checked
//	Settle        drops what failed files sent, moves the earlier rows of
//	              changed and removed files to history, flags changes to
//	              closed years, and brings the Manifest up to date
//	PartnerViews  a view per partner table, as its report printed it
//	RecordRun     the run log: runs, run_files, rejects, run_notes, register_columns
//	Counts        what the warehouse now holds, for the run's summary
//
// Their SQL is beside the schema (schema.sql): run.sql holds each statement
// under its name, views/ the partner tables' print forms, and migrations/
// what brings a warehouse of an older schema version to this one.
//
// ReadManifest reads what the published warehouse was loaded from, and
// Manifest.Changes what an import must read and retire. Query opens the
// warehouse read-only for reports and analysts; ExportParquet writes its
// tables as Parquet.
package load
