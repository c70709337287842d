package ldes

import (
	"bytes"
	"maps"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/codec"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/syntax/turtle"
	"github.com/katalog-se/katalog/internal/rdftest"
)

const fuzzBefore = `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dcterms: <http://purl.org/dc/terms/> .
<http://e/a> a dcat:Catalog ; dcterms:title "A" ; dcat:dataset <http://e/b> .
<http://e/b> a dcat:Dataset ; dcterms:title "B" ; dcterms:temporal [ dcterms:start "2020" ] .
_:lone <http://e/p> "x" .
`

const fuzzHead = `@prefix ldes: <https://w3id.org/ldes#> . @prefix tree: <https://w3id.org/tree#> .
@prefix as: <https://www.w3.org/ns/activitystreams#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dcterms: <http://purl.org/dc/terms/> .
<http://e/feed#F> a ldes:EventStream ; ldes:timestampPath as:published ; ldes:versionOfPath as:object ; tree:view <http://e/feed> .
`

// FuzzFeed reads any bytes as a feed page and, when they parse, applies
// the events to a catalog: nothing panics, applying the events again
// changes nothing, and the harvester's state written as TriG reads back as
// the same state.
func FuzzFeed(f *testing.F) {
	rdftest.AddSeeds(f,
		fuzzHead+`<http://e/feed#F> tree:member <http://e/1>, <http://e/2>, <http://e/3> .
<http://e/1> a as:Update ; as:object <http://e/b> ; as:published "2024-01-01T00:00:00Z"^^xsd:dateTime .
<http://e/1> { <http://e/b> a dcat:Dataset ; dcterms:title "B2" ; dcterms:temporal [ dcterms:end "2021" ] . }
<http://e/2> a as:Delete ; as:object <http://e/a> ; as:published "2024-01-01T00:00:00Z"^^xsd:dateTime .
<http://e/3> a as:Create ; as:object <http://e/c> ; as:published "2023-12-31T23:00:00+01:00"^^xsd:dateTime .
<http://e/3> { <http://e/c> dcterms:title "C" . _:x <http://e/q> _:y . }
<http://e/feed> tree:relation [ tree:node <http://e/feed?after=3> ] .`,
		fuzzHead+`<http://e/feed#F> tree:member [ a as:Create ] , <http://e/9> . <http://e/9> as:object "lit" .`,
		fuzzHead+`<http://e/x> a as:Create, as:Delete ; as:object <http://e/b> ; as:published "nope" .`,
		fuzzHead+`<http://e/x> a as:Update ; as:object <http://e/b> . GRAPH <http://e/x> { } _:g { <http://e/b> <http://e/p> 1 }`,
		`<http://e/x> <http://e/y> "unterminated`,
		``,
	)
	f.Fuzz(func(t *testing.T, data []byte) {
		r := turtle.NewTriGReader(bytes.NewReader(data), "http://e/feed")
		doc, err := ReadDocument(r)
		if err != nil {
			return
		}
		s := loadFuzzBefore(t)
		s.Apply(doc.Events)
		once := s.Fingerprints()
		s.Apply(doc.Events)
		if twice := s.Fingerprints(); !maps.Equal(once, twice) {
			t.Fatalf("applying the events again changed the state")
		}
		_ = Diff(loadFuzzBefore(t).Fingerprints(), once)
		var buf bytes.Buffer
		w := turtle.NewTriGWriter(&buf, turtle.Options{Prefixes: Prefixes()})
		if err := s.Quads(func(q rdf.Quad) error { return w.WriteQuad(q) }); err != nil {
			return // a term the writer refuses (the reader accepts more)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		back := NewState()
		qr, _, err := Open(&buf, "state.trig", "", "", "", codec.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := back.LoadReader(qr); err != nil {
			t.Fatalf("the state written does not read back: %v\n%s", err, buf.Bytes())
		}
		fps := back.Fingerprints()
		for iri, fp := range once {
			if fps[iri] != fp {
				t.Fatalf("entity %s reads back differently", iri)
			}
		}
	})
}

func loadFuzzBefore(t *testing.T) *State {
	qr, err := codec.NewQuadReader(rdfio.Turtle, bytes.NewReader([]byte(fuzzBefore)), "", codec.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	s := NewState()
	if _, err := s.LoadReader(qr); err != nil {
		t.Fatal(err)
	}
	return s
}
