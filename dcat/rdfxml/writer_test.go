package rdfxml_test

import (
	"bytes"
	"io"
	"os"
	"testing"

	"github.com/katalog-se/katalog/dcat/rdfio"
	"github.com/katalog-se/katalog/dcat/rdfxml"
	"github.com/katalog-se/katalog/internal/rdftest"
	"github.com/knakk/rdf"
)

func newW(w io.Writer) rdfio.Writer { return rdfxml.NewWriter(w, rdfxml.Options{}) }

// readBack reads the writer's output back with katalog's own reader
// (readAll, in w3c_reader_test.go).
func readBack(r io.Reader) ([]rdf.Triple, error) { return readAll(r, "") }

func TestWriterGolden(t *testing.T) {
	out, kept, refused := rdftest.WriteAll(t, newW, rdftest.Fixture())
	if len(refused) > 0 {
		t.Fatalf("refused: %v", refused)
	}
	rdftest.Golden(t, "fixture.rdf", out)
	got, err := readBack(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if ok, why := rdftest.Isomorphic(kept, got); !ok {
		t.Fatal(why)
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

func BenchmarkRDFXMLWriter(b *testing.B) {
	ts := rdftest.Catalog(3000)
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		w := rdfxml.NewWriter(io.Discard, rdfxml.Options{})
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

func newF(f *os.File) rdfio.Writer { return rdfxml.NewWriter(f, rdfxml.Options{}) }

func TestWriterJenaFixture(t *testing.T) { rdftest.JenaFixture(t, newF, "rdfxml", "rdf") }

func TestWriterJenaW3C(t *testing.T) { rdftest.JenaW3C(t, newF, "rdfxml", "rdf") }
