package ntriples_test

import (
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/ntriples"
	"github.com/katalog-se/katalog/dcat/syntax/turtle"
	"github.com/katalog-se/katalog/internal/rdftest"
)

var (
	// newReader is ntriples.NewReader as an rdftest.NewReaderFunc.
	newReader = rdftest.AdaptNoBase(ntriples.NewReader)
	// readAll reads a whole N-Triples document, readTurtle a Turtle one.
	readAll    = rdftest.Parse(newReader)
	readTurtle = rdftest.Parse(rdftest.Adapt(turtle.NewReader))
)

func TestW3CNTriples(t *testing.T) {
	passed, run := rdftest.RunW3C(t, "rdf-n-triples", readAll, readTurtle, readAll, nil)
	t.Logf("W3C N-Triples suite: %d/%d passed", passed, run)
}
