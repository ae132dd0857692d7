package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/svmn/klacht/load"
	"github.com/svmn/klacht/pipeline"
)

// summary is what a run reports.
type summary struct {
	command     string
	unchanged   bool // import found nothing to do: nothing was written
	db, input   string
	runID, year int
	files       []pipeline.FileStat
	skipped     int      // unchanged files, not read again
	retired     []string // files gone from the input: their rows went to history
	closed      []string // changes to closed years: "2020: file changed"
	rejects     int64
	notes       int
	ignored     map[string]string // import without change: the files ignored, and why
	counts      load.Counts       // what the warehouse holds after the run
	// keyFingerprint is that of the hash_key that made the client keys
	// (empty: none); keyNote what the key guard said.
	keyFingerprint, keyNote string
	rolledBack              *load.RolledBack // rollback: what it did
	refused                 bool             // a guard refused the run: nothing was published
}

func (s summary) print(w io.Writer) {
	if s.rolledBack != nil {
		s.printRollback(w)
		return
	}
	var read, loaded, rejected int64
	counts := map[string]int{}
	for _, f := range s.files {
		counts[f.Status]++
		read += f.RowsRead
		loaded += f.RowsLoaded
		rejected += f.RowsRejected
	}
	scope := "all years"
	if s.year != 0 {
		scope = fmt.Sprintf("year %d", s.year)
	}
	if s.refused {
		fmt.Fprintf(w, "klacht %s (%s): REFUSED, nothing published (why: below); what the run read from %s:\n", s.command, scope, s.input)
	} else {
		fmt.Fprintf(w, "klacht %s (%s): warehouse %s, run %d, input %s\n", s.command, scope, s.db, s.runID, s.input)
	}
	fmt.Fprintf(w, "  files:    %d loaded, %d failed, %d ignored, %d unchanged, %d retired\n", counts[pipeline.StatusLoaded],
		counts[pipeline.StatusFailed], counts[pipeline.StatusIgnored], s.skipped, len(s.retired))
	fmt.Fprintf(w, "  rows:     %d read, %d loaded, %d rejected\n", read, loaded, rejected)
	fmt.Fprintf(w, "  rejects:  %d (klacht query rejects), notes: %d (table run_notes)\n", s.rejects, s.notes)
	if s.keyFingerprint == "" {
		fmt.Fprintf(w, "  client keys: NONE: hash_key is not set (KLACHT_HASH_KEY), so dossier numbers are dropped and client_key is empty\n")
	} else {
		fmt.Fprintf(w, "  client keys: made with the hash_key of fingerprint %s\n", s.keyFingerprint)
	}
	if s.keyNote != "" {
		fmt.Fprintf(w, "  NOTE: %s\n", s.keyNote)
	}
	var years, partners []string
	var conversations int64
	for _, y := range s.counts.Years {
		years = append(years, fmt.Sprintf("%d: %d", y.Year, y.Conversations))
		conversations += y.Conversations
	}
	for _, p := range s.counts.Partners {
		partners = append(partners, fmt.Sprintf("%s %d: %d", p.Partner, p.Year, p.Tables))
	}
	in := "in the warehouse"
	if s.refused {
		in = "had it been published"
	}
	fmt.Fprintf(w, "  years:    %s (conversations %s: %d)\n", strings.Join(years, ", "), in, conversations)
	fmt.Fprintf(w, "  partners: %s (partner tables %s)\n", strings.Join(partners, ", "), in)
	for _, c := range s.closed {
		fmt.Fprintf(w, "  CLOSED YEAR CHANGED: %s\n", c)
	}
	if s.command == "import" && len(s.files) > 0 {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  file\tstatus\tread\tloaded\trejected\tskipped rows\tproblems")
		for _, f := range s.files {
			fmt.Fprintf(tw, "  %s\t%s\t%d\t%d\t%d\t%d\t%d\n", f.File, f.Status, f.RowsRead, f.RowsLoaded, f.RowsRejected, f.RowsSkipped, f.Problems)
		}
		tw.Flush()
	}
}
