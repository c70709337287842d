package rdfio

import (
	"context"
	"errors"

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

// pipe is Pipe for items of any type, written with write.
func pipe[T any](ctx context.Context, produce func(emit func(T) error) error, write func(T) error) error {
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
		buf := make([]T, 0, pipeBatch)
		// send hands buf to the writer and takes an empty batch.
		send := func(last bool) error {
			select {
			case full <- buf:
			case <-stop:
				return errPipeStopped
			case <-ctx.Done():
				return ctx.Err()
			}
			buf = nil
			if last {
				return nil
			}
			select {
			case buf = <-free:
				return nil
			default:
			}
			if allocated < pipeDepth {
				allocated++
				buf = make([]T, 0, pipeBatch)
				return nil
			}
			select {
			case buf = <-free:
				return nil
			case <-stop:
				return errPipeStopped
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		emit := func(t T) error {
			if buf == nil {
				// A previous send failed; produce did not stop.
				return errPipeStopped
			}
			buf = append(buf, t)
			if len(buf) == cap(buf) {
				return send(false)
			}
			return nil
		}
		err := produce(emit)
		if len(buf) > 0 {
			if serr := send(true); err == nil {
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
