package importer_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/internal/importer"
	"github.com/katalog-se/katalog/internal/rdftest"
)

// benchFeed is an RDF/XML feed of n datasets of e's agency.
func benchFeed(b *testing.B, e *env, n int) []byte {
	ds := make([]*catalog.Dataset, n)
	for i := range ds {
		ds[i] = storetestDataset(e, i)
	}
	return e.feed(b, rdfio.RDFXML, ds)
}

func storetestDataset(e *env, i int) *catalog.Dataset {
	d := e.datasets(1)[0]
	d.ID = fmt.Sprintf("%08x-0000-4000-8000-%012x", i, i)
	d.IRI = fmt.Sprintf("https://data.example.se/dataset/%d", i)
	d.Title = catalog.LangString{"sv": fmt.Sprintf("Datamängd %d", i), "en": fmt.Sprintf("Dataset %d", i)}
	return d
}

// BenchmarkImport10k measures a first import of 10,000 datasets (RDF/XML)
// into an empty SQLite store; re-imports of the same content from a source
// with other bytes (read, each dataset found unchanged by its hash); and
// re-imports of the identical source (not read again). Re-imports write
// nothing.
func BenchmarkImport10k(b *testing.B) {
	n := benchSize()
	e := newEnv(b)
	feed := benchFeed(b, e, n)
	b.Run("first", func(b *testing.B) {
		b.SetBytes(int64(len(feed)))
		for b.Loop() {
			b.StopTimer()
			fresh := newEnv(b)
			b.StartTimer()
			rep, err := fresh.run(b, feed, "feed.rdf")
			if err != nil || len(rep.Added) != n {
				b.Fatalf("%v %+v", err, rep)
			}
		}
	})
	if _, err := e.run(b, feed, "feed.rdf"); err != nil {
		b.Fatal(err)
	}
	// The same content in two syntaxes, alternately: every run reads its
	// source (the digest differs from the last run's) and finds each
	// dataset unchanged by its content hash.
	ntFeed := e.feed(b, rdfio.NTriples, func() []*catalog.Dataset {
		ds := make([]*catalog.Dataset, n)
		for i := range ds {
			ds[i] = storetestDataset(e, i)
		}
		return ds
	}())
	b.Run("unchanged-content", func(b *testing.B) {
		b.SetBytes(int64(len(feed)))
		rev := e.revision(b)
		i := 0
		for b.Loop() {
			src, name := feed, "feed.rdf"
			if i%2 == 0 {
				src, name = ntFeed, "feed.nt"
			}
			i++
			rep, err := e.im.Import(context.Background(), e.agency.OrgNumber, importer.Source{Body: bytes.NewReader(src), Name: name})
			if err != nil || len(rep.Unchanged) != n || rep.SourceUnchanged {
				b.Fatalf("%v %+v", err, rep.SourceUnchanged)
			}
		}
		if e.revision(b) != rev {
			b.Fatal("an unchanged re-import wrote")
		}
	})
	if _, err := e.run(b, feed, "feed.rdf"); err != nil {
		b.Fatal(err)
	}
	b.Run("identical-source", func(b *testing.B) {
		b.SetBytes(int64(len(feed)))
		rev := e.revision(b)
		for b.Loop() {
			rep, err := e.im.Import(context.Background(), e.agency.OrgNumber, importer.Source{Body: bytes.NewReader(feed), Name: "feed.rdf"})
			if err != nil || len(rep.Unchanged) != n {
				b.Fatalf("%v", err)
			}
		}
		if e.revision(b) != rev {
			b.Fatal("an unchanged re-import wrote")
		}
	})
}

// benchSize is the catalog size of the import benchmark: 10,000, or
// KATALOG_BENCH_DATASETS.
func benchSize() int {
	if v, err := strconv.Atoi(os.Getenv("KATALOG_BENCH_DATASETS")); err == nil && v > 0 {
		return v
	}
	return 10_000
}

// BenchmarkImportGenCatalog imports gen_catalog.py's synthetic catalog
// (KATALOG_BENCH_DATASETS datasets, 10,000 by default; N-Triples streamed
// from a file, as `katalog import FILE` reads it) into an empty SQLite
// store, and reports the peak heap in use during the import (sampled every
// 10 ms): it stays flat in the size of the input.
func BenchmarkImportGenCatalog(b *testing.B) {
	n := benchSize()
	path := filepath.Join(b.TempDir(), "gen.nt")
	if err := os.WriteFile(path, rdftest.GenCatalog(b, n, "ntriples"), 0o600); err != nil {
		b.Fatal(err)
	}
	var peak uint64
	for b.Loop() {
		b.StopTimer()
		e := newEnv(b)
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		stop := make(chan struct{})
		done := make(chan uint64)
		go func() {
			var ms runtime.MemStats
			var top uint64
			for {
				runtime.ReadMemStats(&ms)
				top = max(top, ms.HeapInuse)
				select {
				case <-stop:
					done <- top
					return
				case <-time.After(10 * time.Millisecond):
				}
			}
		}()
		b.StartTimer()
		rep, err := e.im.Import(context.Background(), e.agency.OrgNumber, importer.Source{Body: f, Name: "gen.nt"})
		b.StopTimer()
		close(stop)
		peak = max(peak, <-done)
		f.Close()
		if err != nil || len(rep.Added) != n {
			b.Fatalf("%v", err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}
