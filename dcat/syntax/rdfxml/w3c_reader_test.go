package rdfxml_test

import (
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/ntriples"
	"github.com/katalog-se/katalog/dcat/syntax/rdfxml"
	"github.com/katalog-se/katalog/dcat/syntax/turtle"
	"github.com/katalog-se/katalog/internal/rdftest"
)

var (
	// newReader is rdfxml.NewReader as an rdftest.NewReaderFunc.
	newReader = rdftest.Adapt(rdfxml.NewReader)
	// readAll reads a whole RDF/XML document, readTurtle a Turtle one and
	// readNT an N-Triples one.
	readAll    = rdftest.Parse(newReader)
	readTurtle = rdftest.Parse(rdftest.Adapt(turtle.NewReader))
	readNT     = rdftest.Parse(rdftest.AdaptNoBase(ntriples.NewReader))
)

func TestW3CRDFXML(t *testing.T) {
	passed, run := rdftest.RunW3C(t, "rdf-xml", readAll, readTurtle, readNT, nil)
	t.Logf("W3C RDF/XML suite: %d/%d passed", passed, run)
}
