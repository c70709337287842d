package rdfxml_test

import (
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/rdfxml"
	"github.com/katalog-se/katalog/internal/rdftest"
)

var (
	// newReader is rdfxml.NewReader as an rdftest.NewReaderFunc.
	newReader = rdftest.Adapt(rdfxml.NewReader)
	// readAll reads a whole RDF/XML document.
	readAll = rdftest.Parse(newReader)
)

func TestW3CRDFXML(t *testing.T) { rdftest.RunW3C(t, "rdf-xml", readAll, nil) }
