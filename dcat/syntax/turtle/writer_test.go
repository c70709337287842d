package turtle_test

import (
	"io"
	"os"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/syntax/turtle"
	"github.com/katalog-se/katalog/internal/rdftest"
	"github.com/knakk/rdf"
)

func newW(w io.Writer) rdfio.Writer { return turtle.NewWriter(w, turtle.Options{}) }

// readBack reads the writer's output back with katalog's own reader
// (readAll, in w3c_reader_test.go).
func readBack(r io.Reader) ([]rdf.Triple, error) { return readAll(r, "") }

func TestWriterGolden(t *testing.T) { rdftest.GoldenRoundTrip(t, newW, readBack, "fixture.ttl") }

func TestWriterRefuses(t *testing.T) { rdftest.CheckRefusals(t, newW) }

func TestWriterW3C(t *testing.T) { rdftest.RoundTripW3C(t, newW, readBack) }

func FuzzWriter(f *testing.F) {
	f.Add("Åäö \"x\" & <y>\n\r\t", "sv-SE", "https://example.se/a?b=c&d=(e)#f.")
	f.Add("\x00\x7f\xff", "en", "mailto:x@example.se")
	f.Fuzz(func(t *testing.T, text, lang, iri string) {
		rdftest.CheckEach(t, newW, readBack, rdftest.FuzzTriples(text, lang, iri))
	})
}

func BenchmarkTurtleWriter(b *testing.B) { rdftest.BenchWriter(b, newW) }

func newF(f *os.File) rdfio.Writer { return newW(f) }

func TestWriterJenaFixture(t *testing.T) { rdftest.JenaFixture(t, newF, "turtle", "ttl") }

func TestWriterJenaW3C(t *testing.T) { rdftest.JenaW3C(t, newF, "turtle", "ttl") }
