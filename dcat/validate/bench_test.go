package validate

import (
	"bytes"
	"context"
	"errors"
	"io"
	"runtime"
	"strconv"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/ntriples"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/syntax/rdfxml"
	"github.com/katalog-se/katalog/internal/rdftest"
)

// liveReader measures the live heap (after a GC) every 128k triples when
// sample is set.
type liveReader struct {
	r      rdfio.Reader
	sample bool
	n      int
	peak   uint64
}

func (p *liveReader) Read() (rdf.Triple, error) {
	p.n++
	if p.sample && p.n&(1<<17-1) == 0 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		p.peak = max(p.peak, m.HeapInuse)
	}
	return p.r.Read()
}

// BenchmarkValidate compares parsing the generated catalog's RDF/XML alone
// with parsing and validating it (results capped at 1000, as an API would).
// The mem runs report the largest live heap (after a GC) while reading,
// the document's bytes included; their ns/op include those GCs.
func BenchmarkValidate(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		doc := rdftest.GenCatalog(b, n, "rdfxml")
		v := New(DCATAPSE301(), WithMaxResults(1000))
		parse := func(r rdfio.Reader) error {
			for {
				if _, err := r.Read(); err != nil {
					if errors.Is(err, io.EOF) {
						return nil
					}
					return err
				}
			}
		}
		validate := func(r rdfio.Reader) error {
			rep, err := v.Validate(context.Background(), r)
			if err == nil && rep.Errors == 0 {
				err = errors.New("the generated catalog has no finding")
			}
			return err
		}
		for _, mode := range []struct {
			name string
			run  func(rdfio.Reader) error
		}{{"parse", parse}, {"validate", validate}} {
			for _, sample := range []bool{false, true} {
				name := mode.name + "/" + strconv.Itoa(n)
				if sample {
					name += "/mem"
				}
				b.Run(name, func(b *testing.B) {
					var peak uint64
					for b.Loop() {
						lr := &liveReader{r: rdfxml.NewReader(bytes.NewReader(doc), "https://example.se/"), sample: sample}
						if err := mode.run(lr); err != nil {
							b.Fatal(err)
						}
						peak = max(peak, lr.peak)
					}
					if sample {
						b.ReportMetric(float64(peak)/(1<<20), "live-heap-MB")
					}
				})
			}
		}
	}
}

// BenchmarkValidateOrder compares parsing gen_catalog's N-Triples alone
// with parsing and validating them, in the document's order and with its
// lines shuffled (results capped at 10000, as the CLI does). The findings
// are the same in both orders (TestOrderIndependence).
func BenchmarkValidateOrder(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		nt := rdftest.GenCatalog(b, n, "ntriples")
		docs := map[string][]byte{"ordered": nt, "shuffled": shuffleLines(nt, uint64(n))}
		v := New(DCATAPSE301(), WithMaxResults(10000))
		for _, order := range []string{"ordered", "shuffled"} {
			for _, mode := range []string{"parse", "validate"} {
				b.Run(order+"/"+mode+"/"+strconv.Itoa(n), func(b *testing.B) {
					for b.Loop() {
						r := ntriples.NewReader(bytes.NewReader(docs[order]))
						if mode == "validate" {
							if _, err := v.Validate(context.Background(), r); err != nil {
								b.Fatal(err)
							}
							continue
						}
						for {
							if _, err := r.Read(); err != nil {
								if errors.Is(err, io.EOF) {
									break
								}
								b.Fatal(err)
							}
						}
					}
				})
			}
		}
	}
}
