package transform

import (
	"encoding/hex"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/svmn/klacht/pipeline"
)

// conversationBatch builds pipeline.Conversation record batches and emits
// each when full.
type conversationBatch struct {
	emit                                                  pipeline.Emit
	size, n                                               int
	year, row                                             pipeline.Fixed[int32]
	yearSource, org, orgInYear, region, regionSource      pipeline.Texts
	complainant, support, measure, clientKey, file, sheet pipeline.Texts
	dateReceived, dateConversation, dateReport            pipeline.Fixed[arrow.Date32]
	withPartner, requestOther, complexDivorce             pipeline.Bools
	unmappedLists, categoryLists, columnLists             pipeline.Lists
	unmapped, categories, columns                         pipeline.Texts
}

func newConversationBatch(emit pipeline.Emit, size int) *conversationBatch {
	return &conversationBatch{emit: emit, size: size}
}

func (cb *conversationBatch) append(c *conversation) error {
	cb.year.Append(int32(c.year))
	cb.yearSource.AppendString(c.yearSource)
	appendString(&cb.org, c.organisation)
	appendString(&cb.orgInYear, c.orgInYear)
	appendString(&cb.region, c.region)
	appendString(&cb.regionSource, c.regionSource)
	appendDate(&cb.dateReceived, c.dateReceived)
	appendDate(&cb.dateConversation, c.dateConversation)
	appendDate(&cb.dateReport, c.dateReport)
	appendString(&cb.complainant, c.complainant)
	appendBool(&cb.withPartner, c.withPartner)
	appendString(&cb.support, c.support)
	appendString(&cb.measure, c.measure)
	appendBool(&cb.requestOther, c.requestOther)
	appendBool(&cb.complexDivorce, c.complexDivorce)
	if c.clientKey.ok {
		var h [32]byte
		hex.Encode(h[:], c.clientKey.v[:])
		cb.clientKey.Append(h[:])
	} else {
		cb.clientKey.AppendNull()
	}
	for _, u := range c.unmapped {
		cb.unmapped.AppendString(u)
	}
	cb.unmappedLists.Append(cb.unmapped.Len())
	for i, cat := range c.categories {
		appendString(&cb.categories, cat)
		cb.columns.AppendString(columnName(c.categoryCols[i]))
	}
	cb.categoryLists.Append(cb.categories.Len())
	cb.columnLists.Append(cb.columns.Len())
	cb.file.AppendString(c.file)
	cb.sheet.AppendString(c.sheet)
	cb.row.Append(int32(c.row))
	cb.n++
	if cb.n >= cb.size {
		return cb.flush()
	}
	return nil
}

// flush emits the rows appended so far, if any.
func (cb *conversationBatch) flush() error {
	if cb.n == 0 {
		return nil
	}
	list := func(l *pipeline.Lists, values *pipeline.Texts) arrow.ArrayData {
		v := values.NewData()
		defer v.Release()
		return l.NewData(arrow.ListOf(arrow.BinaryTypes.String), v)
	}
	rec := pipeline.Record(pipeline.Conversation, cb.n, []arrow.ArrayData{
		cb.year.NewData(arrow.PrimitiveTypes.Int32), cb.yearSource.NewData(), cb.org.NewData(), cb.orgInYear.NewData(),
		cb.region.NewData(), cb.regionSource.NewData(),
		cb.dateReceived.NewData(arrow.FixedWidthTypes.Date32), cb.dateConversation.NewData(arrow.FixedWidthTypes.Date32),
		cb.dateReport.NewData(arrow.FixedWidthTypes.Date32),
		cb.complainant.NewData(), cb.withPartner.NewData(), cb.support.NewData(), cb.measure.NewData(),
		cb.requestOther.NewData(), cb.complexDivorce.NewData(), cb.clientKey.NewData(),
		list(&cb.unmappedLists, &cb.unmapped), list(&cb.categoryLists, &cb.categories), list(&cb.columnLists, &cb.columns),
		cb.file.NewData(), cb.sheet.NewData(), cb.row.NewData(arrow.PrimitiveTypes.Int32),
	})
	cb.n = 0
	return cb.emit(rec)
}

// columnNames are the names of the first columns (A to ZZ), by number.
var columnNames = func() []string {
	names := make([]string, 703)
	for i := range names {
		names[i] = pipeline.ColumnName(i)
	}
	return names
}()

// columnName is the name of a 1-based column.
func columnName(col int) string {
	if col < len(columnNames) {
		return columnNames[col]
	}
	return pipeline.ColumnName(col)
}

func appendString(t *pipeline.Texts, v opt[string]) {
	if !v.ok {
		t.AppendNull()
		return
	}
	t.AppendString(v.v)
}

func appendBool(b *pipeline.Bools, v opt[bool]) {
	if !v.ok {
		b.AppendNull()
		return
	}
	b.Append(v.v)
}

func appendDate(d *pipeline.Fixed[arrow.Date32], v opt[arrow.Date32]) {
	if !v.ok {
		d.AppendNull()
		return
	}
	d.Append(v.v)
}
