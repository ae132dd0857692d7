package sample

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// column is one register column: its header and how a conversation fills it.
type column struct {
	header string
	value  func(c *conv, i int) any
}

// dateForm renders a date the way a register holds it.
type dateForm func(t time.Time, i int) any

var months = []string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}

var (
	excelDate dateForm = func(t time.Time, _ int) any { return t }
	serial    dateForm = func(t time.Time, _ int) any {
		return float64(t.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
	}
	dmyyyy dateForm = func(t time.Time, _ int) any { return fmt.Sprintf("%d-%d-%d", t.Day(), t.Month(), t.Year()) }
	ddmmyy dateForm = func(t time.Time, _ int) any { return t.Format("02-01-06") }
	iso    dateForm = func(t time.Time, _ int) any { return t.Format("2006-01-02") }
	dutch  dateForm = func(t time.Time, _ int) any { return fmt.Sprintf("%d %s %d", t.Day(), months[t.Month()-1], t.Year()) }
	// mixed cycles through every form, as a register kept by several people does.
	mixed dateForm = func(t time.Time, i int) any {
		return []dateForm{excelDate, dmyyyy, ddmmyy, iso, dutch, serial}[i%6](t, i)
	}
)

func dateCol(header string, get func(*conv) time.Time, form dateForm) column {
	return column{header, func(c *conv, i int) any {
		if header == "Datum verslag verzonden" || header == "Verslag verstuurd" {
			if c.badReportDate != "" {
				return c.badReportDate
			}
		}
		return form(get(c), i)
	}}
}

func received(h string, f dateForm) column {
	return dateCol(h, func(c *conv) time.Time { return c.received }, f)
}
func held(h string, f dateForm) column {
	return dateCol(h, func(c *conv) time.Time { return c.held }, f)
}
func reported(h string, f dateForm) column {
	return dateCol(h, func(c *conv) time.Time { return c.reportSent }, f)
}

func text(header string, get func(*conv) string) column {
	return column{header, func(c *conv, _ int) any { return get(c) }}
}

func yesNo(header string, get func(*conv) bool, yes, no string) column {
	return column{header, func(c *conv, _ int) any {
		if get(c) {
			return yes
		}
		return no
	}}
}

// spelled writes a value in one of the spellings staff use for it.
func spelled(header string, get func(*conv) string, variants map[string][]string) column {
	return column{header, func(c *conv, i int) any {
		v := get(c)
		if alt, ok := variants[v]; ok {
			return alt[i%len(alt)]
		}
		return v
	}}
}

var (
	volgnr         = column{"Volgnr", func(_ *conv, i int) any { return i + 1 }}
	complainantVar = map[string][]string{"Moeder": {"Moeder", "moeder", "M"}, "Vader": {"Vader", " Vader", "V"}, "Beide ouders": {"beide ouders", "Beide ouders"}}
	measureVar     = map[string][]string{"Preventieve jeugdbescherming": {"Vrijwillig kader", "Preventieve jeugdbescherming"}}
	orgVar         = map[string][]string{save: {"SAVE", "Save"}, vt: {"VT", "Veilig Thuis", "Veilig Thuis Utrecht"}}
)

func complainant(h string) column {
	return spelled(h, func(c *conv) string { return c.complainant }, complainantVar)
}
func support(h string) column { return text(h, func(c *conv) string { return c.support }) }
func measure(h string) column {
	return spelled(h, func(c *conv) string { return c.measure }, measureVar)
}
func org(h string) column    { return spelled(h, func(c *conv) string { return c.org }, orgVar) }
func region(h string) column { return text(h, func(c *conv) string { return c.region }) }
func partner() column {
	return yesNo("Met huidige partner", func(c *conv) bool { return c.withPartner }, "ja", "nee")
}
func divorce() column {
	return yesNo("Complexe scheiding", func(c *conv) bool { return c.split }, "x", "")
}
func requestOther(h string) column {
	return yesNo(h, func(c *conv) bool { return c.requestOther }, "ja", "")
}

// identifying are the columns with personal data, which must never reach
// the warehouse in clear.
func identifying() []column {
	return []column{
		text("Cliëntnaam", func(c *conv) string { return c.client }),
		text("Naam klager", func(c *conv) string { return c.complainantName }),
		text("Dossiernummer", func(c *conv) string { return c.dossier }),
		text("Medewerker", func(c *conv) string { return c.employee }),
		text("Opmerkingen", func(c *conv) string { return c.remarks }),
	}
}

// The three category layouts.
func categorySingle(h string) column {
	return text(h, func(c *conv) string { return c.categories[0] })
}

func categoryNumbered() []column {
	var cols []column
	for k := range 5 {
		cols = append(cols, text(fmt.Sprintf("Categorie %d", k+1), func(c *conv) string {
			if k < len(c.categories) {
				return c.categories[k]
			}
			return ""
		}))
	}
	return cols
}

func categoryInOneCell(h string) column {
	return column{h, func(c *conv, i int) any {
		sep := []string{"; ", "\n", ";"}[i%3]
		return strings.Join(c.categories, sep)
	}}
}

func categoryColumns(list []string) []column {
	var cols []column
	for _, name := range list {
		cols = append(cols, column{name, func(c *conv, _ int) any {
			if slices.Contains(c.categories, name) {
				return "x"
			}
			return ""
		}})
	}
	return cols
}

func cols(groups ...any) []column {
	var out []column
	for _, g := range groups {
		switch x := g.(type) {
		case column:
			out = append(out, x)
		case []column:
			out = append(out, x...)
		}
	}
	return out
}
