//go:build duckdb_arrow

package load

import (
	"context"
	"database/sql"
	"database/sql/driver"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/duckdb/duckdb-go/v2"
)

//go:embed schema.sql
var schema string

// schemaVersion is the version of schema.sql. A warehouse of another
// version is refused with what to do, rather than failing half-way.
const schemaVersion = 3

// ErrSchema is a warehouse built by a klacht with another schema.
var ErrSchema = errors.New("the warehouse was built by another version of klacht: run klacht rebuild to build it again from the registers")

// MemoryLimit bounds the memory DuckDB uses while building the warehouse
// (config duckdb_memory_limit); beyond it DuckDB spills to disk.
var MemoryLimit = "96MB"

// Warehouse is a DuckDB warehouse file open for writing.
type Warehouse struct {
	db    *sql.DB
	conn  *sql.Conn
	arrow *duckdb.Arrow
}

var tableName = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)

// open opens the DuckDB file at path for writing and makes sure the schema exists.
func open(ctx context.Context, path string) (*Warehouse, error) {
	db, err := sql.Open("duckdb", path)
	if err != nil {
		return nil, fmt.Errorf("open warehouse %q: %w", path, err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open warehouse %q: %w", path, err)
	}
	w := &Warehouse{db: db, conn: conn}
	err = conn.Raw(func(dc any) error {
		w.arrow, err = duckdb.NewArrowFromConn(dc.(driver.Conn))
		return err
	})
	if err == nil {
		_, err = conn.ExecContext(ctx, fmt.Sprintf("set memory_limit = '%s'; set preserve_insertion_order = false", MemoryLimit))
	}
	if err == nil {
		err = checkSchema(ctx, w.conn)
	}
	if err == nil {
		_, err = conn.ExecContext(ctx, schema)
	}
	if err == nil {
		_, err = conn.ExecContext(ctx, fmt.Sprintf("delete from klacht_schema; insert into klacht_schema values (%d)", schemaVersion))
	}
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open warehouse %q: %w", path, err)
	}
	return w, nil
}

// checkSchema refuses a warehouse that has tables but not this schema version.
func checkSchema(ctx context.Context, q interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}) error {
	var tables, version int
	err := q.QueryRowContext(ctx, `select count(*),
		coalesce(max(case when table_name = 'klacht_schema' then 1 end), 0)
		from information_schema.tables where table_schema = 'main'`).Scan(&tables, &version)
	if err != nil || tables == 0 {
		return err
	}
	if version == 1 {
		err = q.QueryRowContext(ctx, "select coalesce(max(version), 0) from klacht_schema").Scan(&version)
	}
	if err == nil && version != schemaVersion {
		err = fmt.Errorf("schema version %d, this klacht has %d: %w", version, schemaVersion, ErrSchema)
	}
	return err
}

// CheckSchema reports ErrSchema if the warehouse at path, opened read-only,
// was built by a klacht with another schema; nil if there is none yet.
func CheckSchema(ctx context.Context, path string) error {
	db, err := openReadOnly(path)
	if errors.Is(err, ErrNoWarehouse) {
		return nil
	}
	if err != nil {
		return err
	}
	defer db.Close()
	if err := checkSchema(ctx, db); err != nil {
		return fmt.Errorf("warehouse %q: %w", path, err)
	}
	return nil
}

// Close closes the warehouse.
func (w *Warehouse) Close() error {
	return errors.Join(w.conn.Close(), w.db.Close())
}

// Exec runs SQL statements on the warehouse.
func (w *Warehouse) Exec(ctx context.Context, query string, args ...any) error {
	_, err := w.conn.ExecContext(ctx, query, args...)
	return err
}

// QueryInt runs a query that returns one integer.
func (w *Warehouse) QueryInt(ctx context.Context, query string, args ...any) (int64, error) {
	var n sql.NullInt64
	err := w.conn.QueryRowContext(ctx, query, args...).Scan(&n)
	return n.Int64, err
}

