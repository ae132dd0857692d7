// Package load writes the DuckDB warehouse and reads it back.
//
// A Warehouse loads Arrow record streams through DuckDB's Arrow interface
// (one registered view and one INSERT ... SELECT per stream, never row by
// row). Build makes every change on a copy of the warehouse file and renames
// it into place only when the whole run has succeeded, so a reader never sees
// half a load and a failed run leaves the previous warehouse as it was. Query
// opens the warehouse read-only for reports and analysts.
//
// This is the only package that links DuckDB (build tag duckdb_arrow).
package load
