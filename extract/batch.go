package extract

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/svmn/klacht/pipeline"
)

// Where a recognised column goes in pipeline.Raw: an index into
// pipeline.RawFields, or one of these.
const (
	slotCategory       = -1 - iota // a cell naming categories
	slotCategoryColumn             // a column headed by a category's name
	slotDropped                    // recognised, but never handed on (names, free text)
)

// maxBatchBytes bounds the text of one batch, whatever its rows hold.
const maxBatchBytes = 64 << 20

// rawBatch builds pipeline.Raw record batches and emits each when full.
type rawBatch struct {
	emit                pipeline.Emit
	size, n, bytes      int
	file, sheet, title  pipeline.Dict
	row                 pipeline.Fixed[int32]
	date1904            pipeline.Bools
	values              []pipeline.Texts
	columns             []pipeline.Fixed[int16]
	cats                pipeline.Lists
	catColumn           pipeline.Fixed[int16]
	catHeader, catValue pipeline.Texts
	pick                []picked // per pipeline.RawFields, for the row being appended
}

// picked is the cell chosen for a field: its first filled cell, else its first.
type picked struct {
	value  []byte
	column int // 1-based; 0: none
}

func newRawBatch(emit pipeline.Emit, size int) *rawBatch {
	n := len(pipeline.RawFields)
	return &rawBatch{emit: emit, size: size, values: make([]pipeline.Texts, n), columns: make([]pipeline.Fixed[int16], n), pick: make([]picked, n)}
}

func (r *rawBatch) append(file, sheet, title string, row int, date1904 bool, cols []column, cells [][]byte) error {
	clear(r.pick)
	for _, c := range cols {
		var v []byte
		if c.index < len(cells) {
			v = cells[c.index]
		}
		switch c.slot {
		case slotDropped:
		case slotCategory, slotCategoryColumn:
			if pipeline.Blank(v) {
				continue
			}
			r.catColumn.Append(int16(c.index + 1))
			if c.slot == slotCategoryColumn {
				r.catHeader.AppendString(c.header)
			} else {
				r.catHeader.Append(nil)
			}
			r.catValue.Append(v)
			r.bytes += len(v)
		default:
			if p := &r.pick[c.slot]; p.column == 0 || (pipeline.Blank(p.value) && !pipeline.Blank(v)) {
				*p = picked{v, c.index + 1}
			}
		}
	}
	r.cats.Append(r.catValue.Len())
	r.file.AppendString(file)
	r.sheet.AppendString(sheet)
	r.title.AppendString(title)
	r.row.Append(int32(row))
	r.date1904.Append(date1904)
	for i, p := range r.pick {
		r.values[i].Append(p.value)
		r.columns[i].Append(int16(p.column))
		r.bytes += len(p.value)
	}
	r.n++
	if r.n >= r.size || r.bytes >= maxBatchBytes {
		return r.flush()
	}
	return nil
}

// flush emits the rows appended so far, if any.
func (r *rawBatch) flush() error {
	if r.n == 0 {
		return nil
	}
	cols := make([]arrow.ArrayData, pipeline.Raw.NumFields())
	cols[pipeline.RawFile], cols[pipeline.RawSheet], cols[pipeline.RawTitle] = r.file.NewData(), r.sheet.NewData(), r.title.NewData()
	cols[pipeline.RawRow], cols[pipeline.RawDate1904] = r.row.NewData(arrow.PrimitiveTypes.Int32), r.date1904.NewData()
	for i := range r.values {
		cols[pipeline.RawColumn(i)], cols[pipeline.RawColumn(i)+1] = r.values[i].NewData(), r.columns[i].NewData(arrow.PrimitiveTypes.Int16)
	}
	cat := pipeline.RawCategoryType
	children := make([]arrow.ArrayData, cat.NumFields())
	children[pipeline.RawCategoryColumn] = r.catColumn.NewData(arrow.PrimitiveTypes.Int16)
	children[pipeline.RawCategoryHeader], children[pipeline.RawCategoryValue] = r.catHeader.NewData(), r.catValue.NewData()
	st := array.NewData(cat, children[0].Len(), []*memory.Buffer{nil}, children, 0, 0)
	for _, c := range children {
		c.Release()
	}
	cols[pipeline.RawCategories] = r.cats.NewData(arrow.ListOf(cat), st)
	st.Release()
	rec := pipeline.Record(pipeline.Raw, r.n, cols)
	r.n, r.bytes = 0, 0
	return r.emit(rec)
}
