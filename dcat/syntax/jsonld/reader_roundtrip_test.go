package jsonld_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/jsonld"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/internal/rdftest"
	"github.com/knakk/rdf"
)

func newWriter(w io.Writer) rdfio.Writer { return jsonld.NewWriter(w, jsonld.Options{}) }

// readBack reads a document of the writer with the Reader (no base IRI:
// the writer writes IRIs in full).
func readBack(r io.Reader) ([]rdf.Triple, error) { return readAll(r, "") }

// TestReaderReadsWriterFixture reads the writer's golden output back with
// the Reader.
func TestReaderReadsWriterFixture(t *testing.T) {
	rdftest.GoldenRoundTrip(t, newWriter, readBack, "fixture.jsonld")
}

// TestReaderW3CRoundTrip writes the expected graph of every W3C RDF/XML
// and Turtle evaluation test with the writer and reads it back with the
// Reader (skipped without ../shared).
func TestReaderW3CRoundTrip(t *testing.T) { rdftest.RoundTripW3C(t, newWriter, readBack) }

// TestReaderAgreesWithFlatParser checks the Reader against the flat
// parser of the writer's tests on the catalog fixture.
func TestReaderAgreesWithFlatParser(t *testing.T) {
	out, _, _ := rdftest.WriteAll(t, newWriter, rdftest.Catalog(20))
	flat, err := rdftest.ParseFlatJSONLD(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	got, err := readBack(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if ok, why := rdftest.Isomorphic(flat, got); !ok {
		t.Fatal(why)
	}
	if len(got) != len(flat) {
		t.Errorf("read %d triples, the flat parser %d", len(got), len(flat))
	}
}

// FuzzReaderRoundTrip writes fuzzed triples with the writer and reads
// them back with the Reader.
func FuzzReaderRoundTrip(f *testing.F) {
	f.Add("Åäö \"x\" & <y>\n\r\t\u2028", "sv-SE", "https://example.se/a?b=c&d=(e)#f.")
	f.Add("1e3", "en", "dcat:notaprefix")
	f.Fuzz(func(t *testing.T, text, lang, iri string) {
		rdftest.CheckEach(t, newWriter, readBack, rdftest.FuzzTriples(text, lang, iri))
	})
}
