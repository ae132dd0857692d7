package pipeline

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow/array"
)

// Extractor reads the source src (a folder or a file) and streams its rows.
// Problems with single files or cells go to the run's Journal; the returned
// error is for problems that stop the whole extraction.
type Extractor interface {
	Extract(ctx context.Context, src string) (array.RecordReader, error)
}

// Transformer turns one stream into another, such as raw register rows into
// normalised conversations.
type Transformer interface {
	Transform(ctx context.Context, rr array.RecordReader) (array.RecordReader, error)
}

// Loader writes a stream into the table named table.
type Loader interface {
	Load(ctx context.Context, table string, rr array.RecordReader) error
}
