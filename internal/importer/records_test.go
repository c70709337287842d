package importer

import (
	"bytes"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/syntax/ntriples"
	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
)

func recordTriples() []rdf.Triple {
	iri := rdfparse.CheckedIRI
	b, _ := rdf.NewBlank("genid7")
	lang := rdfparse.LangLiteral("Titre", "FR-be", iri(dcat.RDFLangString))
	return []rdf.Triple{
		{Subj: iri("https://Data.Example.se/ds/1"), Pred: iri(dcat.RDFType), Obj: iri("http://www.w3.org/ns/dcat#Dataset")},
		{Subj: iri("https://Data.Example.se/ds/1"), Pred: iri("http://purl.org/dc/terms/title"), Obj: lang},
		{Subj: b, Pred: iri("http://purl.org/dc/terms/issued"), Obj: rdf.NewTypedLiteral("2024-05-31T10:00:00", iri("http://www.w3.org/2001/XMLSchema#dateTime"))},
		{Subj: b, Pred: iri("http://ex.se/p"), Obj: rdf.NewTypedLiteral("", iri(dcat.XSDString))},
		{Subj: iri("https://x.se/a"), Pred: iri("http://ex.se/p"), Obj: b},
	}
}

// TestRecordsRoundTrip: a triple record reads back as the triple, terms
// as written (language tags in their case); pairs split into their nodes.
func TestRecordsRoundTrip(t *testing.T) {
	for _, tr := range recordTriples() {
		subj, _ := appendNode(nil, tr.Subj)
		got, ok := decodeTriple(tripleRecord(nil, subj, tr))
		if !ok || got.Subj != tr.Subj || got.Pred.String() != tr.Pred.String() || got.Obj.Serialize(rdf.NTriples) != tr.Obj.Serialize(rdf.NTriples) {
			t.Errorf("%v read back as %v (%v)", tr, got, ok)
		}
		if l, ok := tr.Obj.(rdf.Literal); ok && l.Lang() != "" && got.Obj.(rdf.Literal).Lang() != l.Lang() {
			t.Errorf("language tag %q read back as %q", l.Lang(), got.Obj.(rdf.Literal).Lang())
		}
		obj, ok := appendNode(nil, tr.Obj)
		if !ok {
			continue
		}
		n, o, ok := splitPair(pairRecord(nil, subj, obj))
		if !ok || !bytes.Equal(n, subj) || !bytes.Equal(o, obj) {
			t.Errorf("pair of %v split wrong", tr)
		}
	}
}

// FuzzRecords: a damaged record never panics the readers.
func FuzzRecords(f *testing.F) {
	for _, tr := range recordTriples() {
		subj, _ := appendNode(nil, tr.Subj)
		f.Add(tripleRecord(nil, subj, tr))
	}
	f.Add([]byte{'I', 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Add([]byte{'B', 1, 'x', 'I', 1, 'y'})
	f.Fuzz(func(t *testing.T, rec []byte) {
		decodeTriple(rec)
		splitPair(rec)
		nodeOf(rec)
		if n, ok := nodeOf(rec); ok {
			nodeTerm(n)
		}
	})
}

// TestRestLines: the rest of a graph is N-Triples that reads back as the
// triples written.
func TestRestLines(t *testing.T) {
	for _, tr := range recordTriples() {
		line := appendNTriple(nil, tr)
		got, err := ntriples.NewReader(bytes.NewReader(line)).Read()
		// The reader labels blank nodes its own way: compare their kind.
		same := func(a, b rdf.Term) bool {
			return a.Type() == b.Type() && (a.Type() == rdf.TermBlank || a.Serialize(rdf.NTriples) == b.Serialize(rdf.NTriples))
		}
		if err != nil || !same(got.Subj, tr.Subj) || !same(got.Obj, tr.Obj) {
			t.Errorf("%s read back as %v (%v)", line, got, err)
		}
	}
}
