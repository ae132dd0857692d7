package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/svmn/klacht/pipeline"
)

// Registers extracts the regional complaint registers: every .xlsx, .xlsm
// and .ods under the source folder. It implements pipeline.Extractor.
type Registers struct {
	Aliases          map[string]string // pipeline.FoldHeader(alias) -> canonical field
	CategoryNames    []string          // category names that may head a column of their own, marked yes/no
	SkipSheets       []string          // sheets that are never data (Dashboard, Lijsten, ...)
	HeaderScanRows   int               // how many rows to search for the header row
	MinHeaderMatches int               // how many cells of a row must match aliases to make it the header
	BatchSize        int               // rows per Arrow record batch
	Limits           Limits            // bounds against hostile files (zero: DefaultLimits)
	Workers          int               // files read at once (0: one per core)
	Only             map[string]bool   // if not nil, only these files (relative to the source) are read; the caller accounts for the others
	Journal          *pipeline.Journal
	// OnSheet, if set, is told how each sheet was read: klacht inspect.
	OnSheet func(SheetLayout)
}

// SheetLayout is how Registers read one sheet.
type SheetLayout struct {
	File, Sheet           string
	Status                string         // "data", or why the sheet was not read as data
	HeaderRow             int            // 0: none found
	Title                 string         // the text of the title rows above the header
	Columns               []ColumnLayout // the columns read, in order
	Unknown               []ColumnLayout // columns no header alias matches: ignored
	RowsRead, RowsSkipped int64
}

// ColumnLayout is a column of a sheet and the field it is.
type ColumnLayout struct {
	Column int // 1-based
	Header string
	Field  string // a canonical field (pipeline.Field...); empty for an unknown column
}

var _ pipeline.Extractor = (*Registers)(nil)

// column is a recognised column of a data sheet.
type column struct {
	index  int // 0-based
	slot   int // where it goes in pipeline.Raw (see slotCategory)
	header string
	field  string
}

// Extract streams the data rows of every register under src in the
// pipeline.Raw schema. A file that cannot be read is recorded in the Journal
// and the others still load; Excel lock files (~$...) are ignored.
func (x *Registers) Extract(ctx context.Context, src string) (array.RecordReader, error) {
	root, files, err := Files(src, RegisterExts...)
	if err != nil {
		return nil, err
	}
	return pipeline.Stream(ctx, pipeline.Raw, func(ctx context.Context, emit pipeline.Emit) error {
		var todo []string
		for _, rel := range files {
			kind, why := Classify(rel)
			switch {
			case x.Only != nil && !x.Only[rel]:
			case kind == KindIgnored:
				x.Journal.Ignore(rel, why)
			default:
				todo = append(todo, rel)
			}
		}
		// Files are read in parallel, each worker filling batches of its own.
		workers := x.Workers
		if workers <= 0 {
			workers = runtime.NumCPU()
		}
		jobs := make(chan string)
		errs := make(chan error, workers)
		var wg sync.WaitGroup
		for range min(workers, max(len(todo), 1)) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				b := newRawBatch(emit, x.BatchSize)
				for rel := range jobs {
					if err := x.readFile(ctx, root, rel, b); err != nil {
						errs <- err
						return
					}
				}
				if err := b.flush(); err != nil {
					errs <- err
				}
			}()
		}
	feed:
		for _, rel := range todo {
			select {
			case jobs <- rel:
			case <-ctx.Done():
				break feed
			case err := <-errs:
				errs <- err
				break feed
			}
		}
		close(jobs)
		wg.Wait()
		close(errs)
		if err := <-errs; err != nil {
			return err
		}
		return ctx.Err()
	}), nil
}

// readFile reads one register into b; a file that cannot be read is
// recorded in the Journal, and only a cancelled context stops the run.
func (x *Registers) readFile(ctx context.Context, root, rel string, b *rawBatch) error {
	x.Journal.Update(rel, func(*pipeline.FileStat) {}) // in run_files whatever its sheets hold
	err := x.file(ctx, filepath.Join(root, filepath.FromSlash(rel)), rel, b)
	x.Journal.Done(rel)
	var pe *pipeline.Error
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.As(err, &pe):
		x.Journal.Fail(pe)
		return nil
	default:
		return err
	}
}

