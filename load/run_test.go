//go:build duckdb_arrow

package load

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/svmn/klacht/pipeline"
)

// Each stream of the contract fits its table: every field is a column of
// the same name and type, and every other column is one the loader derives.
func TestContractFitsTables(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "w.duckdb")
	if err := Build(ctx, db, BuildOptions{Fresh: true}, func(*Warehouse) error { return nil }); err != nil {
		t.Fatal(err)
	}
	duck := map[arrow.Type]string{arrow.STRING: "VARCHAR", arrow.INT32: "INTEGER", arrow.INT64: "BIGINT",
		arrow.BOOL: "BOOLEAN", arrow.FLOAT64: "DOUBLE", arrow.DATE32: "DATE", arrow.LIST: "VARCHAR[]"}
	derived := []string{"run_id", "conversation_id", "days_to_report", "report_within_14_days", "category_count"}
	for table, c := range contract {
		t.Run(table, func(t *testing.T) {
			res, err := Query(ctx, db, "select column_name, data_type from information_schema.columns where table_name = $t", map[string]any{"t": table})
			if err != nil {
				t.Fatal(err)
			}
			columns := map[string]string{}
			for _, r := range res.Rows {
				columns[r[0].(string)] = r[1].(string)
			}
			for _, f := range c.schema.Fields() {
				got, ok := columns[f.Name]
				want := duck[f.Type.ID()]
				if f.Name == "year_source" || f.Name == "region_source" {
					want = "ENUM('column', 'sheet', 'title', 'file', 'date_conversation')"
				}
				if !ok || got != want {
					t.Errorf("field %s (%s): the table has %q, want %q", f.Name, f.Type, got, want)
				}
				delete(columns, f.Name)
			}
			for name := range columns {
				if !slices.Contains(derived, name) {
					t.Errorf("column %s is neither in the stream nor derived by the loader", name)
				}
			}
		})
	}
}

// The loader refuses a stream that does not fit, and rows without a run.
func TestLoadRefuses(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "w.duckdb")
	for _, tc := range []struct {
		name string
		do   func(w *Warehouse) error
		says string
	}{
		{"rows before the run is begun", func(w *Warehouse) error {
			return w.Load(ctx, runNotes, pipeline.NoteRecords(nil))
		}, "no run begun"},
		{"another schema for a contract table", func(w *Warehouse) error {
			w.run.ID = 1
			return w.Load(ctx, Conversations, pipeline.NoteRecords(nil))
		}, "want that of its table's contract"},
		{"a column the table lacks", func(w *Warehouse) error {
			return w.ReplaceTable(ctx, "synonyms", pipeline.Strings([]string{"field", "spelling"}, [][]string{{"a", "b"}}))
		}, `column "spelling", which the table lacks`},
		{"a table that is not there", func(w *Warehouse) error {
			return w.Load(ctx, "no_such_table", pipeline.Strings([]string{"a"}, nil))
		}, "no such table"},
		{"replacing a contract table whole", func(w *Warehouse) error {
			return w.ReplaceTable(ctx, Conversations, pipeline.Strings([]string{"year"}, nil))
		}, "cannot be replaced whole"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := Build(ctx, db, BuildOptions{Fresh: true}, tc.do)
			if err == nil || !strings.Contains(err.Error(), tc.says) {
				t.Errorf("err %v, want one that says %q", err, tc.says)
			}
		})
	}
}

