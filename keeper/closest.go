package keeper

import (
	"cmp"
	"slices"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"

	"github.com/svmn/klacht/pipeline"
)

// Closest are the allowed values nearest to a value typed, for a keeper to
// choose from (never applied): those at the least edit distance, ignoring
// case, accents and surrounding whitespace, if that distance is small for
// the value's length (one edit in four letters, at least one); at most
// three, nearest first. 'Moder' gives Moeder; 'Buurvrouw' nothing.
func Closest(value string, choices []string) []string {
	typed := pipeline.FoldValue(value)
	if typed == "" {
		return nil
	}
	limit := max(1, utf8.RuneCountInString(typed)/4)
	type near struct {
		choice string
		d      int
	}
	var found []near
	for _, c := range choices {
		if d := levenshtein.ComputeDistance(typed, pipeline.FoldValue(c)); d <= limit && d > 0 {
			found = append(found, near{c, d})
		}
	}
	slices.SortStableFunc(found, func(a, b near) int { return cmp.Compare(a.d, b.d) })
	var out []string
	for _, n := range found {
		if len(out) == 3 || n.d > found[0].d {
			break
		}
		out = append(out, n.choice)
	}
	return out
}
