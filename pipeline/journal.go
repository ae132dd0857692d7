package pipeline

import (
	"fmt"
	"sync"
)

// File statuses in a Journal.
const (
	StatusLoaded  = "loaded"  // read; its rows are loaded or rejected
	StatusFailed  = "failed"  // could not be read at all; nothing of it is loaded
	StatusIgnored = "ignored" // not a register (an Excel lock file, say)
	// StatusUnchanged is a file an import did not read again: its content
	// is that of the run that loaded it.
	StatusUnchanged = "unchanged"
)

// FileStat counts what happened to one source file in a run.
type FileStat struct {
	File         string
	Status       string
	Sheets       int   // data sheets read
	RowsRead     int64 // data rows found under a header row
	RowsLoaded   int64 // rows written to the warehouse
	RowsRejected int64 // data rows not loaded (each has a reject)
	RowsSkipped  int64 // blank, title, header and Totaal rows, rows of another year
	Problems     int64 // rejects recorded for this file (cells and rows)
	Message      string
}

// Reject is a problem recorded for the rejects table. Year is the register
// year the problem belongs to, or 0 where it is not known (a file that could
// not be read). RowRejected says whether the row was kept out of the warehouse;
// otherwise only the value was left unmapped and the row still loaded.
type Reject struct {
	Error
	Year        int
	RowRejected bool
}

// Note is something an operator should know but that loses no data, such as
// a column that matched no header alias and was ignored.
type Note struct {
	Loc     Location
	Message string
}

// SheetColumn is a column of a register's data sheet as its header row
// names it: the field it was read as, or none (a column no header alias
// matches, ignored). Loc is the header cell.
type SheetColumn struct {
	Loc    Location
	Header string
	Field  string
}

// Journal collects the per-file counts, rejects and notes of one run. It is
// safe for concurrent use. A nil *Journal records nothing and returns
// nothing: a stage given none (a test, a tool that only wants the rows)
// still runs.
type Journal struct {
	// OnFileDone, if set, is called when an extractor is done with a file
	// (read, failed or ignored): a progress hook.
	OnFileDone func(file string)

	mu      sync.Mutex
	files   map[string]*FileStat
	order   []string
	rejects []Reject
	notes   []Note
	columns []SheetColumn
	same    map[[3]string]int // rejects per file, field and reason, to cap them
}

// MaxSameRejects is how many rejects of one file, field and reason are kept
// one by one; the rest are counted in one summary reject, so that a file
// with a million bad cells does not fill memory.
const MaxSameRejects = 100

// NewJournal returns an empty Journal.
func NewJournal() *Journal {
	return &Journal{files: map[string]*FileStat{}, same: map[[3]string]int{}}
}

func (j *Journal) stat(file string) *FileStat {
	s, ok := j.files[file]
	if !ok {
		s = &FileStat{File: file, Status: StatusLoaded}
		j.files[file] = s
		j.order = append(j.order, file)
	}
	return s
}

// Update changes the counts of file under the journal's lock.
func (j *Journal) Update(file string, f func(*FileStat)) {
	if j == nil {
		return
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	f(j.stat(file))
}

// Fail marks a whole file as unreadable and records why.
func (j *Journal) Fail(e *Error) {
	if j == nil {
		return
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	s := j.stat(e.Loc.File)
	s.Status = StatusFailed
	s.Message = e.Error() // with its location: file:line:col or file:sheet!cell
	s.Problems++
	j.rejects = append(j.rejects, Reject{Error: *e})
}

// Ignore marks a file as not a register, with the reason.
func (j *Journal) Ignore(file, why string) {
	if j == nil {
		return
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	s := j.stat(file)
	s.Status = StatusIgnored
	s.Message = why
}

// Done says that an extractor is done with file.
func (j *Journal) Done(file string) {
	if j != nil && j.OnFileDone != nil {
		j.OnFileDone(file)
	}
}

// Reject records a problem with a cell or a row of year.
func (j *Journal) Reject(year int, rowRejected bool, e *Error) {
	if j == nil {
		return
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	s := j.stat(e.Loc.File)
	s.Problems++
	if rowRejected {
		s.RowsRejected++
	}
	key := [3]string{e.Loc.File, e.Field, errText(e.Err)}
	j.same[key]++
	switch n := j.same[key]; {
	case n <= MaxSameRejects:
		j.rejects = append(j.rejects, Reject{Error: *e, Year: year, RowRejected: rowRejected})
	case n == MaxSameRejects+1:
		// One summary reject, counted up in Rejects.
		j.rejects = append(j.rejects, Reject{Error: Error{Loc: Location{File: e.Loc.File, Sheet: e.Loc.Sheet}, Field: e.Field,
			Err: &moreErr{key: key, cause: e.Err}}, Year: year})
	}
}

// moreErr stands for the rejects past MaxSameRejects of one kind.
type moreErr struct {
	key   [3]string
	n     int
	cause error
}

func (m *moreErr) Error() string {
	return fmt.Sprintf("and %d more cells of this file with the same problem, not listed one by one: %v", m.n, m.cause)
}

func (m *moreErr) Unwrap() error { return m.cause }

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// Note records a note at loc.
func (j *Journal) Note(loc Location, msg string) {
	if j == nil {
		return
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	j.notes = append(j.notes, Note{Loc: loc, Message: msg})
}

// Column records a column of a data sheet, as its header row names it.
func (j *Journal) Column(c SheetColumn) {
	if j == nil {
		return
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	j.columns = append(j.columns, c)
}

// Columns returns the columns of the data sheets read so far.
func (j *Journal) Columns() []SheetColumn {
	if j == nil {
		return nil
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	return append([]SheetColumn(nil), j.columns...)
}

// Files returns the file counts in the order the files were first seen. A
// failed file has nothing loaded: the rows it sent before it failed count as
// rejected.
func (j *Journal) Files() []FileStat {
	if j == nil {
		return nil
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	out := make([]FileStat, 0, len(j.order))
	for _, f := range j.order {
		s := *j.files[f]
		if s.Status == StatusFailed {
			s.RowsRejected += s.RowsLoaded
			s.RowsLoaded = 0
			s.RowsRead = max(s.RowsRead, s.RowsRejected)
		}
		out = append(out, s)
	}
	return out
}

// Rejects returns the rejects recorded so far.
func (j *Journal) Rejects() []Reject {
	if j == nil {
		return nil
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	out := append([]Reject(nil), j.rejects...)
	for i, r := range out {
		if m, ok := r.Err.(*moreErr); ok {
			out[i].Err = &moreErr{key: m.key, n: j.same[m.key] - MaxSameRejects, cause: m.cause}
		}
	}
	return out
}

// Notes returns the notes recorded so far.
func (j *Journal) Notes() []Note {
	if j == nil {
		return nil
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	return append([]Note(nil), j.notes...)
}
