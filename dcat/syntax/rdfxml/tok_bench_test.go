package rdfxml

import (
	"os"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
)

// BenchmarkTokenizerFile runs the XML tokenizer alone over the file named
// by KATALOG_BENCH_RDFXML (skipped when unset): the share of the parse
// that is XML rather than RDF.
func BenchmarkTokenizerFile(b *testing.B) {
	name := os.Getenv("KATALOG_BENCH_RDFXML")
	if name == "" {
		b.Skip("KATALOG_BENCH_RDFXML not set")
	}
	fi, err := os.Stat(name)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(fi.Size())
	for b.Loop() {
		f, err := os.Open(name)
		if err != nil {
			b.Fatal(err)
		}
		z := newTokenizer(rdfparse.NewInput(f, 0), nil)
		for {
			if _, err := z.Next(); err != nil {
				break
			}
		}
		f.Close()
	}
}
