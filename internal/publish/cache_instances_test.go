package publish_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/internal/publish"
	"github.com/katalog-se/katalog/internal/server"
	"github.com/katalog-se/katalog/internal/store/pgtest"
	"github.com/katalog-se/katalog/internal/store/postgres"
	"github.com/katalog-se/katalog/internal/store/sqlite"
	"github.com/katalog-se/katalog/internal/store/storetest"
)

// instance is one katalog process's view of the shared database: its own
// store handle, its own snapshot cache, and the HTTP service in front.
type instance struct {
	store catalog.Store
	http  http.Handler
}

func newInstance(t *testing.T, st catalog.Store) *instance {
	t.Helper()
	const base = "https://katalog.example.se"
	m, err := dcat.NewMapper(base)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := publish.NewCache(st, publish.BuilderGenerator(publish.NewBuilder(st, m, publish.BuilderOptions{})), publish.CacheOptions{Dir: t.TempDir(), Salt: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close(); st.Close() })
	return &instance{store: st, http: server.New(server.Deps{Store: st, Feeds: svc, BaseURL: base})}
}

// get asks i for the document at path, conditionally when etag is not
// empty: the answer's status, body and ETag.
func (i *instance) get(t *testing.T, path, etag string) (int, string, string) {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	rec := httptest.NewRecorder()
	i.http.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String(), rec.Header().Get("ETag")
}

// TestCachesFollowOtherInstancesWrites: two instances on one database, each
// with its own snapshot cache. A write through one changes what the other
// serves at once, for the agency's feed and the national catalog, and the
// other's old ETag no longer matches: the caches are keyed by the revision
// read from the database on every request, so no message between
// instances is needed.
func TestCachesFollowOtherInstancesWrites(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "k.db")
		open := func() catalog.Store {
			s, err := sqlite.Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		checkInstances(t, newInstance(t, open()), newInstance(t, open()))
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := pgtest.Schema(t)
		open := func() catalog.Store {
			s, err := postgres.Open(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		checkInstances(t, newInstance(t, open()), newInstance(t, open()))
	})
}

// checkInstances writes through a and reads through b.
func checkInstances(t *testing.T, a, b *instance) {
	ctx := context.Background()
	org := storetest.OrgDigg
	if err := a.store.CreateAgency(ctx, storetest.NewAgency(org), []byte("hash")); err != nil {
		t.Fatal(err)
	}
	first := storetest.NewDataset(org, "00000000-0000-4000-8000-000000000001", 1)
	if err := a.store.CreateDataset(ctx, first); err != nil {
		t.Fatal(err)
	}
	docs := []struct {
		name, path string
		etag       string // B's ETag before the write
	}{
		{name: "agency feed", path: "/agencies/" + string(org) + "/datasets/dcat"},
		{name: "national catalog", path: "/catalog.ttl"},
	}
	for i, d := range docs {
		code, body, etag := b.get(t, d.path, "")
		if code != 200 || etag == "" || !strings.Contains(body, first.IRI) {
			t.Fatalf("%s on B: %d, ETag %q, first dataset present: %v", d.name, code, etag, strings.Contains(body, first.IRI))
		}
		// The conditional request matches while nothing changed, so the
		// 200 after the write below is the ETag's doing.
		if code, _, _ := b.get(t, d.path, etag); code != http.StatusNotModified {
			t.Fatalf("%s on B with its own ETag: %d, want 304", d.name, code)
		}
		docs[i].etag = etag
	}

	second := storetest.NewDataset(org, "00000000-0000-4000-8000-000000000002", 2)
	if err := a.store.CreateDataset(ctx, second); err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		code, body, etag := b.get(t, d.path, d.etag)
		if code != 200 || etag == d.etag || !strings.Contains(body, second.IRI) {
			t.Errorf("%s on B after a write through A, If-None-Match the old ETag: %d, ETag %s (was %s), new dataset present: %v; want 200, a new ETag, the new dataset",
				d.name, code, etag, d.etag, strings.Contains(body, second.IRI))
		}
	}

	agency := docs[0].path
	_, _, before := b.get(t, agency, "")
	if err := a.store.DeleteDataset(ctx, org, first.ID); err != nil {
		t.Fatal(err)
	}
	code, body, etag := b.get(t, agency, before)
	if code != 200 || etag == before || strings.Contains(body, first.IRI) || !strings.Contains(body, second.IRI) {
		t.Errorf("B's agency feed after a delete through A, If-None-Match the old ETag: %d, ETag %s (was %s), deleted dataset present: %v",
			code, etag, before, strings.Contains(body, first.IRI))
	}
}
