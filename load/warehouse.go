//go:build duckdb_arrow

package load

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strings"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/svmn/klacht/pipeline"
)

//go:embed schema.sql
var schema string

// schemaVersion is the version of schema.sql. A warehouse of an older
// version is brought to it by the migrations (migrations/<n>.sql takes a
// warehouse of version n-1 to n) on the working copy of a build; one of a
// version no migration leads from is refused with what to do, rather than
// failing half-way.
const schemaVersion = 6

//go:embed migrations/*.sql
var migrations embed.FS

// ErrSchema is a warehouse built by a klacht with another schema.
var ErrSchema = errors.New("the warehouse was built by another version of klacht: run klacht rebuild to build it again from the registers")

// MemoryLimit bounds the memory DuckDB uses while building the warehouse
// (config duckdb_memory_limit); beyond it DuckDB spills to disk.
var MemoryLimit = "96MB"

// Warehouse is a DuckDB warehouse file open for writing: the working copy
// of a Build. It implements pipeline.Loader.
type Warehouse struct {
	db    *sql.DB
	conn  *sql.Conn
	arrow *duckdb.Arrow
	run   Run // the run begun (BeginRun); its ID is 0 before
	after int // the last run of the newest warehouse kept beside this one: runs are numbered after it
}

var _ pipeline.Loader = (*Warehouse)(nil)

var tableName = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)

// open opens the DuckDB file at path for writing and brings its schema to
// this version: made anew, or migrated.
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
		err = w.migrate(ctx)
	}
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open warehouse %q: %w", path, err)
	}
	return w, nil
}

// migrate makes the schema, or brings an older one to this version.
func (w *Warehouse) migrate(ctx context.Context) error {
	version, err := versionOf(ctx, w.conn)
	if err != nil {
		return err
	}
	if err := checkVersion(version); err != nil {
		return err
	}
	if _, err := w.conn.ExecContext(ctx, schema); err != nil {
		return err
	}
	for v := version + 1; version > 0 && v <= schemaVersion; v++ {
		step, err := migrations.ReadFile(fmt.Sprintf("migrations/%d.sql", v))
		if err != nil {
			return err
		}
		if _, err := w.conn.ExecContext(ctx, string(step)); err != nil {
			return fmt.Errorf("migrate the schema from version %d to %d: %w", v-1, v, err)
		}
	}
	_, err = w.conn.ExecContext(ctx, fmt.Sprintf("delete from klacht_schema; insert into klacht_schema values (%d)", schemaVersion))
	return err
}

// versionOf returns the schema version of a warehouse: 0 if it has no
// tables (a new one), -1 if it has tables but no version (built before
// klacht kept one).
func versionOf(ctx context.Context, q interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}) (int, error) {
	var tables, versioned int
	err := q.QueryRowContext(ctx, `select count(*),
		coalesce(max(case when table_name = 'klacht_schema' then 1 end), 0)
		from information_schema.tables where table_schema = 'main'`).Scan(&tables, &versioned)
	switch {
	case err != nil || tables == 0:
		return 0, err
	case versioned == 0:
		return -1, nil
	}
	var version int
	err = q.QueryRowContext(ctx, "select coalesce(max(version), -1) from klacht_schema").Scan(&version)
	return version, err
}

// checkVersion refuses a schema version that no migration leads from.
func checkVersion(version int) error {
	if version == 0 || version == schemaVersion || version > 0 && version < schemaVersion && migratable(version) {
		return nil
	}
	return fmt.Errorf("schema version %d, this klacht has %d: %w", version, schemaVersion, ErrSchema)
}

// migratable reports whether there is a migration for every step from
// version to schemaVersion.
func migratable(version int) bool {
	for v := version + 1; v <= schemaVersion; v++ {
		if _, err := fs.Stat(migrations, fmt.Sprintf("migrations/%d.sql", v)); err != nil {
			return false
		}
	}
	return true
}

// CheckSchema reports ErrSchema if the warehouse at path, opened read-only,
// was built by a klacht with a schema this one cannot migrate; nil if there
// is none yet.
func CheckSchema(ctx context.Context, path string) error {
	if err := checkReadable(ctx, path); !errors.Is(err, ErrNoWarehouse) {
		return err
	}
	return nil
}

// checkReadable opens a warehouse file read-only and checks that this
// klacht can read it: ErrNoWarehouse, ErrDamaged or ErrSchema if not.
func checkReadable(ctx context.Context, path string) error {
	db, err := openReadOnly(path)
	if err != nil {
		return err
	}
	defer db.Close()
	version, err := versionOf(ctx, db)
	if err != nil {
		return damaged(path, err)
	}
	if err := checkVersion(version); err != nil {
		return fmt.Errorf("warehouse %q: %w", path, err)
	}
	return nil
}

// ErrDamaged is a warehouse file that DuckDB cannot read.
var ErrDamaged = errors.New("the warehouse is damaged")

// damagedError is ErrDamaged for one file, with what DuckDB said.
type damagedError struct{ path, duckdb string }

func (e *damagedError) Error() string {
	return fmt.Sprintf("warehouse %q is damaged, or is not a DuckDB file: DuckDB cannot read it (%s). 'klacht rollback' publishes the last warehouse kept before it; 'klacht rebuild' builds one anew from the registers",
		e.path, e.duckdb)
}

func (e *damagedError) Is(target error) bool { return target == ErrDamaged }

// damaged says so of an error DuckDB gives for a file it cannot read (cut
// off by a full or failing disk, or not a DuckDB file at all), with what to
// do; other errors it returns as they are.
func damaged(path string, err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	i := strings.Index(msg, "IO Error: ")
	if i < 0 || !strings.Contains(msg, "Could not read enough bytes") && !strings.Contains(msg, "not a valid DuckDB database file") {
		return err
	}
	return &damagedError{path, strings.TrimSpace(msg[i+len("IO Error: "):])}
}

// Close closes the warehouse.
func (w *Warehouse) Close() error {
	return errors.Join(w.conn.Close(), w.db.Close())
}

// exec runs one SQL statement on the warehouse.
func (w *Warehouse) exec(ctx context.Context, query string, args ...any) error {
	_, err := w.conn.ExecContext(ctx, query, args...)
	return err
}

// BuildOptions say how Build makes and publishes its working copy.
type BuildOptions struct {
	Fresh bool // start from an empty warehouse, not a copy of the current one
	Keep  int  // keep the warehouse it replaces as a generation, and so many in all (keep_generations)
	// Warn is told what went wrong beside the build, such as a replaced
	// warehouse that could not be kept; the build is published all the same.
	Warn func(msg string, err error)
}

// Build runs fn on a working copy of the warehouse at path and, if fn
// succeeds, renames the copy into place, keeping the warehouse it replaces
// as a generation. With o.Fresh the copy starts empty; otherwise it starts
// as a copy of the current warehouse (if any). A failed or interrupted
// build leaves path as it was.
func Build(ctx context.Context, path string, o BuildOptions, fn func(w *Warehouse) error) error {
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
	if !o.Fresh {
		if err := copyFile(path, work); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("copy warehouse: %w", err)
		}
	}
	w, err := open(ctx, work)
	if err != nil {
		return damaged(path, err)
	}
	w.after = newestGeneration(path)
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
	if err := keepGeneration(ctx, path, o.Keep, 0); err != nil && o.Warn != nil {
		o.Warn("the warehouse being replaced is not kept for klacht rollback", err)
	}
	Fault("kept")
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
