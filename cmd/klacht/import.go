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
	"github.com/svmn/klacht/transform"
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

Guards refuse a run that would take much away (docs/operations.md): an
input with no register, more than max_retire files gone (--allow-retire),
a year's conversations lowered by more than max_drop (--allow-drop), or
another hash_key than the one that made the warehouse's client keys.

The new state is built on a copy and published in one rename, so an analyst
with the warehouse open is never blocked and never sees half an import, and
a run killed at any moment leaves the previous warehouse intact. Import and
rebuild share a lock: one writer at a time. Every run, also one without
change or one that failed, is appended to <db>.runs.jsonl: see klacht status.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.exclusive(cmd, "import", 0, func(ctx context.Context) (summary, error) {
				return a.importChanges(ctx, a.guards(cmd))
			})
		},
	}
	runFlags(cmd)
	return cmd
}

// runFlags adds the flags of the commands that load the input: the input
// folder, the lock's timeout, and what the guards may let through.
func runFlags(cmd *cobra.Command) {
	cmd.Flags().String("input", config.Defaults()["input"].(string), "folder with the registers and partner tables (KLACHT_INPUT)")
	cmd.Flags().Duration("lock-timeout", 0, "how long to wait for another run's lock (KLACHT_LOCK_TIMEOUT; default from config)")
	cmd.Flags().Bool("allow-retire", false, "publish even if more than max_retire files are gone from the input")
	cmd.Flags().Bool("allow-drop", false, "publish even if a year's conversations fall by more than max_drop, or a year goes")
}

// guards are the run's guards: the settings, and what the flags allow.
func (a *app) guards(cmd *cobra.Command) load.Guards {
	allowRetire, _ := cmd.Flags().GetBool("allow-retire")
	allowDrop, _ := cmd.Flags().GetBool("allow-drop")
	return load.Guards{MaxRetire: a.cfg.MaxRetire, MaxDrop: a.cfg.MaxDrop, AllowRetire: allowRetire, AllowDrop: allowDrop}
}

func (a *app) importChanges(ctx context.Context, g load.Guards) (summary, error) {
	data, in, err := a.readInput(ctx)
	if err != nil {
		return summary{}, err
	}
	// A klacht of another schema must not compare, nor write: say so at the
	// first night after an upgrade, not at the first change of a file.
	if err := load.CheckSchema(ctx, a.cfg.DB); err != nil {
		return summary{}, err
	}
	published, before, err := a.readPublished(ctx)
	if err != nil {
		return summary{}, err
	}
	changes := published.Changes(in.manifest)
	p := runPlan{command: "import", data: data, input: in, changes: changes, closedBefore: a.closedBefore(), before: before, guards: g}
	// Checked also when nothing changed: a wrong key is found the night it
	// goes wrong, not at the next change.
	if err := p.check(published); err != nil {
		return summary{}, err
	}
	if changes.None() {
		a.log.Info("no change since the last run: nothing to load", "files", len(changes.Unchanged), "ignored", len(in.ignored))
		return summary{command: "import", db: a.cfg.DB, input: a.cfg.Input, skipped: len(changes.Unchanged), ignored: in.ignored, unchanged: true}, nil
	}
	a.log.Info("changes found", "load", len(changes.Read), "retire", changes.Removals(), "unchanged", len(changes.Unchanged), "all", changes.Reference)
	return a.execute(ctx, p)
}

// readPublished reads what the published warehouse holds: its manifest and
// its conversations per year; nothing if there is none.
func (a *app) readPublished(ctx context.Context) (load.Manifest, load.Counts, error) {
	m, err := load.ReadManifest(ctx, a.cfg.DB)
	if err != nil {
		return m, load.Counts{}, err
	}
	c, err := load.ReadCounts(ctx, a.cfg.DB)
	return m, c, err
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
	if err != nil {
		return data, in, err
	}
	in.manifest.Reference, in.manifest.ClientKey = data.SHA256(), transform.KeyFingerprint(a.cfg.HashKey)
	if in.registers == 0 {
		return data, in, a.noRegister(in)
	}
	return data, in, nil
}

// noRegister refuses an input with no register at all: what a share that
// is not mounted, or a wrong --input, looks like.
func (a *app) noRegister(in input) error {
	holds := "the folder is empty"
	if n := len(in.manifest.Files) + len(in.ignored); n > 0 {
		holds = fmt.Sprintf("it holds %d partner tables and %d other files, and no register", len(in.manifest.Files), len(in.ignored))
	}
	return &load.Refusal{
		Reason: fmt.Sprintf("the input folder %q holds no register (.xlsx, .xlsm or .ods):", a.cfg.Input),
		Items:  []string{holds},
		Allow:  "Is the network share mounted, and is --input (KLACHT_INPUT) the folder of the registers? Nothing was changed.",
	}
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
