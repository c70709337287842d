package importer_test

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/internal/importer"
	"github.com/katalog-se/katalog/internal/publish"
	"github.com/katalog-se/katalog/internal/store/sqlite"
	"github.com/katalog-se/katalog/internal/store/storetest"
)

// upstream is another katalog that publishes the agency's catalog: its
// DCAT document at /agencies/{org}/datasets/dcat and its change feed at
// /agencies/{org}/datasets/feed, in pages of three changes.
type upstream struct {
	srv   *httptest.Server
	store *sqlite.Store
	org   catalog.OrgNumber
	feed  string
	// bytes counts what the server sent.
	bytes atomic.Int64
}

func newUpstream(t *testing.T, org catalog.OrgNumber) *upstream {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "upstream.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	u := &upstream{store: st, org: org}
	var b *publish.Builder
	u.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var err error
		cw := &countingWriter{w: w, n: &u.bytes}
		switch r.URL.Path {
		case "/agencies/" + string(org) + "/datasets/feed":
			after, _ := strconv.ParseInt(r.URL.Query().Get("after"), 10, 64)
			w.Header().Set("Content-Type", "application/trig")
			_, err = b.FeedPage(r.Context(), org, after, 3, rdfio.TriG, cw)
		case "/agencies/" + string(org) + "/datasets/dcat":
			w.Header().Set("Content-Type", "application/rdf+xml")
			_, err = b.Write(r.Context(), publish.Doc{Org: org}, rdfio.RDFXML, cw)
		default:
			http.NotFound(w, r)
		}
		if err != nil {
			t.Errorf("upstream %s: %v", r.URL, err)
		}
	}))
	t.Cleanup(u.srv.Close)
	m, err := dcat.NewMapper(u.srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	b = publish.NewBuilder(st, m, publish.BuilderOptions{})
	u.feed = u.srv.URL + "/agencies/" + string(org) + "/datasets/feed"
	must(t, st.CreateAgency(context.Background(), storetest.NewAgency(org), nil))
	return u
}

type countingWriter struct {
	w http.ResponseWriter
	n *atomic.Int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n.Add(int64(n))
	return n, err
}

func hashes(t *testing.T, st catalog.Store, org catalog.OrgNumber) map[string]string {
	t.Helper()
	h, err := st.DatasetHashes(context.Background(), org)
	must(t, err)
	return h
}

// TestImportURLHarvestsChangeFeedIncrementally: an agency whose source is
// a change feed is harvested from it incrementally: the first harvest reads
// every page, the next ones only from the page where the last stopped, and
// after each the agency's datasets are what a full harvest of the
// source's DCAT document gives.
func TestImportURLHarvestsChangeFeedIncrementally(t *testing.T) {
	ctx := context.Background()
	org := storetest.OrgDigg
	up := newUpstream(t, org)
	e := newEnv(t, importer.WithFetcher(httpFetcher{http.DefaultClient}))
	var ds []*catalog.Dataset
	for i := range 7 {
		d := storetest.NewDataset(org, fmt.Sprintf("00000000-0000-4000-8000-%012d", i+1), i+1)
		must(t, up.store.CreateDataset(ctx, d))
		ds = append(ds, d)
	}
	// full is what a full harvest of the DCAT document gives.
	full := func() map[string]string {
		f := newEnv(t, importer.WithFetcher(httpFetcher{http.DefaultClient}))
		if _, err := f.im.ImportURL(ctx, org, up.srv.URL+"/agencies/"+string(org)+"/datasets/dcat", importer.FormatAuto, importer.Options{AllowRemovals: true}); err != nil {
			t.Fatal(err)
		}
		return hashes(t, f.store, org)
	}
	harvest := func(round string) *importer.Report {
		t.Helper()
		before := up.bytes.Load()
		rep, err := e.im.ImportURL(ctx, org, up.feed, importer.FormatAuto, importer.Options{})
		if err != nil {
			t.Fatalf("%s: %v", round, err)
		}
		if rep.Feed == nil || rep.Format != "ldes" || rep.Feed.Bytes != up.bytes.Load()-before {
			t.Fatalf("%s: report %+v %+v", round, rep, rep.Feed)
		}
		if got, want := hashes(t, e.store, org), full(); !maps.Equal(got, want) {
			t.Fatalf("%s: harvested %v, a full harvest gives %v", round, got, want)
		}
		return rep
	}

	first := harvest("first")
	if first.Feed.Resumed || len(first.Added) != 7 || first.Feed.Pages < 3 {
		t.Errorf("first harvest: %+v %+v", first, first.Feed)
	}
	// Upstream changes: one dataset replaced, one deleted, two added, the
	// agency's e-mail (the contact of a dataset without one).
	ds[2].Title = catalog.LangString{"sv": "Ändrad", "en": "Changed"}
	must(t, up.store.ReplaceDataset(ctx, ds[2]))
	must(t, up.store.DeleteDataset(ctx, org, ds[4].ID))
	for i := 7; i < 9; i++ {
		d := storetest.NewDataset(org, fmt.Sprintf("00000000-0000-4000-8000-%012d", i+1), i+1)
		d.ContactPoint = nil
		must(t, up.store.CreateDataset(ctx, d))
	}
	a, err := up.store.Agency(ctx, org)
	must(t, err)
	a.Email = "ny@example.se"
	must(t, up.store.UpdateAgency(ctx, a))

	second := harvest("second")
	if !second.Feed.Resumed || second.Feed.From != first.Feed.Next || second.Feed.Pages >= first.Feed.Pages+1 ||
		len(second.Added) != 2 || len(second.Updated) != 1 || len(second.Removed) != 1 || second.Feed.Bytes >= first.Feed.Bytes {
		t.Errorf("second harvest: %+v %+v", second, second.Feed)
	}
	third := harvest("third")
	if !third.Feed.Resumed || third.Feed.Pages != 1 || len(third.Added)+len(third.Updated)+len(third.Removed) != 0 {
		t.Errorf("nothing new: %+v %+v", third, third.Feed)
	}
	h, err := e.store.FeedHarvest(ctx, org)
	must(t, err)
	if h == nil || h.URL != up.feed || h.Page != third.Feed.Next || h.Events != int64(first.Feed.Events+second.Feed.Events+third.Feed.Events) {
		t.Errorf("harvest state %+v", h)
	}
	// A source that is no longer the feed: a full import, and the state goes.
	if _, err := e.im.ImportURL(ctx, org, up.srv.URL+"/agencies/"+string(org)+"/datasets/dcat", importer.FormatAuto, importer.Options{AllowRemovals: true}); err != nil {
		t.Fatal(err)
	}
	if h, err := e.store.FeedHarvest(ctx, org); err != nil || h != nil {
		t.Errorf("state after a full import: %+v %v", h, err)
	}
}

// TestImportRefusesChangeFeedBody: a change feed posted as a catalog is
// refused (as one page of a feed it would wipe the catalog), naming what
// to do instead.
func TestImportRefusesChangeFeedBody(t *testing.T) {
	ctx := context.Background()
	org := storetest.OrgDigg
	up := newUpstream(t, org)
	must(t, up.store.CreateDataset(ctx, storetest.NewDataset(org, "00000000-0000-4000-8000-000000000001", 1)))
	resp, err := http.Get(up.feed)
	must(t, err)
	defer resp.Body.Close()
	e := newEnv(t)
	_, err = e.im.Import(ctx, org, importer.Source{Body: resp.Body, Name: "feed.trig"})
	if err == nil || !strings.Contains(err.Error(), "change feed") {
		t.Fatalf("import of a change feed: %v", err)
	}
}
