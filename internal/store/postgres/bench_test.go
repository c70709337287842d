package postgres

import (
	"fmt"
	"testing"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/store/storetest"
)

// seed gives a new store one agency with n full datasets.
func seed(b *testing.B, n int) *Store {
	b.Helper()
	s := open(b, newSchema(b))
	if err := s.CreateAgency(b.Context(), storetest.NewAgency(storetest.OrgDigg), nil); err != nil {
		b.Fatal(err)
	}
	if _, err := s.SyncDatasets(b.Context(), storetest.OrgDigg, datasets(n, 0)); err != nil {
		b.Fatal(err)
	}
	return s
}

// datasets returns n datasets of Digg, variant v.
func datasets(n, v int) []*catalog.Dataset {
	ds := make([]*catalog.Dataset, n)
	for i := range ds {
		ds[i] = storetest.NewDataset(storetest.OrgDigg, fmt.Sprintf("ds-%06d", i), i+v)
	}
	return ds
}

// BenchmarkEachDataset walks 10,000 datasets, as the national feed does.
func BenchmarkEachDataset(b *testing.B) {
	const n = 10000
	s := seed(b, n)
	b.ReportAllocs()
	for b.Loop() {
		count := 0
		if err := s.EachDataset(b.Context(), "", func(*catalog.Dataset) error { count++; return nil }); err != nil {
			b.Fatal(err)
		}
		if count != n {
			b.Fatalf("walked %d datasets, want %d", count, n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/dataset")
}

// BenchmarkSyncDatasets syncs 1,000 datasets, every one of them changed
// (variant flips each round), and once more unchanged.
func BenchmarkSyncDatasets(b *testing.B) {
	const n = 1000
	for _, changed := range []bool{true, false} {
		b.Run(fmt.Sprintf("changed=%v", changed), func(b *testing.B) {
			s := seed(b, n)
			b.ReportAllocs()
			round := 0
			for b.Loop() {
				if changed {
					round++
				}
				res, err := s.SyncDatasets(b.Context(), storetest.OrgDigg, datasets(n, round%2*n))
				if err != nil {
					b.Fatal(err)
				}
				if res.Changed() != changed {
					b.Fatalf("sync changed = %v, want %v", res.Changed(), changed)
				}
			}
		})
	}
}
