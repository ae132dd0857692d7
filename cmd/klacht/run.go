package main

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/svmn/klacht/config"
	"github.com/svmn/klacht/extract"
	"github.com/svmn/klacht/load"
	"github.com/svmn/klacht/pipeline"
	"github.com/svmn/klacht/transform"
)

// summary is what a run reports.
type summary struct {
	command       string
	unchanged     bool // import found nothing to do: nothing was written
	db, input     string
	runID, year   int
	files         []pipeline.FileStat
	skipped       int      // unchanged files, not read again
	retired       []string // files gone from the input: their rows went to history
	closed        []string // changes to closed years: "2020: file"
	rejects       int64
	notes         int
	years         [][2]int64 // year, conversations
	conversations int64
	partners      []string // "akj 2021: 3 tables"
}

func (s summary) print(w io.Writer) {
	var read, loaded, rejected int64
	counts := map[string]int{}
	for _, f := range s.files {
		counts[f.Status]++
		read += f.RowsRead
		loaded += f.RowsLoaded
		rejected += f.RowsRejected
	}
	scope := "all years"
	if s.year != 0 {
		scope = fmt.Sprintf("year %d", s.year)
	}
	fmt.Fprintf(w, "klacht %s (%s): warehouse %s, run %d, input %s\n", s.command, scope, s.db, s.runID, s.input)
	fmt.Fprintf(w, "  files:    %d loaded, %d failed, %d ignored, %d unchanged, %d retired\n", counts[pipeline.StatusLoaded],
		counts[pipeline.StatusFailed], counts[pipeline.StatusIgnored], s.skipped, len(s.retired))
	fmt.Fprintf(w, "  rows:     %d read, %d loaded, %d rejected\n", read, loaded, rejected)
	fmt.Fprintf(w, "  rejects:  %d (klacht query rejects), notes: %d (table run_notes)\n", s.rejects, s.notes)
	var ys []string
	for _, y := range s.years {
		ys = append(ys, fmt.Sprintf("%d: %d", y[0], y[1]))
	}
	fmt.Fprintf(w, "  years:    %s (conversations in the warehouse: %d)\n", strings.Join(ys, ", "), s.conversations)
	fmt.Fprintf(w, "  partners: %s (partner tables in the warehouse)\n", strings.Join(s.partners, ", "))
	for _, c := range s.closed {
		fmt.Fprintf(w, "  CLOSED YEAR CHANGED: %s\n", c)
	}
	if s.command == "import" && len(s.files) > 0 {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  file\tstatus\tread\tloaded\trejected\tskipped rows\tproblems")
		for _, f := range s.files {
			fmt.Fprintf(tw, "  %s\t%s\t%d\t%d\t%d\t%d\t%d\n", f.File, f.Status, f.RowsRead, f.RowsLoaded, f.RowsRejected, f.RowsSkipped, f.Problems)
		}
		tw.Flush()
	}
}

// runOptions say what a run loads.
type runOptions struct {
	command string            // rebuild or import
	data    config.Data       // the reviewed reference data
	year    int               // rebuild only this register year (0: all)
	fresh   bool              // start from an empty warehouse
	only    map[string]bool   // the files to read (nil: all)
	retire  map[string]string // files whose current rows go to history once their new version loads: file -> reason (changed, removed)
	hashes  map[string]source // the input's files and their content, for the manifest
	skipped int               // unchanged files not read again
	// closedBefore: a change to a year before it is flagged (a closed year).
	closedBefore int
}

// source is a file of the input and its content hash.
type source struct {
	sha256 string
	size   int64
}

