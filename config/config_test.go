package config

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The commented sample config lists every key with its default value.
func TestSampleConfigMatchesDefaults(t *testing.T) {
	v, err := New("klacht.sample.yaml")
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for _, k := range v.AllKeys() {
		if v.InConfig(k) {
			keys[k] = true
		}
	}
	for k, def := range Defaults() {
		t.Run(k, func(t *testing.T) {
			if !keys[k] {
				t.Fatalf("klacht.sample.yaml lacks %q", k)
			}
			got := v.Get(k)
			if l, ok := got.([]any); ok { // YAML lists come back as []any
				s := make([]string, len(l))
				for i, e := range l {
					s[i] = e.(string)
				}
				got = s
			}
			if !reflect.DeepEqual(got, def) {
				t.Errorf("klacht.sample.yaml has %s: %#v, default is %#v", k, got, def)
			}
		})
		delete(keys, k)
	}
	for k := range keys {
		t.Errorf("klacht.sample.yaml has %q, which is no setting", k)
	}
}

func TestEnvironmentAndFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "k.yaml")
	if err := os.WriteFile(file, []byte("db: from-file.duckdb\nbatch_size: 7\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("KLACHT_DB", "from-env.duckdb")
	t.Setenv("KLACHT_HASH_KEY", "secret")
	t.Setenv("KLACHT_SKIP_SHEETS", "Grafiek,Dashboard")
	v, err := New(file)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Decode(v)
	if err != nil {
		t.Fatal(err)
	}
	if c.DB != "from-env.duckdb" || c.BatchSize != 7 || c.HashKey != "secret" || c.Input != "testdata/sample" ||
		!reflect.DeepEqual(c.SkipSheets, []string{"Grafiek", "Dashboard"}) {
		t.Errorf("config %+v", c)
	}
}

func TestConfigErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ name, yaml, says string }{
		{"bad yaml", "db: [\n", "read config"},
		{"bad batch size", "batch_size: 0\n", "batch_size is 0"},
		{"bad header rows", "header_scan_rows: -1\n", "header_scan_rows"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".yaml")
			os.WriteFile(file, []byte(tc.yaml), 0o644)
			v, err := New(file)
			if err == nil {
				_, err = Decode(v)
			}
			if err == nil || !strings.Contains(err.Error(), tc.says) {
				t.Errorf("err %v, want %q", err, tc.says)
			}
		})
	}
	if _, err := New(filepath.Join(dir, "missing.yaml")); err == nil {
		t.Error("no error for a missing --config file")
	}
}

func TestLoadData(t *testing.T) {
	d, err := LoadData("")
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range d.Tables() {
		if len(tb.Rows) == 0 && tb.Name != "partner_file_names" { // an override list, empty by default
			t.Errorf("%s is empty", tb.Name)
		}
	}
	// Every canonical value a synonym names is its own synonym, so a register
	// may always write the canonical spelling.
	self := map[string]bool{}
	for _, r := range d.Synonyms.Records() {
		if r["value"] == r["canonical"] {
			self[r["field"]+"|"+r["canonical"]] = true
		}
	}
	for _, r := range d.Synonyms.Records() {
		if r["field"] != "yes_no" && !self[r["field"]+"|"+r["canonical"]] {
			t.Errorf("synonyms.csv: %s %q is no synonym of itself", r["field"], r["canonical"])
		}
	}

	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "regions.csv"), []byte("region,organisation\nEemland,SAVE\n"), 0o644)
	if _, err := LoadData(dir); err == nil || !strings.Contains(err.Error(), `regions.csv:1: missing column "province"`) {
		t.Errorf("err %v, want a missing column", err)
	}
	os.WriteFile(filepath.Join(dir, "regions.csv"), []byte("region,organisation,province,valid_from,valid_to,harmonised_region\n,SAVE,Utrecht,,,X\n"), 0o644)
	if _, err := LoadData(dir); err == nil || !strings.Contains(err.Error(), `regions.csv:2: column "region" is empty`) {
		t.Errorf("err %v, want an empty key", err)
	}
	os.WriteFile(filepath.Join(dir, "regions.csv"), []byte("region,organisation,province,valid_from,valid_to,harmonised_region\nX,SAVE,Utrecht,2021,twintig,X\n"), 0o644)
	if _, err := LoadData(dir); err == nil || !strings.Contains(err.Error(), `regions.csv:2: column "valid_to" is "twintig"`) {
		t.Errorf("err %v, want a bad year", err)
	}
}

