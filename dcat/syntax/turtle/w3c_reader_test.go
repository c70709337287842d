package turtle_test

import (
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/ntriples"
	"github.com/katalog-se/katalog/dcat/syntax/turtle"
	"github.com/katalog-se/katalog/internal/rdftest"
)

var (
	// newReader is turtle.NewReader as an rdftest.NewReaderFunc.
	newReader = rdftest.Adapt(turtle.NewReader)
	// readAll reads a whole Turtle document, readNT an N-Triples one.
	readAll = rdftest.Parse(newReader)
	readNT  = rdftest.Parse(rdftest.AdaptNoBase(ntriples.NewReader))
)

func TestW3CTurtle(t *testing.T) {
	passed, run := rdftest.RunW3C(t, "rdf-turtle", readAll, readAll, readNT, nil)
	t.Logf("W3C Turtle suite: %d/%d passed", passed, run)
}
