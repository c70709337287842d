package jsonld_test

import (
	"bytes"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/ntriples"
	"github.com/katalog-se/katalog/internal/rdftest"
)

// genCatalog returns a generated DCAT catalog of n datasets
// (rdftest.GenCatalog) written as JSON-LD by this package's Writer.
func genCatalog(tb testing.TB, n int) []byte {
	tb.Helper()
	nt := rdftest.GenCatalog(tb, n, "ntriples")
	ts, err := rdftest.ReadAll(ntriples.NewReader(bytes.NewReader(nt)))
	if err != nil {
		tb.Fatal(err)
	}
	out, _, refused := rdftest.WriteAll(tb, newWriter, ts)
	if len(refused) > 0 {
		tb.Fatalf("writer refused %d triples: %v", len(refused), refused[0])
	}
	return out
}

// BenchmarkJSONLDReader parses a generated DCAT catalog of 10,000
// datasets written as JSON-LD and reports triples per second.
func BenchmarkJSONLDReader(b *testing.B) {
	rdftest.BenchReader(b, genCatalog(b, 10000), newReader)
}
