package jsonld

import (
	"bytes"
	"io"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/internal/rdftest"
)

func newQW(w io.Writer) rdfio.QuadWriter { return NewQuadWriter(w, Options{}) }

// readBackQuads reads the QuadWriter's output with katalog's JSON-LD reader.
func readBackQuads(r io.Reader) ([]rdf.Quad, error) {
	return rdftest.ReadAllQuads(NewReader(r, ""))
}

func TestQuadWriterGolden(t *testing.T) {
	rdftest.GoldenRoundTripQuads(t, newQW, readBackQuads, "fixture-quads.jsonld")
}

func TestQuadWriterRefuses(t *testing.T) {
	rdftest.CheckQuadRefusals(t, newQW)
	rdftest.CheckRefusals(t, func(w io.Writer) rdfio.Writer { return NewQuadWriter(w, Options{}) })
}

// TestQuadWriterOneGraph checks that a QuadWriter given only default-graph
// triples writes what Writer writes.
func TestQuadWriterOneGraph(t *testing.T) {
	one, _, _ := rdftest.WriteAll(t, newW, rdftest.Fixture())
	quads, _, _ := rdftest.WriteAll(t, func(w io.Writer) rdfio.Writer { return NewQuadWriter(w, Options{}) }, rdftest.Fixture())
	if !bytes.Equal(one, quads) {
		t.Error("the QuadWriter's output of one graph differs from the Writer's")
	}
	empty, _, _ := rdftest.WriteAllQuads(t, newQW, nil)
	if _, err := readBackQuads(bytes.NewReader(empty)); err != nil {
		t.Errorf("an empty dataset: %v\n%s", err, empty)
	}
}

func FuzzQuadWriter(f *testing.F) {
	f.Add("Åäö \"x\" & <y>\n\r\t", "sv-SE", "https://example.se/a?b=c&d=(e)#f.")
	f.Add("g1", "en", "http://www.w3.org/ns/dcat#x")
	f.Fuzz(func(t *testing.T, text, lang, iri string) {
		rdftest.CheckEachQuad(t, newQW, readBackQuads, rdftest.FuzzQuads(text, lang, iri))
	})
}

func TestQuadWriterJena(t *testing.T) { rdftest.JenaDatasetFixture(t, newQW, "jsonld", "jsonld") }
