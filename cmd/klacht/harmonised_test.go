package main

import (
	"strings"
	"testing"

	"github.com/svmn/klacht/reports"
)

// The trend across the 2021 split of Utrecht Zuidoost/West: 18 + 15 = 33 in
// 2021, 2 fewer than the 35 of 2020.
func TestHarmonisedRegions(t *testing.T) {
	got := query(t, fx.db, `select count, change from (`+report(t, "svmn_klachtgesprekken_harmonised")+`)
		where year = 2021 and region = 'Utrecht Zuidoost/West'`)
	if got != "count,change\n33,-2\n" {
		t.Errorf("Utrecht Zuidoost/West 2021: %q", got)
	}
	// The first year has no change; every other year of every region has one.
	got = query(t, fx.db, `select count(*) filter (where change is null and year > 2018) as missing,
		count(*) filter (where change is not null and year = 2018) as extra from (`+report(t, "svmn_klachtgesprekken_harmonised")+`)`)
	if got != "missing,extra\n0,0\n" {
		t.Errorf("changes: %q", got)
	}
}

// Complainant groups of every year add up to the conversations with a
// complainant, and 2019's Grootouders, Pleegouders and Overigen are in
// Familie/Pleegouders.
func TestHarmonisedComplainants(t *testing.T) {
	got := query(t, fx.db, `select sum(count) as n from (`+report(t, "svmn_klagers_harmonised")+`)
		where year = 2019 and organisation = 'SAVE Jeugdbescherming' and complainant = 'Familie/Pleegouders'`)
	if got != "n\n6\n" { // 3 + 2 + 1 (seed 002, table Klagers)
		t.Errorf("2019 Familie/Pleegouders: %q", got)
	}
	got = query(t, fx.db, `select count(*) as groups from (`+report(t, "svmn_klagers_harmonised")+`)
		where complainant not in (select distinct harmonised_complainant from complainant_groups)`)
	if got != "groups\n0\n" {
		t.Errorf("complainants outside the harmonised groups: %q", got)
	}
}

// Both denominators: mention shares add up to 100 per year and organisation;
// conversation shares of 2021 add up to more, as a conversation names up to
// five categories.
func TestCategoryShares(t *testing.T) {
	got := query(t, fx.db, `select year, organisation, round(sum(share_of_mentions)) as mentions,
		round(sum(share_of_conversations)) > 100 as over from (`+report(t, "svmn_categories_harmonised")+`)
		where organisation = 'SAVE Jeugdbescherming' group by all order by year`)
	want := "year,organisation,mentions,over\n2018,SAVE Jeugdbescherming,100,false\n2019,SAVE Jeugdbescherming,100,false\n2020,SAVE Jeugdbescherming,100,false\n2021,SAVE Jeugdbescherming,100,true\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	got = query(t, fx.db, `select comparability from (`+report(t, "svmn_category_comparability")+`)
		where first_year = 2018 and second_year = 2020 and akj_category = 'Bejegening'`)
	if got != "comparability\nexact\n" {
		t.Errorf("Bejegening 2018-2020: %q", got)
	}
}

func report(t *testing.T, name string) string {
	t.Helper()
	q, err := reports.SQL(name)
	if err != nil {
		t.Fatal(err)
	}
	// A report as a subquery: without its header comment and final order.
	return strings.TrimSpace(q[strings.Index(q, "\nwith ")+1:])
}
