//go:build duckdb_arrow

package load

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Guards bound what one run may take away from the published warehouse, as
// rsync's --max-delete does: a run that would take more is refused and the
// warehouse stays as it was, unless the operator allows it on purpose.
type Guards struct {
	MaxRetire   int     // files gone from the input that one run may retire (max_retire)
	MaxDrop     float64 // the fraction by which one run may lower a year's conversations (max_drop)
	AllowRetire bool    // --allow-retire: retire any number
	AllowDrop   bool    // --allow-drop: lower or remove any year
}

// Refusal is a run that a guard refused: why, the files or years it would
// have taken, and how to let it through on purpose.
type Refusal struct {
	Reason string
	Items  []string
	Allow  string
}

func (r *Refusal) Error() string {
	var b strings.Builder
	b.WriteString("refused, nothing published: " + r.Reason)
	for _, it := range r.Items {
		b.WriteString("\n  " + it)
	}
	if r.Allow != "" {
		b.WriteString("\n" + r.Allow)
	}
	return b.String()
}

// CheckRetire refuses a run that would retire more than MaxRetire files:
// files the published warehouse was loaded from that are gone from the
// input (for a rebuild of one year, those with rows in that year).
func (g Guards) CheckRetire(published, input Manifest, year int) error {
	var gone []string
	for _, f := range slices.Sorted(maps.Keys(published.Files)) {
		if _, ok := input.Files[f]; ok || year != 0 && !slices.Contains(published.Files[f].Years, year) {
			continue
		}
		gone = append(gone, f)
	}
	if len(gone) <= g.MaxRetire || g.AllowRetire {
		return nil
	}
	return &Refusal{
		Reason: fmt.Sprintf("%d files the warehouse was loaded from are gone from the input, more than max_retire (%d); their rows would leave the warehouse:", len(gone), g.MaxRetire),
		Items:  gone,
		Allow:  "If they were removed or renamed on purpose, run again with --allow-retire. If not, put them back: is the share complete, and is --input the right folder?",
	}
}

// CheckDrop refuses a run after which a year would have fewer conversations
// than MaxDrop allows, or none: every year the warehouse had, or only year
// for a rebuild of one year.
func (g Guards) CheckDrop(before, after Counts, year int) error {
	now := map[int]int64{}
	for _, y := range after.Years {
		now[y.Year] = y.Conversations
	}
	var items []string
	for _, y := range before.Years {
		n := now[y.Year]
		switch {
		case year != 0 && y.Year != year:
		case n == 0:
			items = append(items, fmt.Sprintf("%d: %d conversations, then none: the year would be gone", y.Year, y.Conversations))
		case float64(y.Conversations-n) > g.MaxDrop*float64(y.Conversations):
			items = append(items, fmt.Sprintf("%d: %d conversations, then %d (%.0f%% fewer)", y.Year, y.Conversations, n, 100*float64(y.Conversations-n)/float64(y.Conversations)))
		}
	}
	if len(items) == 0 || g.AllowDrop {
		return nil
	}
	return &Refusal{
		Reason: fmt.Sprintf("the run would lower the conversations of a year by more than max_drop (%.0f%%), or remove a year:", 100*g.MaxDrop),
		Items:  items,
		Allow:  "If registers were cut or removed on purpose, run again with --allow-drop. If not, check the input: the files of this run are listed above.",
	}
}

// CheckKey compares the key that made the published warehouse's client
// keys (published.ClientKey, a fingerprint) with the run's (input's). An
// import or a rebuild of one year with another key is refused: its client
// keys would not link to the warehouse's. A full rebuild (fresh) makes every
// key anew and goes on, with a note; so does a warehouse that did not record
// its key. The note is empty when there is nothing to say.
func (g Guards) CheckKey(published, input Manifest, fresh bool) (note string, err error) {
	was, is := published.ClientKey, input.ClientKey
	switch {
	case was == is, len(published.Files) == 0 && was == "":
		return "", nil
	case was == KeyUnknown:
		return "the warehouse did not record which hash_key made its client keys (it was built by an earlier klacht); from this run on it does", nil
	case fresh:
		return "the hash_key differs from the one the replaced warehouse was built with: every client key is made anew, and those in the warehouses kept for klacht rollback do not link to them", nil
	}
	describe := func(fp string) string {
		if fp == "" {
			return "no hash_key"
		}
		return "the hash_key of fingerprint " + fp
	}
	run := "this run: " + describe(is)
	if is == "" {
		run += " (is KLACHT_HASH_KEY set for this job?)"
	}
	return "", &Refusal{
		Reason: "the run's hash_key is not the one that made the warehouse's client keys, so the new rows' client keys would not link to the others:",
		Items:  []string{"warehouse: " + describe(was), run},
		Allow:  "Run with the same hash_key. To change the key on purpose, run klacht rebuild, which makes every client key anew.",
	}
}