func (x *Registers) file(ctx context.Context, path, rel string, b *rawBatch) error {
	wb, err := openWorkbook(path, x.Limits.orDefault())
	if err != nil {
		return &pipeline.Error{Loc: pipeline.Location{File: rel}, Err: err}
	}
	defer wb.Close()
	for {
		name, rows, ok, err := wb.nextSheet()
		if err != nil {
			return &pipeline.Error{Loc: pipeline.Location{File: rel}, Err: err}
		}
		if !ok {
			return nil
		}
		skipped := ""
		if slices.ContainsFunc(x.SkipSheets, func(s string) bool { return pipeline.FoldHeader(s) == pipeline.FoldHeader(name) }) {
			skipped = "not a data sheet (skip_sheets): skipped"
		} else if n, ok := rows.(noRows); ok {
			skipped = "a " + n.kind + ", not a worksheet: no data, skipped"
		}
		if skipped != "" {
			x.Journal.Note(pipeline.Location{File: rel, Sheet: name}, skipped)
			if x.OnSheet != nil {
				x.OnSheet(SheetLayout{File: rel, Sheet: name, Status: skipped})
			}
			continue
		}
		err = x.sheet(ctx, rel, name, wb.dates1904(), rows, b)
		rows.close()
		if err != nil {
			return err
		}
	}
}

// sheetRead is what reading a sheet has found so far.
type sheetRead struct {
	cols          []column
	unknown       []ColumnLayout
	headerRow     int
	title         []string
	titleText     string
	dataLike      int // rows above any header that look like a table
	read, skipped int64
}

// sheet streams one sheet: title rows, then the header row, then data rows.
func (x *Registers) sheet(ctx context.Context, rel, name string, date1904 bool, rows sheetRows, b *rawBatch) error {
	loc := pipeline.Location{File: rel, Sheet: name}
	var s sheetRead
	n, prev := 0, 0
	for {
		ok, err := rows.next()
		if err != nil {
			if !errors.Is(err, ErrCorrupt) { // a damaged part is not of one row
				loc.Row = rows.number()
			}
			return &pipeline.Error{Loc: loc, Err: err}
		}
		if !ok {
			break
		}
		n++
		row, cells := rows.number(), rows.values()
		s.skipped += int64(max(row-prev-1, 0)) // rows without an element in the XML are blank
		prev = row
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if s.cols == nil {
			if row > x.HeaderScanRows {
				break
			}
			x.headerOrTitle(&s, loc, row, cells)
			continue
		}
		if blankRow(cells) || isTotal(cells) {
			s.skipped++
			continue
		}
		s.read++
		if s.titleText == "" && len(s.title) > 0 {
			s.titleText = strings.Join(s.title, " ")
		}
		if err := b.append(rel, name, s.titleText, row, date1904, s.cols, cells); err != nil {
			return err
		}
	}
	x.sheetDone(loc, &s)
	return nil
}

// headerOrTitle reads a row above the data: the header row, or a title row.
func (x *Registers) headerOrTitle(s *sheetRead, loc pipeline.Location, row int, cells [][]byte) {
	texts := make([]string, len(cells))
	for i, c := range cells {
		texts[i] = string(c)
	}
	s.skipped++
	if s.cols, s.unknown = x.header(texts, loc, row); s.cols != nil {
		s.headerRow = row
		return
	}
	if filled := nonEmpty(texts); len(filled) > 0 {
		s.title = append(s.title, filled...)
		if len(filled) >= x.MinHeaderMatches {
			s.dataLike++
		}
	}
}

