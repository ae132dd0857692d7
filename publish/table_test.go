package publish

import (
	"testing"
)

func TestNeutralise(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+31 6": "'+31 6", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx",
		"Moeder": "Moeder", "": "", "Familie/Pleegouders": "Familie/Pleegouders",
	} {
		if got := Neutralise(in); got != want {
			t.Errorf("Neutralise(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDutch(t *testing.T) {
	for _, tc := range []struct {
		v    any
		unit string
		want string
	}{
		{int64(1082), UnitCount, "1.082"}, {10572.0, UnitCount, "10.572"}, {42.9, UnitPercent, "42,9%"}, {int64(42), UnitPercent, "42%"},
		{int64(2021), "", "2021"}, {-2.0, UnitCount, "-2"}, {"<5", UnitCount, "<5"}, {nil, UnitCount, ""}, {8.7, UnitCount, "8,7"},
	} {
		if got := Dutch(tc.v, tc.unit); got != tc.want {
			t.Errorf("Dutch(%v, %q) = %q, want %q", tc.v, tc.unit, got, tc.want)
		}
	}
	s, ok := Sentence("Het aantal {richting} van {vorig} in {vorig_jaar} naar {nu} ({verschil_pct:+%}); {klein} zonder.",
		[]string{"richting", "vorig", "vorig_jaar", "nu", "verschil_pct", "klein"}, []any{"steeg", int64(1680), int64(2020), int64(1740), 4.0, int64(3)}, Rule{Below: 5})
	if !ok || s != "Het aantal steeg van 1.680 in 2020 naar 1.740 (+4%); <5 zonder." {
		t.Errorf("%q, %v", s, ok)
	}
	if _, ok := Sentence("{nu} en {vorig}", []string{"nu", "vorig"}, []any{int64(1), nil}, Rule{}); ok {
		t.Error("a sentence with a missing value")
	}
}