// The dimensions agree with each other: every category of every year has
// exactly one crosswalk row, with a grade, onto a known AKJ category; every
// complainant value is a complainant group; every region has a harmonised
// region that is a region.
func TestDimensionsAgree(t *testing.T) {
	d, err := LoadData("")
	if err != nil {
		t.Fatal(err)
	}
	covers := func(r map[string]string, year int) bool {
		from, to := 0, 9999
		if r["valid_from"] != "" {
			from, _ = strconv.Atoi(r["valid_from"])
		}
		if r["valid_to"] != "" {
			to, _ = strconv.Atoi(r["valid_to"])
		}
		return from <= year && year <= to
	}
	akj := map[string]bool{"": true}
	for _, c := range d.AKJCategories.Column("akj_category") {
		akj[c] = true
	}
	for _, c := range d.Categories.Records() {
		for year := 2018; year <= 2021; year++ {
			if !covers(c, year) {
				continue
			}
			n := 0
			for _, x := range d.Crosswalk.Records() {
				if x["category"] == c["category"] && covers(x, year) {
					n++
					if !akj[x["akj_category"]] || (x["grade"] == "none") != (x["akj_category"] == "") ||
						!slices.Contains([]string{"exact", "partial", "none"}, x["grade"]) {
						t.Errorf("crosswalk %v: bad AKJ category or grade", x)
					}
				}
			}
			if n != 1 {
				t.Errorf("%d: category %q has %d crosswalk rows, want 1", year, c["category"], n)
			}
		}
	}
	groups := map[string]bool{}
	for _, c := range d.Complainants.Column("complainant") {
		groups[c] = true
	}
	for _, r := range d.Synonyms.Records() {
		if r["field"] == "complainant" && !groups[r["canonical"]] {
			t.Errorf("complainant %q is in no group of complainants.csv", r["canonical"])
		}
	}
	regions := map[string]bool{}
	for _, r := range d.Regions.Column("region") {
		regions[r] = true
	}
	for _, r := range d.Regions.Records() {
		if !regions[r["harmonised_region"]] {
			t.Errorf("region %q rolls up to %q, which is no region", r["region"], r["harmonised_region"])
		}
	}
}

// The register form speaks klacht's language: every header it writes is an
// alias of its field (or, for the categories, a category of the year), every
// list it offers is one the CLI knows, and register_texts.csv explains each
// reason a register can be rejected for.
func TestRegisterFormAgrees(t *testing.T) {
	d, err := LoadData("")
	if err != nil {
		t.Fatal(err)
	}
	aliases := map[string]string{}
	for _, r := range d.Headers.Records() {
		aliases[strings.ToLower(r["alias"])] = r["field"]
	}
	lists := []string{"date", "text", "organisation", "region", "complainant", "support", "measure", "yes_no", "mark"}
	for _, r := range d.Form.Records() {
		if r["header"] != "{category}" && aliases[strings.ToLower(r["header"])] != r["field"] {
			t.Errorf("register_form.csv: %q is no alias of %s in headers.csv: klacht would not read its own form", r["header"], r["field"])
		}
		if !slices.Contains(lists, r["choices"]) {
			t.Errorf("register_form.csv: %s: choices %q is none of %v", r["field"], r["choices"], lists)
		}
		if !slices.Contains([]string{"yes", "no"}, r["expected"]) {
			t.Errorf("register_form.csv: %s: expected %q, want yes or no", r["field"], r["expected"])
		}
	}
	texts, err := RegisterTexts("")
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"reason:", "counts:", "title", "lists_sheet", "help_sheet", "fb_title", "fb_problems_sheet", "fb_summary_sheet"} {
		if texts[key] == "" {
			t.Errorf("register_texts.csv lacks %q", key)
		}
	}
	skipped := Defaults()["skip_sheets"].([]string)
	if !slices.Contains(skipped, texts["lists_sheet"]) || !slices.Contains(skipped, texts["help_sheet"]) {
		t.Errorf("the form's own sheets %q and %q must be ones klacht skips (skip_sheets %q)", texts["lists_sheet"], texts["help_sheet"], skipped)
	}
}
