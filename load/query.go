//go:build duckdb_arrow

package load

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// ErrNoWarehouse means the warehouse file does not exist yet.
var ErrNoWarehouse = errors.New("warehouse does not exist: run 'klacht rebuild' first, or point --db at one")

// Result is the outcome of a query: column names and rows of Go values
// (nil for NULL).
type Result struct {
	Columns []string
	Rows    [][]any
}

// Query runs query on the warehouse at path, opened read-only so that it
// never blocks or changes the warehouse. Named parameters ($name) are bound
// from params.
func Query(ctx context.Context, path, query string, params map[string]any) (*Result, error) {
	db, err := openReadOnly(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	var args []any
	for k, v := range params {
		args = append(args, sql.Named(k, v))
	}
	res, err := scan(db.QueryContext(ctx, query, args...))
	return res, damaged(path, err)
}

// openReadOnly opens the warehouse at path read-only, so that it never
// blocks or changes it; ErrNoWarehouse if there is none.
func openReadOnly(path string) (*sql.DB, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%q: %w", path, ErrNoWarehouse)
	}
	db, err := sql.Open("duckdb", path+"?access_mode=read_only")
	if err != nil {
		return nil, damaged(path, fmt.Errorf("open warehouse %q: %w", path, err))
	}
	return db, nil
}

// scan reads all rows of a query's result.
func scan(rows *sql.Rows, err error) (*Result, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	res := &Result{Columns: cols}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		res.Rows = append(res.Rows, vals)
	}
	return res, rows.Err()
}
