package docs

import "testing"

// The documentation names comments for the tables and columns analysts
// rely on; the warehouse test checks that each of its columns has one.
func TestWarehouseComments(t *testing.T) {
	got := map[[2]string]string{}
	for _, c := range WarehouseComments() {
		got[[2]string{c.Table, c.Column}] = c.Text
	}
	for _, k := range [][2]string{{"conversations", ""}, {"conversations", "year"}, {"run_files", "rows_loaded"}, {"partner_cells", "source_page"},
		{"conversations_history", "year"}, {"conversations_history", "retired_reason"}, {"regions", "harmonised_region"}, {"klacht_schema", "version"}} {
		if got[k] == "" {
			t.Errorf("no comment for %v", k)
		}
	}
	if got[[2]string{"conversations", "year"}] != "the register year: the year the conversation counts in" {
		t.Errorf("conversations.year: %q", got[[2]string{"conversations", "year"}])
	}
}
