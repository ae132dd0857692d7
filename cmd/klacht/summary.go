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
	counts      load.Counts // what the warehouse holds after the run
}

func (s summary) print(w io.Writer) {
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
	fmt.Fprintf(w, "klacht %s (%s): warehouse %s, run %d, input %s\n", s.command, scope, s.db, s.runID, s.input)
	fmt.Fprintf(w, "  files:    %d loaded, %d failed, %d ignored, %d unchanged, %d retired\n", counts[pipeline.StatusLoaded],
		counts[pipeline.StatusFailed], counts[pipeline.StatusIgnored], s.skipped, len(s.retired))
	fmt.Fprintf(w, "  rows:     %d read, %d loaded, %d rejected\n", read, loaded, rejected)
	fmt.Fprintf(w, "  rejects:  %d (klacht query rejects), notes: %d (table run_notes)\n", s.rejects, s.notes)
	var years, partners []string
	var conversations int64
	for _, y := range s.counts.Years {
		years = append(years, fmt.Sprintf("%d: %d", y.Year, y.Conversations))
		conversations += y.Conversations
	}
	for _, p := range s.counts.Partners {
		partners = append(partners, fmt.Sprintf("%s %d: %d", p.Partner, p.Year, p.Tables))
	}
	fmt.Fprintf(w, "  years:    %s (conversations in the warehouse: %d)\n", strings.Join(years, ", "), conversations)
	fmt.Fprintf(w, "  partners: %s (partner tables in the warehouse)\n", strings.Join(partners, ", "))
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
