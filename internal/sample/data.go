package sample

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// Canonical names, as in config/data.
const (
	save = "SAVE Jeugdbescherming"
	vt   = "Veilig Thuis Utrecht"

	flevNoord = "Flevoland Noord"
	flevZuid  = "Flevoland Zuid"
	utStad    = "Utrecht Stad"
	utZOW     = "Utrecht Zuidoost/West"
	utZO      = "Utrecht Zuidoost"
	utWest    = "Utrecht West"
	lekstroom = "Lekstroom"
	foodvalle = "Foodvalley"
	eemland   = "Eemland"

	aard2019 = "Omgang, bejegening, niet gehoord/niet serieus genomen voelen, partijdigheid, onvoldoende actie/betrokken"
)

// conv is one complaint conversation as the sample registers it.
type conv struct {
	year                             int
	org, region                      string
	received, held, reportSent       time.Time
	complainant, support, measure    string
	categories                       []string
	withPartner, requestOther, split bool
	dossier, client, complainantName string
	badReportDate                    string
	employee, remarks                string
	altered                          bool // changed by Options.Errors: its workbook is always generated
}

// conversations per year, organisation and region: the published table
// 'Aantal klachtgesprekken' (seed 000, §1.1).
var counts = map[int][]struct {
	region string
	n      int
}{
	2018: {{"", 12}, {flevNoord, 20}, {flevZuid, 17}, {utStad, 28}, {utZOW, 26}, {lekstroom, 18}, {foodvalle, 8}, {eemland, 14}},
	2019: {{"", 13}, {flevNoord, 21}, {flevZuid, 14}, {utStad, 30}, {utZOW, 16}, {lekstroom, 12}, {foodvalle, 16}, {eemland, 14}},
	2020: {{"", 21}, {flevNoord, 20}, {flevZuid, 10}, {utStad, 23}, {utZOW, 35}, {lekstroom, 19}, {foodvalle, 16}, {eemland, 24}},
	2021: {{"", 22}, {flevNoord, 19}, {flevZuid, 15}, {utStad, 30}, {utZO, 18}, {utWest, 15}, {lekstroom, 23}, {foodvalle, 9}, {eemland, 23}},
}

// categoryLists are each year's complaint categories (DOMAIN.md).
var categoryLists = map[int][]string{
	2018: {"Bejegening", "Rapportages", "Bereikbaarheid", "Beslissingen", "Overig"},
	2019: {aard2019, "Rapportages", "Bereikbaarheid", "Overig"},
	2020: {"Handelen van de medewerker", "Onjuiste rapportage", "Bejegening", "Bereikbaarheid", "Communicatie", "Overig"},
	2021: {"Bejegening", "Communicatie", "Andere verwachtingen", "Partijdigheid", "Onjuiste procedure", "Nakomen toezeggingen", "Onjuiste rapportage"},
}

var (
	complainants2019 = []string{"Moeder", "Vader", "Beide ouders", "Jeugdige", "Grootouders", "Pleegouders", "Overigen"}
	complainants2021 = []string{"Moeder", "Vader", "Beide ouders", "Jeugdige", "Familie/Pleegouders"}
	supports         = []string{"AKJ", "Advocaat", "Hulpverlener", "Familielid/kennis", "Geen"}
	measures         = []string{"OTS", "OTS + JR", "JR", "Voogdij", "Preventieve jeugdbescherming"}
	firstNames       = []string{"Anouk", "Bram", "Daan", "Eva", "Fleur", "Joris", "Lotte", "Milan", "Noor", "Pieter", "Roos", "Sem", "Tess", "Wouter", "Yara", "Zoë"}
	lastNames        = []string{"Bakker", "de Boer", "Dekker", "van Dijk", "Hendriks", "Jansen", "de Jong", "Kok", "Mulder", "Peters", "Smit", "Visser", "de Vries", "Willems"}
)

// repeat expands value/count pairs into a list: the exact distributions the
// published 2019 and 2021 tables print.
func repeat(pairs ...any) []string {
	var out []string
	for i := 0; i < len(pairs); i += 2 {
		for range pairs[i+1].(int) {
			out = append(out, pairs[i].(string))
		}
	}
	return out
}

