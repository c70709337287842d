package feed_test

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/rdfio"
)

// parseCount reads data back and counts its triples; ok is false when no
// reader of f is at hand. (knakk/rdf's N-Triples and Turtle decoders until
// dcat/ntriples and dcat/turtle have readers.)
func parseCount(t testing.TB, f rdfio.Format, data []byte) (int, bool) {
	t.Helper()
	var syntax rdf.Format
	switch f {
	case rdfio.NTriples:
		syntax = rdf.NTriples
	case rdfio.Turtle:
		syntax = rdf.Turtle
	default:
		return 0, false
	}
	dec := rdf.NewTripleDecoder(bytes.NewReader(data), syntax)
	n := 0
	for {
		_, err := dec.Decode()
		if errors.Is(err, io.EOF) {
			return n, true
		}
		if err != nil {
			t.Fatalf("%s does not parse back: %v", f, err)
		}
		n++
	}
}

// countWriter counts triples and drops them.
type countWriter struct{ n int }

func (c *countWriter) Write(rdf.Triple) error { c.n++; return nil }
func (c *countWriter) Close() error           { return nil }
