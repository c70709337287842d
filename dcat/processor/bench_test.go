package processor

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func BenchmarkNewReader(b *testing.B) {
	for _, name := range []string{"small.json", "small_oas.yaml", "small.raml"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				r, err := NewReader(bytes.NewReader(data), name)
				if err != nil {
					b.Fatal(err)
				}
				for {
					if _, err := r.Read(); err == io.EOF {
						break
					}
				}
			}
		})
	}
}
