package rdfxml

import (
	"os"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
)

func BenchmarkTokenizerFile(b *testing.B) {
	name := os.Getenv("KATALOG_BENCH_RDFXML")
	if name == "" {
		b.Skip()
	}
	for b.Loop() {
		f, _ := os.Open(name)
		z := newTokenizer(rdfparse.NewInput(f, 0))
		n := 0
		for {
			_, err := z.Next()
			if err != nil {
				break
			}
			n++
		}
		f.Close()
	}
}