func TestChanges(t *testing.T) {
	src := func(sum string) Source { return Source{SHA256: sum, Size: 1} }
	loaded := Manifest{Files: map[string]Source{"a.xlsx": src("1"), "b.xlsx": src("2"), "gone.csv": src("3")}, Reference: "r"}
	for _, tc := range []struct {
		name  string
		input Manifest
		want  string
	}{
		{"nothing changed", Manifest{Files: map[string]Source{"a.xlsx": src("1"), "b.xlsx": src("2"), "gone.csv": src("3")}, Reference: "r"},
			"read [] retire [] unchanged [a.xlsx b.xlsx gone.csv] reference false none true"},
		{"changed, new and removed", Manifest{Files: map[string]Source{"a.xlsx": src("1"), "b.xlsx": src("9"), "new.xlsx": src("4")}, Reference: "r"},
			"read [b.xlsx new.xlsx] retire [b.xlsx:changed gone.csv:removed] unchanged [a.xlsx] reference false none false"},
		{"the reference data changed: everything is read", Manifest{Files: map[string]Source{"a.xlsx": src("1"), "b.xlsx": src("2")}, Reference: "s"},
			"read [a.xlsx b.xlsx] retire [a.xlsx:changed b.xlsx:changed gone.csv:removed] unchanged [] reference true none false"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := loaded.Changes(tc.input)
			var retire []string
			for f, why := range c.Retire {
				retire = append(retire, f+":"+why)
			}
			slices.Sort(retire)
			got := fmt.Sprintf("read %v retire %v unchanged %v reference %v none %v",
				slices.Sorted(maps.Keys(c.Read)), retire, c.Unchanged, c.Reference, c.None())
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
	if c := (Manifest{}).Changes(loaded); len(c.Read) != 3 || len(c.Retire) != 0 {
		t.Errorf("from an empty manifest: %+v", c)
	}
}

// The run's row in runs has the totals of its files and rejects; the
// unchanged files and the changes to closed years are in the run log too.
func TestRecordRun(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "w.duckdb")
	j := pipeline.NewJournal()
	j.Update("a.xlsx", func(s *pipeline.FileStat) { s.RowsRead, s.RowsLoaded, s.Sheets = 10, 9, 1 })
	j.Reject(2021, true, &pipeline.Error{Loc: pipeline.Location{File: "a.xlsx", Sheet: "S", Cell: "D4", Row: 4}, Field: "complainant", Value: "Buurvrouw", Err: errors.New("unknown")})
	j.Fail(&pipeline.Error{Loc: pipeline.Location{File: "t.csv", Row: 3, Col: 2}, Err: errors.New("not a number")})
	j.Note(pipeline.Location{File: "a.xlsx", Sheet: "S", Cell: "K1"}, "column ignored")
	started := time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)
	err := Build(ctx, db, BuildOptions{Fresh: true}, func(w *Warehouse) error {
		if _, err := w.BeginRun(ctx, Run{Command: "import", Input: "in", Started: started}); err != nil {
			return err
		}
		return w.RecordRun(ctx, j, []string{"u.xlsx"}, Settled{Retired: []string{"gone.xlsx"}, Closed: []string{"2019: b.xlsx changed"}})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ query, want string }{
		{`select run_id, command, year, input, started_at, files, files_failed, files_unchanged, files_retired, closed_year_changes,
			rows_read, rows_loaded, rows_rejected, rejects, status from runs`,
			"[1 import <nil> in 2026-12-01 02:00:00 +0000 UTC 2 1 1 1 2019: b.xlsx changed 10 9 1 2 rejects]"},
		{`select string_agg(source_file || ':' || status || ':' || coalesce(message, ''), ' | ' order by source_file) from run_files`,
			"[a.xlsx:loaded: | t.csv:failed:t.csv:3:2: not a number | u.xlsx:unchanged:unchanged since the run that loaded it (table source_files)]"},
		{`select string_agg(concat_ws(',', year, source_file, sheet, cell, source_row, field, raw_value, row_rejected), ' | ' order by source_file) from rejects`,
			"[2021,a.xlsx,S,D4,4,complainant,Buurvrouw,true | t.csv,3:2,3,false]"},
		{`select string_agg(concat_ws(',', source_file, sheet, cell, message), ' | ' order by message) from run_notes`,
			"[closed year changed: 2019: b.xlsx changed | a.xlsx,S,K1,column ignored]"},
	} {
		res, err := Query(ctx, db, tc.query, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(res.Rows[0]); got != tc.want {
			t.Errorf("%s\n got %s\nwant %s", tc.query, got, tc.want)
		}
	}
}

// A warehouse of schema 3 is migrated: the reference data's hash leaves
// source_files for loaded_with, and the manifest reads the same before and
// after; the client key's fingerprint is not known.
func TestMigrateFrom3(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "w.duckdb")
	err := Build(ctx, db, BuildOptions{Fresh: true}, func(w *Warehouse) error {
		for _, s := range []string{
			"drop table loaded_with",
			"update klacht_schema set version = 3",
			"insert into source_files values ('a.xlsx', 'aaa', 10, 'current', 1, null), ('<reference data>', 'rrr', 0, 'current', 1, null)",
		} {
			if err := w.exec(ctx, s); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckSchema(ctx, db); err != nil {
		t.Fatalf("a warehouse of schema 3 is refused: %v", err)
	}
	want := Manifest{Files: map[string]Source{"a.xlsx": {SHA256: "aaa", Size: 10}}, Reference: "rrr", ClientKey: KeyUnknown}
	for _, when := range []string{"before", "after"} {
		got, err := ReadManifest(ctx, db)
		if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("manifest %s the migration: %+v, %v; want %+v", when, got, err, want)
		}
		if when == "before" {
			if err := Build(ctx, db, BuildOptions{}, func(*Warehouse) error { return nil }); err != nil {
				t.Fatal(err)
			}
		}
	}
	res, err := Query(ctx, db, `select (select version from klacht_schema), (select count(*) from source_files),
		(select string_agg(concat_ws(':', reference_sha256, client_key_fingerprint, loaded_run)) from loaded_with)`, nil)
	if err != nil || fmt.Sprint(res.Rows[0]) != fmt.Sprintf("[%d 1 rrr:unknown:1]", schemaVersion) {
		t.Errorf("after the migration: %v, %v", res, err)
	}
}

// A warehouse of schema 4 is migrated: its partner cells, and their
// history, get the page a PDF report's cell is on.
func TestMigrateFrom4(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "w.duckdb")
	err := Build(ctx, db, BuildOptions{Fresh: true}, func(w *Warehouse) error {
		for _, s := range []string{
			"alter table partner_cells drop column source_page",
			"alter table partner_cells_history drop column source_page",
			"update klacht_schema set version = 4",
		} {
			if err := w.exec(ctx, s); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := Build(ctx, db, BuildOptions{}, func(*Warehouse) error { return nil }); err != nil {
		t.Fatal(err)
	}
	res, err := Query(ctx, db, `select (select version from klacht_schema),
		(select count(*) from information_schema.columns where column_name = 'source_page' and table_name in ('partner_cells', 'partner_cells_history'))`, nil)
	if err != nil || fmt.Sprint(res.Rows[0]) != fmt.Sprintf("[%d 2]", schemaVersion) {
		t.Errorf("after the migration: %v, %v", res, err)
	}
}
