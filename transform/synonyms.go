package transform

import (
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
// names the region Utrecht Zuidoost/West. The longest match wins.
type nameMatcher []struct {
	words     []string
	canonical string
}

func newNameMatcher(s synonyms, field string) nameMatcher {
	var m nameMatcher
	for value, canonical := range s[field] {
		m = append(m, struct {
			words     []string
			canonical string
		}{words(value), canonical})
	}
	return m
}

// words splits a name into folded words: letters and digits only.
func words(s string) []string {
	return strings.FieldsFunc(pipeline.FoldValue(s), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r > 127)
	})
}

// match returns the canonical value of the longest synonym whose words occur
// consecutively in name.
func (m nameMatcher) match(name string) (string, bool) {
	ws := words(name)
	best, bestLen := "", 0
	for _, cand := range m {
		n := len(strings.Join(cand.words, " "))
		if n <= bestLen || len(cand.words) == 0 {
			continue
		}
		for i := 0; i+len(cand.words) <= len(ws); i++ {
			if equalWords(ws[i:i+len(cand.words)], cand.words) {
				best, bestLen = cand.canonical, n
				break
			}
		}
	}
	return best, bestLen > 0
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
