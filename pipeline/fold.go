package pipeline

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// stripAccents decomposes s and drops the combining marks: "Cliënt" -> "Client".
func stripAccents(s string) string {
	ascii := true
	for i := 0; i < len(s) && ascii; i++ {
		ascii = s[i] < utf8.RuneSelf
	}
	if ascii {
		return s
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

// FoldHeader is the key by which a header cell is matched to an alias: case,
// accents, whitespace and punctuation are ignored, so "Datum  ontvangst:" and
// "datum ontvangst" match.
func FoldHeader(s string) string {
	s = strings.ToLower(stripAccents(s))
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// FoldValue is the key by which a cell value is matched to a synonym: case,
// accents and surrounding whitespace are ignored, runs of whitespace count as
// one space and whitespace next to '/' or '+' is dropped, so " Familie
// /Pleegouders" matches "familie/pleegouders" and "OTS+JR" matches "OTS + JR".
func FoldValue(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return foldValueUnicode(s)
		}
	}
	return string(AppendFoldValue(nil, s))
}

// AppendFoldValue appends FoldValue(s) to dst; for ASCII text in one pass,
// without allocating.
func AppendFoldValue(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return append(dst, foldValueUnicode(s)...)
		}
	}
	start, space := len(dst), false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			space = true
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		if space && len(dst) > start && c != '/' && c != '+' && dst[len(dst)-1] != '/' && dst[len(dst)-1] != '+' {
			dst = append(dst, ' ')
		}
		space = false
		dst = append(dst, c)
	}
	return dst
}

// foldValueUnicode is FoldValue for any text.
func foldValueUnicode(s string) string {
	s = strings.Join(strings.Fields(strings.ToLower(stripAccents(s))), " ")
	for _, sep := range []string{"/", "+"} {
		s = strings.ReplaceAll(s, " "+sep, sep)
		s = strings.ReplaceAll(s, sep+" ", sep)
	}
	return s
}

// CleanLabel applies the published tables' label rule to s without changing
// its case or accents: runs of whitespace become one space and no whitespace
// stays next to '/'.
func CleanLabel(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, " /", "/")
	return strings.ReplaceAll(s, "/ ", "/")
}

// Blank reports whether v is empty or white space.
func Blank[T ~string | ~[]byte](v T) bool {
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c >= utf8.RuneSelf:
			return strings.TrimSpace(string(v[i:])) == "" // perhaps a Unicode space
		case c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\v' && c != '\f':
			return false
		}
	}
	return true
}
