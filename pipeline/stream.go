package pipeline

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Emit hands one record batch to the consumer of a Stream. It blocks until
// the consumer takes it, so a producer never runs more than one batch ahead,
// and it returns the context's error once the stream is cancelled or released.
type Emit func(arrow.RecordBatch) error

// Stream runs produce in its own goroutine and returns its batches as a
// RecordReader. Memory stays bounded by the batch size: produce waits while
// the consumer is busy. The error produce returns becomes the reader's Err.
// Releasing the reader before the end stops produce through its context.
func Stream(ctx context.Context, schema *arrow.Schema, produce func(ctx context.Context, emit Emit) error) array.RecordReader {
	ctx, cancel := context.WithCancel(ctx)
	r := &streamReader{schema: schema, ch: make(chan arrow.RecordBatch), cancel: cancel}
	r.refs.Store(1)
	go func() {
		defer close(r.ch)
		err := produce(ctx, func(rec arrow.RecordBatch) error {
			select {
			case r.ch <- rec:
				return nil
			case <-ctx.Done():
				rec.Release()
				return ctx.Err()
			}
		})
		r.mu.Lock()
		r.err = err
		r.mu.Unlock()
	}()
	return r
}

type streamReader struct {
	refs   atomic.Int64
	schema *arrow.Schema
	ch     chan arrow.RecordBatch
	cancel context.CancelFunc
	cur    arrow.RecordBatch
	mu     sync.Mutex
	err    error
}

func (r *streamReader) Retain()               { r.refs.Add(1) }
func (r *streamReader) Schema() *arrow.Schema { return r.schema }

func (r *streamReader) Release() {
	if r.refs.Add(-1) != 0 {
		return
	}
	r.cancel()
	if r.cur != nil {
		r.cur.Release()
		r.cur = nil
	}
	for rec := range r.ch {
		rec.Release()
	}
}

func (r *streamReader) Next() bool {
	if r.cur != nil {
		r.cur.Release()
		r.cur = nil
	}
	rec, ok := <-r.ch
	if !ok {
		return false
	}
	r.cur = rec
	return true
}

func (r *streamReader) RecordBatch() arrow.RecordBatch { return r.cur }

// Record is the deprecated name of RecordBatch, kept for the interface.
func (r *streamReader) Record() arrow.RecordBatch { return r.cur }

func (r *streamReader) Err() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

// Batch builds record batches: append a row's values to the builder's
// fields, then call Row, which emits the batch once it holds size rows.
type Batch struct {
	*array.RecordBuilder
	emit    Emit
	size, n int
}

// NewBatch returns a Batch of schema that emits through emit.
func NewBatch(schema *arrow.Schema, emit Emit, size int) *Batch {
	return &Batch{RecordBuilder: array.NewRecordBuilder(memory.DefaultAllocator, schema), emit: emit, size: size}
}

// Row counts one appended row and emits the batch if it is full.
func (b *Batch) Row() error {
	b.n++
	if b.n >= b.size {
		return b.Flush()
	}
	return nil
}

// Flush emits the rows appended so far, if any.
func (b *Batch) Flush() error {
	if b.n == 0 {
		return nil
	}
	b.n = 0
	return b.emit(b.NewRecordBatch())
}
