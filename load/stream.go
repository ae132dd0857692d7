//go:build duckdb_arrow

package load

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/svmn/klacht/pipeline"
)

// Tables that take the streams of the pipeline's contract.
const (
	Conversations = "conversations"    // pipeline.Conversation
	PartnerCells  = "partner_cells"    // pipeline.PartnerCell
	runFiles      = "run_files"        // pipeline.FileRecord
	rejects       = "rejects"          // pipeline.RejectRecord
	runNotes      = "run_notes"        // pipeline.NoteRecord
	sheetColumns  = "register_columns" // pipeline.ColumnRecord
)

// contract says, for each table that takes a stream of the pipeline's
// contract, the stream's schema and the statement (in run.sql) that loads
// it, stamped with the run.
var contract = map[string]struct {
	schema    *arrow.Schema
	statement string
}{
	Conversations: {pipeline.Conversation, "insert_conversations"},
	PartnerCells:  {pipeline.PartnerCell, "insert_with_run"},
	runFiles:      {pipeline.FileRecord, "insert_with_run"},
	rejects:       {pipeline.RejectRecord, "insert_with_run"},
	runNotes:      {pipeline.NoteRecord, "insert_with_run"},
	sheetColumns:  {pipeline.ColumnRecord, "insert_with_run"},
}

// Load inserts the stream rr into table, matching columns by name. A table
// of the contract (Conversations, PartnerCells) takes only a stream of its
// schema, and stamps each row with the run begun (BeginRun); any other
// table takes text columns it has, cast to its types, and columns the
// stream lacks get their defaults (null).
func (w *Warehouse) Load(ctx context.Context, table string, rr array.RecordReader) error {
	if !tableName.MatchString(table) {
		return fmt.Errorf("load: bad table name %q", table)
	}
	statement := "insert"
	if c, ok := contract[table]; ok {
		if !rr.Schema().Equal(c.schema) {
			return fmt.Errorf("load %q: the stream's schema is %s, want that of its table's contract, %s", table, rr.Schema(), c.schema)
		}
		if w.run.ID == 0 {
			return fmt.Errorf("load %q: no run begun (BeginRun) to stamp the rows with", table)
		}
		statement = c.statement
	} else if err := w.checkColumns(ctx, table, rr.Schema()); err != nil {
		return err
	}
	return w.fromStream(ctx, table, rr, statement)
}

// ReplaceTable replaces the rows of a table outside the contract, such as
// a reference table, with the stream rr.
func (w *Warehouse) ReplaceTable(ctx context.Context, table string, rr array.RecordReader) error {
	if _, ok := contract[table]; ok || !tableName.MatchString(table) {
		return fmt.Errorf("load: table %q cannot be replaced whole", table)
	}
	if err := w.exec(ctx, "delete from "+table); err != nil {
		return fmt.Errorf("replace %q: %w", table, err)
	}
	return w.Load(ctx, table, rr)
}

// checkColumns refuses a stream with a column the table lacks, or one that
// is not text.
func (w *Warehouse) checkColumns(ctx context.Context, table string, s *arrow.Schema) error {
	res, err := scan(w.conn.QueryContext(ctx, `select column_name from information_schema.columns
		where table_schema = 'main' and table_name = $1`, table))
	if err != nil {
		return fmt.Errorf("load %q: %w", table, err)
	}
	if len(res.Rows) == 0 {
		return fmt.Errorf("load %q: the warehouse has no such table", table)
	}
	var have []string
	for _, r := range res.Rows {
		have = append(have, r[0].(string))
	}
	for _, f := range s.Fields() {
		if !slices.Contains(have, f.Name) {
			return fmt.Errorf("load %q: the stream has a column %q, which the table lacks (it has %s)", table, f.Name, strings.Join(have, ", "))
		}
		if f.Type.ID() != arrow.STRING {
			return fmt.Errorf("load %q: column %q is %s; a table outside the contract takes text", table, f.Name, f.Type)
		}
	}
	return nil
}

// fromStream registers rr as a view of DuckDB (one Arrow stream, read once)
// and runs the statement of run.sql named statement on it, in which {table}
// is the table and {view} the view; then it returns the stream's error, if
// it ended in one.
func (w *Warehouse) fromStream(ctx context.Context, table string, rr array.RecordReader, statement string) error {
	view := "arrow_in_" + table
	release, err := w.arrow.RegisterView(rr, view)
	if err != nil {
		return fmt.Errorf("load %q: %w", table, err)
	}
	defer release()
	defer w.conn.ExecContext(context.Background(), "drop view if exists "+view)
	err = w.applyFilled(ctx, statement, map[string]any{"run": w.run.ID}, map[string]string{"table": table, "view": view})
	if err != nil {
		if strings.Contains(err.Error(), "Out of Memory") {
			return fmt.Errorf("load %q: %w\n(raise duckdb_memory_limit, now %s, in the config or KLACHT_DUCKDB_MEMORY_LIMIT)", table, err, MemoryLimit)
		}
		return fmt.Errorf("load %q: %w", table, err)
	}
	// A stream that ended in an error (its producer failed, or the run was
	// cancelled) is not loaded, however many rows it gave: the build fails.
	return rr.Err()
}
