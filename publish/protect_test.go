package publish

import (
	"encoding/csv"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the expected output of testdata/protect/*")

// publicationTexts reads the texts klacht ships, so that the tests see the
// footnotes a reader sees.
func publicationTexts(t *testing.T) map[string]string {
	t.Helper()
	recs := readCSV(t, filepath.Join("..", "config", "data", "publication_texts.csv"))
	texts := map[string]string{}
	for _, r := range recs[1:] {
		texts[r[0]] = r[1]
	}
	return texts
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// readTable reads a case's table: numbers as float64, empty cells as NULL.
func readTable(t *testing.T, path string) *Table {
	recs := readCSV(t, path)
	tb := &Table{Name: strings.TrimSuffix(filepath.Base(path), ".csv"), Columns: recs[0]}
	for _, r := range recs[1:] {
		row := make([]any, len(r))
		for i, v := range r {
			if n, err := strconv.ParseFloat(v, 64); err == nil {
				row[i] = n
			} else if v != "" {
				row[i] = v
			}
		}
		tb.Rows = append(tb.Rows, row)
	}
	return tb
}

// protectCase is one folder of testdata/protect: its tables (input/), the
// rule and what it says of each table (case.txt: 'below: 5', 'zeros: true',
// 'counts T: what', 'fixed T: year = 2021', 'margins T: year; total').
type protectCase struct {
	dir    string
	rule   Rule
	tables []*Table
}

func loadCase(t *testing.T, dir string) protectCase {
	c := protectCase{dir: dir, rule: Rule{Below: 5, Texts: publicationTexts(t)}}
	paths, _ := filepath.Glob(filepath.Join(dir, "input", "*.csv"))
	for _, p := range paths {
		c.tables = append(c.tables, readTable(t, p))
	}
	b, err := os.ReadFile(filepath.Join(dir, "case.txt"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		what, table, _ := strings.Cut(key, " ")
		var tb *Table
		for _, x := range c.tables {
			if x.Name == table {
				tb = x
			}
		}
		switch {
		case what == "below":
			c.rule.Below, _ = strconv.Atoi(value)
		case what == "zeros":
			c.rule.Zeros = value == "true"
		case tb == nil:
			t.Fatalf("%s/case.txt: %q names no table of input/", dir, line)
		case what == "counts":
			tb.Counts = value
		case what == "fixed":
			k, v, _ := strings.Cut(value, "=")
			tb.Fixed = map[string]string{strings.TrimSpace(k): strings.TrimSpace(v)}
		case what == "margins":
			for _, g := range strings.Split(value, ";") {
				dims := []string{}
				for _, d := range strings.Split(g, ",") {
					if d = strings.TrimSpace(d); d != "" && d != "total" {
						dims = append(dims, d)
					}
				}
				tb.Margins = append(tb.Margins, dims)
			}
		default:
			t.Fatalf("%s/case.txt: unknown line %q", dir, line)
		}
	}
	return c
}

// TestProtect protects the tables of each case in testdata/protect, compares
// what would be published and the audit with the case's published/ and
// audit.txt (-update rewrites them: read the diff), and checks what must
// hold whatever the layout: every mark is true, every small cell is as
// protected as its margins allow, and the audit's intervals agree with an
// enumeration of the whole numbers a reader could fill in.
func TestProtect(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("testdata", "protect", "*"))
	if len(dirs) == 0 {
		t.Fatal("no cases")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			c := loadCase(t, dir)
			before := make([]*Table, len(c.tables))
			for i, tb := range c.tables {
				before[i] = cloneTable(tb)
			}
			audits, err := Protect(c.tables, c.rule)
			if err != nil {
				t.Fatal(err)
			}
			var auditText strings.Builder
			for i, tb := range c.tables {
				if len(c.tables) == 1 {
					checkLeast(t, before[i], tb, c.rule)
				}
				checkMarks(t, before[i], tb, c.rule)
				checkAudit(t, before[i], tb, audits[i], c.rule)
				matchFile(t, filepath.Join(dir, "published", tb.Name+".csv"), tableCSV(tb))
				writeAudit(&auditText, audits[i], c.rule)
			}
			matchFile(t, filepath.Join(dir, "audit.txt"), auditText.String())
		})
	}
}

func cloneTable(tb *Table) *Table {
	c := *tb
	c.Rows = make([][]any, len(tb.Rows))
	for i, r := range tb.Rows {
		c.Rows[i] = slices.Clone(r)
	}
	return &c
}

// checkMarks: a cell marked <5 holds a count below the threshold (and not
// a zero, unless zeros are hidden); every such count is marked so; x is
// never a small count; a derived cell is hidden only with a count.
func checkMarks(t *testing.T, before, after *Table, r Rule) {
	t.Helper()
	l := layoutOf(before)
	for i, row := range before.Rows {
		for _, j := range l.counts {
			v, ok := Number(row[j])
			if !ok || !l.isCount(before, i) {
				continue
			}
			got := after.Rows[i][j]
			small := v < float64(r.Below) && (v != 0 || r.Zeros)
			switch {
			case small && got != r.PrimaryMark():
				t.Errorf("%s row %d, %s: %v is small but prints %v", before.Name, i+1, before.Columns[j], v, got)
			case !small && got == r.PrimaryMark():
				t.Errorf("%s row %d, %s: %v prints as %s, which is untrue", before.Name, i+1, before.Columns[j], v, got)
			case got != r.PrimaryMark() && got != SecondaryMark && got != row[j]:
				t.Errorf("%s row %d, %s: %v prints as %v", before.Name, i+1, before.Columns[j], v, got)
			}
		}
	}
	for _, n := range after.Notes {
		if strings.HasPrefix(n, "(no text") {
			t.Errorf("a footnote without its text: %s", n)
		}
	}
	hasMark := func(m string) bool {
		return slices.ContainsFunc(after.Rows, func(r []any) bool { return slices.Contains(r, any(m)) })
	}
	for mark, key := range map[string]string{r.PrimaryMark(): "primary", SecondaryMark: "secondary"} {
		if hasMark(mark) != slices.Contains(after.Notes, r.text(key)) {
			t.Errorf("%s: mark %s shows: %v, but its footnote is there: %v", before.Name, mark, hasMark(mark), !hasMark(mark))
		}
	}
	if len(after.Notes) == 0 || after.Notes[0] != r.Statement() {
		t.Errorf("%s: the rule is not stated under the table: %q", before.Name, after.Notes)
	}
}

// checkAudit: every small cell's interval is as wide as the threshold, or
// as wide as its margins allow with everything hidden; and the intervals
// are those a reader gets by trying every whole number.
func checkAudit(t *testing.T, before, after *Table, a Audit, r Rule) {
	t.Helper()
	for _, iv := range a.Spans {
		if need := min(float64(r.Below), iv.Widest); iv.Width() < need {
			t.Errorf("%s row %d, %s: interval %v to %v is narrower than %v", before.Name, iv.Row, iv.Column, iv.Low, iv.High, need)
		}
		if iv.Value < iv.Low || iv.Value > iv.High {
			t.Errorf("%s row %d: the value %v lies outside its interval %v to %v", before.Name, iv.Row, iv.Value, iv.Low, iv.High)
		}
	}
	enumerated := enumerateIntervals(t, before, after, r)
	for _, iv := range a.Spans {
		e, ok := enumerated[fmt.Sprint(iv.Row, iv.Column)]
		if ok && (e.low != iv.Low || e.high != iv.High) {
			t.Errorf("%s row %d, %s: the audit says %v to %v, trying every whole number gives %v to %v", before.Name, iv.Row, iv.Column, iv.Low, iv.High, e.low, e.high)
		}
	}
}

// enumerateIntervals works out, independently of the linear programs, the
// range of every hidden count a reader could fill in: it tries every
// assignment of whole numbers to the hidden cells of a column (up to the
// largest margin) against the margins: every grouping of the dimensions
// (or the table's Margins) with two cells or more and a sum not below the
// threshold. Columns with more than 8 bounded hidden cells are left out.
func enumerateIntervals(t *testing.T, before, after *Table, r Rule) map[string]span {
	out := map[string]span{}
	l := layoutOf(before)
	for _, col := range l.counts {
		g, err := newGrid(before, col, l, r)
		if err != nil {
			t.Fatal(err)
		}
		var hidden []int
		for c, row := range g.rows {
			if m := after.Rows[row][col]; m == r.PrimaryMark() || m == SecondaryMark {
				hidden = append(hidden, c)
			}
		}
		var free, bounded []int
		for _, c := range hidden {
			if slices.ContainsFunc(g.margins, func(m margin) bool { return slices.Contains(m.cells, c) }) {
				bounded = append(bounded, c)
			} else {
				free = append(free, c)
			}
		}
		for _, c := range free {
			out[fmt.Sprint(g.rows[c]+1, before.Columns[col])] = span{0, math.Inf(1)}
		}
		if len(bounded) == 0 || len(bounded) > 8 {
			continue
		}
		for c, sp := range enumerateGrid(g, bounded) {
			out[fmt.Sprint(g.rows[c]+1, before.Columns[col])] = sp
		}
	}
	return out
}

// enumerateGrid tries every assignment of whole numbers to the hidden cells
// of a grid that are in a margin, and returns the range each takes among
// those that make every margin add up.
func enumerateGrid(g *grid, bounded []int) map[int]span {
	isHidden := map[int]bool{}
	for _, c := range bounded {
		isHidden[c] = true
	}
	// A margin's rest: its sum less its visible cells, which its hidden
	// cells must make up; it caps each of them, and a partial sum above
	// it ends the branch.
	rest := make([]float64, len(g.margins))
	for i, m := range g.margins {
		rest[i] = m.sum
		for _, c := range m.cells {
			if !isHidden[c] {
				rest[i] -= g.values[c]
			}
		}
	}
	lo, hi := map[int]float64{}, map[int]float64{}
	vals := map[int]float64{}
	feasible := func(done bool) bool {
		for i, m := range g.margins {
			sum, open := 0.0, false
			for _, c := range m.cells {
				if !isHidden[c] {
					continue
				}
				if v, ok := vals[c]; ok {
					sum += v
				} else {
					open = true
				}
			}
			if sum > rest[i] || (!open || done) && sum != rest[i] {
				return false
			}
		}
		return true
	}
	var try func(k int)
	try = func(k int) {
		if !feasible(k == len(bounded)) {
			return
		}
		if k == len(bounded) {
			for _, c := range bounded {
				if v, ok := lo[c]; !ok || vals[c] < v {
					lo[c] = vals[c]
				}
				hi[c] = max(hi[c], vals[c])
			}
			return
		}
		c := bounded[k]
		cap := math.Inf(1)
		for i, m := range g.margins {
			if slices.Contains(m.cells, c) {
				cap = min(cap, rest[i])
			}
		}
		for v := 0.0; v <= cap; v++ {
			vals[c] = v
			try(k + 1)
		}
		delete(vals, c)
	}
	try(0)
	out := map[int]span{}
	for _, c := range bounded {
		out[c] = span{lo[c], hi[c]}
	}
	return out
}

// checkLeast compares, in each count column with at most 12 cells to
// choose from, the hidden value with the least of every choice of cells
// that protects each small cell as far as its margins allow. It reports
// a choice that hides less: the search is greedy, not exact.
func checkLeast(t *testing.T, before, after *Table, r Rule) {
	t.Helper()
	l := layoutOf(before)
	for _, col := range l.counts {
		g, err := newGrid(before, col, l, r)
		if err != nil {
			t.Fatal(err)
		}
		var cands []int
		hidden := 0.0
		for c, row := range g.rows {
			if g.state[c] != primary {
				cands = append(cands, c)
			}
			if m := after.Rows[row][col]; m == r.PrimaryMark() || m == SecondaryMark {
				hidden += g.values[c]
			}
		}
		if len(cands) > 12 {
			continue
		}
		for c := range g.state {
			if g.state[c] != primary {
				g.state[c] = secondary
			}
		}
		widest := map[int]float64{}
		all := newSystem(g, g.hidden())
		for c, s := range g.state {
			if s == primary {
				sp, _, err := all.span(c)
				if err != nil {
					t.Fatal(err)
				}
				widest[c] = sp.width()
			}
		}
		best, bestSet := leastHidden(t, g, cands, widest, r)
		if hidden > best {
			var which []string
			for k, c := range cands {
				if bestSet&(1<<k) != 0 {
					which = append(which, fmt.Sprintf("row %d (%v)", g.rows[c]+1, g.values[c]))
				}
			}
			t.Errorf("%s, %s: hides %v; hiding %s with the small cells hides %v", before.Name, before.Columns[col], hidden, strings.Join(which, ", "), best)
		}
	}
}

// leastHidden returns the least hidden value of any choice of cands that,
// with the primary cells, leaves each primary cell's range as wide as the
// threshold or its widest, and that choice as a bit set of cands.
func leastHidden(t *testing.T, g *grid, cands []int, widest map[int]float64, r Rule) (float64, int) {
	best, bestSet := math.Inf(1), 0
	for set := range 1 << len(cands) {
		value := 0.0
		for k, c := range cands {
			g.state[c] = shown
			if set&(1<<k) != 0 {
				g.state[c] = secondary
				value += g.values[c]
			}
		}
		for c, s := range g.state {
			if s == primary {
				value += g.values[c]
			}
		}
		if value >= best {
			continue
		}
		sys := newSystem(g, g.hidden())
		ok := true
		for c, w := range widest {
			sp, _, err := sys.span(c)
			if err != nil {
				t.Fatal(err)
			}
			if sp.width() < min(float64(r.Below), w)-1e-9 {
				ok = false
				break
			}
		}
		if ok {
			best, bestSet = value, set
		}
	}
	return best, bestSet
}

func tableCSV(tb *Table) string {
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write(tb.Columns)
	for _, r := range tb.Rows {
		cells := make([]string, len(r))
		for i, v := range r {
			cells[i] = Text(v)
		}
		w.Write(cells)
	}
	w.Flush()
	for _, n := range tb.Notes {
		b.WriteString("# " + n + "\n")
	}
	return b.String()
}

func writeAudit(b *strings.Builder, a Audit, r Rule) {
	fmt.Fprintf(b, "%s: %d primary, %d secondary, %d derived; hidden %v of %v (%.1f%%)\n", a.Table, a.Primary, a.Secondary, a.Derived, a.HiddenValue, a.Total, a.HiddenShare())
	names := map[Protection]string{Protected: "protected", AsMarked: "as marked", Narrowed: "narrowed by its margins"}
	for _, iv := range a.Spans {
		fmt.Fprintf(b, "  row %d %s: %v in %v to %v (widest %v): %s\n", iv.Row, iv.Column, iv.Value, iv.Low, iv.High, iv.Widest, names[iv.Protection(r)])
	}
}

func matchFile(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("differs from %s\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

// BenchmarkProtect protects a table the size of a year of monthly counts
// per region (10 regions × 12 months, counts 0 to 14, a third below 5),
// with the totals per region and per month printed.
func BenchmarkProtect(b *testing.B) {
	r := Rule{Below: 5}
	for b.Loop() {
		b.StopTimer()
		tb := &Table{Name: "monthly", Columns: []string{"region", "month", "count"}, Margins: [][]string{{"region"}, {"month"}, {}}}
		for reg := range 10 {
			for m := 1; m <= 12; m++ {
				tb.Rows = append(tb.Rows, []any{fmt.Sprint("region ", reg), float64(m), float64((reg*7 + m*5) % 15)})
			}
		}
		b.StartTimer()
		if _, err := Protect([]*Table{tb}, r); err != nil {
			b.Fatal(err)
		}
	}
}