// load runs the pipeline on the input into a working copy of the warehouse
// and publishes it when everything succeeded.
func (a *app) load(ctx context.Context, opts runOptions) (summary, error) {
	cfg := a.cfg
	year, data := opts.year, opts.data
	journal := pipeline.NewJournal()
	total := len(opts.hashes) - 1 // less the reference data
	if opts.only != nil {
		total = len(opts.only)
	}
	journal.OnFileDone = a.progress(total)
	lim := extract.Limits{UnzipBytes: cfg.MaxUnzipBytes, Ratio: cfg.MaxUnzipRatio, SheetCells: cfg.MaxSheetCells,
		Columns: cfg.MaxColumns, CellBytes: cfg.MaxCellBytes, SharedBytes: cfg.MaxSharedBytes}
	x := &extract.Registers{
		Limits:           lim,
		Workers:          cfg.Workers,
		Aliases:          aliases(data.Headers),
		CategoryNames:    categoryNames(data.Synonyms),
		SkipSheets:       cfg.SkipSheets,
		HeaderScanRows:   cfg.HeaderScanRows,
		MinHeaderMatches: cfg.MinHeaderMatches,
		BatchSize:        cfg.BatchSize,
		Only:             opts.only,
		Journal:          journal,
	}
	t := &transform.Registers{
		Synonyms:  synonyms(data.Synonyms),
		Regions:   regions(data.Regions),
		Names:     orgNames(data.Organisations),
		Validity:  validity(data),
		HashKey:   cfg.HashKey,
		Year:      year,
		BatchSize: cfg.BatchSize,
		Workers:   cfg.Workers,
		Journal:   journal,
	}
	partners := &extract.Partners{
		Specs:        partnerSpecs(data.PartnerTables),
		Names:        partnerNames(data.PartnerFiles),
		MaxFileBytes: cfg.MaxPartnerBytes,
		Limits:       lim,
		Year:         year,
		Only:         opts.only,
		BatchSize:    cfg.BatchSize,
		Journal:      journal,
	}
	s := summary{command: opts.command, db: cfg.DB, input: cfg.Input, year: year, skipped: opts.skipped}
	started := time.Now()
	// Reading starts at once: shared strings and the first batches are read
	// while DuckDB opens the warehouse and loads the reference data.
	raw, err := x.Extract(ctx, cfg.Input)
	if err != nil {
		return s, err
	}
	defer raw.Release()
	conv, err := t.Transform(ctx, raw)
	if err != nil {
		return s, err
	}
	defer conv.Release()
	err = load.Build(ctx, cfg.DB, opts.fresh, func(w *load.Warehouse) error {
		if opts.fresh {
			if err := keepHistory(ctx, w, cfg.DB); err != nil {
				a.log.Warn("run history of the previous warehouse not kept", "err", err)
			}
		}
		runID, err := w.QueryInt(ctx, "select coalesce(max(run_id), 0) + 1 from runs")
		if err != nil {
			return err
		}
		s.runID = int(runID)
		if err := clearYear(ctx, w, year); err != nil {
			return err
		}
		if err := loadReference(ctx, w, data, cfg.PublishedDir, journal); err != nil {
			return err
		}
		if err := w.LoadConversations(ctx, s.runID, conv); err != nil {
			return err
		}
		cells, err := partners.Extract(ctx, cfg.Input)
		if err != nil {
			return err
		}
		defer cells.Release()
		if err := w.LoadPartnerCells(ctx, s.runID, cells); err != nil {
			return err
		}
		for _, rr := range []interface{ Err() error }{raw, conv, cells} {
			if err := rr.Err(); err != nil {
				return err
			}
		}
		load.Fault("loaded")
		if err := settleFiles(ctx, w, s.runID, journal, opts, &s); err != nil {
			return err
		}
		if err := partnerViews(ctx, w, partners); err != nil {
			return err
		}
		s.files = journal.Files()
		s.rejects = int64(len(journal.Rejects()))
		s.notes = len(journal.Notes())
		for _, c := range s.closed {
			journal.Note(pipeline.Location{}, "closed year changed: "+c)
		}
		if err := writeJournal(ctx, w, s.runID, opts, cfg.Input, started, journal, &s); err != nil {
			return err
		}
		return yearCounts(ctx, w, &s)
	})
	return s, err
}

