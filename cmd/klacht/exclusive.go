package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/svmn/klacht/load"
	"github.com/svmn/klacht/pipeline"
)

// exclusive runs a writing command under the warehouse's lock, prints its
// summary, logs it, appends it to the run log and turns its outcome into the
// exit code: 0 done, 1 failed (the warehouse is as it was), 3 done with
// rejects, 4 the lock is taken.
func (a *app) exclusive(cmd *cobra.Command, command string, year int, fn func(ctx context.Context) (summary, error)) error {
	ctx := cmd.Context()
	started := time.Now()
	logRun := func(e runLogEntry) {
		if err := appendRunLog(a.cfg.DB, e); err != nil {
			a.log.Error("run log not written", "err", err)
		}
	}
	unlock, err := load.Lock(ctx, a.cfg.DB, a.cfg.LockTimeout, command)
	if err != nil {
		e := newRunLogEntry(command, year, started, summary{})
		e.Status, e.ExitCode, e.Error = "failed", exitFailure, err.Error()
		if errors.Is(err, load.ErrBusy) {
			e.Status, e.ExitCode = "busy", exitBusy
			a.log.Error("another run holds the lock: nothing done", "db", a.cfg.DB, "err", err)
		}
		logRun(e)
		return err
	}
	defer unlock()
	load.Fault("locked")
	a.log.Info("run started", "command", command, "db", a.cfg.DB, "input", a.cfg.Input, "year", year)
	s, err := fn(ctx)
	e := newRunLogEntry(command, year, started, s)
	if err != nil {
		e.Status, e.ExitCode, e.Error = "failed", exitFailure, err.Error()
		var ue usageError
		if errors.As(err, &ue) {
			e.ExitCode = exitUsage
		}
		a.log.Error("run failed: the warehouse is as it was", "command", command, "err", err)
		logRun(e)
		return err
	}
	load.Fault("published")
	out := cmd.OutOrStdout()
	switch {
	case s.unchanged:
		e.Status = "no_change"
		fmt.Fprintf(out, "klacht %s: no change in %s since the last run (%d files unchanged): nothing written\n", command, a.cfg.Input, s.skipped)
	default:
		s.print(out)
		e.Status = "ok"
		if s.rejects > 0 {
			e.Status, e.ExitCode = "rejects", exitRejects
		}
	}
	for _, f := range s.files {
		if f.Status == pipeline.StatusFailed {
			fmt.Fprintf(cmd.ErrOrStderr(), "klacht: %s\n", f.Message)
		}
	}
	for _, c := range s.closed {
		a.log.Warn("closed year changed", "change", c)
	}
	a.log.Info("run done", "command", command, "status", e.Status, "run", s.runID, "files_read", e.FilesRead,
		"files_failed", e.FilesFailed, "files_unchanged", e.FilesUnchanged, "files_retired", e.FilesRetired,
		"rows_loaded", e.RowsLoaded, "rejects", e.Rejects, "seconds", time.Since(started).Seconds())
	logRun(e)
	if e.ExitCode != exitOK {
		return exitError{e.ExitCode}
	}
	return nil
}

// closedBefore is the first open year: changes to years before it are flagged.
func (a *app) closedBefore() int {
	if a.cfg.ClosedBefore != 0 {
		return a.cfg.ClosedBefore
	}
	return time.Now().Year()
}

// progress returns a progress bar over total files, only when stderr is a
// terminal: a nightly job's log gets no bar.
func (a *app) progress(total int) func(string) {
	if total < 2 || !term.IsTerminal(int(os.Stderr.Fd())) {
		return nil
	}
	bar := progressbar.NewOptions(total, progressbar.OptionSetWriter(os.Stderr), progressbar.OptionSetDescription("files"),
		progressbar.OptionShowCount(), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond))
	return func(string) { bar.Add(1) }
}