// sheetDone records what became of a sheet: its counts, or why it holds no
// data; a sheet that looks like a table but whose header is not known is a
// reject, as it may hold conversations.
func (x *Registers) sheetDone(loc pipeline.Location, s *sheetRead) {
	status := "data"
	switch {
	case s.cols == nil && s.dataLike > 0:
		status = fmt.Sprintf("no header row in the first %d rows (a row where %d cells match header aliases): if this sheet holds conversations, add its header names to config/data/headers.csv",
			x.HeaderScanRows, x.MinHeaderMatches)
		x.Journal.Reject(0, false, &pipeline.Error{Loc: loc, Err: errors.New(status)})
	case s.cols == nil:
		status = "no header row: not a data sheet, skipped"
		x.Journal.Note(loc, status)
	}
	x.recordColumns(loc, s)
	x.Journal.Update(loc.File, func(f *pipeline.FileStat) {
		if s.cols != nil {
			f.Sheets++
		}
		f.RowsRead += s.read
		f.RowsSkipped += s.skipped
	})
	if x.OnSheet == nil {
		return
	}
	l := SheetLayout{File: loc.File, Sheet: loc.Sheet, Status: status, HeaderRow: s.headerRow, Title: strings.Join(s.title, " "),
		Unknown: s.unknown, RowsRead: s.read, RowsSkipped: s.skipped}
	for _, c := range s.cols {
		l.Columns = append(l.Columns, ColumnLayout{Column: c.index + 1, Header: c.header, Field: c.field})
	}
	x.OnSheet(l)
}

// recordColumns records the columns of a data sheet's header row, read and
// ignored, so that the warehouse knows what each register holds
// (register_columns).
func (x *Registers) recordColumns(loc pipeline.Location, s *sheetRead) {
	if s.cols == nil {
		return
	}
	add := func(col int, header, field string) {
		l := pipeline.Location{File: loc.File, Sheet: loc.Sheet, Cell: pipeline.CellName(col, s.headerRow), Row: s.headerRow, Col: col}
		x.Journal.Column(pipeline.SheetColumn{Loc: l, Header: header, Field: field})
	}
	for _, c := range s.cols {
		add(c.index+1, c.header, c.field)
	}
	for _, u := range s.unknown {
		add(u.Column, u.Header, "")
	}
}

// header returns the recognised columns of cells if it is the header row,
// and the columns it ignores, which it notes.
func (x *Registers) header(cells []string, loc pipeline.Location, row int) ([]column, []ColumnLayout) {
	var cols []column
	var unknown []int
	for i, c := range cells {
		key := pipeline.FoldHeader(c)
		if key == "" {
			continue
		}
		field, ok := x.Aliases[key]
		if !ok && slices.ContainsFunc(x.CategoryNames, func(n string) bool { return pipeline.FoldHeader(n) == key }) {
			field, ok = pipeline.FieldCategoryColumn, true
		}
		if !ok {
			unknown = append(unknown, i)
			continue
		}
		cols = append(cols, column{index: i, slot: slotOf(field), header: strings.TrimSpace(c), field: field})
	}
	if len(cols) < x.MinHeaderMatches {
		return nil, nil
	}
	var ignored []ColumnLayout
	for _, i := range unknown {
		loc.Cell = pipeline.CellName(i+1, row)
		x.Journal.Note(loc, fmt.Sprintf("column %q matches no header alias: ignored", strings.TrimSpace(cells[i])))
		ignored = append(ignored, ColumnLayout{Column: i + 1, Header: strings.TrimSpace(cells[i])})
	}
	return cols, ignored
}

// slotOf says where a field's cells go in pipeline.Raw.
func slotOf(field string) int {
	switch field {
	case pipeline.FieldCategory:
		return slotCategory
	case pipeline.FieldCategoryColumn:
		return slotCategoryColumn
	}
	if i := slices.Index(pipeline.RawFields, field); i >= 0 {
		return i
	}
	return slotDropped
}

func nonEmpty(cells []string) []string {
	var out []string
	for _, c := range cells {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// blankRow reports whether every cell of a row is empty or whitespace.
func blankRow(cells [][]byte) bool {
	for _, c := range cells {
		if !pipeline.Blank(c) {
			return false
		}
	}
	return true
}

// isTotal reports whether a row is a Totaal row: its first filled cell is
// labelled Totaal.
func isTotal(cells [][]byte) bool {
	for _, c := range cells {
		if c = bytes.TrimSpace(c); len(c) > 0 {
			return len(c) >= 6 && (c[0] == 'T' || c[0] == 't') && strings.HasPrefix(pipeline.FoldHeader(string(c)), "totaal")
		}
	}
	return false
}
