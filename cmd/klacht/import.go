package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
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

// referenceFile is the manifest's entry for the reviewed reference data: if
// it changes, every file is loaded again.
const referenceFile = "<reference data>"

func (a *app) importChanges(ctx context.Context) (summary, error) {
	data, hashes, err := a.readInput(ctx)
	if err != nil {
		return summary{}, err
	}
	// A klacht of another schema must not compare, nor write: say so at the
	// first night after an upgrade, not at the first change of a file.
	if err := load.CheckSchema(ctx, a.cfg.DB); err != nil {
		return summary{}, err
	}
	manifest := map[string]string{}
	res, err := load.Query(ctx, a.cfg.DB, "select source_file, sha256 from source_files where status = 'current'", nil)
	switch {
	case errors.Is(err, load.ErrNoWarehouse):
	case err != nil:
		return summary{}, fmt.Errorf("read the manifest: %w", err)
	default:
		for _, r := range res.Rows {
			manifest[r[0].(string)] = r[1].(string)
		}
	}
	only, retire := map[string]bool{}, map[string]string{}
	all := manifest[referenceFile] != hashes[referenceFile].sha256
	for file, src := range hashes {
		if all || manifest[file] != src.sha256 {
			only[file] = true
			if _, known := manifest[file]; known {
				retire[file] = "changed"
			}
		}
	}
	for file := range manifest {
		if _, ok := hashes[file]; !ok {
			retire[file] = "removed"
		}
	}
	delete(retire, referenceFile)
	changed := len(only)
	if only[referenceFile] {
		changed-- // not a file of the input; stays in only, so the manifest records its new hash
	}
	skipped := len(hashes) - 1 - changed
	if changed == 0 && len(retire) == 0 {
		a.log.Info("no change since the last run: nothing to load", "files", skipped)
		return summary{command: "import", db: a.cfg.DB, input: a.cfg.Input, skipped: skipped, unchanged: true}, nil
	}
	a.log.Info("changes found", "load", changed, "retire", countReason(retire, "removed"), "unchanged", skipped, "all", all)
	return a.load(ctx, runOptions{command: "import", data: data, only: only, retire: retire, hashes: hashes, skipped: skipped, closedBefore: a.closedBefore()})
}

func countReason(m map[string]string, reason string) int {
	n := 0
	for _, r := range m {
		if r == reason {
			n++
		}
	}
	return n
}

// readInput reads the reviewed reference data and hashes the input: its
// files (not Excel lock files) with their sha256, and the reference data's
// under referenceFile.
func (a *app) readInput(ctx context.Context) (config.Data, map[string]source, error) {
	data, err := config.LoadData(a.cfg.DataDir)
	if err != nil {
		return data, nil, usageError{err}
	}
	hashes, err := a.hashInput(ctx, data)
	return data, hashes, err
}

func (a *app) hashInput(ctx context.Context, data config.Data) (map[string]source, error) {
	if _, err := os.Stat(a.cfg.Input); err != nil {
		return nil, usageError{fmt.Errorf("input folder %q: %w (set --input or KLACHT_INPUT)", a.cfg.Input, err)}
	}
	root, files, err := extract.Files(a.cfg.Input, ".xlsx", ".xlsm", ".xls", ".csv")
	if err != nil {
		return nil, err
	}
	out := map[string]source{}
	for _, rel := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if extract.LockFile(rel) {
			continue
		}
		src, err := hashFile(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			return nil, err
		}
		out[rel] = src
	}
	h := sha256.New()
	for _, t := range data.Tables() {
		fmt.Fprintf(h, "%s\x00%q\x00%q\x00", t.Name, t.Header, t.Rows)
	}
	out[referenceFile] = source{sha256: hex.EncodeToString(h.Sum(nil))}
	return out, nil
}

func hashFile(path string) (source, error) {
	f, err := os.Open(path)
	if err != nil {
		return source{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return source{}, fmt.Errorf("read %s: %w", path, err)
	}
	return source{sha256: hex.EncodeToString(h.Sum(nil)), size: n}, nil
}
