package main

import (
	"context"
	"io"
	"path/filepath"
	"testing"
)

// BenchmarkRun compares a full rebuild of the bundled sample with an import
// that finds no change (the common nightly case): the import hashes the
// input and reads the manifest, and writes nothing.
//
//	go test -tags duckdb_arrow ./cmd/klacht -run XXX -bench Run -benchtime 10x
func BenchmarkRun(b *testing.B) {
	dir := b.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	args := func(cmd string) []string {
		return []string{cmd, "--input", "../../testdata/sample", "--db", db, "--config", fx.config}
	}
	ctx := context.Background()
	if code := run(ctx, args("rebuild"), io.Discard, io.Discard); code != exitOK {
		b.Fatalf("rebuild: exit %d", code)
	}
	for _, cmd := range []string{"rebuild", "import"} {
		b.Run(cmd, func(b *testing.B) {
			for range b.N {
				if code := run(ctx, args(cmd), io.Discard, io.Discard); code != exitOK {
					b.Fatalf("%s: exit %d", cmd, code)
				}
			}
		})
	}
}
