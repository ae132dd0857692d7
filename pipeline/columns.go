package pipeline

import (
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Column accumulators for the hot paths (register rows, conversations):
// plain Go slices appended to, handed to Arrow as they are when a batch is
// full. An append costs a few nanoseconds, against some forty for Arrow's
// builders, which check capacity and call through function values on every
// value. Each NewData hands the memory over and starts an empty column of
// the same capacity.

// bitmap is a growing bitmap.
type bitmap struct {
	bits []byte
	n    int
}

func (b *bitmap) append(v bool) {
	if b.n%8 == 0 {
		b.bits = append(b.bits, 0)
	}
	if v {
		b.bits[b.n/8] |= 1 << (b.n % 8)
	}
	b.n++
}

// take returns the bitmap as a buffer and starts anew.
func (b *bitmap) take() *memory.Buffer {
	buf := memory.NewBufferBytes(b.bits)
	*b = bitmap{bits: make([]byte, 0, cap(b.bits))}
	return buf
}

// validity is a column's null bitmap (a set bit is a value), made at the
// first null: a column without nulls needs none.
type validity struct {
	bits     bitmap
	n, nulls int
}

func (v *validity) append(ok bool) {
	if ok && v.nulls == 0 {
		v.n++
		return
	}
	v.appendBit(ok)
}

// appendBit appends to the bitmap, making it at the first null.
func (v *validity) appendBit(ok bool) {
	if v.nulls == 0 {
		for range v.n {
			v.bits.append(true) // the values before the first null
		}
	}
	v.bits.append(ok)
	if !ok {
		v.nulls++
	}
	v.n++
}

// take returns the bitmap (nil without nulls) and the null count, and starts anew.
func (v *validity) take() (*memory.Buffer, int) {
	var buf *memory.Buffer
	if v.nulls > 0 {
		buf = v.bits.take()
	}
	nulls := v.nulls
	v.n, v.nulls = 0, 0
	return buf, nulls
}

// Texts accumulates a string column.
type Texts struct {
	offsets []int32
	data    []byte
	valid   validity
}

// Append appends a value.
func (t *Texts) Append(v []byte) {
	if t.offsets == nil {
		t.offsets = []int32{0}
	}
	t.data = append(t.data, v...)
	t.offsets = append(t.offsets, int32(len(t.data)))
	t.valid.append(true)
}

// AppendString appends a value.
func (t *Texts) AppendString(v string) {
	t.Append(unsafe.Slice(unsafe.StringData(v), len(v)))
}

// AppendNull appends a null.
func (t *Texts) AppendNull() {
	if t.offsets == nil {
		t.offsets = []int32{0}
	}
	t.offsets = append(t.offsets, int32(len(t.data)))
	t.valid.append(false)
}

// Len is the number of values appended.
func (t *Texts) Len() int { return t.valid.n }

// NewData returns the column as Arrow data and starts an empty one.
func (t *Texts) NewData() arrow.ArrayData {
	if t.offsets == nil {
		t.offsets = []int32{0}
	}
	n := t.Len()
	bits, nulls := t.valid.take()
	d := array.NewData(arrow.BinaryTypes.String, n, []*memory.Buffer{bits,
		memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(t.offsets)), memory.NewBufferBytes(t.data)}, nil, nulls, 0)
	t.offsets = append(make([]int32, 0, cap(t.offsets)), 0)
	t.data = make([]byte, 0, cap(t.data))
	return d
}

// Fixed accumulates a column of fixed-width values: Int16, Int32 or Date32.
type Fixed[T int16 | int32 | arrow.Date32] struct {
	values []T
	valid  validity
}

// Append appends a value.
func (f *Fixed[T]) Append(v T) {
	f.values = append(f.values, v)
	f.valid.append(true)
}

// AppendNull appends a null.
func (f *Fixed[T]) AppendNull() {
	var zero T
	f.values = append(f.values, zero)
	f.valid.append(false)
}

// NewData returns the column as Arrow data of type dt and starts an empty one.
func (f *Fixed[T]) NewData(dt arrow.DataType) arrow.ArrayData {
	n := len(f.values)
	bits, nulls := f.valid.take()
	var zero T
	raw := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(f.values))), n*int(unsafe.Sizeof(zero)))
	d := array.NewData(dt, n, []*memory.Buffer{bits, memory.NewBufferBytes(raw)}, nil, nulls, 0)
	f.values = make([]T, 0, cap(f.values))
	return d
}

// Bools accumulates a boolean column.
type Bools struct {
	values bitmap
	valid  validity
}

// Append appends a value.
func (b *Bools) Append(v bool) {
	b.values.append(v)
	b.valid.append(true)
}

// AppendNull appends a null.
func (b *Bools) AppendNull() {
	b.values.append(false)
	b.valid.append(false)
}

// NewData returns the column as Arrow data and starts an empty one.
func (b *Bools) NewData() arrow.ArrayData {
	n := b.valid.n
	bits, nulls := b.valid.take()
	values := b.values.take()
	return array.NewData(arrow.FixedWidthTypes.Boolean, n, []*memory.Buffer{bits, values}, nil, nulls, 0)
}

// Lists accumulates the offsets of a list column whose values are
// accumulated elsewhere; lists are never null.
type Lists struct{ offsets []int32 }

// Append ends a list at the values' current length.
func (l *Lists) Append(valuesLen int) {
	if l.offsets == nil {
		l.offsets = []int32{0}
	}
	l.offsets = append(l.offsets, int32(valuesLen))
}

// NewData returns the column as Arrow data of type dt over the values, and
// starts an empty one.
func (l *Lists) NewData(dt arrow.DataType, values arrow.ArrayData) arrow.ArrayData {
	if l.offsets == nil {
		l.offsets = []int32{0}
	}
	n := len(l.offsets) - 1
	d := array.NewData(dt, n, []*memory.Buffer{nil, memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(l.offsets))},
		[]arrow.ArrayData{values}, 0, 0)
	l.offsets = append(make([]int32, 0, cap(l.offsets)), 0)
	return d
}

// Record assembles a record batch of schema from column data, releasing
// the data.
func Record(schema *arrow.Schema, n int, cols []arrow.ArrayData) arrow.RecordBatch {
	arrs := make([]arrow.Array, len(cols))
	for i, d := range cols {
		arrs[i] = array.MakeFromData(d)
		d.Release()
	}
	rec := array.NewRecordBatch(schema, arrs, int64(n))
	for _, a := range arrs {
		a.Release()
	}
	return rec
}

// Dict accumulates a dictionary-encoded string column whose value seldom
// changes from one row to the next, such as the file and sheet of register
// rows: a row costs an index, a change of value one dictionary entry.
type Dict struct {
	indices Fixed[int32]
	values  Texts
	last    string
}

// DictType is the type of a Dict column.
var DictType = &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}

// AppendString appends a value.
func (d *Dict) AppendString(v string) {
	if d.values.Len() == 0 || v != d.last {
		d.values.AppendString(v)
		d.last = v
	}
	d.indices.Append(int32(d.values.Len() - 1))
}

// NewData returns the column as Arrow data and starts an empty one.
func (d *Dict) NewData() arrow.ArrayData {
	values := d.values.NewData().(*array.Data)
	defer values.Release()
	idx := d.indices.NewData(arrow.PrimitiveTypes.Int32)
	defer idx.Release()
	return array.NewDataWithDictionary(DictType, idx.Len(), idx.Buffers(), idx.NullN(), 0, values)
}
