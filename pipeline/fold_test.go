package pipeline

import (
	"testing"
	"unicode/utf8"
)

// The one-pass ASCII folding gives what the general rule gives.
func TestFoldValueASCII(t *testing.T) {
	for _, s := range []string{
		"", " ", "Moeder", " m ", "Familie /Pleegouders", "familie/ pleegouders", "OTS + JR", "OTS+JR", "a / / b",
		"a + / b", "a/ +b", "  Beide   ouders\t", "D-123 456", "/x/", " + ", "A\nB", "x  /", "/  x",
	} {
		t.Run(s, func(t *testing.T) {
			if got, want := FoldValue(s), foldValueUnicode(s); got != want {
				t.Errorf("FoldValue(%q) = %q, the general rule gives %q", s, got, want)
			}
		})
	}
}

func FuzzFoldValue(f *testing.F) {
	for _, s := range []string{"Familie /Pleegouders", "OTS + JR", " a  b ", "x/ +y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		if got, want := FoldValue(s), foldValueUnicode(s); got != want {
			t.Errorf("FoldValue(%q) = %q, the general rule gives %q", s, got, want)
		}
	})
}
