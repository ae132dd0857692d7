package pipeline

import (
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// The column accumulators make the same arrays as Arrow's builders, with and
// without nulls (the validity bitmap is made at the first null), over two
// batches (NewData starts each anew).
func TestColumnsMatchArrowBuilders(t *testing.T) {
	for _, tc := range []struct {
		name  string
		nulls []bool // per value: true is a null
	}{
		{"no nulls", []bool{false, false, false}},
		{"a null first", []bool{true, false, false, false}},
		{"the first null after a full byte", []bool{false, false, false, false, false, false, false, false, false, true, false}},
		{"only nulls", []bool{true, true}},
		{"empty", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var texts Texts
			var ints Fixed[int32]
			var dates Fixed[arrow.Date32]
			var bools Bools
			var lists Lists
			var items Texts
			for batch := range 2 {
				sb := array.NewStringBuilder(memory.DefaultAllocator)
				ib := array.NewInt32Builder(memory.DefaultAllocator)
				db := array.NewDate32Builder(memory.DefaultAllocator)
				bb := array.NewBooleanBuilder(memory.DefaultAllocator)
				lb := array.NewListBuilder(memory.DefaultAllocator, arrow.BinaryTypes.String)
				for i, null := range tc.nulls {
					v := string(rune('a'+i)) + "é"
					lb.Append(true)
					for range i % 3 {
						items.AppendString(v)
						lb.ValueBuilder().(*array.StringBuilder).Append(v)
					}
					lists.Append(items.Len())
					if null {
						texts.AppendNull()
						ints.AppendNull()
						dates.AppendNull()
						bools.AppendNull()
						sb.AppendNull()
						ib.AppendNull()
						db.AppendNull()
						bb.AppendNull()
						continue
					}
					texts.AppendString(v)
					ints.Append(int32(i * (batch + 1)))
					dates.Append(arrow.Date32(18000 + i))
					bools.Append(i%2 == 0)
					sb.Append(v)
					ib.Append(int32(i * (batch + 1)))
					db.Append(arrow.Date32(18000 + i))
					bb.Append(i%2 == 0)
				}
				itemData := items.NewData()
				for _, c := range []struct {
					name      string
					got, want arrow.Array
				}{
					{"texts", array.MakeFromData(texts.NewData()), sb.NewArray()},
					{"int32", array.MakeFromData(ints.NewData(arrow.PrimitiveTypes.Int32)), ib.NewArray()},
					{"date32", array.MakeFromData(dates.NewData(arrow.FixedWidthTypes.Date32)), db.NewArray()},
					{"bools", array.MakeFromData(bools.NewData()), bb.NewArray()},
					{"lists", array.MakeFromData(lists.NewData(arrow.ListOf(arrow.BinaryTypes.String), itemData)), lb.NewArray()},
				} {
					if v, ok := c.got.(interface{ ValidateFull() error }); ok {
						if err := v.ValidateFull(); err != nil {
							t.Errorf("batch %d %s: not valid: %v", batch, c.name, err)
						}
					}
					if !array.Equal(c.got, c.want) {
						t.Errorf("batch %d %s: got %v, want %v", batch, c.name, c.got, c.want)
					}
					if c.got.NullN() != c.want.NullN() {
						t.Errorf("batch %d %s: %d nulls, want %d", batch, c.name, c.got.NullN(), c.want.NullN())
					}
				}
			}
		})
	}
}

// A Dict column reads back as its values, over two batches, also when a
// value comes back after another.
func TestDict(t *testing.T) {
	var d Dict
	for batch, values := range [][]string{{"a.xlsx", "a.xlsx", "b.xlsx", "a.xlsx"}, {"c.xlsx"}} {
		for _, v := range values {
			d.AppendString(v)
		}
		data := d.NewData()
		arr := array.MakeFromData(data).(*array.Dictionary)
		data.Release()
		var got []string
		for i := range arr.Len() {
			got = append(got, arr.Dictionary().(*array.String).Value(arr.GetValueIndex(i)))
		}
		if strings.Join(got, ",") != strings.Join(values, ",") {
			t.Errorf("batch %d: got %q, want %q", batch, got, values)
		}
		if n := arr.Dictionary().Len(); n != map[int]int{0: 3, 1: 1}[batch] {
			t.Errorf("batch %d: %d dictionary entries, want one per change of value", batch, n)
		}
	}
}
