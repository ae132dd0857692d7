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
	"github.com/xuri/excelize/v2"

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
}

var _ pipeline.Extractor = (*Registers)(nil)

// column is a recognised column of a data sheet.
type column struct {
	index  int // 0-based
	slot   int // where it goes in pipeline.Raw (see slotCategory)
	header string
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
		if slices.ContainsFunc(x.SkipSheets, func(s string) bool { return pipeline.FoldHeader(s) == pipeline.FoldHeader(name) }) {
			x.Journal.Note(pipeline.Location{File: rel, Sheet: name}, "not a data sheet: skipped")
			continue
		}
		err = x.sheet(ctx, rel, name, wb.dates1904(), rows, b)
		rows.close()
		if err != nil {
			return err
		}
	}
}

// sheet streams one sheet: title rows, then the header row, then data rows.
func (x *Registers) sheet(ctx context.Context, rel, name string, date1904 bool, rows sheetRows, b *rawBatch) error {
	loc := pipeline.Location{File: rel, Sheet: name}
	var (
		cols              []column
		title             []string
		titleText         string
		n, dataLike, prev int
		read, skipped     int64
	)
	for {
		ok, err := rows.next()
		if err != nil {
			loc.Row = rows.number()
			return &pipeline.Error{Loc: loc, Err: err}
		}
		if !ok {
			break
		}
		n++
		row, cells := rows.number(), rows.values()
		skipped += int64(max(row-prev-1, 0)) // rows without an element in the XML are blank
		prev = row
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if cols == nil {
			if row > x.HeaderScanRows {
				break
			}
			texts := make([]string, len(cells))
			for i, c := range cells {
				texts[i] = string(c)
			}
			skipped++
			if cols = x.header(texts, loc, row); cols != nil {
				continue
			}
			if filled := nonEmpty(texts); len(filled) > 0 {
				title = append(title, filled...)
				if len(filled) >= x.MinHeaderMatches {
					dataLike++
				}
			}
			continue
		}
		if blankRow(cells) || isTotal(cells) {
			skipped++
			continue
		}
		read++
		if titleText == "" && len(title) > 0 {
			titleText = strings.Join(title, " ")
		}
		if err := b.append(rel, name, titleText, row, date1904, cols, cells); err != nil {
			return err
		}
	}
	if cols == nil {
		if dataLike > 0 {
			// A sheet that looks like a table but whose header we do not know
			// must not vanish quietly: it may hold conversations.
			x.Journal.Reject(0, false, &pipeline.Error{Loc: loc, Err: fmt.Errorf(
				"no header row in the first %d rows (a row where %d cells match header aliases): if this sheet holds conversations, add its header names to config/data/headers.csv",
				x.HeaderScanRows, x.MinHeaderMatches)})
		} else {
			x.Journal.Note(loc, "no header row: not a data sheet, skipped")
		}
	}
	x.Journal.Update(rel, func(s *pipeline.FileStat) {
		if cols != nil {
			s.Sheets++
		}
		s.RowsRead += read
		s.RowsSkipped += skipped
	})
	return nil
}

// header returns the recognised columns of cells if it is the header row,
// and notes the columns it ignores.
func (x *Registers) header(cells []string, loc pipeline.Location, row int) []column {
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
		cols = append(cols, column{index: i, slot: slotOf(field), header: strings.TrimSpace(c)})
	}
	if len(cols) < x.MinHeaderMatches {
		return nil
	}
	for _, i := range unknown {
		cell, _ := excelize.CoordinatesToCellName(i+1, row)
		loc.Cell = cell
		x.Journal.Note(loc, fmt.Sprintf("column %q matches no header alias: ignored", strings.TrimSpace(cells[i])))
	}
	return cols
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
