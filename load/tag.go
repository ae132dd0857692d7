//go:build !duckdb_arrow

package load

// klacht loads the warehouse through DuckDB's Arrow interface, which needs
// the build tag duckdb_arrow: go build -tags duckdb_arrow ./...
const _ = build_with_tags_duckdb_arrow
