//go:build duckdb_arrow

package load

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/svmn/klacht/pipeline"
)

func TestBuildPublishesOnlyOnSuccess(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "w.duckdb")
	loadAliases := func(rows ...[]string) func(w *Warehouse) error {
		return func(w *Warehouse) error {
			rr := pipeline.Strings([]string{"field", "alias"}, rows)
			defer rr.Release()
			return w.Load(ctx, "header_aliases", rr)
		}
	}
	count := func() string {
		res, err := Query(ctx, db, "select count(*) || ':' || string_agg(alias, ',' order by alias) from header_aliases", nil)
		if err != nil {
			t.Fatal(err)
		}
		return res.Rows[0][0].(string)
	}
	if err := Build(ctx, db, BuildOptions{Fresh: true}, loadAliases([]string{"region", "Regio"})); err != nil {
		t.Fatal(err)
	}
	if got := count(); got != "1:Regio" {
		t.Fatalf("after the first build: %q", got)
	}
	t.Run("a copy build adds to the current state", func(t *testing.T) {
		if err := Build(ctx, db, BuildOptions{}, loadAliases([]string{"region", "Team"})); err != nil {
			t.Fatal(err)
		}
		if got := count(); got != "2:Regio,Team" {
			t.Errorf("got %q", got)
		}
	})
	t.Run("a failing build changes nothing", func(t *testing.T) {
		boom := errors.New("boom")
		err := Build(ctx, db, BuildOptions{Fresh: true}, func(w *Warehouse) error {
			if err := loadAliases([]string{"x", "y"})(w); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("err %v", err)
		}
		if got := count(); got != "2:Regio,Team" {
			t.Errorf("got %q", got)
		}
		if _, err := os.Stat(db + ".building"); !os.IsNotExist(err) {
			t.Errorf("working copy left: %v", err)
		}
	})
	t.Run("a bad table name is refused", func(t *testing.T) {
		err := Build(ctx, db, BuildOptions{}, func(w *Warehouse) error {
			rr := pipeline.Strings([]string{"a"}, nil)
			defer rr.Release()
			return w.Load(ctx, "x; drop table runs", rr)
		})
		if err == nil || !strings.Contains(err.Error(), "bad table name") {
			t.Errorf("err %v", err)
		}
	})
	t.Run("queries are read-only", func(t *testing.T) {
		if _, err := Query(ctx, db, "delete from header_aliases", nil); err == nil {
			t.Error("a query changed the warehouse")
		}
		if got := count(); got != "2:Regio,Team" {
			t.Errorf("got %q", got)
		}
	})
	t.Run("named parameters", func(t *testing.T) {
		res, err := Query(ctx, db, "select count(*) as n from header_aliases where alias = $alias", map[string]any{"alias": "Team"})
		if err != nil || len(res.Rows) != 1 || res.Rows[0][0] != int64(1) {
			t.Errorf("rows %v, err %v", res, err)
		}
	})
	t.Run("no warehouse", func(t *testing.T) {
		_, err := Query(ctx, filepath.Join(t.TempDir(), "none.duckdb"), "select 1", nil)
		if !errors.Is(err, ErrNoWarehouse) {
			t.Errorf("err %v", err)
		}
	})
}

// A warehouse of another schema version is refused with what to do, and is
// left as it was; an empty file is a new warehouse.
func TestSchemaVersion(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		setup string // run on a fresh warehouse before it is opened again
		want  error
	}{
		{"this version", "", nil},
		{"an older version", "update klacht_schema set version = 1", ErrSchema},
		{"tables but no version (before versions were kept)", "drop table klacht_schema", ErrSchema},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "w.duckdb")
			if err := Build(ctx, db, BuildOptions{Fresh: true}, func(w *Warehouse) error {
				if tc.setup == "" {
					return nil
				}
				return w.exec(ctx, tc.setup)
			}); err != nil {
				t.Fatal(err)
			}
			if err := CheckSchema(ctx, db); !errors.Is(err, tc.want) {
				t.Errorf("CheckSchema: got %v, want %v", err, tc.want)
			}
			before, _ := os.ReadFile(db)
			err := Build(ctx, db, BuildOptions{}, func(w *Warehouse) error { return nil })
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if after, _ := os.ReadFile(db); tc.want != nil && string(after) != string(before) {
				t.Error("the refused warehouse changed")
			}
		})
	}
}
