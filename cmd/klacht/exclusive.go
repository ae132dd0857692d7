package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/svmn/klacht/load"
	"github.com/svmn/klacht/pipeline"
)

// exclusive runs a writing command under the warehouse's lock, prints its
// summary, logs it, appends it to the run log and turns its outcome into the
// exit code: 0 done, 1 failed or refused (the warehouse is as it was), 2 bad
// usage, 3 done with rejects, 4 the lock is taken.
func (a *app) exclusive(cmd *cobra.Command, command string, year int, fn func(ctx context.Context) (summary, error)) error {
	ctx := cmd.Context()
	started := time.Now()
	if err := a.checkInput(cmd, command, year, started); err != nil {
		return err
	}
	unlock, err := load.Lock(ctx, a.cfg.DB, a.cfg.LockTimeout, command)
	if err != nil {
		return a.ended(cmd, command, summary{}, newRunLogEntry(command, year, started, summary{}), err)
	}
	defer unlock()
	load.Fault("locked")
	if cmd.Flags().Lookup("input") != nil {
		a.log.Info("run started", "command", command, "db", a.cfg.DB, "input", a.cfg.Input, "year", year)
	} else {
		a.log.Info("run started", "command", command, "db", a.cfg.DB)
	}
	s, err := fn(ctx)
	e := newRunLogEntry(command, year, started, s)
	if err == nil {
		load.Fault("published")
	}
	return a.ended(cmd, command, s, e, err)
}

// checkInput finds a missing input folder before the lock, so that nothing
// is made beside a warehouse that does not exist; beside one that does, the
// night is in the run log.
func (a *app) checkInput(cmd *cobra.Command, command string, year int, started time.Time) error {
	if cmd.Flags().Lookup("input") == nil {
		return nil
	}
	_, err := os.Stat(a.cfg.Input)
	if err == nil {
		return nil
	}
	err = usageError{fmt.Errorf("input folder %q: %w (set --input or KLACHT_INPUT)", a.cfg.Input, err)}
	if _, statErr := os.Stat(a.cfg.DB); statErr == nil {
		e := newRunLogEntry(command, year, started, summary{})
		e.Status, e.ExitCode, e.Error = "failed", exitUsage, err.Error()
		a.logRun(e)
	}
	return err
}

// ended reports how a run ended: it prints the summary, logs the outcome,
// appends it to the run log and returns what sets the exit code.
func (a *app) ended(cmd *cobra.Command, command string, s summary, e runLogEntry, err error) error {
	if err != nil {
		var ue usageError
		var refusal *load.Refusal
		e.Status, e.ExitCode, e.Error = "failed", exitFailure, err.Error()
		switch {
		case errors.Is(err, load.ErrBusy):
			e.Status, e.ExitCode = "busy", exitBusy
		case errors.As(err, &ue):
			e.ExitCode = exitUsage
		case errors.As(err, &refusal):
			e.Status = "refused"
			if s.runID != 0 {
				s.refused = true
				s.print(cmd.OutOrStdout()) // what the refused run read, which tells why
			}
		}
		a.failed(command, e)
		a.logRun(e)
		return err
	}
	out := cmd.OutOrStdout()
	switch {
	case s.unchanged:
		e.Status = "no_change"
		fmt.Fprintf(out, "klacht %s: no change in %s since the last run: %d files unchanged, %d ignored; nothing written\n", command, a.cfg.Input, s.skipped, len(s.ignored))
		for _, f := range slices.Sorted(maps.Keys(s.ignored)) {
			fmt.Fprintf(out, "  ignored: %s: %s\n", f, s.ignored[f])
		}
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
		"rows_loaded", e.RowsLoaded, "rejects", e.Rejects, "seconds", e.Finished.Sub(e.Started).Seconds())
	a.logRun(e)
	if e.ExitCode != exitOK {
		return exitError{e.ExitCode}
	}
	return nil
}

// logRun appends a run to the run log; a log that cannot be written is said.
func (a *app) logRun(e runLogEntry) {
	if err := appendRunLog(a.cfg.DB, e); err != nil {
		a.log.Error("run log not written", "err", err)
	}
}

// failed logs a run that failed or was refused. The error itself is said
// once, on the line klacht prints last; a JSON log carries it as well, for
// the machines that read it.
func (a *app) failed(command string, e runLogEntry) {
	args := []any{"command", command, "status", e.Status, "exit", e.ExitCode}
	if a.cfg.LogFormat == "json" {
		args = append(args, "err", e.Error)
	}
	a.log.Error("run "+e.Status+": the warehouse is as it was", args...)
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
