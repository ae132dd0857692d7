package reports

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/svmn/klacht/sql"
)

// SQL returns the text of the named report.
func SQL(name string) (string, error) {
	b, err := sql.Files.ReadFile(name + ".sql")
	if err != nil {
		return "", fmt.Errorf("no report %q (reports: %s)", name, strings.Join(Names(), ", "))
	}
	return string(b), nil
}

// Names lists the reports, sorted.
func Names() []string {
	entries, _ := fs.Glob(sql.Files, "*.sql")
	for i, e := range entries {
		entries[i] = strings.TrimSuffix(e, ".sql")
	}
	slices.Sort(entries)
	return entries
}

// Header is what a report's header comment says.
type Header struct {
	Question, Grain, Columns, Denominator string
}

// ParseHeader reads the header comment of a report's text: the text after
// 'Question:', 'Grain:', 'Columns:' and 'Denominator:' (or 'Denominators:',
// 'Percentages:'), each up to the next such key.
func ParseHeader(text string) Header {
	var h Header
	var cur *string
	for _, line := range strings.Split(text, "\n") {
		if !strings.HasPrefix(line, "--") {
			break
		}
		line = strings.TrimSpace(strings.TrimPrefix(line, "--"))
		if key, rest, ok := strings.Cut(line, ":"); ok && !strings.Contains(key, " ") && key != "" {
			if field, known := h.field(key); known {
				cur = field
				if cur != nil {
					*cur = strings.TrimSpace(rest)
				}
				continue
			}
		}
		if cur != nil && line != "" {
			*cur = strings.TrimSpace(*cur + " " + line)
		}
	}
	return h
}

// field returns where the text after key goes: nil for a key whose text is
// not kept (Missing, Params), and false for a word that is no key.
func (h *Header) field(key string) (*string, bool) {
	switch key {
	case "Question":
		return &h.Question, true
	case "Grain":
		return &h.Grain, true
	case "Columns":
		return &h.Columns, true
	case "Denominator", "Denominators", "Percentages":
		return &h.Denominator, true
	case "Missing", "Params":
		return nil, true
	}
	return nil, false
}
