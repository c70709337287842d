package ntriples_test

import (
	"bytes"
	"io"
	"os"
	"testing"

	"github.com/katalog-se/katalog/dcat/ntriples"
	"github.com/katalog-se/katalog/dcat/rdfio"
	"github.com/katalog-se/katalog/internal/rdftest"
	"github.com/knakk/rdf"
)

func newW(w io.Writer) rdfio.Writer { return ntriples.NewWriter(w) }

// readBack reads the writer's output back with katalog's own reader
// (readAll, in w3c_reader_test.go).
func readBack(r io.Reader) ([]rdf.Triple, error) { return readAll(r, "") }

func TestWriterGolden(t *testing.T) {
	out, kept, refused := rdftest.WriteAll(t, newW, rdftest.Fixture())
	if len(refused) > 0 {
		t.Fatalf("refused: %v", refused)
	}
	rdftest.Golden(t, "fixture.nt", out)
	got, err := readBack(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if ok, why := rdftest.Isomorphic(kept, got); !ok {
		t.Fatal(why)
	}
}

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

func BenchmarkNTriplesWriter(b *testing.B) {
	ts := rdftest.Catalog(3000)
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		w := ntriples.NewWriter(io.Discard)
		for _, t := range ts {
			if err := w.Write(t); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
		n += len(ts)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "triples/s")
}

func newF(f *os.File) rdfio.Writer { return ntriples.NewWriter(f) }

func TestWriterJenaFixture(t *testing.T) { rdftest.JenaFixture(t, newF, "ntriples", "nt") }

func TestWriterJenaW3C(t *testing.T) { rdftest.JenaW3C(t, newF, "ntriples", "nt") }