// conversations makes every conversation of 2018-2021, deterministically.
func conversations() map[int][]*conv {
	rng := rand.New(rand.NewPCG(2021, 2019))
	pick := func(l []string) string { return l[rng.IntN(len(l))] }
	// weighted picks a value of l with the weights w: mothers and fathers
	// complain most, most complainants have support.
	weighted := func(l []string, w []int) string {
		total := 0
		for _, x := range w {
			total += x
		}
		n := rng.IntN(total)
		for i, x := range w {
			if n < x {
				return l[i]
			}
			n -= x
		}
		return l[len(l)-1]
	}
	shuffled := func(l []string) []string {
		rng.Shuffle(len(l), func(i, j int) { l[i], l[j] = l[j], l[i] })
		return l
	}
	person := func() string { return pick(firstNames) + " " + pick(lastNames) }
	out := map[int][]*conv{}
	seq := 0
	for year := 2018; year <= 2021; year++ {
		var saves, vts []*conv
		for _, rc := range counts[year] {
			for range rc.n {
				seq++
				held := time.Date(year, time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
				c := &conv{
					year: year, org: save, region: rc.region, held: held,
					received:        held.AddDate(0, 0, -1-rng.IntN(20)),
					reportSent:      held.AddDate(0, 0, 2+rng.IntN(24)),
					withPartner:     rng.IntN(6) == 0,
					split:           rng.IntN(2) == 0,
					dossier:         fmt.Sprintf("D%d-%05d", year, 10000+seq*37%90000),
					client:          person(),
					complainantName: person(),
					employee:        person(),
				}
				c.remarks = "Gesprek met " + c.complainantName + " over de samenwerking met " + c.employee
				if rc.region == "" {
					c.org = vt
					vts = append(vts, c)
				} else {
					c.measure = pick(measures)
					saves = append(saves, c)
				}
				list := categoryLists[year]
				if year < 2021 {
					c.categories = []string{pick(list)}
				} else {
					for _, i := range rng.Perm(len(list))[:1+rng.IntN(3)] {
						c.categories = append(c.categories, list[i])
					}
				}
				if year == 2021 {
					c.complainant = weighted(complainants2021, []int{45, 42, 3, 3, 7})
				} else {
					c.complainant = weighted(complainants2019, []int{45, 42, 3, 2, 3, 2, 1})
				}
				c.support = weighted(supports, []int{35, 8, 10, 20, 27})
			}
		}
		if year == 2019 {
			// The published 2019 SAVE tables (seed 002, §1.2-1.5).
			assign(saves, shuffled(repeat("OTS", 104, "OTS + JR", 1, "JR", 2, "Voogdij", 7, "Preventieve jeugdbescherming", 9)), func(c *conv, v string) { c.measure = v })
			assign(saves, shuffled(repeat("Beide ouders", 2, "Moeder", 58, "Vader", 56, "Jeugdige", 1, "Grootouders", 3, "Pleegouders", 2, "Overigen", 1)), func(c *conv, v string) { c.complainant = v })
			assign(saves, shuffled(repeat("AKJ", 57, "Advocaat", 9, "Hulpverlener", 9, "Familielid/kennis", 24, "Geen", 24)), func(c *conv, v string) { c.support = v })
			assign(saves, shuffled(repeat(aard2019, 82, "Rapportages", 28, "Bereikbaarheid", 6, "Overig", 7)), func(c *conv, v string) { c.categories = []string{v} })
			assign(saves, shuffled(repeat("ja", 17, "nee", 106)), func(c *conv, v string) { c.requestOther = v == "ja" })
			// 57 conversations with the AKJ in all of SVMN: none at Veilig Thuis.
			for _, c := range vts {
				for c.support == "AKJ" {
					c.support = pick(supports)
				}
			}
		}
		if year == 2020 {
			// The 2021 analysis: AKJ support at SAVE fell by 12 points from
			// 2020 (55%) to 2021 (43%); at Veilig Thuis it was lower.
			assign(saves, shuffled(repeat("AKJ", 81, "Advocaat", 12, "Hulpverlener", 16, "Familielid/kennis", 18, "Geen", 20)), func(c *conv, v string) { c.support = v })
			assign(vts, shuffled(repeat("AKJ", 6, "Advocaat", 2, "Hulpverlener", 4, "Familielid/kennis", 4, "Geen", 5)), func(c *conv, v string) { c.support = v })
		}
		if year == 2021 {
			// The published 2021 tables (seed 000, §1.2-1.3): 151 of the 152
			// SAVE conversations have a complainant; 43% and 32% had the AKJ.
			assign(saves, shuffled(repeat("Moeder", 66, "Vader", 68, "Beide ouders", 3, "Jeugdige", 3, "Familie/Pleegouders", 11, "", 1)), func(c *conv, v string) { c.complainant = v })
			assign(vts, shuffled(repeat("Moeder", 7, "Vader", 8, "Beide ouders", 2, "Jeugdige", 1, "Familie/Pleegouders", 4)), func(c *conv, v string) { c.complainant = v })
			assign(saves, shuffled(repeat("AKJ", 65, "Advocaat", 20, "Hulpverlener", 25, "Familielid/kennis", 20, "Geen", 22)), func(c *conv, v string) { c.support = v })
			assign(vts, shuffled(repeat("AKJ", 7, "Advocaat", 3, "Hulpverlener", 5, "Familielid/kennis", 3, "Geen", 4)), func(c *conv, v string) { c.support = v })
			assign(saves, shuffled(repeat("ja", 24, "nee", 128)), func(c *conv, v string) { c.requestOther = v == "ja" })
		}
		out[year] = append(vts, saves...)
	}
	return out
}

func assign(cs []*conv, values []string, set func(*conv, string)) {
	if len(values) != len(cs) {
		panic(fmt.Sprintf("sample: %d values for %d conversations", len(values), len(cs)))
	}
	for i, c := range cs {
		set(c, values[i])
	}
}

// byRegion selects the conversations of year in region ("" for Veilig Thuis).
func byRegion(all map[int][]*conv, year int, region string) []*conv {
	var out []*conv
	for _, c := range all[year] {
		if c.region == region {
			out = append(out, c)
		}
	}
	return out
}

// PersonalData returns every name, dossier number and free text the sample
// registers hold, for tests that prove none of it reaches the warehouse.
func PersonalData() []string {
	var out []string
	for _, cs := range conversations() {
		for _, c := range cs {
			out = append(out, c.dossier, c.client, c.complainantName, c.employee, c.remarks)
		}
	}
	return out
}
