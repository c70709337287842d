package rdfxml_test

import (
	"os"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/rdfxml"
	"github.com/katalog-se/katalog/internal/rdftest"
)

// BenchmarkRDFXMLReader parses a generated DCAT catalog of 2000 datasets
// and reports triples per second.
func BenchmarkRDFXMLReader(b *testing.B) {
	rdftest.BenchReader(b, rdftest.GenCatalog(b, 2000, "rdfxml"), newReader)
}

// BenchmarkRDFXMLReaderFile parses the file named by the environment
// variable KATALOG_BENCH_RDFXML (skipped when unset), for comparisons with
// other parsers on large inputs.
func BenchmarkRDFXMLReaderFile(b *testing.B) {
	rdftest.BenchFile(b, "KATALOG_BENCH_RDFXML", func(f *os.File) int {
		return rdftest.CountTriples(b, rdfxml.NewReader(f, "file://"+f.Name()))
	})
}
