package portal_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/outbound"
	"github.com/katalog-se/katalog/internal/portal"
	"github.com/katalog-se/katalog/internal/rdftest"
	"github.com/katalog-se/katalog/internal/store"
	"github.com/katalog-se/katalog/internal/store/pgtest"
	"github.com/katalog-se/katalog/internal/store/sqlstore"
	"github.com/katalog-se/katalog/internal/write"
)

// endpoint is the package's real SPARQL endpoint (Jena) over the portal
// fixture.
var endpoint = rdftest.NewSPARQLServer("testdata/portal.ttl")

func TestMain(m *testing.M) {
	code := m.Run()
	endpoint.Close()
	os.Exit(code)
}

const base = "https://katalog.example.se"

// The agencies of the fixture.
const (
	digg         catalog.OrgNumber = "2021006883"
	scb          catalog.OrgNumber = "2021000837"
	bolagsverket catalog.OrgNumber = "2021005489"
	quiet        catalog.OrgNumber = "2021001116"
)

// The IDs of the datasets katalog hosts.
const (
	h1 = "11111111-1111-4111-8111-111111111111" // on the portal by its minted IRI
	h2 = "2a2a2a2a-2a2a-4a2a-8a2a-2a2a2a2a2a2a" // on the portal under another IRI, same UUID
	h3 = "33333333-3333-4333-8333-333333333333" // missing (an identifier names its IRI, no UUID)
	s1 = "66666666-6666-4666-8666-666666666666"
	s2 = "77777777-7777-4777-8777-777777777777"
)

// env is a store with the fixture's agencies and catalogs, and the write
// path over it, with the events it published.
type env struct {
	st     *sqlstore.Store
	writes *write.Service

	mu     sync.Mutex
	events []write.Event
}

func (e *env) published() []write.Event {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.events)
}

// stores runs fn against SQLite and, when KATALOG_TEST_POSTGRES_DSN is set,
// PostgreSQL.
func stores(t *testing.T, fn func(t *testing.T, e *env)) {
	t.Run("sqlite", func(t *testing.T) {
		fn(t, newEnv(t, "sqlite", filepath.Join(t.TempDir(), "k.db")))
	})
	t.Run("postgres", func(t *testing.T) {
		fn(t, newEnv(t, "postgres", pgtest.Schema(t)))
	})
}

