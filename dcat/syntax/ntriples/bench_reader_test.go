package ntriples_test

import (
	"testing"

	"github.com/katalog-se/katalog/internal/rdftest"
)

// BenchmarkNTriplesReader parses a generated DCAT catalog of 2000 datasets
// and reports triples per second.
func BenchmarkNTriplesReader(b *testing.B) {
	rdftest.BenchReader(b, rdftest.GenCatalog(b, 2000, "ntriples"), newReader)
}
