package linkwork

import (
	"context"
	"errors"
	"iter"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/linktest"
	"github.com/katalog-se/katalog/internal/readiness"
	"github.com/katalog-se/katalog/internal/store/pgtest"
	"github.com/katalog-se/katalog/internal/store/postgres"
	"github.com/katalog-se/katalog/internal/store/sqlite"
	"github.com/katalog-se/katalog/internal/store/storetest"
)

// spread yields n links of linktest.Spread's URLs.
func spread(hosts []*linktest.Host, n int) iter.Seq[readiness.Link] {
	return func(yield func(readiness.Link) bool) {
		for u := range linktest.Spread(hosts, n) {
			if !yield(readiness.Link{URL: u, Kind: readiness.KindDownloadURL}) {
				return
			}
		}
	}
}

// recorder records link tables through the store, counting the calls.
type recorder struct {
	store testStore
	calls atomic.Int64
}

// record counts a call once the link table is saved, so that a test
// that sees the count also sees the table.
func (r *recorder) record(ctx context.Context, _ catalog.OrgNumber, cycle int64) error {
	err := r.store.SaveLinkCycle(ctx, cycle)
	r.calls.Add(1)
	return err
}

// testStore is a whole store with the link queue.
type testStore = storetest.LinkQueueStore

// storeOpener opens handles on one new database, as instances do.
type storeOpener func(t *testing.T) func() testStore

func sqliteDB(t *testing.T) func() testStore {
	path := filepath.Join(t.TempDir(), "k.db")
	return func() testStore {
		s, err := sqlite.Open(t.Context(), path)
		return storetest.Opened(t, s, err)
	}
}

func postgresDB(t *testing.T) func() testStore {
	dsn := pgtest.Schema(t)
	return func() testStore {
		s, err := postgres.Open(context.Background(), dsn)
		return storetest.Opened(t, s, err)
	}
}

func createAgency(t *testing.T, s testStore, org catalog.OrgNumber) {
	t.Helper()
	if err := s.CreateAgency(t.Context(), storetest.NewAgency(org), nil); err != nil {
		t.Fatal(err)
	}
}

func newPool(t *testing.T, s Store, holder string, rec *recorder, edit func(*Options)) *Pool {
	t.Helper()
	o := Options{Store: s, Client: linktest.Client(), Record: rec.record, Holder: holder, Workers: 16, Batch: 8, Rounds: 2,
		LeaseTTL: 3 * time.Second, Poll: 100 * time.Millisecond}
	if edit != nil {
		edit(&o)
	}
	p, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	p.Start()
	t.Cleanup(p.Stop)
	return p
}

// TestTwoInstancesShareTheLinks: two instances (two pools, two store
// handles, 16 workers each) check 1,000 links over 5 loopback hosts that
// answer after 40 ms, queued by one check (32 workers for 20 slots): every
// URL is requested once, no host ever has more than 4 requests in
// flight or 4 connections open from both together (measured at the
// servers), both instances take part, and the agency's link table is
// recorded once, whole. On SQLite and PostgreSQL.
func TestTwoInstancesShareTheLinks(t *testing.T) {
	for name, open := range map[string]storeOpener{"sqlite": sqliteDB, "postgres": postgresDB} {
		t.Run(name, func(t *testing.T) {
			if name == "postgres" {
				pgtest.DSN(t)
			}
			db := open(t)
			a, b := db(), db()
			createAgency(t, a, storetest.OrgDigg)
			hosts := linktest.Start(t, 5, 40*time.Millisecond)
			rec := &recorder{store: a}
			pa := newPool(t, a, "instance-a", rec, nil)
			var workedB atomic.Int64
			newPool(t, b, "instance-b", rec, func(o *Options) { o.Store = countingStore{Store: b, n: &workedB} })
			const n = 1000
			at := time.Now().UTC().Truncate(time.Second)
			sum, done, err := pa.RunLinks(t.Context(), storetest.OrgDigg, at, spread(hosts, n), n)
			if err != nil || !done {
				t.Fatalf("RunLinks: done %v, %v", done, err)
			}
			if sum.Checked != n || sum.Broken != n/10 || sum.OK != n-n/10 {
				t.Errorf("summary %+v", sum)
			}
			full := 0
			for _, h := range hosts {
				if h.InFlight.Max() == 4 {
					full++
				}
				total, most := h.Requests()
				if total != n/len(hosts) || most != 1 {
					t.Errorf("%s: %d requests, one URL %d times; want %d, each once", h.Base, total, most, n/len(hosts))
				}
				if m := h.InFlight.Max(); m > 4 {
					t.Errorf("%s had %d requests in flight at once", h.Base, m)
				}
				if m := h.Conns.Max(); m > 4 {
					t.Errorf("%s had %d connections open at once", h.Base, m)
				}
			}
			if full == 0 {
				t.Error("no host ever had 4 requests in flight: the test does not exercise the limit")
			}
			if workedB.Load() == 0 {
				t.Error("the second instance checked nothing")
			}
			if rec.calls.Load() != 1 {
				t.Errorf("the link table was recorded %d times", rec.calls.Load())
			}
			table, err := a.Links(t.Context(), storetest.OrgDigg)
			if err != nil || len(table) != n || !table[0].CheckedAt.Equal(at) {
				t.Errorf("link table: %d rows, %v", len(table), err)
			}
		})
	}
}

