package rdfxml

import (
	"os"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
	"github.com/katalog-se/katalog/internal/rdftest"
)

// BenchmarkTokenizerFile runs the XML tokenizer alone over the file named
// by KATALOG_BENCH_RDFXML (skipped when unset): the share of the parse
// that is XML rather than RDF.
func BenchmarkTokenizerFile(b *testing.B) {
	rdftest.BenchFile(b, "KATALOG_BENCH_RDFXML", func(f *os.File) int {
		z := newTokenizer(rdfparse.NewInput(f, 0), nil)
		for {
			if _, err := z.Next(); err != nil {
				return 0
			}
		}
	})
}
