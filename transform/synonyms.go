package transform

import (
	"cmp"
	"slices"
	"strings"

	"github.com/svmn/klacht/pipeline"
)

// Synonym maps a value seen in a register onto its canonical value.
type Synonym struct{ Field, Value, Canonical string }

// synonyms is the lookup built from the synonym table.
type synonyms map[string]map[string]string // field -> FoldValue(value) -> canonical

func newSynonyms(list []Synonym) synonyms {
	s := synonyms{}
	for _, syn := range list {
		if s[syn.Field] == nil {
			s[syn.Field] = map[string]string{}
		}
		s[syn.Field][pipeline.FoldValue(syn.Value)] = syn.Canonical
	}
	return s
}

func (s synonyms) lookup(field, value string) (string, bool) {
	c, ok := s[field][pipeline.FoldValue(value)]
	return c, ok
}

// nameMatcher finds canonical values named inside sheet, title and file
// names, word by word, so "Klachtenregistratie 2021 Utrecht Zuidoost-West"
// names the region Utrecht Zuidoost/West. The longest match wins; where
// synonyms of different values tie for the longest, the name names none.
// Its candidates are sorted, so that a match never depends on the order of
// a map.
type nameMatcher []nameCandidate

// nameCandidate is a synonym as folded words, and its canonical value.
type nameCandidate struct {
	words     []string
	length    int // of the words joined by spaces: longer matches win
	canonical string
}

func newNameMatcher(s synonyms, field string) nameMatcher {
	var m nameMatcher
	for value, canonical := range s[field] {
		if ws := words(value); len(ws) > 0 {
			m = append(m, nameCandidate{ws, len(strings.Join(ws, " ")), canonical})
		}
	}
	slices.SortFunc(m, func(a, b nameCandidate) int {
		return cmp.Or(cmp.Compare(b.length, a.length), cmp.Compare(a.canonical, b.canonical),
			slices.Compare(a.words, b.words))
	})
	return m
}

// words splits a name into folded words: letters and digits only.
func words(s string) []string {
	return strings.FieldsFunc(pipeline.FoldValue(s), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r > 127)
	})
}

// match returns the canonical value of the longest synonym whose words occur
// consecutively in name, and true. If synonyms of different canonical
// values tie for the longest, it takes none of them: tied lists them, sorted.
func (m nameMatcher) match(name string) (canonical string, tied []string, ok bool) {
	ws := words(name)
	length := 0
	for _, cand := range m {
		if length > 0 && cand.length < length {
			break // candidates are sorted longest first: the rest are shorter
		}
		if !cand.in(ws) {
			continue
		}
		if length == 0 {
			canonical, length = cand.canonical, cand.length
			continue
		}
		if cand.canonical != canonical && !slices.Contains(tied, cand.canonical) {
			tied = append(tied, cand.canonical)
		}
	}
	if len(tied) > 0 {
		return "", append([]string{canonical}, tied...), false
	}
	return canonical, nil, length > 0
}

// in reports whether the candidate's words occur consecutively in ws.
func (c nameCandidate) in(ws []string) bool {
	for i := 0; i+len(c.words) <= len(ws); i++ {
		if equalWords(ws[i:i+len(c.words)], c.words) {
			return true
		}
	}
	return false
}

func equalWords(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// yearIn returns the first year (1990-2099) that name names as a word.
func yearIn(name string) (int, bool) {
	for _, w := range words(name) {
		if len(w) != 4 {
			continue
		}
		y := 0
		for _, r := range w {
			if r < '0' || r > '9' {
				y = -1
				break
			}
			y = y*10 + int(r-'0')
		}
		if y >= 1990 && y <= 2099 {
			return y, true
		}
	}
	return 0, false
}
