//go:build duckdb_arrow

package load

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/svmn/klacht/pipeline"
)

// Run is one run of import or rebuild, as the warehouse records it.
type Run struct {
	ID      int    // run_id, numbered by BeginRun
	Command string // rebuild or import
	Year    int    // the register year rebuilt; 0: all
	Input   string // the input folder
	Started time.Time
}

// Why a file's earlier rows go to history.
const (
	Changed = "changed" // the file's content changed: its new rows replace them
	Removed = "removed" // the file is gone from the input
)

// BeginRun numbers the run r (one more than the last in runs) and returns
// its ID; everything loaded from now on is stamped with it.
func (w *Warehouse) BeginRun(ctx context.Context, r Run) (int, error) {
	res, err := rows(ctx, w.conn, "next_run", map[string]any{"after": w.after})
	if err != nil {
		return 0, err
	}
	r.ID = int(intOf(res.Rows[0][0]))
	w.run = r
	return r.ID, nil
}

// KeepRunLog copies the run log (runs, run_files) of the warehouse at
// previous, which a fresh build replaces, so that the run numbers go on and
// klacht status keeps its history. No warehouse there is no error.
func (w *Warehouse) KeepRunLog(ctx context.Context, previous string) error {
	if _, err := os.Stat(previous); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err := w.exec(ctx, fmt.Sprintf(`attach %s as previous (read_only)`, quote(previous))); err != nil {
		return err
	}
	defer w.exec(context.Background(), "detach previous")
	return w.apply(ctx, "copy_run_log", nil)
}

// ClearYear deletes the rows of register year (and the rejects of no year)
// before a rebuild of that year loads them again; year 0 clears nothing.
func (w *Warehouse) ClearYear(ctx context.Context, year int) error {
	if year == 0 {
		return nil
	}
	return w.apply(ctx, "clear_year", map[string]any{"year": year})
}

// Settlement says how a run ends, file by file.
type Settlement struct {
	// Failed files could not be read this run: what they sent before
	// failing is dropped, their earlier rows stay, and the manifest keeps
	// their earlier version, so that the next run tries them again.
	Failed map[string]bool
	// Retire holds the files whose earlier rows go to history, with why:
	// Changed or Removed.
	Retire map[string]string
	// ClosedBefore is the first open year: a change to rows of a year before
	// it is flagged.
	ClosedBefore int
	// Manifest holds the files read and their content, and the reference
	// data; nil leaves the manifest as it is (a rebuild of one year: the next
	// import reloads any changed file whole).
	Manifest *Manifest
}

// Settled is what settling the run did.
type Settled struct {
	Retired []string // files gone from the input, whose rows went to history; sorted
	Closed  []string // changes to closed years, "2019: file changed"; sorted
}

// Settle finishes the run file by file (see Settlement) and brings the
// manifest up to date.
func (w *Warehouse) Settle(ctx context.Context, s Settlement) (Settled, error) {
	var out Settled
	for _, file := range slices.Sorted(maps.Keys(s.Failed)) {
		if err := w.apply(ctx, "discard_failed", map[string]any{"file": file, "run": w.run.ID}); err != nil {
			return out, err
		}
	}
	for _, file := range slices.Sorted(maps.Keys(s.Retire)) {
		if s.Failed[file] {
			continue // the earlier version stays until a new one can be read
		}
		reason := s.Retire[file]
		closed, err := w.retire(ctx, file, reason, s.ClosedBefore)
		if err != nil {
			return out, err
		}
		out.Closed = append(out.Closed, closed...)
		if reason == Removed {
			out.Retired = append(out.Retired, file)
		}
	}
	slices.Sort(out.Closed)
	if s.Manifest == nil {
		return out, nil
	}
	return out, w.recordManifest(ctx, *s.Manifest, s.Failed)
}

// retire moves the earlier rows of file to history and, if it is removed,
// marks it retired in the manifest. It returns the changes to closed years.
func (w *Warehouse) retire(ctx context.Context, file, reason string, closedBefore int) ([]string, error) {
	args := map[string]any{"file": file, "run": w.run.ID, "reason": reason}
	years, err := rows(ctx, w.conn, "years_of_file", args)
	if err != nil {
		return nil, err
	}
	var closed []string
	for _, r := range years.Rows {
		if y := int(intOf(r[0])); y < closedBefore {
			closed = append(closed, fmt.Sprintf("%d: %s %s", y, file, reason))
		}
	}
	if err := w.apply(ctx, "retire_file", args); err != nil {
		return nil, err
	}
	if reason == Removed {
		return closed, w.apply(ctx, "retire_manifest", args)
	}
	return closed, nil
}

