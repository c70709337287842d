package feeds_test

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/feed"
	"github.com/katalog-se/katalog/dcat/rdfio"
	"github.com/katalog-se/katalog/internal/feeds"
	"github.com/katalog-se/katalog/internal/store/pgtest"
	"github.com/katalog-se/katalog/internal/store/postgres"
	"github.com/katalog-se/katalog/internal/store/sqlite"
	"github.com/katalog-se/katalog/internal/store/storetest"
)

// instance is one katalog process's view: its own store handle and its own
// snapshot cache, on the shared database.
type instance struct {
	store catalog.Store
	feeds *feeds.Service
}

func newInstance(t *testing.T, st catalog.Store) *instance {
	t.Helper()
	m, err := dcat.NewMapper("https://katalog.example.se")
	if err != nil {
		t.Fatal(err)
	}
	svc, err := feeds.New(st, feeds.BuilderGenerator(feed.New(st, m, feed.Options{})), feeds.Options{Dir: t.TempDir(), Salt: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close(); st.Close() })
	return &instance{store: st, feeds: svc}
}

// get reads a document from i's cache: body and ETag.
func (i *instance) get(t *testing.T, r feeds.Request) (string, string) {
	t.Helper()
	ctx := context.Background()
	v, err := i.feeds.Version(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := i.feeds.Open(ctx, r, v, false)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Content.Close()
	b, err := io.ReadAll(snap.Content)
	if err != nil {
		t.Fatal(err)
	}
	return string(b), snap.ETag
}

// TestCachesFollowOtherInstancesWrites: two instances on one database, each
// with its own snapshot cache. A write through one changes what the other
// serves at once, for the agency's feed and the national catalog: the
// caches are keyed by the revision read from the database on every
// request, so no message between instances is needed.
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
	agency := feeds.Request{Org: org, Format: rdfio.RDFXML}
	national := feeds.Request{Format: rdfio.Turtle}
	bodyA, tagA := b.get(t, agency)
	bodyN, tagN := b.get(t, national)
	if !strings.Contains(bodyA, first.IRI) || !strings.Contains(bodyN, first.IRI) {
		t.Fatalf("instance B's documents lack the first dataset")
	}

	second := storetest.NewDataset(org, "00000000-0000-4000-8000-000000000002", 2)
	if err := a.store.CreateDataset(ctx, second); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		r      feeds.Request
		oldTag string
	}{{"agency feed", agency, tagA}, {"national catalog", national, tagN}} {
		body, tag := b.get(t, c.r)
		if tag == c.oldTag || !strings.Contains(body, second.IRI) {
			t.Errorf("%s on B after a write through A: ETag %s (was %s), new dataset present: %v",
				c.name, tag, c.oldTag, strings.Contains(body, second.IRI))
		}
	}

	_, tagBefore := b.get(t, agency)
	if err := a.store.DeleteDataset(ctx, org, first.ID); err != nil {
		t.Fatal(err)
	}
	body, tag := b.get(t, agency)
	if tag == tagBefore || strings.Contains(body, first.IRI) || !strings.Contains(body, second.IRI) {
		t.Errorf("B's agency feed after a delete through A: ETag %s (was %s), deleted dataset present: %v",
			tag, tagBefore, strings.Contains(body, first.IRI))
	}
}
