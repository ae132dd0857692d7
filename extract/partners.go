package extract

import (
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/svmn/klacht/pipeline"
)

// Partners extracts the partner tables: every .pdf under the source folder
// is a report of the AKJ or the KJMN, every .csv one table of such a
// report, turned from PDF into CSV by staff. It implements
// pipeline.Extractor. A CSV it cannot read fails alone and nothing of it is
// loaded; a table of a PDF it cannot read is a reject, and the report's
// other tables load.
type Partners struct {
	Specs        []TableSpec
	Captions     []CaptionRule        // how a PDF's tables are named by their captions
	Labels       Labels               // the canonical labels of the tables
	Names        map[string]TableName // file base name -> table (a CSV) or report (a PDF), where the name does not say
	MaxFileBytes int64
	Limits       Limits          // bounds against hostile files (zero: DefaultLimits)
	Year         int             // if not 0, only tables of this report year are read
	Only         map[string]bool // if not nil, only these files (relative to the source) are read
	BatchSize    int
	Journal      *pipeline.Journal
}

var _ pipeline.Extractor = (*Partners)(nil)

// Spec returns the first spec that matches the table, or an empty one.
func (p *Partners) Spec(n TableName) TableSpec {
	for _, s := range p.Specs {
		if ok, _ := path.Match(s.Table, n.Table); ok && s.Partner == n.Partner {
			return s
		}
	}
	return TableSpec{Partner: n.Partner, Table: n.Table}
}

// Extract streams the cells of every partner table under src in the
// pipeline.PartnerCell schema.
func (p *Partners) Extract(ctx context.Context, src string) (array.RecordReader, error) {
	root, files, err := Files(src, PartnerExts...)
	if err != nil {
		return nil, err
	}
	return pipeline.Stream(ctx, pipeline.PartnerCell, func(ctx context.Context, emit pipeline.Emit) error {
		b := pipeline.NewBatch(pipeline.PartnerCell, emit, p.BatchSize)
		defer b.Release()
		loaded := map[TableName]string{}
		for _, rel := range files {
			if err := ctx.Err(); err != nil {
				return err
			}
			if p.Only != nil && !p.Only[rel] {
				continue
			}
			if err := p.extractFile(b, root, rel, loaded); err != nil {
				return err
			}
		}
		return b.Flush()
	}), nil
}

// extractFile reads the tables of one file and appends their cells to b.
func (p *Partners) extractFile(b *pipeline.Batch, root, rel string, loaded map[TableName]string) error {
	tables, problems, err := p.read(filepath.Join(root, filepath.FromSlash(rel)), rel)
	p.Journal.Done(rel)
	if err != nil {
		p.Journal.Fail(asLocated(rel, err))
		return nil
	}
	for _, t := range tables {
		if p.Year != 0 && t.Name.Year != p.Year {
			p.Journal.Update(rel, func(s *pipeline.FileStat) { s.RowsSkipped += int64(t.Rows) })
			continue
		}
		if prev, dup := loaded[t.Name]; dup {
			problems = append(problems, &pipeline.Error{Loc: pipeline.Location{File: rel, Page: t.Page}, Err: fmt.Errorf(
				"table %s is already read from %q: keep one of the two", t.Name, prev)})
			continue
		}
		loaded[t.Name] = rel
		p.canonicalLabels(rel, t)
		p.Journal.Note(pipeline.Location{File: rel, Page: t.Page}, readAs(t))
		for _, c := range t.Cells {
			appendCell(b, rel, t, c)
			if err := b.Row(); err != nil {
				return err
			}
		}
		p.Journal.Update(rel, func(s *pipeline.FileStat) {
			s.Sheets++
			s.RowsRead += int64(t.Rows)
			s.RowsLoaded += int64(t.Rows)
			s.RowsSkipped += int64(t.Skipped)
		})
	}
	switch {
	case len(problems) > 0 && strings.HasSuffix(strings.ToLower(rel), ".csv"):
		p.Journal.Fail(asLocated(rel, problems[0])) // its one table is not loaded
	default:
		for _, e := range problems {
			p.Journal.Reject(0, true, asLocated(rel, e))
		}
	}
	return nil
}

