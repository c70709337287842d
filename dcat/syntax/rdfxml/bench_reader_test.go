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
	name := os.Getenv("KATALOG_BENCH_RDFXML")
	if name == "" {
		b.Skip("KATALOG_BENCH_RDFXML not set")
	}
	fi, err := os.Stat(name)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(fi.Size())
	var n int
	for i := 0; i < b.N; i++ {
		f, err := os.Open(name)
		if err != nil {
			b.Fatal(err)
		}
		n += rdftest.CountTriples(b, rdfxml.NewReader(f, "file://"+name))
		f.Close()
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "triples/s")
	b.ReportMetric(float64(n)/float64(b.N), "triples/op")
}
