package transform

import (
	"strings"
	"testing"
)

func TestNameMatcher(t *testing.T) {
	s := newSynonyms([]Synonym{
		{"region", "Utrecht Zuidoost/West", "Utrecht Zuidoost/West"},
		{"region", "Utrecht Zuidoost-West", "Utrecht Zuidoost/West"},
		{"region", "Utrecht Zuidoost", "Utrecht Zuidoost"},
		{"region", "Utrecht West", "Utrecht West"},
		{"region", "Utrecht Stad", "Utrecht Stad"},
		{"region", "Stad Utrecht", "Utrecht Stad"},
		{"organisation", "VT", "Veilig Thuis Utrecht"},
	})
	for _, tc := range []struct{ name, want, tied string }{
		{"Klachtenregistratie 2021 Utrecht Zuidoost-West", "Utrecht Zuidoost/West", ""}, // longest match wins
		{"Klachtenregistratie SAVE Utrecht Zuidoost/West 2019", "Utrecht Zuidoost/West", ""},
		{"Klachtenregistratie 2021 Utrecht Zuidoost", "Utrecht Zuidoost", ""},
		{"Klachtenregistratie 2021 Utrecht West", "Utrecht West", ""},
		{"utrecht  stad", "Utrecht Stad", ""},
		{"Utrecht Stad (Stad Utrecht)", "Utrecht Stad", ""}, // two synonyms of one value tie: no doubt which
		{"Stad Utrecht West", "", "Utrecht Stad, Utrecht West"},
		{"Utrecht Stad - Utrecht West", "", "Utrecht Stad, Utrecht West"},
		{"Utrecht West en Utrecht Stad 2021", "", "Utrecht Stad, Utrecht West"},
		{"Utrecht", "", ""},
		{"Klachtenregistratie 2021", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Every run gives the same answer, whatever the order of the
			// synonyms' map.
			for range 20 {
				got, tied, ok := newNameMatcher(s, "region").match(tc.name)
				if got != tc.want || ok != (tc.want != "") || strings.Join(tied, ", ") != tc.tied {
					t.Fatalf("match(%q) = %q, %q, %v; want %q, tied %q", tc.name, got, tied, ok, tc.want, tc.tied)
				}
			}
		})
	}
	orgs := newNameMatcher(s, "organisation")
	if got, _, _ := orgs.match("VT 2020"); got != "Veilig Thuis Utrecht" {
		t.Errorf("VT 2020: %q", got)
	}
	if got, _, ok := orgs.match("Klachtenregistratie Evt 2020"); ok {
		t.Errorf("a synonym inside a word matched: %q", got)
	}
}

func TestYearIn(t *testing.T) {
	for _, tc := range []struct {
		name string
		want int
	}{
		{"2021", 2021}, {"Registratie 2019", 2019}, {"Klachtenregistratie 2018 Flevoland", 2018},
		{"Klachtenregistratie Eemland", 0}, {"Volgnr 12345", 0}, {"D2021-0001", 0}, {"1899", 0},
	} {
		got, ok := yearIn(tc.name)
		if got != tc.want || ok != (tc.want != 0) {
			t.Errorf("yearIn(%q) = %d, %v; want %d", tc.name, got, ok, tc.want)
		}
	}
}

func TestSynonymLookup(t *testing.T) {
	s := newSynonyms([]Synonym{{"complainant", "M", "Moeder"}, {"complainant", "Familie/Pleegouders", "Familie/Pleegouders"}, {"measure", "OTS + JR", "OTS + JR"}})
	for _, tc := range []struct{ field, in, want string }{
		{"complainant", " m ", "Moeder"},
		{"complainant", "Familie /Pleegouders", "Familie/Pleegouders"},
		{"measure", "ots+jr", "OTS + JR"},
		{"complainant", "Moederr", ""},
		{"measure", "M", ""}, // synonyms are per field
	} {
		got, ok := s.lookup(tc.field, tc.in)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("lookup(%q, %q) = %q, %v; want %q", tc.field, tc.in, got, ok, tc.want)
		}
	}
}
