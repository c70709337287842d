package rdfio_test

import (
	"context"
	"errors"
	"io"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
)

// sliceWriter records triples; it fails at triple failAt (from 1) when set.
type sliceWriter struct {
	ts     []rdf.Triple
	failAt int
}

var errWrite = errors.New("write failed")

func (w *sliceWriter) Write(t rdf.Triple) error {
	if w.failAt > 0 && len(w.ts)+1 == w.failAt {
		return errWrite
	}
	w.ts = append(w.ts, t)
	return nil
}

func (w *sliceWriter) Close() error { return nil }

func triple(t testing.TB, i int) rdf.Triple {
	t.Helper()
	s, err := rdf.NewIRI("http://example.se/s/" + strconv.Itoa(i))
	if err != nil {
		t.Fatal(err)
	}
	p, _ := rdf.NewIRI("http://example.se/p")
	return rdf.Triple{Subj: s, Pred: p, Obj: rdf.NewTypedLiteral(strconv.Itoa(i), p)}
}

// checkNoLeak fails if goroutines started during the test are still running.
// Goroutines end asynchronously after Pipe has waited for them only in the
// runtime's bookkeeping, so the count is polled briefly.
func checkNoLeak(t *testing.T, before int) {
	t.Helper()
	for range 100 {
		if runtime.NumGoroutine() <= before {
			return
		}
		runtime.Gosched()
		time.Sleep(time.Millisecond)
	}
	t.Errorf("goroutines: %d before, %d after", before, runtime.NumGoroutine())
}

func TestPipeOrder(t *testing.T) {
	for _, n := range []int{0, 1, 1023, 1024, 1025, 10000} {
		before := runtime.NumGoroutine()
		w := &sliceWriter{}
		err := rdfio.Pipe(context.Background(), func(emit func(rdf.Triple) error) error {
			for i := range n {
				if err := emit(triple(t, i)); err != nil {
					return err
				}
			}
			return nil
		}, w)
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		if len(w.ts) != n {
			t.Fatalf("n=%d: wrote %d triples", n, len(w.ts))
		}
		for i, tr := range w.ts {
			if want := triple(t, i); tr != want {
				t.Fatalf("n=%d: triple %d is %v, want %v", n, i, tr, want)
			}
		}
		checkNoLeak(t, before)
	}
}

func TestPipeWriterErrorStopsProducer(t *testing.T) {
	before := runtime.NumGoroutine()
	w := &sliceWriter{failAt: 1500}
	var produced int
	var emitErr error
	err := rdfio.Pipe(context.Background(), func(emit func(rdf.Triple) error) error {
		for i := 0; ; i++ {
			if err := emit(triple(t, i)); err != nil {
				emitErr = err
				return err
			}
			produced++
		}
	}, w)
	if !errors.Is(err, errWrite) {
		t.Fatalf("err = %v, want the writer's", err)
	}
	if emitErr == nil {
		t.Fatal("emit never failed")
	}
	if len(w.ts) != 1499 {
		t.Errorf("wrote %d triples, want 1499", len(w.ts))
	}
	if produced > 1499+10*1024 {
		t.Errorf("producer ran on: %d triples", produced)
	}
	checkNoLeak(t, before)
}

func TestPipeProducerErrorFlushes(t *testing.T) {
	before := runtime.NumGoroutine()
	w := &sliceWriter{}
	errRead := errors.New("syntax error")
	err := rdfio.Pipe(context.Background(), func(emit func(rdf.Triple) error) error {
		for i := range 2500 {
			if err := emit(triple(t, i)); err != nil {
				return err
			}
		}
		return errRead
	}, w)
	if !errors.Is(err, errRead) {
		t.Fatalf("err = %v, want the producer's", err)
	}
	if len(w.ts) != 2500 {
		t.Errorf("wrote %d triples before the error, want 2500", len(w.ts))
	}
	checkNoLeak(t, before)
}

// blockingWriter blocks its first Write until release is closed.
type blockingWriter struct {
	started chan struct{}
	release chan struct{}
	n       int
}

func (w *blockingWriter) Write(rdf.Triple) error {
	if w.n == 0 {
		close(w.started)
		<-w.release
	}
	w.n++
	return nil
}

