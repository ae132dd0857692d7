package transform

import (
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/svmn/klacht/pipeline"
)

// conversationBatch builds pipeline.Conversation record batches and emits
// each when full.
type conversationBatch struct{ *pipeline.Batch }

func newConversationBatch(emit pipeline.Emit, size int) conversationBatch {
	return conversationBatch{pipeline.NewBatch(pipeline.Conversation, emit, size)}
}

func (cb conversationBatch) append(c conversation) error {
	f := cb.Field
	f(0).(*array.StringBuilder).Append(c.id)
	f(1).(*array.Int32Builder).Append(int32(c.year))
	f(2).(*array.StringBuilder).Append(c.yearSource)
	appendString(f(3), c.organisation)
	appendString(f(4), c.orgInYear)
	appendString(f(5), c.region)
	appendString(f(6), c.regionSource)
	appendDate(f(7), c.dateReceived)
	appendDate(f(8), c.dateConversation)
	appendDate(f(9), c.dateReport)
	appendString(f(10), c.complainant)
	appendBool(f(11), c.withPartner)
	appendString(f(12), c.support)
	appendString(f(13), c.measure)
	appendBool(f(14), c.requestOther)
	appendBool(f(15), c.complexDivorce)
	appendString(f(16), c.clientKey)
	um := f(17).(*array.ListBuilder)
	um.Append(true)
	for _, u := range c.unmapped {
		um.ValueBuilder().(*array.StringBuilder).Append(u)
	}
	cats := f(18).(*array.ListBuilder)
	cats.Append(true)
	st := cats.ValueBuilder().(*array.StructBuilder)
	for i, cat := range c.categories {
		st.Append(true)
		st.FieldBuilder(0).(*array.Int32Builder).Append(int32(i + 1))
		appendString(st.FieldBuilder(1), cat.name)
		st.FieldBuilder(2).(*array.StringBuilder).Append(cat.cell)
	}
	f(19).(*array.StringBuilder).Append(c.file)
	f(20).(*array.StringBuilder).Append(c.sheet)
	f(21).(*array.Int32Builder).Append(int32(c.row))
	return cb.Row()
}

func appendString(b array.Builder, v *string) {
	if v == nil {
		b.AppendNull()
		return
	}
	b.(*array.StringBuilder).Append(*v)
}

func appendBool(b array.Builder, v *bool) {
	if v == nil {
		b.AppendNull()
		return
	}
	b.(*array.BooleanBuilder).Append(*v)
}

func appendDate(b array.Builder, v *time.Time) {
	if v == nil {
		b.AppendNull()
		return
	}
	b.(*array.Date32Builder).Append(arrow.Date32FromTime(*v))
}
