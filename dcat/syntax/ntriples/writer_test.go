package ntriples_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/ntriples"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/internal/rdftest"
	"github.com/knakk/rdf"
)

func newW(w io.Writer) rdfio.Writer { return ntriples.NewWriter(w) }

// readBack reads the writer's output back with katalog's own reader
// (readAll, in w3c_reader_test.go).
func readBack(r io.Reader) ([]rdf.Triple, error) { return readAll(r, "") }

// writerSuite is the Writer's share of the checks every writer passes.
var writerSuite = rdftest.WriterSuite{New: newW, ReadBack: readBack, Golden: "fixture.nt", Syntax: "ntriples", Ext: "nt"}

func TestWriter(t *testing.T) { writerSuite.Run(t) }

func TestWriterEscapes(t *testing.T) {
	s, _ := rdf.NewIRI("https://example.se/s")
	p, _ := rdf.NewIRI("https://example.se/p")
	var buf bytes.Buffer
	w := ntriples.NewWriter(&buf)
	if err := w.Write(rdf.Triple{Subj: s, Pred: p, Obj: rdf.NewTypedLiteral("a\"b\\c\nd\re\tf\x00g\x1fh\x7fiå", rdf.IRI{})}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	want := `<https://example.se/s> <https://example.se/p> "a\"b\\c\nd\re\tf\u0000g\u001Fh\u007Fiå" .` + "\n"
	if buf.String() != want {
		t.Errorf("got  %s\nwant %s", buf.String(), want)
	}
	if err := w.Write(rdf.Triple{Subj: s, Pred: p, Obj: s}); err != ntriples.ErrClosed {
		t.Errorf("Write after Close = %v", err)
	}
}

func FuzzWriter(f *testing.F) { writerSuite.Fuzz(f) }

func BenchmarkNTriplesWriter(b *testing.B) { rdftest.BenchWriter(b, newW) }
