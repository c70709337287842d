package publish_test

import (
	"bytes"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/codec"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/internal/rdftest"
)

// parseCount reads data back and counts its triples: RDF/XML, Turtle and
// N-Triples with katalog's own readers (dcat/syntax/codec), JSON-LD, which katalog
// does not read, with rdftest's strict check of the writer's flat JSON-LD.
// Data that does not parse fails t.
func parseCount(t testing.TB, f rdfio.Format, data []byte) int {
	t.Helper()
	if f == rdfio.JSONLD {
		ts, err := rdftest.ParseFlatJSONLD(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s does not parse back: %v", f, err)
		}
		return len(ts)
	}
	r, err := codec.NewReader(f, bytes.NewReader(data), "", codec.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return rdftest.CountTriples(t, r)
}

// countWriter counts triples and drops them.
type countWriter struct{ n int }

func (c *countWriter) Write(rdf.Triple) error { c.n++; return nil }
func (c *countWriter) Close() error           { return nil }