// countingStore counts the links an instance completes.
type countingStore struct {
	Store
	n *atomic.Int64
}

func (c countingStore) CompleteLinkWork(ctx context.Context, holder string, done []catalog.LinkWork) error {
	c.n.Add(int64(len(done)))
	return c.Store.CompleteLinkWork(ctx, holder, done)
}

// TestNothingLostWhenAnInstanceDies: an instance that leased links and
// died never completes them; when its leases lapse, the other instance
// checks them, and the cycle is recorded whole.
func TestNothingLostWhenAnInstanceDies(t *testing.T) {
	db := sqliteDB(t)
	s := db()
	createAgency(t, s, storetest.OrgDigg)
	hosts := linktest.Start(t, 3, 0)
	links := spread(hosts, 60)
	// The dead instance: it queued the links, took a slot and leased a
	// batch of each host, and stopped.
	id, err := s.StartLinkCycle(t.Context(), storetest.OrgDigg, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	var items []catalog.LinkWork
	for l := range links {
		host, _ := HostOf(l.URL)
		items = append(items, catalog.LinkWork{URL: l.URL, Kinds: []string{l.Kind}, Host: host})
	}
	if err := s.AddLinkWork(t.Context(), id, items); err != nil {
		t.Fatal(err)
	}
	if err := s.OpenLinkCycle(t.Context(), id, len(items)); err != nil {
		t.Fatal(err)
	}
	lapse := time.Now().Add(700 * time.Millisecond)
	leased := 0
	for range hosts {
		host, _, ok, err := s.ClaimLinkHost(t.Context(), "dead", lapse, 4)
		if err != nil || !ok {
			t.Fatalf("dead instance's claim: %v %v", ok, err)
		}
		got, err := s.ClaimLinkWork(t.Context(), host, "dead", lapse, 10)
		if err != nil {
			t.Fatal(err)
		}
		leased += len(got)
	}
	rec := &recorder{store: s}
	newPool(t, db(), "survivor", rec, func(o *Options) { o.LeaseTTL = 600 * time.Millisecond })
	for deadline := time.Now().Add(20 * time.Second); rec.calls.Load() == 0; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the cycle was not recorded (%d links leased by the dead instance)", leased)
		}
	}
	table, err := s.Links(t.Context(), storetest.OrgDigg)
	if err != nil || len(table) != 60 {
		t.Fatalf("link table: %d rows, %v", len(table), err)
	}
	for _, h := range hosts {
		if total, most := h.Requests(); total != 20 || most != 1 {
			t.Errorf("%s: %d requests, most for one URL %d", h.Base, total, most)
		}
	}
}

func TestHostOf(t *testing.T) {
	for in, want := range map[string]string{
		"https://Example.SE/a":       "example.se:443",
		"http://example.se/a":        "example.se:80",
		"http://example.se:8080/x?y": "example.se:8080",
		"https://[::1]/":             "[::1]:443",
		"ftp://example.se/":          "",
		"mailto:a@example.se":        "",
	} {
		got, ok := HostOf(in)
		if got != want || ok != (want != "") {
			t.Errorf("HostOf(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// flakyStore fails the first completions of a holder, as a deadlock
// between instances or a database that blinked would.
type flakyStore struct {
	Store
	mu    sync.Mutex
	fails int
}

func (f *flakyStore) CompleteLinkWork(ctx context.Context, holder string, done []catalog.LinkWork) error {
	f.mu.Lock()
	fail := f.fails > 0
	if fail {
		f.fails--
	}
	f.mu.Unlock()
	if fail {
		return errors.New("deadlock detected")
	}
	return f.Store.CompleteLinkWork(ctx, holder, done)
}

// TestFailedCompletionLapses: a batch whose results cannot be stored (after
// the retries) is not kept leased: its leases lapse and its links are
// checked again, and the cycle ends. Found by the benchmark, where 208
// links stayed leased, renewed for ever, after a failed completion.
func TestFailedCompletionLapses(t *testing.T) {
	db := sqliteDB(t)
	s := db()
	createAgency(t, s, storetest.OrgDigg)
	hosts := linktest.Start(t, 1, 0)
	rec := &recorder{store: s}
	p := newPool(t, &flakyStore{Store: db(), fails: 3}, "flaky", rec, func(o *Options) {
		o.LeaseTTL, o.Workers = 600*time.Millisecond, 1
	})
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	sum, done, err := p.RunLinks(ctx, storetest.OrgDigg, time.Now(), spread(hosts, 10), 10)
	if err != nil || !done || sum.Checked != 10 {
		t.Fatalf("RunLinks: %+v, done %v, %v", sum, done, err)
	}
	if total, _ := hosts[0].Requests(); total < 18 {
		t.Errorf("%d requests: the failed batch of 8 was not checked again", total)
	}
}
