package turtle_test

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/katalog-se/katalog/dcat/turtle"
	"github.com/katalog-se/katalog/internal/rdftest"
)

// BenchmarkTurtleReader parses a generated DCAT catalog of 2000 datasets
// and reports triples per second.
func BenchmarkTurtleReader(b *testing.B) {
	data := rdftest.GenCatalog(b, 2000, "turtle")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	var n int
	for i := 0; i < b.N; i++ {
		r := turtle.NewReader(bytes.NewReader(data), "https://example.se/")
		for {
			_, err := r.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "triples/s")
}