// settleFiles finishes the run file by file: a failed file keeps nothing of
// this run and, if it was loaded before, keeps its earlier rows; a file that
// loaded, or is gone, sends its earlier rows to history. Changes to closed
// years are noted, and the manifest is brought up to date.
func settleFiles(ctx context.Context, w *load.Warehouse, runID int, j *pipeline.Journal, opts runOptions, s *summary) error {
	failed := map[string]bool{}
	for _, f := range j.Files() {
		if f.Status != pipeline.StatusFailed {
			continue
		}
		failed[f.File] = true
		// A file that failed part-way may have sent rows before it failed.
		if err := execEach(ctx, w, []any{f.File, runID},
			`delete from conversations where source_file = $1 and run_id = $2`,
			`delete from partner_cells where source_file = $1 and run_id = $2`); err != nil {
			return err
		}
	}
	for file, reason := range opts.retire {
		if failed[file] {
			continue // the earlier version stays until a new one can be read
		}
		// The years the change touches: those of the earlier and of the new rows.
		years, err := w.Query(ctx, `select year from conversations where source_file = $1
			union select year from partner_cells where source_file = $1
			order by 1`, file)
		if err != nil {
			return err
		}
		for _, r := range years.Rows {
			if y := int(r[0].(int32)); y < opts.closedBefore {
				s.closed = append(s.closed, fmt.Sprintf("%d: %s %s", y, file, reason))
			}
		}
		err = execAll(ctx, w,
			stmt{`insert into conversations_history select *, $2, $3 from conversations where source_file = $1 and run_id < $2`, []any{file, runID, reason}},
			stmt{`delete from conversations where source_file = $1 and run_id < $2`, []any{file, runID}},
			stmt{`insert into partner_cells_history select *, $2, $3 from partner_cells where source_file = $1 and run_id < $2`, []any{file, runID, reason}},
			stmt{`delete from partner_cells where source_file = $1 and run_id < $2`, []any{file, runID}},
			stmt{`delete from rejects where source_file = $1 and run_id < $2`, []any{file, runID}})
		if err != nil {
			return err
		}
		if reason == "removed" {
			s.retired = append(s.retired, file)
			if err := w.Exec(ctx, `update source_files set status = 'retired', retired_run = $2
				where source_file = $1 and status = 'current'`, file, runID); err != nil {
				return err
			}
		}
	}
	slices.Sort(s.closed)
	slices.Sort(s.retired)
	if opts.year != 0 {
		return nil // a one-year rebuild leaves the manifest: the next import reloads any changed file whole
	}
	for file, src := range opts.hashes {
		if failed[file] || (opts.only != nil && !opts.only[file]) {
			continue
		}
		err := execAll(ctx, w,
			stmt{`delete from source_files where source_file = $1 and status = 'current'`, []any{file}},
			stmt{`insert into source_files values ($1, $2, $3, 'current', $4, null)`, []any{file, src.sha256, src.size, runID}})
		if err != nil {
			return err
		}
	}
	return nil
}

// keepHistory copies the run log of the warehouse being replaced; columns
// that an older warehouse lacks get their defaults.
func keepHistory(ctx context.Context, w *load.Warehouse, db string) error {
	if _, err := os.Stat(db); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err := w.Exec(ctx, fmt.Sprintf(`attach '%s' as previous (read_only)`, strings.ReplaceAll(db, "'", "''"))); err != nil {
		return err
	}
	defer w.Exec(context.Background(), "detach previous")
	return execAll(ctx, w,
		stmt{"insert into runs by name select * from previous.runs", nil},
		stmt{"insert into run_files by name select * from previous.run_files", nil})
}

func clearYear(ctx context.Context, w *load.Warehouse, year int) error {
	if year == 0 {
		return nil
	}
	return execEach(ctx, w, []any{year},
		`delete from conversations where year = $1`,
		`delete from partner_cells where year = $1`,
		`delete from rejects where year = $1 or year is null`)
}

// stmt is one SQL statement and its arguments.
type stmt struct {
	sql  string
	args []any
}

// execAll runs statements one by one (DuckDB binds arguments to the last
// statement of a multi-statement string only).
func execAll(ctx context.Context, w *load.Warehouse, stmts ...stmt) error {
	for _, s := range stmts {
		if err := w.Exec(ctx, s.sql, s.args...); err != nil {
			return err
		}
	}
	return nil
}

// execEach runs each statement with the same arguments.
func execEach(ctx context.Context, w *load.Warehouse, args []any, sqls ...string) error {
	stmts := make([]stmt, len(sqls))
	for i, s := range sqls {
		stmts[i] = stmt{s, args}
	}
	return execAll(ctx, w, stmts...)
}

// loadReference replaces the reference tables with the reviewed data and the
// printed totals (if the published folder is there).
func loadReference(ctx context.Context, w *load.Warehouse, data config.Data, published string, j *pipeline.Journal) error {
	tables := data.Tables()
	path := filepath.Join(published, "totals.csv")
	totals, err := readCSV(path)
	switch {
	case err == nil:
		tables = append(tables, config.Table{Name: "printed_totals", Header: totals[0], Rows: totals[1:]})
	case errors.Is(err, fs.ErrNotExist):
		j.Note(pipeline.Location{File: path}, "no printed totals (published_dir): klacht check has nothing to compare")
	default:
		return err
	}
	for _, t := range tables {
		if err := w.Exec(ctx, "delete from "+t.Name); err != nil {
			return err
		}
		if err := loadTable(ctx, w, t); err != nil {
			return err
		}
	}
	return nil
}

// loadTable appends the rows of a text table to the table of its name.
func loadTable(ctx context.Context, w *load.Warehouse, t config.Table) error {
	rr := pipeline.Strings(t.Header, t.Rows)
	defer rr.Release()
	return w.Load(ctx, t.Name, rr)
}

func readCSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("read %s: empty", path)
	}
	return recs, nil
}

// writeJournal stores the run, its files, rejects and notes.
func writeJournal(ctx context.Context, w *load.Warehouse, runID int, opts runOptions, input string, started time.Time, j *pipeline.Journal, s *summary) error {
	skipped := s.skipped
	year := opts.year
	id := strconv.Itoa(runID)
	files := j.Files()
	rejects := j.Rejects()
	var fileRows, rejectRows, noteRows [][]string
	var read, loaded, rejected, failed int64
	for _, f := range files {
		fileRows = append(fileRows, []string{id, f.File, f.Status, itoa(int64(f.Sheets)), itoa(f.RowsRead), itoa(f.RowsLoaded),
			itoa(f.RowsRejected), itoa(f.RowsSkipped), itoa(f.Problems), f.Message})
		read, loaded, rejected = read+f.RowsRead, loaded+f.RowsLoaded, rejected+f.RowsRejected
		if f.Status == pipeline.StatusFailed {
			failed++
		}
	}
	for _, r := range rejects {
		y := ""
		if r.Year != 0 {
			y = strconv.Itoa(r.Year)
		}
		row := ""
		if r.Loc.Row > 0 {
			row = strconv.Itoa(r.Loc.Row)
		}
		cell := r.Loc.Cell
		if r.Loc.Sheet == "" && r.Loc.Col > 0 { // a text file: line:column
			cell = fmt.Sprintf("%d:%d", r.Loc.Row, r.Loc.Col)
		}
		rejectRows = append(rejectRows, []string{id, y, r.Loc.File, r.Loc.Sheet, cell, row, r.Field, r.Value,
			r.Err.Error(), strconv.FormatBool(r.RowRejected)})
	}
	for _, n := range j.Notes() {
		noteRows = append(noteRows, []string{id, n.Loc.File, n.Loc.Sheet, n.Loc.Cell, n.Message})
	}
	yearText := ""
	if year != 0 {
		yearText = strconv.Itoa(year)
	}
	status := "ok"
	if len(rejects) > 0 {
		status = "rejects"
	}
	now := time.Now().UTC().Format(time.RFC3339Nano)
	for file := range opts.hashes {
		if opts.only != nil && !opts.only[file] && file != referenceFile {
			fileRows = append(fileRows, []string{id, file, "unchanged", "0", "0", "0", "0", "0", "0", "unchanged since the run that loaded it (table source_files)"})
		}
	}
	runRow := []string{id, opts.command, yearText, input, started.UTC().Format(time.RFC3339Nano), now,
		itoa(int64(len(files))), itoa(failed), itoa(int64(skipped)), itoa(int64(len(s.retired))), strings.Join(s.closed, "; "),
		itoa(read), itoa(loaded), itoa(rejected), itoa(int64(len(rejects))), status}
	for _, t := range []config.Table{
		{Name: "run_files", Header: []string{"run_id", "source_file", "status", "sheets", "rows_read", "rows_loaded", "rows_rejected", "rows_skipped", "problems", "message"}, Rows: fileRows},
		{Name: "rejects", Header: []string{"run_id", "year", "source_file", "sheet", "cell", "source_row", "field", "raw_value", "reason", "row_rejected"}, Rows: rejectRows},
		{Name: "run_notes", Header: []string{"run_id", "source_file", "sheet", "cell", "message"}, Rows: noteRows},
		{Name: "runs", Header: []string{"run_id", "command", "year", "input", "started_at", "finished_at", "files", "files_failed",
			"files_unchanged", "files_retired", "closed_year_changes", "rows_read", "rows_loaded", "rows_rejected", "rejects", "status"}, Rows: [][]string{runRow}},
	} {
		if len(t.Rows) == 0 {
			continue
		}
		if err := loadTable(ctx, w, t); err != nil {
			return err
		}
	}
	return nil
}

func yearCounts(ctx context.Context, w *load.Warehouse, s *summary) error {
	res, err := w.Query(ctx, "select year, count(*) from conversations group by year order by year")
	if err != nil {
		return err
	}
	for _, r := range res.Rows {
		y := [2]int64{int64(r[0].(int32)), r[1].(int64)}
		s.years = append(s.years, y)
		s.conversations += y[1]
	}
	res, err = w.Query(ctx, "select partner, year, count(distinct table_name) from partner_cells group by all order by all")
	if err != nil {
		return err
	}
	for _, r := range res.Rows {
		s.partners = append(s.partners, fmt.Sprintf("%s %d: %d", r[0], r[1], r[2]))
	}
	return nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
