package publish

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The monthly shares of two regions and an organisation without regions:
// a chart per region, the one without named after its organisation, hidden
// cells left out, small multiples on shared axes.
func TestFigures(t *testing.T) {
	tbl := &Table{Columns: []string{"organisation", "region", "month", "percent"}, Rows: [][]any{
		{"Veilig Thuis Utrecht", "", int64(2), 50.0}, {"Veilig Thuis Utrecht", "", int64(1), 100.0},
		{"SAVE", "Eemland", int64(1), 25.0}, {"SAVE", "Eemland", int64(12), "<5"},
		{"SAVE", "Lekstroom", int64(3), 75.0},
	}, Chart: &Chart{Kind: "line", X: "month", Value: "percent", Split: "region", Fallback: "organisation", Title: "{split}"}}
	figs, withheld := Figures(tbl, "Totaal")
	var titles []string
	for _, fg := range figs {
		titles = append(titles, fg.Title)
		if !fg.Half || fg.shared == nil || *fg.shared != [3]float64{1, 3, 100} {
			t.Errorf("%s: half %v, axes %v; want small multiples on months 1-3, up to 100", fg.Title, fg.Half, fg.shared)
		}
	}
	if !slices.Equal(titles, []string{"Veilig Thuis Utrecht", "Eemland", "Lekstroom"}) || withheld {
		t.Errorf("charts %q, withheld %v", titles, withheld)
	}
	if vt := figs[0]; !slices.Equal(vt.XS, []string{"1", "2"}) || !slices.Equal(vt.Series, []string{"Totaal"}) {
		t.Errorf("Veilig Thuis: months %v, series %v", vt.XS, vt.Series)
	}
	if _, ok := figs[1].Values["Totaal"]["12"]; ok {
		t.Error("a hidden cell is drawn")
	}

	for _, r := range tbl.Rows {
		r[3] = "<5"
	}
	if figs, withheld := Figures(tbl, "Totaal"); len(figs) != 0 || !withheld {
		t.Errorf("all hidden: %d charts, withheld %v", len(figs), withheld)
	}
}

// A bar chart: every bar labelled, the largest on top, a legend with its
// series only, axes titled, numbers the Dutch way.
func TestBarChartSVG(t *testing.T) {
	tbl := &Table{Columns: []string{"organisation", "akj_category", "share"}, Rows: [][]any{
		{"SAVE", "Bejegening", 12.5}, {"SAVE", "Geen AKJ-categorie", 30.0}, {"VT", "Bejegening", 7.5}, {"VT", "Geen AKJ-categorie", 28.0},
	}, Chart: &Chart{Kind: "bar", X: "akj_category", Series: "organisation", Value: "share", YLabel: "Aandeel van de vermeldingen (%)", Title: "Aard"}}
	figs, _ := Figures(tbl, "Totaal")
	if len(figs) != 1 || !slices.Equal(figs[0].byTotal(), []string{"Bejegening", "Geen AKJ-categorie"}) {
		t.Fatalf("figures %v", figs)
	}
	svg, err := figs[0].SVG(tbl.Chart, "AKJ-categorie")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(regexp.MustCompile(`>([^<>]+)</text>`).FindAllString(string(svg), -1), "")
	for _, want := range []string{">Aard<", ">Aandeel van de vermeldingen (%)<", ">Bejegening<", ">Geen AKJ-categorie<", ">SAVE<", ">VT<"} {
		if !strings.Contains(text, want) {
			t.Errorf("the chart lacks %q: %s", want, text)
		}
	}
	if strings.Contains(text, "Totaal") || strings.Contains(string(svg), "Serif") {
		t.Error("a legend entry not of the chart, or a serif face beside the page's sans-serif")
	}
}

func TestDutchTicks(t *testing.T) {
	var labels []string
	for _, tick := range (dutchTicks{}).Ticks(0, 26) {
		labels = append(labels, tick.Label)
	}
	if got := strings.Join(labels, " "); got != "0 5 10 15 20 25" {
		t.Errorf("ticks of 0-26: %s", got)
	}
	labels = nil
	for _, tick := range (dutchTicks{}).Ticks(0, 1.2) {
		labels = append(labels, tick.Label)
	}
	if got := strings.Join(labels, " "); got != "0,0 0,2 0,4 0,6 0,8 1,0 1,2" {
		t.Errorf("ticks of 0-1.2: %s", got)
	}
	if ticks := (dutchTicks{}).Ticks(0, 0); len(ticks) != 1 || ticks[0].Label != "0" {
		t.Errorf("ticks of all zeros: %v", ticks)
	}
}
