package publish_test

import (
	"context"
	"io"
	"testing"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/internal/dcattest"
	"github.com/katalog-se/katalog/internal/publish"
)

// genStore streams n synthetic datasets of one agency without reading the
// database, so that the benchmark measures mapping and writing only.
type genStore struct {
	catalog.Store
	n int
}

func (s *genStore) EachDataset(ctx context.Context, org catalog.OrgNumber, fn func(*catalog.Dataset) error) error {
	if org == "" {
		// Every agency's, in the order of organisation numbers, as the
		// stores walk them.
		agencies, _, err := s.Store.Agencies(ctx, catalog.Page{})
		if err != nil {
			return err
		}
		for _, a := range agencies {
			if err := s.EachDataset(ctx, a.OrgNumber, fn); err != nil {
				return err
			}
		}
		return nil
	}
	for i := 0; i < s.n; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		d := dcattest.SyntheticDataset(org, i)
		if err := fn(&d); err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkAgencyFeed maps and writes a 10,000-dataset agency catalog to
// io.Discard in each syntax, reporting triples per second.
func BenchmarkAgencyFeed(b *testing.B) {
	const n = 10000
	st := &genStore{Store: openStore(b), n: n}
	if err := st.CreateAgency(context.Background(), dcattest.Agency(), []byte("hash")); err != nil {
		b.Fatal(err)
	}
	fb := builder(b, st, publish.BuilderOptions{})
	for _, f := range rdfio.Formats {
		if _, err := publish.NewWriter(f, io.Discard); err != nil {
			continue
		}
		b.Run(string(f), func(b *testing.B) {
			b.ReportAllocs()
			triples := 0
			for b.Loop() {
				k, err := fb.Write(context.Background(), publish.Doc{Org: skv}, f, io.Discard)
				if err != nil {
					b.Fatal(err)
				}
				triples += k
			}
			b.ReportMetric(float64(triples)/b.Elapsed().Seconds(), "triples/s")
			b.ReportMetric(float64(triples)/float64(b.N), "triples/op")
		})
	}
	b.Run("map-only", func(b *testing.B) {
		b.ReportAllocs()
		triples := 0
		for b.Loop() {
			c := &countWriter{}
			if err := fb.AgencyFeed(context.Background(), skv, c); err != nil {
				b.Fatal(err)
			}
			triples += c.n
		}
		b.ReportMetric(float64(triples)/b.Elapsed().Seconds(), "triples/s")
	})
}
