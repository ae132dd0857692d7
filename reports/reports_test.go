package reports

import (
	"regexp"
	"strings"
	"testing"
)

// Every report states its question, grain and columns, names the
// denominator of any percentage, and ends with select * from final.
func TestReportsFollowTheHouseForm(t *testing.T) {
	names := Names()
	if len(names) < 11 {
		t.Fatalf("only %d reports: %v", len(names), names)
	}
	final := regexp.MustCompile(`(?m)^select \* (exclude \(.+\)\s+)?from final\s+order by .+\n?$`)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			q, err := SQL(name)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(q, "-- Question:") {
				t.Error("does not start with -- Question:")
			}
			for _, part := range []string{"-- Grain:", "-- Columns:", "final as ("} {
				if !strings.Contains(q, part) {
					t.Errorf("lacks %q", part)
				}
			}
			if strings.Contains(strings.ToLower(q), "percent") && !regexp.MustCompile(`-- (Denominators?|Percentages):`).MatchString(q) {
				t.Error("has a percentage but names no denominator")
			}
			if !final.MatchString(q) {
				t.Error("does not end with select * from final order by ...")
			}
		})
	}
	if _, err := SQL("svmn_klager_2021"); err == nil || !strings.Contains(err.Error(), "did you mean svmn_klagers_2021") {
		t.Errorf("a mistyped report: %v", err)
	}
	if _, err := SQL("no_such_report"); err == nil || strings.Contains(err.Error(), "did you mean") || !strings.Contains(err.Error(), "--list") {
		t.Errorf("an unknown report: %v", err)
	}
}

func TestParseHeader(t *testing.T) {
	q, err := SQL("svmn_akj_ondersteuning_2021")
	if err != nil {
		t.Fatal(err)
	}
	m := ParseHeader(q)
	if !strings.HasPrefix(m.Question, "in what share of the 2021 complaint conversations") ||
		!strings.HasPrefix(m.Denominator, "all 2021 conversations of the organisation") || m.Grain != "one row per organisation." {
		t.Errorf("%+v", m)
	}
}

func TestParams(t *testing.T) {
	for q, want := range map[string]string{
		"select * from partner_cells where partner = $partner and year = $year -- $notme\nand x = '$no' and t = $partner": "partner year",
		"select 1":                   "",
		"-- Params: $year\nselect 1": "",
	} {
		if got := strings.Join(Params(q), " "); got != want {
			t.Errorf("Params(%q) = %q, want %q", q, got, want)
		}
	}
	q, _ := SQL("partner_table")
	if got := strings.Join(Params(q), " "); got != "partner year table" {
		t.Errorf("partner_table takes %q", got)
	}
}

func TestColumnNotes(t *testing.T) {
	q, _ := SQL("svmn_verslag_binnen_14_dagen")
	notes := ParseHeader(q).ColumnNotes()
	if notes["reports_sent"] != "with a date the report was sent" || notes["percent"] != "one decimal" || notes["year"] != "" {
		t.Errorf("%q", notes)
	}
}
