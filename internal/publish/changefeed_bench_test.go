package publish_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat/ldes"
	"github.com/katalog-se/katalog/dcat/syntax/codec"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/internal/dcattest"
	"github.com/katalog-se/katalog/internal/publish"
	"github.com/katalog-se/katalog/internal/store/sqlite"
)

// byteCount counts what is written, and what gzip makes of it.
type byteCount struct {
	n  int64
	gz *gzip.Writer
	zn *countOnly
}

type countOnly struct{ n int64 }

func (c *countOnly) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

func newByteCount() *byteCount {
	zn := &countOnly{}
	gz, _ := gzip.NewWriterLevel(zn, gzip.BestSpeed)
	return &byteCount{gz: gz, zn: zn}
}

func (c *byteCount) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return c.gz.Write(p)
}

func (c *byteCount) gzipped() int64 { c.gz.Close(); return c.zn.n }

// TestChangeFeedHarvestBytes measures what a harvester that follows an
// agency's change feed fetches after changes, against a full harvest of
// the agency's RDF/XML catalog: n datasets loaded in one import, then
// changes writes of one change each (three in five replace a dataset, one
// in five adds one, one in five deletes one). The harvester had read the
// feed to its end before the changes: it reads its last page again and
// every page after it. With KATALOG_BENCH=1 it runs at 100,000 datasets
// and 1,000 changes and requires under 1 % of the bytes (docs/benchmarks.md).
func TestChangeFeedHarvestBytes(t *testing.T) {
	n, changes := 2000, 20
	if os.Getenv("KATALOG_BENCH") == "1" {
		n, changes = 100_000, 1000
	}
	if v := os.Getenv("KATALOG_BENCH_DATASETS"); v != "" {
		n, _ = strconv.Atoi(v)
		changes = n / 100
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "katalog.db"))
	must(t, err)
	t.Cleanup(func() { st.Close() })
	// A minute passes between writes, as between an agency's edits: each
	// write's catalog event is one of its own.
	clock := time.Now()
	st.SetClock(func() time.Time { clock = clock.Add(time.Minute); return clock })
	must(t, st.CreateAgency(ctx, dcattest.Agency(), []byte("hash")))
	start := time.Now()
	ds := make([]*catalog.Dataset, n)
	for i := range ds {
		d := dcattest.SyntheticDataset(skv, i)
		ds[i] = &d
	}
	_, err = st.SyncDatasets(ctx, skv, ds)
	must(t, err)
	t.Logf("loaded %d datasets in %v", n, time.Since(start).Round(time.Millisecond))
	b := builder(t, st, publish.BuilderOptions{})

	// The harvester's last page: the chain's last before the changes.
	size := publish.DefaultFeedPageSize
	span, err := st.ChangeSpan(ctx, skv, 0, 1<<30)
	must(t, err)
	var after int64
	if last := (span.Count - 1) / size * size; last > 0 {
		sp, err := st.ChangeSpan(ctx, skv, 0, last)
		must(t, err)
		after = sp.Last
	}

	start = time.Now()
	for i := range changes {
		switch i % 5 {
		case 0, 1, 2:
			d := ds[(i*7919)%n]
			d.Title = catalog.LangString{"sv": fmt.Sprintf("%s, ändring %d", d.Title["sv"], i), "en": d.Title["en"]}
			must(t, st.ReplaceDataset(ctx, d))
		case 3:
			d := dcattest.SyntheticDataset(skv, n+i)
			must(t, st.CreateDataset(ctx, &d))
		case 4:
			d := ds[(i*104729)%n]
			must(t, st.DeleteDataset(ctx, skv, d.ID))
		}
	}
	t.Logf("%d changes in %v", changes, time.Since(start).Round(time.Millisecond))

	full := newByteCount()
	start = time.Now()
	_, err = b.Write(ctx, publish.Doc{Org: skv}, rdfio.RDFXML, full)
	must(t, err)
	fullGz := full.gzipped()
	t.Logf("full harvest: RDF/XML %d bytes (gzip %d) in %v", full.n, fullGz, time.Since(start).Round(time.Millisecond))

	for _, f := range publish.FeedFormats {
		feed := publish.FeedIRI(b.Mapper(), skv)
		var sent, gz int64
		pages, events := 0, 0
		for next := after; ; {
			var buf bytes.Buffer
			k, err := b.FeedPage(ctx, skv, next, size, f, &buf)
			must(t, err)
			c := newByteCount()
			c.Write(buf.Bytes())
			sent, gz, pages, events = sent+c.n, gz+c.gzipped(), pages+1, events+k
			qr, _, err := ldes.Open(&buf, "", f.MediaType(), "", "", codec.Limits{})
			must(t, err)
			doc, err := ldes.ReadDocument(qr)
			must(t, err)
			if len(doc.Next) == 0 {
				break
			}
			v, err := strconv.ParseInt(strings.TrimPrefix(doc.Next[0], feed+"?after="), 10, 64)
			must(t, err)
			next = v
		}
		ratio, ratioGz := float64(sent)/float64(full.n), float64(gz)/float64(fullGz)
		t.Logf("%s: %d pages, %d events, %d bytes = %.3f %% of the full harvest (gzip %d = %.3f %% of its gzip)",
			f, pages, events, sent, 100*ratio, gz, 100*ratioGz)
		// Under 1 % at scale; at the small size of every test run the
		// pages' own lines weigh more (the bound catches a regression).
		if want := map[bool]float64{true: 0.01, false: 0.015}[os.Getenv("KATALOG_BENCH") == "1"]; f == rdfio.TriG && ratio >= want {
			t.Errorf("the harvester fetched %.3f %% of a full harvest's bytes, want under %.1f %%", 100*ratio, 100*want)
		}
	}
}