// recordManifest makes each file of m that did not fail, and m's reference
// data, the current version.
func (w *Warehouse) recordManifest(ctx context.Context, m Manifest, failed map[string]bool) error {
	for _, file := range slices.Sorted(maps.Keys(m.Files)) {
		if failed[file] {
			continue
		}
		src := m.Files[file]
		if err := w.apply(ctx, "record_file", map[string]any{"file": file, "sha256": src.SHA256, "size": src.Size, "run": w.run.ID}); err != nil {
			return err
		}
	}
	var key any
	if m.ClientKey != "" {
		key = m.ClientKey
	}
	return w.apply(ctx, "record_loaded_with", map[string]any{"reference": m.Reference, "client_key": key, "run": w.run.ID})
}

// RecordRun writes the run log of the run begun: its files (those read, as
// j has them, and the unchanged ones not read again), its rejects and notes
// (with the changes to closed years), the columns of the registers read
// (which replace those an earlier run found in the same files), and its row
// in runs, whose totals are those of its files and rejects.
func (w *Warehouse) RecordRun(ctx context.Context, j *pipeline.Journal, unchanged []string, settled Settled) error {
	files := j.Files()
	for _, f := range unchanged {
		files = append(files, pipeline.FileStat{File: f, Status: pipeline.StatusUnchanged,
			Message: "unchanged since the run that loaded it (table source_files)"})
	}
	notes := j.Notes()
	for _, c := range settled.Closed {
		notes = append(notes, pipeline.Note{Message: "closed year changed: " + c})
	}
	for table, rr := range map[string]array.RecordReader{
		runFiles: pipeline.FileRecords(files), rejects: pipeline.RejectRecords(j.Rejects()), runNotes: pipeline.NoteRecords(notes),
		sheetColumns: pipeline.ColumnRecords(readColumns(j)),
	} {
		err := w.Load(ctx, table, rr)
		rr.Release()
		if err != nil {
			return err
		}
	}
	if err := w.apply(ctx, "settle_columns", map[string]any{"run": w.run.ID}); err != nil {
		return err
	}
	var year, closed any
	if w.run.Year != 0 {
		year = w.run.Year
	}
	if len(settled.Closed) > 0 {
		closed = strings.Join(settled.Closed, "; ")
	}
	return w.apply(ctx, "record_run", map[string]any{"run": w.run.ID, "command": w.run.Command, "year": year, "input": w.run.Input,
		"started_at": w.run.Started.UTC().Format(time.RFC3339Nano), "finished_at": time.Now().UTC().Format(time.RFC3339Nano),
		"files_retired": len(settled.Retired), "closed_year_changes": closed})
}

// readColumns are the columns of the data sheets of the files read in full:
// a file that failed keeps the columns of the run that loaded it.
func readColumns(j *pipeline.Journal) []pipeline.SheetColumn {
	failed := map[string]bool{}
	for _, f := range j.Files() {
		failed[f.File] = f.Status == pipeline.StatusFailed
	}
	var out []pipeline.SheetColumn
	for _, c := range j.Columns() {
		if !failed[c.Loc.File] {
			out = append(out, c)
		}
	}
	return out
}

// Counts is what the warehouse holds, for a run's summary.
type Counts struct {
	Years    []YearCount    // conversations per register year, by year
	Partners []PartnerCount // partner tables per partner and report year
}

// YearCount is the conversations of a register year.
type YearCount struct {
	Year          int
	Conversations int64
}

// PartnerCount is the tables of a partner's report of a year.
type PartnerCount struct {
	Partner string
	Year    int
	Tables  int64
}

// Counts counts what the warehouse being built holds.
func (w *Warehouse) Counts(ctx context.Context) (Counts, error) { return counts(ctx, w.conn) }

// ReadCounts counts what the published warehouse at path holds, opened
// read-only: nothing if there is none.
func ReadCounts(ctx context.Context, path string) (Counts, error) {
	db, err := openReadOnly(path)
	if errors.Is(err, ErrNoWarehouse) {
		return Counts{}, nil
	}
	if err != nil {
		return Counts{}, err
	}
	defer db.Close()
	c, err := counts(ctx, db)
	return c, damaged(path, err)
}

func counts(ctx context.Context, q querier) (Counts, error) {
	var c Counts
	years, err := rows(ctx, q, "year_counts", nil)
	if err != nil {
		return c, err
	}
	for _, r := range years.Rows {
		c.Years = append(c.Years, YearCount{int(intOf(r[0])), intOf(r[1])})
	}
	partners, err := rows(ctx, q, "partner_counts", nil)
	if err != nil {
		return c, err
	}
	for _, r := range partners.Rows {
		c.Partners = append(c.Partners, PartnerCount{r[0].(string), int(intOf(r[1])), intOf(r[2])})
	}
	return c, nil
}
