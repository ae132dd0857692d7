package publish

import (
	"fmt"
	"testing"
)

// hiddenIn counts the hidden cells of column col per group of rows with the
// same values in the columns by (none: the whole table is one group).
func hiddenIn(t *Table, col int, by ...int) map[string]int {
	out := map[string]int{}
	for _, r := range t.Rows {
		k := ""
		for _, b := range by {
			k += Text(r[b]) + "|"
		}
		out[k] += 0
		if r[col] == SmallCountMark(5) {
			out[k]++
		}
	}
	return out
}

// check asserts that no count below 5 shows and that no group (rows alike
// in the columns of one of groups) has exactly one hidden cell.
func check(t *testing.T, tb *Table, count int, groups [][]int) {
	t.Helper()
	for _, r := range tb.Rows {
		if v, ok := Number(r[count]); ok && v < 5 {
			t.Errorf("count %v below 5 shows: %v", v, r)
		}
	}
	for _, by := range groups {
		for g, n := range hiddenIn(tb, count, by...) {
			if n == 1 {
				t.Errorf("group %q of %v has exactly one hidden cell: it can be recomputed from its total\n%v", g, by, tb.Rows)
			}
		}
	}
}

func TestSuppress(t *testing.T) {
	for _, tc := range []struct {
		name   string
		t      Table
		groups [][]int
		hid    int
	}{
		{
			name: "svmn_klagers_2021",
			t: Table{Columns: []string{"organisation", "complainant", "count"}, Rows: [][]any{
				{"Veilig Thuis Utrecht", "Moeder", int64(7)}, {"Veilig Thuis Utrecht", "Vader", int64(8)}, {"Veilig Thuis Utrecht", "Beide ouders", int64(2)},
				{"Veilig Thuis Utrecht", "Jeugdige", int64(1)}, {"Veilig Thuis Utrecht", "Familie/Pleegouders", int64(4)},
				{"SAVE Jeugdbescherming", "Moeder", int64(66)}, {"SAVE Jeugdbescherming", "Vader", int64(68)}, {"SAVE Jeugdbescherming", "Beide ouders", int64(3)},
				{"SAVE Jeugdbescherming", "Jeugdige", int64(3)}, {"SAVE Jeugdbescherming", "Familie/Pleegouders", int64(11)},
			}},
			groups: [][]int{{0}, {1}}, // per organisation, per complainant
			hid:    6,                 // 2, 1, 4, 3, 3, and 11 so that Familie/Pleegouders' 4 cannot be had from its total
		},
		{
			name: "one small cell in a group takes the next smallest with it",
			t: Table{Columns: []string{"measure", "count"}, Rows: [][]any{
				{"OTS", int64(104)}, {"JR", int64(2)}, {"Voogdij", int64(7)}, {"Preventief", int64(9)},
			}},
			groups: [][]int{{}},
			hid:    2,
		},
		{
			name: "a cascade over two dimensions",
			t: Table{Columns: []string{"year", "region", "count"}, Rows: [][]any{
				{int32(2020), "A", 3.0}, {int32(2020), "B", 10.0}, {int32(2020), "C", 20.0},
				{int32(2021), "A", 12.0}, {int32(2021), "B", 11.0}, {int32(2021), "C", 30.0},
			}},
			groups: [][]int{{0}, {1}},
			hid:    4, // 3; 10 (2020's next smallest); then A and B in 2021 by region
		},
		{
			name:   "nothing small, nothing hidden",
			t:      Table{Columns: []string{"unit", "count"}, Rows: [][]any{{"x", int64(50)}, {"y", int64(60)}}},
			groups: [][]int{{}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Suppress(&tc.t, 5); got != tc.hid {
				t.Errorf("hid %d cells, want %d: %v", got, tc.hid, tc.t.Rows)
			}
			check(t, &tc.t, len(tc.t.Columns)-1, tc.groups)
		})
	}
}

func TestSuppressDerived(t *testing.T) {
	tb := Table{Columns: []string{"organisation", "with_akj", "conversations", "percent", "change"}, Rows: [][]any{
		{"A", int64(3), int64(22), 13.6, int64(-2)},
		{"B", int64(65), int64(152), 42.8, int64(1)},
		{"C", int64(40), int64(60), 66.7, int64(4)},
	}}
	Suppress(&tb, 5)
	for _, r := range tb.Rows {
		hidden := r[1] == "<5"
		if hidden != (r[3] == "<5") || hidden != (r[4] == "<5") {
			t.Errorf("row %v: a percent or change of a hidden count shows, or of a shown one is hidden", r)
		}
	}
	if tb.Rows[0][1] != "<5" || tb.Rows[2][1] != "<5" || tb.Rows[1][1] == "<5" {
		t.Errorf("with_akj: %v", tb.Rows)
	}
	if tb.Rows[0][4] != "<5" || fmt.Sprint(tb.Rows[1][4]) != "1" {
		t.Errorf("change: %v", tb.Rows)
	}
}

func TestNeutralise(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+31 6": "'+31 6", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx",
		"Moeder": "Moeder", "": "", "Familie/Pleegouders": "Familie/Pleegouders",
	} {
		if got := Neutralise(in); got != want {
			t.Errorf("Neutralise(%q) = %q, want %q", in, got, want)
		}
	}
}
