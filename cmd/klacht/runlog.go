package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/svmn/klacht/pipeline"
)

// runLogEntry is one run in <db>.runs.jsonl: every run, also one that
// changed nothing, found the lock taken or failed, so that 'klacht status'
// can tell an operator what each night did.
type runLogEntry struct {
	Run               int       `json:"run,omitempty"` // the warehouse's run_id, if the run published
	Command           string    `json:"command"`
	Year              int       `json:"year,omitempty"`
	Started           time.Time `json:"started"`
	Finished          time.Time `json:"finished"`
	Status            string    `json:"status"` // ok, rejects, no_change, failed, refused, busy
	ExitCode          int       `json:"exit_code"`
	FilesRead         int       `json:"files_read"`
	FilesFailed       int       `json:"files_failed"`
	FilesUnchanged    int       `json:"files_unchanged"`
	FilesRetired      int       `json:"files_retired"`
	RowsRead          int64     `json:"rows_read"`
	RowsLoaded        int64     `json:"rows_loaded"`
	RowsRejected      int64     `json:"rows_rejected"`
	Rejects           int64     `json:"rejects"`
	ClosedYearChanges []string  `json:"closed_year_changes,omitempty"`
	Error             string    `json:"error,omitempty"`
}

func runLogPath(db string) string { return db + ".runs.jsonl" }

func newRunLogEntry(command string, year int, started time.Time, s summary) runLogEntry {
	e := runLogEntry{Run: s.runID, Command: command, Year: year, Started: started.UTC(), Finished: time.Now().UTC(),
		FilesUnchanged: s.skipped, FilesRetired: len(s.retired), Rejects: s.rejects, ClosedYearChanges: s.closed}
	for _, f := range s.files {
		switch f.Status {
		case pipeline.StatusFailed:
			e.FilesFailed++
		case pipeline.StatusLoaded:
			e.FilesRead++
		}
		e.RowsRead += f.RowsRead
		e.RowsLoaded += f.RowsLoaded
		e.RowsRejected += f.RowsRejected
	}
	return e
}

// appendRunLog adds one line; a single write of one line is atomic enough
// for a log that one writer at a time (the lock holder) appends to.
func appendRunLog(db string, e runLogEntry) error {
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(runLogPath(db), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("run log: %w", err)
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("run log: %w", err)
	}
	return f.Close()
}

// readRunLog returns the last n runs, newest first. A torn last line (a
// process killed while writing it) is skipped.
func readRunLog(db string, n int) ([]runLogEntry, error) {
	f, err := os.Open(runLogPath(db))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var all []runLogEntry
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		var e runLogEntry
		if json.Unmarshal(sc.Bytes(), &e) == nil {
			all = append(all, e)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var out []runLogEntry
	for i := len(all) - 1; i >= 0 && len(out) < n; i-- {
		out = append(out, all[i])
	}
	return out, nil
}