func newEnv(t *testing.T, driver, dsn string) *env {
	t.Helper()
	st, err := store.Open(t.Context(), driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := &env{st: st, writes: write.New(st, write.Options{})}
	seed(t, e.writes)
	e.writes.Subscribe(func(_ context.Context, ev write.Event) {
		e.mu.Lock()
		defer e.mu.Unlock()
		e.events = append(e.events, ev)
	})
	return e
}

func dataset(org catalog.OrgNumber, id, iri string) *catalog.Dataset {
	return &catalog.Dataset{ID: id, Agency: org, IRI: iri, Title: catalog.LangString{"sv": "Datamängd " + id}, Description: catalog.LangString{"sv": "Beskrivning"}}
}

// seed registers the fixture's agencies through the write path, with the
// datasets katalog hosts and Digg's own catalog as observed.
func seed(t *testing.T, w *write.Service) {
	ctx := t.Context()
	for _, org := range []catalog.OrgNumber{digg, scb, bolagsverket, quiet} {
		a := &catalog.Agency{OrgNumber: org, Name: catalog.LangString{"sv": "Myndighet " + string(org)}, PublisherType: "http://purl.org/adms/publishertype/NationalAuthority"}
		if _, err := w.RegisterAgency(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []*catalog.Dataset{
		dataset(digg, h1, ""), dataset(digg, h2, ""), dataset(digg, h3, "https://www.digg.se/data/h3"),
		dataset(scb, s1, ""), dataset(scb, s2, "https://www.scb.se/data/s2"),
	} {
		if err := w.CreateDataset(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	// Digg's own catalog: one dataset on the portal, one not, and
	// katalog's own h1 (read back without its IRI, which katalog mints).
	own := []catalog.Dataset{
		*dataset(digg, "44444444-4444-4444-8444-444444444444", "https://www.digg.se/data/o1"),
		*dataset(digg, "55555555-5555-4555-8555-555555555555", "https://www.digg.se/data/o2"),
		*dataset(digg, h1, ""),
	}
	o := catalog.Observation{Agency: digg, URL: "https://www.digg.se/datasets/dcat", At: time.Date(2026, 5, 1, 4, 0, 0, 0, time.UTC), Found: true, HTTPStatus: 200}
	if _, _, err := w.Observe(ctx, o, &catalog.ObservedGraph{Hash: "own-1", Triples: 30, Gzip: []byte("gz"), Datasets: own}); err != nil {
		t.Fatal(err)
	}
}

var checkedAt = time.Date(2026, 5, 2, 6, 30, 0, 0, time.UTC)

// syncer returns a syncer of url for e, with opts' sizes.
func syncer(t *testing.T, e *env, url string, opts portal.Options) *portal.Syncer {
	t.Helper()
	co := outbound.LoopbackOptions()
	co.MaxRetries = -1
	opts.Client = portal.NewClient(outbound.NewClient(co), url, portal.ClientOptions{Timeout: 5 * time.Second})
	opts.Store, opts.Writes, opts.BaseURL = e.st, e.writes, base
	opts.Now = func() time.Time { return checkedAt }
	s, err := portal.NewSyncer(opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// want is what the fixture's portal says of each agency.
var want = map[catalog.OrgNumber]catalog.PortalStatus{
	digg: {
		Agency: digg, Status: catalog.PortalListed, CheckedAt: checkedAt, OnPortal: 5, InCatalogs: 5,
		Missing: []string{"https://www.digg.se/data/h3", "https://www.digg.se/data/o2"},
		Publishers: []string{"http://dataportal.se/organisation/SE2021006883",
			"http://dataportal.se/organisation/SE2021006883-geodata", "https://dataportal.se/organisation/SE2021006883"},
	},
	scb: {
		Agency: scb, Status: catalog.PortalNotListed, CheckedAt: checkedAt, OnPortal: 0, InCatalogs: 2,
		Missing:    []string{base + "/datasets/" + s1, "https://www.scb.se/data/s2"},
		Publishers: []string{"http://dataportal.se/organisation/SE2021000837"},
	},
	bolagsverket: {
		Agency: bolagsverket, Status: catalog.PortalListed, CheckedAt: checkedAt, OnPortal: 1, InCatalogs: 0,
		Missing: []string{}, Publishers: []string{"http://dataportal.se/organisation/SE2021005489"},
	},
	quiet: {
		Agency: quiet, Status: catalog.PortalNotListed, CheckedAt: checkedAt, Missing: []string{},
		Publishers: []string{"http://dataportal.se/organisation/SE2021001116"},
	},
}

func checkStatus(t *testing.T, got catalog.PortalStatus) {
	t.Helper()
	w := want[got.Agency]
	got.CheckedAt = got.CheckedAt.UTC()
	if !reflect.DeepEqual(got, w) {
		t.Errorf("status of %s:\n got %+v\nwant %+v", got.Agency, got, w)
	}
}

// TestSync: one sync against the real endpoint finds what the portal
// lists for every agency (listed, N of M, the missing ones named; not
// listed; a dataset under another IRI with the same UUID found), keeps it
// in the store and tells the subscribers once.
func TestSync(t *testing.T) {
	url := endpoint.URL(t)
	stores(t, func(t *testing.T, e *env) {
		res, err := syncer(t, e, url, portal.Options{}).Sync(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if res.Agencies != 4 || res.Listed != 2 || res.NotListed != 2 || len(res.Statuses) != 4 || res.Requests < 2 || !res.CheckedAt.Equal(checkedAt) {
			t.Errorf("result %+v", res)
		}
		for _, st := range res.Statuses {
			checkStatus(t, st)
			stored, err := e.st.LatestPortalStatus(t.Context(), st.Agency)
			if err != nil {
				t.Fatalf("%s: %v", st.Agency, err)
			}
			checkStatus(t, *stored)
		}
		evs := e.published()
		if len(evs) != 1 || evs[0].Kind != write.PortalSynced || len(evs[0].Agencies) != 4 {
			t.Errorf("events %+v", evs)
		}
	})
}

// TestSyncPagingKeepsTheAnswer: the answer does not depend on how the
// reading is cut: pages of one row (the dataset listed under two
// publishers with two identifiers spans many), small batches of
// publishers.
func TestSyncPagingKeepsTheAnswer(t *testing.T) {
	url := endpoint.URL(t)
	e := newEnv(t, "sqlite", filepath.Join(t.TempDir(), "k.db"))
	for _, sizes := range [][2]int{{1, 1}, {2, 1}, {3, 2}, {5, 50}} {
		t.Run(fmt.Sprintf("page%d-batch%d", sizes[0], sizes[1]), func(t *testing.T) {
			res, err := syncer(t, e, url, portal.Options{PageSize: sizes[0], BatchSize: sizes[1]}).Sync(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			for _, st := range res.Statuses {
				checkStatus(t, st)
			}
			if sizes[0] == 1 && res.Requests < 10 {
				t.Errorf("pages of one row took %d requests", res.Requests)
			}
		})
	}
	s := syncer(t, e, url, portal.Options{PageSize: 1, MaxRequests: 3})
	if _, err := s.Sync(t.Context()); !errors.Is(err, portal.ErrEndpoint) || !strings.Contains(err.Error(), "requests") {
		t.Errorf("a sync over its request budget: %v", err)
	}
}

// capping is a proxy of the endpoint at url that cuts every answer to most
// rows without saying so, as Virtuoso does at its result cap.
func capping(t *testing.T, url string, most int) string {
	return failing(t, func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			t.Error(err)
		}
		resp, err := http.PostForm(url, r.PostForm)
		if err != nil {
			t.Error(err)
			return
		}
		defer resp.Body.Close()
		var doc map[string]any
		if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil {
			t.Error(err)
			return
		}
		res := doc["results"].(map[string]any)
		if b := res["bindings"].([]any); len(b) > most {
			res["bindings"] = b[:most]
		}
		w.Header().Set("Content-Type", "application/sparql-results+json")
		json.NewEncoder(w).Encode(doc)
	})
}

// TestSyncEndpointCapsAnswers: a store that returns fewer rows than asked
// for (silently) is read to the end all the same.
func TestSyncEndpointCapsAnswers(t *testing.T) {
	url := endpoint.URL(t)
	e := newEnv(t, "sqlite", filepath.Join(t.TempDir(), "k.db"))
	res, err := syncer(t, e, capping(t, url, 2), portal.Options{PageSize: 1000}).Sync(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range res.Statuses {
		checkStatus(t, st)
	}
}

// TestSyncMorePublishers: the publisher IRIs an agency's own catalog
// names are asked about too (the portal may list its datasets under
// them), as are those Options.Publishers gives.
func TestSyncMorePublishers(t *testing.T) {
	url := endpoint.URL(t)
	unknown := "http://dataportal.se/organisation/SE2021009994"
	check := func(t *testing.T, res *portal.Result) {
		t.Helper()
		st := res.Statuses[slices.IndexFunc(res.Statuses, func(s catalog.PortalStatus) bool { return s.Agency == scb })]
		if st.Status != catalog.PortalListed || st.OnPortal != 1 || !slices.Equal(st.Missing, []string{base + "/datasets/" + s1}) || !slices.Contains(st.Publishers, unknown) {
			t.Errorf("SCB with another publisher IRI: %+v", st)
		}
	}
	t.Run("own catalog", func(t *testing.T) {
		e := newEnv(t, "sqlite", filepath.Join(t.TempDir(), "k.db"))
		o := catalog.Observation{Agency: scb, URL: "https://www.scb.se/datasets/dcat", At: time.Date(2026, 5, 1, 4, 0, 0, 0, time.UTC), Found: true, HTTPStatus: 200}
		if _, _, err := e.writes.Observe(t.Context(), o, &catalog.ObservedGraph{Hash: "scb-1", Triples: 1, Gzip: []byte("gz"), Publishers: []string{unknown}}); err != nil {
			t.Fatal(err)
		}
		res, err := syncer(t, e, url, portal.Options{}).Sync(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		check(t, res)
	})
	t.Run("option", func(t *testing.T) {
		e := newEnv(t, "sqlite", filepath.Join(t.TempDir(), "k.db"))
		res, err := syncer(t, e, url, portal.Options{Publishers: func(_ context.Context, org catalog.OrgNumber) ([]string, error) {
			if org == scb {
				return []string{unknown, "not an IRI"}, nil
			}
			return nil, nil
		}}).Sync(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		check(t, res)
	})
}

// failing answers every request as fn does.
func failing(t *testing.T, fn http.HandlerFunc) string {
	srv := httptest.NewServer(fn)
	t.Cleanup(srv.Close)
	return srv.URL + "/sparql"
}

// closedPort is a loopback URL nothing listens on.
func closedPort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr + "/sparql"
}

// TestSyncEndpointFails: when the endpoint fails in any way, the sync
// fails with ErrEndpoint and nothing changes: statuses stay unknown (or
// what the last successful sync said), and nobody is told of a change.
func TestSyncEndpointFails(t *testing.T) {
	url := endpoint.URL(t)
	e := newEnv(t, "sqlite", filepath.Join(t.TempDir(), "k.db"))
	release := make(chan struct{})
	down := map[string]string{
		"closed port": closedPort(t),
		"500": failing(t, func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "Virtuoso 42000 Error: the estimated execution time exceeds the limit", http.StatusInternalServerError)
		}),
		"not JSON": failing(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/sparql-results+json")
			fmt.Fprint(w, `{"head": {"vars": ["key"]}, "results": {"bindings": [`)
		}),
		"an HTML page": failing(t, func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, "<html><body>Underhåll pågår</body></html>")
		}),
		"an ASK answer": failing(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/sparql-results+json")
			fmt.Fprint(w, `{"head": {}, "boolean": true}`)
		}),
		"too slow": failing(t, func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body) // then a client that gives up ends r's context
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}),
	}
	t.Cleanup(func() { close(release) }) // before the servers close: they wait for their handlers
	check := func(t *testing.T, wantStored int) {
		t.Helper()
		for _, org := range []catalog.OrgNumber{digg, scb, bolagsverket, quiet} {
			_, n, err := e.st.PortalHistory(t.Context(), org, catalog.Page{Number: 1, Limit: 10})
			if err != nil || n != wantStored {
				t.Errorf("%s: %d statuses stored (%v), want %d", org, n, err, wantStored)
			}
		}
	}
	for _, stored := range []int{0, 1} {
		if stored == 1 {
			if _, err := syncer(t, e, url, portal.Options{}).Sync(t.Context()); err != nil {
				t.Fatal(err)
			}
		}
		events := len(e.published())
		for name, u := range down {
			t.Run(fmt.Sprintf("%s after %d syncs", name, stored), func(t *testing.T) {
				s := syncer(t, e, u, portal.Options{})
				if name == "too slow" {
					s = slowSyncer(t, e, u)
				}
				_, err := s.Sync(t.Context())
				if !errors.Is(err, portal.ErrEndpoint) {
					t.Fatalf("err = %v, want ErrEndpoint", err)
				}
				check(t, stored)
				if n := len(e.published()); n != events {
					t.Errorf("%d events after a failed sync", n-events)
				}
			})
		}
	}
	if _, err := e.st.LatestPortalStatus(t.Context(), quiet); err != nil {
		t.Errorf("the successful sync's status is gone: %v", err)
	}
}

// slowSyncer gives up on a request after a second.
func slowSyncer(t *testing.T, e *env, url string) *portal.Syncer {
	s, err := portal.NewSyncer(portal.Options{
		Client: portal.NewClient(outbound.NewClient(outbound.LoopbackOptions()), url, portal.ClientOptions{Timeout: time.Second}),
		Store:  e.st, Writes: e.writes, BaseURL: base,
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}
