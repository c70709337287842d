package rdfxml_test

import (
	"bufio"
	"context"
	"io"
	"os"
	"runtime/pprof"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/ntriples"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/syntax/rdfxml"
	"github.com/katalog-se/katalog/internal/rdftest"
)

// BenchmarkConvertFile is `katalog convert --from rdfxml --to ntriples`
// on the file named by KATALOG_BENCH_RDFXML (skipped when unset): the
// reader in a second goroutine, the N-Triples writer in this one, joined
// by rdfio.PipeQuadReader, the output discarded. In CPU profiles the
// reader's samples have the label side=reader, the writer's side=writer
// (go tool pprof -tagfocus side=reader).
func BenchmarkConvertFile(b *testing.B) {
	rdftest.BenchFile(b, "KATALOG_BENCH_RDFXML", func(f *os.File) int {
		r := &labelledReader{r: rdfxml.NewReader(bufio.NewReaderSize(f, 256<<10), "file://"+f.Name())}
		w := &countingWriter{w: ntriples.NewWriter(io.Discard)}
		var readErr, err error
		pprof.Do(context.Background(), pprof.Labels("side", "writer"), func(ctx context.Context) {
			readErr, err = rdfio.PipeQuadReader(ctx, r, w)
		})
		if readErr != nil || err != nil {
			b.Fatal(readErr, err)
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
		return w.n
	})
}

// labelledReader labels the goroutine that reads side=reader.
type labelledReader struct {
	r       *rdfxml.Reader
	labeled bool
}

func (l *labelledReader) label() {
	if !l.labeled {
		l.labeled = true
		pprof.SetGoroutineLabels(pprof.WithLabels(context.Background(), pprof.Labels("side", "reader")))
	}
}

func (l *labelledReader) ReadQuad() (rdf.Quad, error) {
	l.label()
	return l.r.ReadQuad()
}

func (l *labelledReader) ReadQuads(dst []rdf.Quad) (int, error) {
	l.label()
	return l.r.ReadQuads(dst)
}

type countingWriter struct {
	w rdfio.QuadWriter
	n int
}

func (c *countingWriter) WriteQuad(q rdf.Quad) error {
	c.n++
	return c.w.WriteQuad(q)
}

func (c *countingWriter) Close() error { return c.w.Close() }
