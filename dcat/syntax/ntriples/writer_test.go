package ntriples_test

import (
	"bytes"
	"io"
	"os"
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

func TestWriterGolden(t *testing.T) { rdftest.GoldenRoundTrip(t, newW, readBack, "fixture.nt") }

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

func TestWriterRefuses(t *testing.T) { rdftest.CheckRefusals(t, newW) }

func TestWriterW3C(t *testing.T) { rdftest.RoundTripW3C(t, newW, readBack) }

func FuzzWriter(f *testing.F) {
	f.Add("Åäö \"x\" & <y>\n\r\t", "sv-SE", "https://example.se/a?b=c&d=(e)#f.")
	f.Add("\x00\x7f\xff", "en", "mailto:x@example.se")
	f.Fuzz(func(t *testing.T, text, lang, iri string) {
		rdftest.CheckEach(t, newW, readBack, rdftest.FuzzTriples(text, lang, iri))
	})
}

func BenchmarkNTriplesWriter(b *testing.B) { rdftest.BenchWriter(b, newW) }

func newF(f *os.File) rdfio.Writer { return newW(f) }

func TestWriterJenaFixture(t *testing.T) { rdftest.JenaFixture(t, newF, "ntriples", "nt") }

func TestWriterJenaW3C(t *testing.T) { rdftest.JenaW3C(t, newF, "ntriples", "nt") }
