package keeper

import (
	"slices"
	"testing"
)

func TestClosest(t *testing.T) {
	complainants := []string{"Moeder", "Vader", "Beide ouders", "Familie/Pleegouders", "Jeugdige"}
	regions := []string{"Utrecht Stad", "Utrecht West", "Utrecht Zuidoost", "Lekstroom", "Eemland"}
	for _, c := range []struct {
		value   string
		choices []string
		want    []string
	}{
		{"Moder", complainants, []string{"Moeder"}},                              // a letter left out
		{"  MOEDR ", complainants, []string{"Moeder"}},                           // case and whitespace
		{"Vadr", complainants, []string{"Vader"}},                                // short: one edit allowed
		{"Buurvrouw", complainants, nil},                                         // no group is near
		{"Moeder", complainants, nil},                                            // already allowed: nothing to offer
		{"Jeugdïg", complainants, []string{"Jeugdige"}},                          // the accent is no edit, the e left out is
		{"Utrecht Wset", regions, []string{"Utrecht West"}},                      // two letters swapped: two edits, 12 letters allow 3
		{"Utrecht", regions, nil},                                                // too far from each region
		{"", complainants, nil},                                                  // nothing typed
		{"Lekstrom", regions, []string{"Lekstroom"}},                             // the nearest only
		{"Vade", []string{"Vader", "Vaders", "Made"}, []string{"Vader", "Made"}}, // ties in order of the list
	} {
		if got := Closest(c.value, c.choices); !slices.Equal(got, c.want) {
			t.Errorf("Closest(%q) = %q, want %q", c.value, got, c.want)
		}
	}
}