func (w *blockingWriter) Close() error { return nil }

func TestPipeCancel(t *testing.T) {
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	w := &blockingWriter{started: make(chan struct{}), release: make(chan struct{})}
	go func() {
		<-w.started
		cancel()
		close(w.release)
	}()
	err := rdfio.Pipe(ctx, func(emit func(rdf.Triple) error) error {
		for i := 0; ; i++ { // never ends by itself: only emit can stop it
			if err := emit(triple(t, i)); err != nil {
				return err
			}
		}
	}, w)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	checkNoLeak(t, before)
}

func TestPipePanic(t *testing.T) {
	before := runtime.NumGoroutine()
	defer func() {
		if v := recover(); v != "boom" {
			t.Errorf("recovered %v, want the producer's panic", v)
		}
		checkNoLeak(t, before)
	}()
	_ = rdfio.Pipe(context.Background(), func(emit func(rdf.Triple) error) error {
		_ = emit(triple(t, 0))
		panic("boom")
	}, &sliceWriter{})
	t.Error("Pipe returned")
}

// quadSource reads quads 0…n-1, then err (io.EOF when nil); with batch,
// it is a QuadBatchReader that returns at most max quads a call.
type quadSource struct {
	t   testing.TB
	i   int
	n   int
	err error
	max int
}

func (r *quadSource) ReadQuad() (rdf.Quad, error) {
	if r.i >= r.n {
		if r.err != nil {
			return rdf.Quad{}, r.err
		}
		return rdf.Quad{}, io.EOF
	}
	r.i++
	return rdf.Quad{Triple: triple(r.t, r.i-1)}, nil
}

type batchSource struct{ quadSource }

func (r *batchSource) ReadQuads(dst []rdf.Quad) (int, error) {
	n := 0
	for n < len(dst) && n < r.max {
		q, err := r.ReadQuad()
		if err != nil {
			if n > 0 {
				return n, nil
			}
			return 0, err
		}
		dst[n] = q
		n++
	}
	return n, nil
}

// quadWriter records quads; it fails at quad failAt (from 1) when set.
type quadWriter struct{ sliceWriter }

func (w *quadWriter) WriteQuad(q rdf.Quad) error { return w.Write(q.Triple) }

func TestPipeQuadReader(t *testing.T) {
	errRead := errors.New("syntax error")
	for _, batch := range []bool{false, true} {
		for _, n := range []int{0, 1, 1023, 1024, 1025, 5000} {
			for _, rerr := range []error{nil, errRead} {
				for _, max := range []int{1, 7, 4096} {
					before := runtime.NumGoroutine()
					src := quadSource{t: t, n: n, err: rerr, max: max}
					var r rdfio.QuadReader = &src
					if batch {
						r = &batchSource{src}
					}
					w := &quadWriter{}
					readErr, err := rdfio.PipeQuadReader(context.Background(), r, w)
					if readErr != rerr || err != rerr {
						t.Fatalf("batch=%v n=%d: errors %v, %v, want %v", batch, n, readErr, err, rerr)
					}
					if len(w.ts) != n {
						t.Fatalf("batch=%v n=%d: wrote %d quads", batch, n, len(w.ts))
					}
					for i, tr := range w.ts {
						if tr != triple(t, i) {
							t.Fatalf("batch=%v n=%d: quad %d is %v", batch, n, i, tr)
						}
					}
					checkNoLeak(t, before)
					if !batch {
						break
					}
				}
			}
		}
	}
	// The writer fails: the reader is stopped, and its error is not the
	// read error.
	for _, batch := range []bool{false, true} {
		before := runtime.NumGoroutine()
		src := quadSource{t: t, n: 1 << 30, max: 100}
		var r rdfio.QuadReader = &src
		if batch {
			r = &batchSource{src}
		}
		w := &quadWriter{sliceWriter{failAt: 1500}}
		readErr, err := rdfio.PipeQuadReader(context.Background(), r, w)
		if readErr != nil || !errors.Is(err, errWrite) || len(w.ts) != 1499 {
			t.Fatalf("batch=%v: errors %v, %v, %d written", batch, readErr, err, len(w.ts))
		}
		checkNoLeak(t, before)
	}
}
