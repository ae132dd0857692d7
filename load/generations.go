//go:build duckdb_arrow

package load

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Generations are the warehouses that runs published before the current
// one, kept beside it in <db>.generations/run-<N>.duckdb: the warehouse as
// run N left it. Each time a run publishes, the warehouse it replaces is
// kept there by a hard link, not a copy: it takes no time, and keeps the disk
// of a file the rename would otherwise have freed (the replaced file is
// never written again, since every run writes a new copy). All but the
// newest Keep are removed. Rollback publishes one of them again.

// Generation is an earlier published warehouse.
type Generation struct {
	Run       int       // the last run it holds
	Path      string    // its file
	Published time.Time // when it was published
}

var generationName = regexp.MustCompile(`^run-([0-9]+)\.duckdb$`)

func generationsDir(path string) string { return path + ".generations" }

// Generations lists the generations kept beside the warehouse at path,
// oldest first.
func Generations(path string) ([]Generation, error) {
	dir := generationsDir(path)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list the kept warehouses: %w", err)
	}
	var out []Generation
	for _, e := range entries {
		m := generationName.FindStringSubmatch(e.Name())
		if m == nil {
			continue
		}
		run, _ := strconv.Atoi(m[1])
		info, err := e.Info()
		if err != nil {
			return nil, err
		}
		out = append(out, Generation{Run: run, Path: filepath.Join(dir, e.Name()), Published: info.ModTime()})
	}
	slices.SortFunc(out, func(a, b Generation) int { return a.Run - b.Run })
	return out, nil
}

// newestGeneration is the run of the newest generation kept, or 0.
func newestGeneration(path string) int {
	gens, _ := Generations(path)
	if len(gens) == 0 {
		return 0
	}
	return gens[len(gens)-1].Run
}

// LastRun returns the last run the warehouse at path holds (0: none).
func LastRun(ctx context.Context, path string) (int, error) {
	db, err := openReadOnly(path)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	res, err := rows(ctx, db, "last_run", nil)
	if err != nil {
		return 0, damaged(path, err)
	}
	return int(intOf(res.Rows[0][0])), nil
}

// keepGeneration keeps the warehouse at path, which is about to be
// replaced, as the generation of its last run, and removes all but the
// newest keep, not counting the generation of run except (one that is about
// to be published). It keeps nothing if keep is 0 or there is no warehouse;
// an error says why none was kept, and the caller publishes all the same.
func keepGeneration(ctx context.Context, path string, keep, except int) error {
	if keep <= 0 {
		return nil
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	last, err := LastRun(ctx, path)
	if err != nil {
		return fmt.Errorf("the warehouse being replaced is not kept: %w", err)
	}
	dir := generationsDir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("the warehouse being replaced is not kept: %w", err)
	}
	target := filepath.Join(dir, fmt.Sprintf("run-%d.duckdb", last))
	if _, err := os.Stat(target); errors.Is(err, fs.ErrNotExist) {
		if err := os.Link(path, target); err != nil {
			return fmt.Errorf("the warehouse being replaced is not kept (keep_generations needs a file system with hard links): %w", err)
		}
	} // else it is kept already: it was published by a rollback
	gens, err := Generations(path)
	if err != nil {
		return err
	}
	gens = slices.DeleteFunc(gens, func(g Generation) bool { return g.Run == except })
	for _, g := range gens[:max(len(gens)-keep, 0)] {
		if err := os.Remove(g.Path); err != nil {
			return fmt.Errorf("remove an old kept warehouse: %w", err)
		}
	}
	return nil
}

// ErrNoGeneration is a rollback with no earlier warehouse to go back to.
var ErrNoGeneration = errors.New("no earlier warehouse is kept to go back to (keep_generations)")

// RolledBack is what a rollback did.
type RolledBack struct {
	To      Generation // the warehouse published again
	From    int        // the last run of the warehouse it replaced (0: none, or damaged)
	Damaged bool       // the warehouse it replaced was damaged: it is not kept
	NotKept error      // why the replaced warehouse was not kept otherwise, if it was not
}

// Rollback publishes again the warehouse that run left, kept as a
// generation, in place of the warehouse at path; run 0 takes the newest
// generation from before the current warehouse's last run, that is one
// step back. The current warehouse is kept as a generation in turn, so a
// rollback can be undone with another. It is atomic: a reader sees the one
// warehouse or the other.
func Rollback(ctx context.Context, path string, run, keep int) (RolledBack, error) {
	var rb RolledBack
	gens, err := Generations(path)
	if err != nil {
		return rb, err
	}
	rb.From, err = LastRun(ctx, path)
	rb.Damaged = errors.Is(err, ErrDamaged)
	if err != nil && !errors.Is(err, ErrNoWarehouse) && !rb.Damaged {
		return rb, err
	}
	current := rb.From
	var target *Generation
	for i := range gens {
		if run == gens[i].Run || run == 0 && (current == 0 || gens[i].Run < current) {
			target = &gens[i]
		}
	}
	if target == nil {
		return rb, rollbackTargetErr(run, current, gens)
	}
	if err := checkReadable(ctx, target.Path); err != nil {
		return rb, fmt.Errorf("the warehouse of run %d (%s): %w", target.Run, target.Path, err)
	}
	// The target is linked to a name of its own and published from there;
	// only then does it leave the kept ones (it is kept again when it is
	// replaced). Killed at any step, the warehouse is the old or the new one.
	tmp := path + ".rollback"
	os.Remove(tmp)
	if err := os.Link(target.Path, tmp); err != nil {
		return rb, fmt.Errorf("rollback: %w", err)
	}
	rb.To = *target
	if !rb.Damaged {
		rb.NotKept = keepGeneration(ctx, path, keep, target.Run)
	}
	Fault("rolling back")
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return rb, fmt.Errorf("rollback: publish: %w", err)
	}
	os.Remove(target.Path)
	return rb, nil
}

// rollbackTargetErr says why there is nothing to roll back to, and what is
// kept.
func rollbackTargetErr(run, current int, gens []Generation) error {
	if len(gens) == 0 {
		return ErrNoGeneration
	}
	var runs []string
	for _, g := range gens {
		runs = append(runs, fmt.Sprintf("run %d (%s)", g.Run, g.Published.Format(time.DateTime)))
	}
	if run == 0 {
		return fmt.Errorf("the current warehouse holds run %d and no earlier one is kept; kept: %s", current, strings.Join(runs, ", "))
	}
	return fmt.Errorf("the warehouse of run %d is not kept; kept: %s", run, strings.Join(runs, ", "))
}
