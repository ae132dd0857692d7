package pipeline

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Strings builds a reader over one record of string columns named by header;
// an empty cell becomes null. Reference data (synonyms, regions) is loaded
// this way and typed by the table it is inserted into.
func Strings(header []string, rows [][]string) array.RecordReader {
	fields := make([]arrow.Field, len(header))
	for i, h := range header {
		fields[i] = arrow.Field{Name: h, Type: arrow.BinaryTypes.String, Nullable: true}
	}
	schema := arrow.NewSchema(fields, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	for _, row := range rows {
		for i := range header {
			sb := b.Field(i).(*array.StringBuilder)
			if i < len(row) && row[i] != "" {
				sb.Append(row[i])
			} else {
				sb.AppendNull()
			}
		}
	}
	rec := b.NewRecordBatch()
	defer rec.Release()
	rr, _ := array.NewRecordReader(schema, []arrow.RecordBatch{rec}) // cannot fail: rec has schema
	return rr
}
