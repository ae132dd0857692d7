package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/spf13/cobra"

	"github.com/svmn/klacht/config"
	"github.com/svmn/klacht/extract"
	"github.com/svmn/klacht/load"
	"github.com/svmn/klacht/pipeline"
)

func (a *app) inspectCmd() *cobra.Command {
	var (
		cells         bool
		sheet, format string
	)
	cmd := &cobra.Command{
		Use:   "inspect FILE [--cells [--sheet S]] [--format table|csv|json|markdown]",
		Short: "Show how klacht reads one file: its sheets, header, columns, years and regions, and problems",
		Long: `Inspect reads one file of the input as klacht rebuild would, without a
warehouse, and shows what it sees. For a register: each sheet, whether it is
read as data and why not, the header row and which column became which field
(and which are ignored), the rows read, loaded and rejected, the years,
regions and organisations of the rows and where each came from (a column,
the sheet's name, its title rows, the file's name, the conversation date),
and every problem with its cell. For a partner table (a CSV) or report (a
PDF): every cell read, with its table, page (of a PDF), line and column,
then the problems (a label that is not canonical, a table that cannot be
read) and the notes (which caption named which table).

--cells prints every filled cell as klacht reads it, one line per cell:
sheet, row (as in the file), column (a letter) and value (shared strings
resolved, escapes decoded, numbers and dates as stored, formulas as their
cached value); --sheet S only those of sheet S. With --format csv it is
streamed, whatever the file's size. These are the file's cells as Excel
shows them, names and dossier numbers included: print them where the
register itself may be read, and do not keep the output. Nothing inspect
reads is written anywhere.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if cells && !cmd.Flags().Changed("format") {
				format = "csv"
			}
			if err := checkFormat(format); err != nil {
				return err
			}
			kind, why := extract.Classify(filepath.Base(args[0]))
			switch {
			case cells:
				return a.inspectCells(cmd, args[0], sheet, format)
			case kind == extract.KindRegister:
				return a.inspectRegister(cmd, args[0], format)
			case kind == extract.KindPartnerTable:
				return a.inspectPartnerTable(cmd, args[0], format)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: %s\n", args[0], why)
			return nil
		},
	}
	cmd.Flags().BoolVar(&cells, "cells", false, "print every filled cell as klacht reads it")
	cmd.Flags().StringVar(&sheet, "sheet", "", "with --cells: only this sheet")
	cmd.Flags().StringVar(&format, "format", "table", "output format: table, csv, json or markdown (csv with --cells)")
	return cmd
}

// inspectCells prints every filled cell: streamed as CSV, else collected.
func (a *app) inspectCells(cmd *cobra.Command, path, sheet, format string) error {
	out := cmd.OutOrStdout()
	var cw *csv.Writer
	res := &load.Result{Columns: []string{"sheet", "row", "column", "value"}}
	if format == "csv" {
		cw = csv.NewWriter(out)
		cw.Write(res.Columns)
	}
	n := 0
	err := extract.ReadCells(cmd.Context(), path, sheet, a.limits(), func(c extract.WorkbookCell) error {
		n++
		if cw != nil {
			return cw.Write([]string{c.Sheet, fmt.Sprint(c.Row), pipeline.ColumnName(c.Column), string(c.Value)})
		}
		res.Rows = append(res.Rows, []any{c.Sheet, int64(c.Row), pipeline.ColumnName(c.Column), string(c.Value)})
		return nil
	})
	if cw != nil {
		cw.Flush()
		if err == nil {
			err = cw.Error()
		}
	} else if err == nil {
		err = write(out, format, res)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if n == 0 && sheet != "" {
		return usageError{fmt.Errorf("%s has no sheet %q, or it has no filled cell", path, sheet)}
	}
	return nil
}

// inspectRegister runs the stages over one register and prints what they
// saw.
func (a *app) inspectRegister(cmd *cobra.Command, path, format string) error {
	st, err := a.inspectStages()
	if err != nil {
		return err
	}
	var layouts []extract.SheetLayout
	st.registers.(*extract.Registers).OnSheet = func(l extract.SheetLayout) { layouts = append(layouts, l) }
	names, err := readConversations(cmd.Context(), st, path)
	if err != nil {
		return err
	}
	return writeSections(cmd.OutOrStdout(), format, []namedResult{
		{"sheets", sheetsResult(layouts, names, st.journal)},
		{"columns", columnsResult(layouts)},
		{"names", names.result()},
		{"problems", problemsResult(st.journal)},
		{"notes", notesResult(st.journal)},
	})
}

// readConversations runs extract and transform over the file and counts the
// conversations per sheet, and where their year, region and organisation
// came from.
func readConversations(ctx context.Context, st stages, path string) (*nameCounts, error) {
	conv, release, err := st.conversations(ctx, path)
	if err != nil {
		return nil, err
	}
	defer release()
	names := &nameCounts{}
	for conv.Next() {
		names.add(conv.RecordBatch())
	}
	return names, conv.Err()
}

// nameCounts counts conversations per sheet, and per sheet, name (year,
// region, organisation), value and source.
type nameCounts struct {
	loaded map[string]int64
	counts map[[4]string]int64
}

func (n *nameCounts) add(rec arrow.RecordBatch) {
	if n.loaded == nil {
		n.loaded, n.counts = map[string]int64{}, map[[4]string]int64{}
	}
	col := func(name string) arrow.Array { return rec.Column(rec.Schema().FieldIndices(name)[0]) }
	sheet := col("sheet")
	for i := range int(rec.NumRows()) {
		s := sheet.ValueStr(i)
		n.loaded[s]++
		for _, name := range [][3]string{{"year", "year", "year_source"}, {"region", "region", "region_source"}, {"organisation", "organisation", "-"}} {
			v, src := col(name[1]), ""
			if name[2] == "-" {
				src = name[2] // not kept: see from's entry
			} else if col(name[2]).IsValid(i) {
				src = col(name[2]).ValueStr(i)
			}
			value := "(none)"
			if v.IsValid(i) {
				value = v.ValueStr(i)
			}
			n.counts[[4]string{s, name[0], value, src}]++
		}
	}
}

func (n *nameCounts) result() *load.Result {
	res := &load.Result{Columns: []string{"sheet", "name", "value", "from", "rows"}}
	keys := make([][4]string, 0, len(n.counts))
	for k := range n.counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y [4]string) int {
		return strings.Compare(strings.Join(x[:], "\x00"), strings.Join(y[:], "\x00"))
	})
	from := map[string]string{"column": "its column", "sheet": "the sheet's name", "title": "the title rows", "file": "the file's name",
		"date_conversation": "the conversation date", "": "",
		"-": "its column, else the sheet's, title's or file's name, else the region"}
	for _, k := range keys {
		res.Rows = append(res.Rows, []any{k[0], k[1], k[2], from[k[3]], n.counts[k]})
	}
	return res
}

func sheetsResult(layouts []extract.SheetLayout, names *nameCounts, j *pipeline.Journal) *load.Result {
	rejected := map[string]int64{}
	for _, r := range j.Rejects() {
		if r.RowRejected {
			rejected[r.Loc.Sheet]++
		}
	}
	res := &load.Result{Columns: []string{"sheet", "status", "header_row", "title", "rows_read", "rows_loaded", "rows_rejected", "rows_skipped"}}
	for _, l := range layouts {
		res.Rows = append(res.Rows, []any{l.Sheet, l.Status, nullIfZero(l.HeaderRow), l.Title, l.RowsRead, names.loaded[l.Sheet], rejected[l.Sheet], l.RowsSkipped})
	}
	return res
}

// fieldNotes say what becomes of a field's cells beyond its name.
var fieldNotes = map[string]string{
	pipeline.FieldDossierNumber:   "personal data: a keyed hash (client_key), never the number",
	pipeline.FieldClientName:      "personal data: never loaded",
	pipeline.FieldComplainantName: "personal data: never loaded",
	pipeline.FieldEmployee:        "personal data: never loaded",
	pipeline.FieldFreeText:        "personal data: never loaded",
	pipeline.FieldCategoryColumn:  "a category, marked yes/no",
}

func columnsResult(layouts []extract.SheetLayout) *load.Result {
	res := &load.Result{Columns: []string{"sheet", "column", "header", "field", "note"}}
	for _, l := range layouts {
		for _, c := range l.Columns {
			res.Rows = append(res.Rows, []any{l.Sheet, pipeline.ColumnName(c.Column), c.Header, c.Field, fieldNotes[c.Field]})
		}
		for _, c := range l.Unknown {
			res.Rows = append(res.Rows, []any{l.Sheet, pipeline.ColumnName(c.Column), c.Header, nil, "matches no header alias: ignored"})
		}
	}
	return res
}

func problemsResult(j *pipeline.Journal) *load.Result {
	res := &load.Result{Columns: []string{"where", "field", "value", "row_rejected", "problem"}}
	for _, r := range j.Rejects() {
		where := r.Loc
		where.File = ""
		res.Rows = append(res.Rows, []any{strings.TrimLeft(where.String(), ": "), r.Field, r.Value, r.RowRejected, r.Err.Error()})
	}
	return res
}

func notesResult(j *pipeline.Journal) *load.Result {
	res := &load.Result{Columns: []string{"where", "note"}}
	for _, n := range j.Notes() {
		where := n.Loc
		where.File = ""
		res.Rows = append(res.Rows, []any{strings.TrimLeft(where.String(), ": "), n.Message})
	}
	return res
}

// inspectStages are the stages inspect runs: with all the reference data,
// for any year.
func (a *app) inspectStages() (stages, error) {
	data, err := config.LoadData(a.cfg.DataDir)
	if err != nil {
		return stages{}, usageError{err}
	}
	return a.stages(runPlan{command: "inspect", data: data}), nil
}

// inspectPartnerTable reads a partner table (a CSV) or report (a PDF) and
// prints its cells: in a PDF, each with its table and page.
func (a *app) inspectPartnerTable(cmd *cobra.Command, path, format string) error {
	st, err := a.inspectStages()
	if err != nil {
		return err
	}
	rr, err := st.partners.Extract(cmd.Context(), path)
	if err != nil {
		return err
	}
	defer rr.Release()
	res := &load.Result{Columns: []string{"table", "page", "line", "column", "section", "row", "row_kind", "column_path", "value", "unit"}}
	for rr.Next() {
		rec := rr.RecordBatch()
		str := func(c, i int) any {
			if rec.Column(c).IsNull(i) {
				return nil
			}
			return rec.Column(c).ValueStr(i)
		}
		for i := range int(rec.NumRows()) {
			var v any
			if col := rec.Column(pipeline.CellValue).(*array.Float64); col.IsValid(i) {
				v = col.Value(i)
			}
			res.Rows = append(res.Rows, []any{str(pipeline.CellTable, i), str(pipeline.CellSourcePage, i), str(pipeline.CellSourceLine, i), str(pipeline.CellSourceColumn, i), str(pipeline.CellSection, i),
				str(pipeline.CellRowLabel, i), str(pipeline.CellRowKind, i), str(pipeline.CellColumnPath, i), v, str(pipeline.CellUnit, i)})
		}
	}
	if err := rr.Err(); err != nil {
		return err
	}
	return writeSections(cmd.OutOrStdout(), format, []namedResult{
		{"cells", res}, {"problems", problemsResult(st.journal)}, {"notes", notesResult(st.journal)},
	})
}