// Load inserts the stream rr into table, matching columns by name; columns
// of the table that rr lacks get their defaults (null). Text columns are
// cast to the table's types. Conversations go through LoadConversations.
func (w *Warehouse) Load(ctx context.Context, table string, rr array.RecordReader) error {
	if !tableName.MatchString(table) {
		return fmt.Errorf("load: bad table name %q", table)
	}
	return w.fromStream(ctx, table, rr, "insert into {table} by name select * from {view}")
}

// LoadConversations loads a pipeline.Conversation stream into conversations
// (and so the view conversation_categories), stamped with runID.
func (w *Warehouse) LoadConversations(ctx context.Context, runID int, rr array.RecordReader) error {
	// One pass from the stream; what derives from the row is computed here,
	// where it costs least (conversation_id is a generated column).
	return w.fromStream(ctx, "conversations", rr,
		fmt.Sprintf(`insert into conversations by name
select *,
       datediff('day', date_conversation, date_report_sent) as days_to_report,
       datediff('day', date_conversation, date_report_sent) <= 14 as report_within_14_days,
       len(categories) as category_count,
       %d as run_id
from {view}`, runID))
}

// LoadPartnerCells loads a pipeline.PartnerCell stream into partner_cells,
// stamped with runID.
func (w *Warehouse) LoadPartnerCells(ctx context.Context, runID int, rr array.RecordReader) error {
	return w.fromStream(ctx, "partner_cells", rr, fmt.Sprintf("insert into partner_cells by name select *, %d as run_id from {view}", runID))
}

// fromStream registers rr as a view of DuckDB (one Arrow stream, read once)
// and runs the statements, in which {table} is the table and {view} the view.
func (w *Warehouse) fromStream(ctx context.Context, table string, rr array.RecordReader, stmts ...string) error {
	view := "arrow_in_" + table
	release, err := w.arrow.RegisterView(rr, view)
	if err != nil {
		return fmt.Errorf("load %q: %w", table, err)
	}
	defer release()
	defer w.conn.ExecContext(context.Background(), "drop view if exists "+view)
	for _, s := range stmts {
		if err := w.Exec(ctx, strings.NewReplacer("{table}", table, "{view}", view).Replace(s)); err != nil {
			if strings.Contains(err.Error(), "Out of Memory") {
				return fmt.Errorf("load %q: %w\n(raise duckdb_memory_limit, now %s, in the config or KLACHT_DUCKDB_MEMORY_LIMIT)", table, err, MemoryLimit)
			}
			return fmt.Errorf("load %q: %w", table, err)
		}
	}
	return nil
}

// Build runs fn on a working copy of the warehouse at path and, if fn
// succeeds, renames the copy into place. With fresh, the copy starts empty;
// otherwise it starts as a copy of the current warehouse (if any). A failed
// or interrupted build leaves path as it was.
func Build(ctx context.Context, path string, fresh bool, fn func(w *Warehouse) error) error {
	work := path + ".building"
	for _, f := range []string{work, work + ".wal"} {
		if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove leftover %q: %w", f, err)
		}
	}
	published := false
	defer func() {
		if !published {
			os.Remove(work)
			os.Remove(work + ".wal")
		}
	}()
	if !fresh {
		if err := copyFile(path, work); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("copy warehouse: %w", err)
		}
	}
	w, err := open(ctx, work)
	if err != nil {
		return err
	}
	err = fn(w)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return err
	}
	Fault("closed")
	if err := os.Rename(work, path); err != nil {
		return fmt.Errorf("publish warehouse: %w", err)
	}
	published = true
	return nil
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	if err := dst.Sync(); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}

// Query runs a query on the warehouse being built.
func (w *Warehouse) Query(ctx context.Context, query string, args ...any) (*Result, error) {
	return scan(w.conn.QueryContext(ctx, query, args...))
}
