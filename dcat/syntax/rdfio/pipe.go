package rdfio

import (
	"context"
	"errors"
	"io"

	"github.com/knakk/rdf"
)

// Pipe sizes: a batch holds pipeBatch triples (48 bytes each; quads 64),
// and at most pipeDepth batches exist per call, so a pipe holds at most
// 4 × 1024 triples (≈ 200 KB plus the terms they point to) whatever the
// document's size.
const (
	pipeBatch = 1024
	pipeDepth = 4
)

// errPipeStopped is what emit returns once the writing side has failed or
// the context is done; produce should return it (wrapped or not).
var errPipeStopped = errors.New("rdfio: pipe stopped")

// Pipe runs produce in a new goroutine and writes every triple it emits to
// w in the caller's goroutine, in order, so that producing (reading,
// mapping) and writing use two cores. Triples travel in batches recycled
// through a small free list: memory is bounded, not proportional to the
// document.
//
// Pipe returns once the producer goroutine has ended; none outlives the
// call. When w.Write fails, emit returns an error to the producer (which
// should stop and return it) and Pipe returns w's error. When ctx is done,
// emit returns ctx.Err(). Otherwise Pipe returns produce's error, after
// writing every triple emitted before it (so a reader's syntax error
// leaves what was read before it written). A panic in produce is
// re-raised in the caller. Pipe does not close w.
//
// produce must not call emit after it returns, nor from other goroutines.
func Pipe(ctx context.Context, produce func(emit func(rdf.Triple) error) error, w Writer) error {
	return pipe(ctx, produce, w.Write)
}

// PipeQuads is Pipe for quads: produce emits quads, which are written to w
// in the caller's goroutine. It does not close w.
func PipeQuads(ctx context.Context, produce func(emit func(rdf.Quad) error) error, w QuadWriter) error {
	return pipe(ctx, produce, w.WriteQuad)
}

// PipeQuadReader reads r to its end in a new goroutine and writes every
// quad to w in the caller's goroutine, as PipeQuads does with a producer
// that calls r.ReadQuad and emits each quad; a QuadBatchReader fills the
// pipe's batches in place. readErr is r's error other than io.EOF, or
// nil; err is what PipeQuads would return (w's error first). It does not
// close w.
func PipeQuadReader(ctx context.Context, r QuadReader, w QuadWriter) (readErr, err error) {
	br, batched := r.(QuadBatchReader)
	err = pipeSink(ctx, func(s *sink[rdf.Quad]) error {
		for {
			var err error
			if batched {
				var dst []rdf.Quad
				if dst, err = s.space(); err != nil {
					return err
				}
				var n int
				if n, err = br.ReadQuads(dst); n > 0 {
					if err := s.commit(n); err != nil {
						return err
					}
				}
			} else {
				var q rdf.Quad
				if q, err = r.ReadQuad(); err == nil {
					err = s.emit(q)
					if err != nil {
						return err
					}
				}
			}
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				readErr = err
				return err
			}
		}
	}, w.WriteQuad)
	return readErr, err
}

// sink is the producing side of a pipe: the batch being filled and how
// to hand it to the writing side.
type sink[T any] struct {
	buf  []T
	send func(last bool) error
}

// emit appends t to the batch, sending it when full.
func (s *sink[T]) emit(t T) error {
	if s.buf == nil {
		// A previous send failed; produce did not stop.
		return errPipeStopped
	}
	s.buf = append(s.buf, t)
	if len(s.buf) == cap(s.buf) {
		return s.send(false)
	}
	return nil
}

// space returns the free part of the batch (at least one item) for the
// producer to fill in place and then commit.
func (s *sink[T]) space() ([]T, error) {
	if len(s.buf) == cap(s.buf) {
		// A previous send failed; produce did not stop.
		return nil, errPipeStopped
	}
	return s.buf[len(s.buf):cap(s.buf)], nil
}

// commit adds the first n items of space to the batch, sending it when
// full.
func (s *sink[T]) commit(n int) error {
	s.buf = s.buf[:len(s.buf)+n]
	if len(s.buf) == cap(s.buf) {
		return s.send(false)
	}
	return nil
}

// pipe is Pipe for items of any type, written with write.
func pipe[T any](ctx context.Context, produce func(emit func(T) error) error, write func(T) error) error {
	return pipeSink(ctx, func(s *sink[T]) error { return produce(s.emit) }, write)
}

// pipeSink is pipe for a producer that fills the sink's batches.
func pipeSink[T any](ctx context.Context, produce func(*sink[T]) error, write func(T) error) error {
	free := make(chan []T, pipeDepth)
	full := make(chan []T, pipeDepth)
	stop := make(chan struct{})
	done := make(chan struct{})
	var (
		perr   error
		panicV any
		panics bool
	)
	go func() {
		defer close(done)
		defer close(full)
		defer func() {
			if v := recover(); v != nil {
				panicV, panics = v, true
			}
		}()
		allocated := 1
		s := &sink[T]{buf: make([]T, 0, pipeBatch)}
		// send hands the batch to the writer and takes an empty one.
		s.send = func(last bool) error {
			select {
			case full <- s.buf:
			case <-stop:
				return errPipeStopped
			case <-ctx.Done():
				return ctx.Err()
			}
			s.buf = nil
			if last {
				return nil
			}
			select {
			case s.buf = <-free:
				return nil
			default:
			}
			if allocated < pipeDepth {
				allocated++
				s.buf = make([]T, 0, pipeBatch)
				return nil
			}
			select {
			case s.buf = <-free:
				return nil
			case <-stop:
				return errPipeStopped
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		err := produce(s)
		if len(s.buf) > 0 {
			if serr := s.send(true); err == nil {
				err = serr
			}
		}
		perr = err
	}()

	var werr error
	for batch := range full {
		if werr == nil {
			for i := range batch {
				if werr = write(batch[i]); werr != nil {
					close(stop)
					break
				}
			}
		}
		clear(batch) // drop the terms for the GC
		if werr == nil {
			free <- batch[:0] // never blocks: at most pipeDepth batches exist
		}
	}
	<-done
	if panics {
		panic(panicV)
	}
	if werr != nil {
		return werr
	}
	return perr
}
