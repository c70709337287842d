package turtle_test

import (
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/turtle"
	"github.com/katalog-se/katalog/internal/rdftest"
)

var (
	// newReader is turtle.NewReader as an rdftest.NewReaderFunc.
	newReader = rdftest.Adapt(turtle.NewReader)
	// readAll reads a whole Turtle document.
	readAll = rdftest.Parse(newReader)
)

func TestW3CTurtle(t *testing.T) { rdftest.RunW3C(t, "rdf-turtle", readAll, nil) }