// readAs is the note that says how a table was read.
func readAs(t *Table) string {
	if t.Caption != "" || t.Page > 0 {
		return fmt.Sprintf("read as table %s from page %d (caption %q): header lines: %d, rows: %d, shape %s",
			t.Name, t.Page, t.Caption, t.HeaderLines, t.Rows, t.Shape)
	}
	return fmt.Sprintf("read as table %s: %s, %s-separated, header lines: %d, rows: %d, shape %s",
		t.Name, t.Encoding, map[string]string{",": "comma", ";": "semicolon", "\t": "tab"}[t.Delimiter], t.HeaderLines, t.Rows, t.Shape)
}

func asLocated(rel string, err error) *pipeline.Error {
	if pe, ok := err.(*pipeline.Error); ok {
		return pe
	}
	return &pipeline.Error{Loc: pipeline.Location{File: rel}, Err: err}
}

// read reads the tables of a file: a PDF's, each of which may fail alone
// (problems), or a CSV's one.
func (p *Partners) read(full, rel string) (tables []*Table, problems []error, err error) {
	data, err := p.readFile(full)
	if err != nil {
		return nil, nil, err
	}
	if strings.EqualFold(path.Ext(rel), ".pdf") {
		return p.readReport(rel, data)
	}
	name, ok := p.Names[path.Base(rel)]
	if !ok {
		if name, ok = ParseName(rel); !ok {
			return nil, nil, fmt.Errorf("cannot tell partner, year and table from the name: rename it <partner>_<year>_<table>.csv (akj_2021_afhandeling.csv) or add it to partner_files.csv")
		}
	}
	t, err := parseTable(rel, name, p.Spec(name), data, p.Limits.orDefault())
	if err != nil {
		return nil, nil, err
	}
	return []*Table{t}, nil, nil
}

// readFile reads a partner file, up to max_partner_file_bytes.
func (p *Partners) readFile(full string) ([]byte, error) {
	f, err := os.Open(full)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, p.MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > p.MaxFileBytes {
		return nil, fmt.Errorf("larger than %d bytes (max_partner_file_bytes): a partner report is a few dozen pages; check that this is the right file, or raise the limit", p.MaxFileBytes)
	}
	return data, nil
}

func appendCell(b *pipeline.Batch, file string, t *Table, c Cell) {
	str := func(i int, s string) { b.Field(i).(*array.StringBuilder).Append(s) }
	i32 := func(i, v int) { b.Field(i).(*array.Int32Builder).Append(int32(v)) }
	str(pipeline.CellSourceFile, file)
	if c.Page == 0 {
		b.Field(pipeline.CellSourcePage).AppendNull()
	} else {
		i32(pipeline.CellSourcePage, c.Page)
	}
	i32(pipeline.CellSourceLine, c.Line)
	i32(pipeline.CellSourceColumn, c.Column)
	str(pipeline.CellPartner, t.Name.Partner)
	i32(pipeline.CellYear, t.Name.Year)
	str(pipeline.CellTable, t.Name.Table)
	str(pipeline.CellShape, t.Shape)
	i32(pipeline.CellRowNumber, c.RowNumber)
	if c.Section == "" {
		b.Field(pipeline.CellSection).AppendNull()
	} else {
		str(pipeline.CellSection, c.Section)
	}
	str(pipeline.CellRowLabel, c.RowLabel)
	str(pipeline.CellRowKind, c.RowKind)
	if c.Rank == 0 {
		b.Field(pipeline.CellRank).AppendNull()
	} else {
		i32(pipeline.CellRank, c.Rank)
	}
	i32(pipeline.CellColumnNumber, c.ColumnNumber)
	str(pipeline.CellColumnPath, c.ColumnPath)
	str(pipeline.CellColumnGroup, c.ColumnGroup)
	if c.Value == nil {
		b.Field(pipeline.CellValue).AppendNull()
	} else {
		b.Field(pipeline.CellValue).(*array.Float64Builder).Append(*c.Value)
	}
	i32(pipeline.CellDecimals, c.Decimals)
	str(pipeline.CellUnit, c.Unit)
	str(pipeline.CellRaw, c.Raw)
}
