package extract

import (
	"context"
	"encoding/csv"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/svmn/klacht/config"
	"github.com/svmn/klacht/pipeline"
)

// partnersWithReference is the partner extractor with the reviewed data
// klacht ships.
func partnersWithReference(t *testing.T) *Partners {
	t.Helper()
	data, err := config.LoadData("")
	if err != nil {
		t.Fatal(err)
	}
	return &Partners{Specs: SpecsOf(data.PartnerTables.Records()), Captions: CaptionRulesOf(data.Captions.Records()),
		Labels: LabelsOf(data.Labels.Records()), Names: NamesOf(data.PartnerFiles.Records()), MaxFileBytes: 16 << 20,
		BatchSize: 1000, Journal: pipeline.NewJournal()}
}

// TestPartnerCases reads the input of each case in testdata/partners (CSV
// tables or PDF reports, as partners and staff make them) with the reviewed
// data, and compares every cell it reads, with its place, and what it says
// about each file, with the case's cells.csv and journal.txt (-update
// rewrites them: read the diff). A layout that fails in real life becomes a
// folder here.
func TestPartnerCases(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("testdata", "partners", "*"))
	if len(dirs) == 0 {
		t.Fatal("no cases")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			p := partnersWithReference(t)
			rr, err := p.Extract(context.Background(), filepath.Join(dir, "input"))
			if err != nil {
				t.Fatal(err)
			}
			defer rr.Release()
			matchRows(t, filepath.Join(dir, "cells.csv"), cellsCSV(t, rr))
			matchRows(t, filepath.Join(dir, "journal.txt"), journalText(p.Journal))
		})
	}
}

// cellsCSV renders the partner cells of a stream, a line each.
func cellsCSV(t *testing.T, rr array.RecordReader) string {
	var b strings.Builder
	w := csv.NewWriter(&b)
	cols := []int{pipeline.CellSourceFile, pipeline.CellSourcePage, pipeline.CellSourceLine, pipeline.CellSourceColumn, pipeline.CellPartner,
		pipeline.CellYear, pipeline.CellTable, pipeline.CellShape, pipeline.CellRowNumber, pipeline.CellSection, pipeline.CellRowLabel,
		pipeline.CellRowKind, pipeline.CellRank, pipeline.CellColumnPath, pipeline.CellValue, pipeline.CellUnit}
	var head []string
	for _, c := range cols {
		head = append(head, pipeline.PartnerCell.Field(c).Name)
	}
	w.Write(head)
	for rr.Next() {
		rec := rr.RecordBatch()
		for i := range int(rec.NumRows()) {
			var row []string
			for _, c := range cols {
				v := ""
				if rec.Column(c).IsValid(i) {
					v = rec.Column(c).ValueStr(i)
				}
				row = append(row, v)
			}
			w.Write(row)
		}
	}
	if err := rr.Err(); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	return b.String()
}

// journalText renders what the run says of each file: its status, rejects
// and notes.
func journalText(j *pipeline.Journal) string {
	var b strings.Builder
	for _, f := range j.Files() {
		fmt.Fprintf(&b, "file %s: %s, tables %d, rows %d read, %d rejected; %s\n", f.File, f.Status, f.Sheets, f.RowsRead, f.RowsRejected, f.Message)
	}
	for _, r := range j.Rejects() {
		fmt.Fprintf(&b, "reject %s: %s %q: %v\n", r.Loc, r.Field, r.Value, r.Err)
	}
	for _, n := range j.Notes() {
		fmt.Fprintf(&b, "note %s: %s\n", n.Loc, n.Message)
	}
	return b.String()
}
