package jsonld

import (
	"io"
	"os"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/internal/rdftest"
	"github.com/knakk/rdf"
)

func newW(w io.Writer) rdfio.Writer { return NewWriter(w, Options{}) }

func parse(r io.Reader) ([]rdf.Triple, error) { return rdftest.ParseFlatJSONLD(r) }

func TestWriterGolden(t *testing.T) { rdftest.GoldenRoundTrip(t, newW, parse, "fixture.jsonld") }

func TestWriterRefuses(t *testing.T) { rdftest.CheckRefusals(t, newW) }

func TestWriterW3C(t *testing.T) { rdftest.RoundTripW3C(t, newW, parse) }

func FuzzWriter(f *testing.F) {
	f.Add("Åäö \"x\" & <y>\n\r\t", "sv-SE", "https://example.se/a?b=c&d=(e)#f.")
	f.Add("\x00\x7f\xff", "en", "mailto:x@example.se")
	f.Fuzz(func(t *testing.T, text, lang, iri string) {
		rdftest.CheckEach(t, newW, parse, rdftest.FuzzTriples(text, lang, iri))
	})
}

func BenchmarkJSONLDWriter(b *testing.B) { rdftest.BenchWriter(b, newW) }

func newF(f *os.File) rdfio.Writer { return newW(f) }

func TestWriterJenaFixture(t *testing.T) { rdftest.JenaFixture(t, newF, "jsonld", "jsonld") }

func TestWriterJenaW3C(t *testing.T) { rdftest.JenaW3C(t, newF, "jsonld", "jsonld") }
