package ntriples_test

import (
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/ntriples"
	"github.com/katalog-se/katalog/internal/rdftest"
)

var (
	// newReader is ntriples.NewReader as an rdftest.NewReaderFunc.
	newReader = rdftest.AdaptNoBase(ntriples.NewReader)
	// readAll reads a whole N-Triples document.
	readAll = rdftest.Parse(newReader)
)

func TestW3CNTriples(t *testing.T) { rdftest.RunW3C(t, "rdf-n-triples", readAll, nil) }
