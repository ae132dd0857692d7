//go:build duckdb_arrow

package load

import (
	"errors"
	"strings"
	"testing"
)

func TestGuards(t *testing.T) {
	files := func(names ...string) Manifest {
		m := Manifest{Files: map[string]Source{}, ClientKey: "k1"}
		for _, n := range names {
			m.Files[n] = Source{SHA256: n, Years: []int{2021}}
		}
		m.Files["2020.xlsx"] = Source{SHA256: "2020", Years: []int{2020}}
		return m
	}
	counts := func(pairs ...int64) Counts {
		var c Counts
		for i := 0; i < len(pairs); i += 2 {
			c.Years = append(c.Years, YearCount{int(pairs[i]), pairs[i+1]})
		}
		return c
	}
	g := Guards{MaxRetire: 2, MaxDrop: 0.1}
	published := files("a", "b", "c", "d")
	for _, tc := range []struct {
		name string
		err  error
		says string // in the refusal; empty: no refusal
	}{
		{"two files gone: within max_retire", g.CheckRetire(published, files("a", "b"), 0), ""},
		{"three files gone", g.CheckRetire(published, files("a"), 0), "3 files the warehouse was loaded from are gone"},
		{"three files gone, allowed", Guards{MaxRetire: 2, AllowRetire: true}.CheckRetire(published, files("a"), 0), ""},
		{"all gone, but none has rows of the year rebuilt", g.CheckRetire(published, Manifest{}, 2019), ""},
		{"all gone, and a year rebuilt that four have rows in", g.CheckRetire(published, Manifest{}, 2021), "4 files"},
		{"a year down 10%: within max_drop", g.CheckDrop(counts(2020, 100, 2021, 200), counts(2020, 90, 2021, 200), 0), ""},
		{"a year down by half", g.CheckDrop(counts(2020, 100, 2021, 200), counts(2020, 50, 2021, 210), 0), "2020: 100 conversations, then 50 (50% fewer)"},
		{"a year gone", g.CheckDrop(counts(2020, 100, 2021, 200), counts(2021, 200), 0), "2020: 100 conversations, then none"},
		{"a year gone, allowed", Guards{MaxDrop: 0.1, AllowDrop: true}.CheckDrop(counts(2020, 100), counts(), 0), ""},
		{"another year down, when one year is rebuilt", g.CheckDrop(counts(2020, 100, 2021, 200), counts(2020, 10, 2021, 200), 2021), ""},
		{"a new year: nothing taken", g.CheckDrop(counts(2020, 100), counts(2020, 100, 2021, 5), 0), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var r *Refusal
			switch {
			case tc.says == "" && tc.err != nil:
				t.Errorf("refused: %v", tc.err)
			case tc.says != "" && (!errors.As(tc.err, &r) || !strings.Contains(tc.err.Error(), tc.says)):
				t.Errorf("got %v, want a refusal that says %q", tc.err, tc.says)
			}
		})
	}
	for _, tc := range []struct {
		name        string
		was, is     string
		fresh       bool
		refused     bool
		noteContain string
	}{
		{"same key", "k1", "k1", false, false, ""},
		{"another key on import", "k1", "k2", false, true, ""},
		{"no key on import, the warehouse has one", "k1", "", false, true, ""},
		{"a key on import, the warehouse has none", "", "k1", false, true, ""},
		{"another key on a full rebuild", "k1", "k2", true, false, "made anew"},
		{"a warehouse that did not record its key", KeyUnknown, "k2", false, false, "did not record"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pub := files("a")
			pub.ClientKey = tc.was
			note, err := g.CheckKey(pub, Manifest{ClientKey: tc.is}, tc.fresh)
			var r *Refusal
			if errors.As(err, &r) != tc.refused || !strings.Contains(note, tc.noteContain) || (tc.noteContain == "") != (note == "") {
				t.Errorf("note %q, err %v", note, err)
			}
		})
	}
	if note, err := g.CheckKey(Manifest{}, Manifest{ClientKey: "k1"}, false); note != "" || err != nil {
		t.Errorf("a new warehouse: note %q, err %v", note, err)
	}
}
