package rdfxml_test

import (
	"io"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
	"github.com/katalog-se/katalog/dcat/syntax/rdfxml"
	"github.com/katalog-se/katalog/internal/rdftest"
	"github.com/knakk/rdf"
)

func newW(w io.Writer) rdfio.Writer { return rdfxml.NewWriter(w, rdfxml.Options{}) }

// readBack reads the writer's output back with katalog's own reader
// (readAll, in w3c_reader_test.go).
func readBack(r io.Reader) ([]rdf.Triple, error) { return readAll(r, "") }

// writerSuite is the Writer's share of the checks every writer passes; what
// its fuzzing reads back is resolvedIRIs.
var writerSuite = rdftest.WriterSuite{New: newW, ReadBack: readBack, Expect: resolvedIRIs, Golden: "fixture.rdf", Syntax: "rdfxml", Ext: "rdf"}

func TestWriter(t *testing.T) { writerSuite.Run(t) }

func FuzzWriter(f *testing.F) {
	f.Add("x", "sv", "A:0000000000/.")
	f.Add("x", "sv", "http://example.org/a/./b/../c")
	writerSuite.Fuzz(f)
}

// resolvedIRIs is the triple an RDF/XML reader gives back for t: IRIs in
// rdf:about, rdf:resource and rdf:datatype are references, which RFC 3986
// §5.2.2 resolves, removing dot segments even from absolute ones (Raptor
// and katalog's reader alike: "A:b/." reads as "A:b/"). Predicates are
// element names and stay as written.
func resolvedIRIs(t rdf.Triple) rdf.Triple {
	if i, ok := t.Subj.(rdf.IRI); ok {
		t.Subj = resolveIRI(i)
	}
	switch o := t.Obj.(type) {
	case rdf.IRI:
		t.Obj = resolveIRI(o)
	case rdf.Literal:
		if dt := o.DataType; dt.String() != "" && o.Lang() == "" {
			t.Obj = rdf.NewTypedLiteral(o.String(), resolveIRI(dt))
		}
	}
	return t
}

func resolveIRI(i rdf.IRI) rdf.IRI {
	r, err := rdf.NewIRI(rdfparse.Resolve("", i.String()))
	if err != nil {
		return i
	}
	return r
}

func BenchmarkRDFXMLWriter(b *testing.B) { rdftest.BenchWriter(b, newW) }
