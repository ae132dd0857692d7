package extract

import (
	"strconv"

	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/svmn/klacht/pipeline"
)

// rawBatch builds pipeline.Raw record batches and emits each when full.
type rawBatch struct {
	*pipeline.Batch
	file, sheet, title         *array.StringBuilder
	row                        *array.Int32Builder
	date1904                   *array.BooleanBuilder
	cells                      *array.ListBuilder
	cell                       *array.StructBuilder
	field, header, addr, value *array.StringBuilder
	addrBuf                    []byte
}

func newRawBatch(emit pipeline.Emit, size int) *rawBatch {
	b := pipeline.NewBatch(pipeline.Raw, emit, size)
	cells := b.Field(5).(*array.ListBuilder)
	cell := cells.ValueBuilder().(*array.StructBuilder)
	return &rawBatch{
		Batch:    b,
		file:     b.Field(0).(*array.StringBuilder),
		sheet:    b.Field(1).(*array.StringBuilder),
		title:    b.Field(2).(*array.StringBuilder),
		row:      b.Field(3).(*array.Int32Builder),
		date1904: b.Field(4).(*array.BooleanBuilder),
		cells:    cells,
		cell:     cell,
		field:    cell.FieldBuilder(0).(*array.StringBuilder),
		header:   cell.FieldBuilder(1).(*array.StringBuilder),
		addr:     cell.FieldBuilder(2).(*array.StringBuilder),
		value:    cell.FieldBuilder(3).(*array.StringBuilder),
	}
}

func (r *rawBatch) append(file, sheet, title string, row int, date1904 bool, cols []column, cells [][]byte) error {
	r.file.Append(file)
	r.sheet.Append(sheet)
	r.title.Append(title)
	r.row.Append(int32(row))
	r.date1904.Append(date1904)
	r.cells.Append(true)
	for _, c := range cols {
		var v []byte
		if c.index < len(cells) {
			v = cells[c.index]
		}
		r.cell.Append(true)
		r.field.Append(c.field)
		r.header.Append(c.header)
		r.addrBuf = strconv.AppendInt(append(r.addrBuf[:0], c.letter...), int64(row), 10)
		r.addr.BinaryBuilder.Append(r.addrBuf)
		r.value.BinaryBuilder.Append(v)
	}
	return r.Row()
}
