package turtle_test

import (
	"testing"

	"github.com/katalog-se/katalog/internal/rdftest"
)

// BenchmarkTurtleReader parses a generated DCAT catalog of 2000 datasets
// and reports triples per second.
func BenchmarkTurtleReader(b *testing.B) {
	rdftest.BenchReader(b, rdftest.GenCatalog(b, 2000, "turtle"), newReader)
}
