package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/svmn/klacht/config"
	"github.com/svmn/klacht/extract"
	"github.com/svmn/klacht/load"
)

func (a *app) importCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import [--input DIR]",
		Short: "Load what changed in the input since the last run (the nightly job)",
		Long: `Import compares every file under the input folder with the manifest of
the warehouse (table source_files: each file's sha256). Unchanged files are
skipped; a new or changed file replaces exactly its own rows; the rows of a
file that is gone are retired to history. A changed file that cannot be read
keeps its earlier rows until it can. Changes to closed years (before
closed_before) are loaded and flagged. With no change, nothing is written.

The new state is built on a copy and published in one rename, so an analyst
with the warehouse open is never blocked and never sees half an import, and
a run killed at any moment leaves the previous warehouse intact. Import and
rebuild share a lock: one writer at a time. Every run, also one without
change or one that failed, is appended to <db>.runs.jsonl: see klacht status.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.exclusive(cmd, "import", 0, a.importChanges)
		},
	}
	cmd.Flags().String("input", config.Defaults()["input"].(string), "folder with the registers and partner tables (KLACHT_INPUT)")
	cmd.Flags().Duration("lock-timeout", 0, "how long to wait for another run's lock (KLACHT_LOCK_TIMEOUT; default from config)")
	return cmd
}

func (a *app) importChanges(ctx context.Context) (summary, error) {
	data, in, err := a.readInput(ctx)
	if err != nil {
		return summary{}, err
	}
	// A klacht of another schema must not compare, nor write: say so at the
	// first night after an upgrade, not at the first change of a file.
	if err := load.CheckSchema(ctx, a.cfg.DB); err != nil {
		return summary{}, err
	}
	loaded, err := load.ReadManifest(ctx, a.cfg.DB)
	if err != nil {
		return summary{}, err
	}
	changes := loaded.Changes(in.manifest)
	if changes.None() {
		a.log.Info("no change since the last run: nothing to load", "files", len(changes.Unchanged))
		return summary{command: "import", db: a.cfg.DB, input: a.cfg.Input, skipped: len(changes.Unchanged), unchanged: true}, nil
	}
	a.log.Info("changes found", "load", len(changes.Read), "retire", changes.Removals(), "unchanged", len(changes.Unchanged), "all", changes.Reference)
	return a.execute(ctx, runPlan{command: "import", data: data, input: in, changes: changes, closedBefore: a.closedBefore()})
}

// input is what a run finds in the input folder.
type input struct {
	manifest  load.Manifest     // the registers and partner tables, hashed, and the reference data
	ignored   map[string]string // every other file, and why it is ignored
	registers int               // registers among the files of the manifest
}

// readInput reads the reviewed reference data and takes stock of the input:
// every file is a register or a partner table, hashed, or ignored with a
// reason.
func (a *app) readInput(ctx context.Context) (config.Data, input, error) {
	data, err := config.LoadData(a.cfg.DataDir)
	if err != nil {
		return data, input{}, usageError{err}
	}
	in, err := a.hashInput(ctx)
	in.manifest.Reference = data.SHA256()
	return data, in, err
}

func (a *app) hashInput(ctx context.Context) (input, error) {
	in := input{manifest: load.Manifest{Files: map[string]load.Source{}}, ignored: map[string]string{}}
	root, files, err := extract.Files(a.cfg.Input)
	if err != nil {
		return in, usageError{fmt.Errorf("%w (set --input or KLACHT_INPUT)", err)}
	}
	for _, rel := range files {
		if err := ctx.Err(); err != nil {
			return in, err
		}
		kind, why := extract.Classify(rel)
		if kind == extract.KindIgnored {
			in.ignored[rel] = why
			continue
		}
		src, err := hashFile(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			return in, err
		}
		in.manifest.Files[rel] = src
		if kind == extract.KindRegister {
			in.registers++
		}
	}
	return in, nil
}

func hashFile(path string) (load.Source, error) {
	f, err := os.Open(path)
	if err != nil {
		return load.Source{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return load.Source{}, fmt.Errorf("read %s: %w", path, err)
	}
	return load.Source{SHA256: hex.EncodeToString(h.Sum(nil)), Size: n}, nil
}
