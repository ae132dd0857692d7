//go:build duckdb_arrow

package load

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ExportedTable is one table written by ExportParquet.
type ExportedTable struct {
	Name        string
	Rows        int64
	PartitionBy []string
}

// ExportParquet writes every table of the warehouse at path to dir as
// Parquet, Hive-partitioned by year (and partner, for partner tables) where
// the table has those columns: dir/conversations/year=2021/data_0.parquet.
// Read it back with read_parquet('dir/<table>/**/*.parquet',
// hive_partitioning = true). The warehouse is opened read-only.
func ExportParquet(ctx context.Context, path, dir string) ([]ExportedTable, error) {
	db, err := openReadOnly(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	res, err := scan(db.QueryContext(ctx, `select t.table_name,
		       bool_or(c.column_name = 'year') as has_year, bool_or(c.column_name = 'partner') as has_partner
		from information_schema.tables t join information_schema.columns c using (table_schema, table_name)
		where t.table_schema = 'main' and t.table_type = 'BASE TABLE'
		group by all order by 1`))
	if err != nil {
		return nil, damaged(path, err)
	}
	var out []ExportedTable
	for _, r := range res.Rows {
		name := r[0].(string)
		var n int64
		if err := db.QueryRowContext(ctx, fmt.Sprintf("select count(*) from %s", ident(name))).Scan(&n); err != nil {
			return nil, err
		}
		t := ExportedTable{Name: name, Rows: n}
		if n > 0 && r[2].(bool) && r[1].(bool) {
			t.PartitionBy = []string{"partner", "year"}
		} else if n > 0 && r[1].(bool) {
			t.PartitionBy = []string{"year"}
		}
		target := filepath.Join(dir, name)
		if err := os.MkdirAll(target, 0o755); err != nil {
			return nil, err
		}
		var copy string
		if len(t.PartitionBy) > 0 {
			copy = fmt.Sprintf("copy %s to %s (format parquet, partition_by (%s), overwrite_or_ignore true)",
				ident(name), quote(target), strings.Join(t.PartitionBy, ", "))
		} else {
			copy = fmt.Sprintf("copy %s to %s (format parquet)", ident(name), quote(filepath.Join(target, "data_0.parquet")))
		}
		if _, err := db.ExecContext(ctx, copy); err != nil {
			return nil, fmt.Errorf("export %s: %w", name, err)
		}
		out = append(out, t)
	}
	return out, nil
}
