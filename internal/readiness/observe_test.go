package readiness

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat/syntax/ntriples"
	"github.com/katalog-se/katalog/dcat/syntax/rdfxml"
	"github.com/katalog-se/katalog/internal/outbound"
	"github.com/katalog-se/katalog/internal/rdftest"
	"github.com/katalog-se/katalog/internal/store/sqlite"
	"github.com/katalog-se/katalog/internal/store/storetest"
	"github.com/katalog-se/katalog/internal/write"
)

// ownMain is an agency's own main catalog: datasets BODY, a contact point
// labelled NODE, blank-node distributions, and a sub-catalog at BASE/sub.
const ownMain = `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#"
    xmlns:dcterms="http://purl.org/dc/terms/" xmlns:vcard="http://www.w3.org/2006/vcard/ns#">
  <dcat:Catalog rdf:about="BASE/datasets/dcat">
    <dcterms:title xml:lang="sv">Egen katalog</dcterms:title>
    <dcterms:hasPart rdf:resource="BASE/sub"/>
    LINKS
  </dcat:Catalog>
  <dcat:Catalog rdf:about="BASE/sub"/>
  <vcard:Organization rdf:nodeID="NODE"><vcard:fn>Kundtjänst</vcard:fn></vcard:Organization>
  BODY
</rdf:RDF>
`

// ownSub is the sub-catalog; its contact point has the label K1 too, and
// is another node.
const ownSub = `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#"
    xmlns:dcterms="http://purl.org/dc/terms/" xmlns:vcard="http://www.w3.org/2006/vcard/ns#">
  <dcat:Catalog rdf:about="BASE/sub">
    <dcat:dataset>
      <dcat:Dataset rdf:about="https://example.se/ds/s">
        <dcterms:title xml:lang="sv">Från delkatalogen</dcterms:title>
        <dcat:contactPoint rdf:nodeID="K1"/>
      </dcat:Dataset>
    </dcat:dataset>
  </dcat:Catalog>
  <vcard:Organization rdf:nodeID="K1"><vcard:fn>Annan enhet</vcard:fn></vcard:Organization>
</rdf:RDF>
`

// ownDataset is one dataset of the main catalog, with the contact point
// NODE and a blank-node distribution.
func ownDataset(name string) string {
	return fmt.Sprintf(`<dcat:Dataset rdf:about="https://example.se/ds/%[1]s">
    <dcterms:title xml:lang="sv">Datamängd %[1]s</dcterms:title>
    <dcat:contactPoint rdf:nodeID="NODE"/>
    <dcat:distribution><dcat:Distribution><dcat:accessURL rdf:resource="https://example.se/files/%[1]s"/></dcat:Distribution></dcat:distribution>
  </dcat:Dataset>
  `, name)
}

// ownCatalog serves an agency's own catalog at /datasets/dcat (and its
// sub-catalog at /sub) as set; 404 elsewhere.
type ownCatalog struct {
	*httptest.Server
	mu   sync.Mutex
	main string
}

func newOwnCatalog(t *testing.T) *ownCatalog {
	t.Helper()
	o := &ownCatalog{}
	o.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var doc string
		switch r.URL.Path {
		case "/datasets/dcat":
			o.mu.Lock()
			doc = o.main
			o.mu.Unlock()
		case "/sub":
			doc = o.doc(ownSub)
		}
		if doc == "" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/rdf+xml")
		io.WriteString(w, doc)
	}))
	t.Cleanup(o.Close)
	return o
}

func (o *ownCatalog) doc(tmpl string) string { return strings.ReplaceAll(tmpl, "BASE", o.URL) }

// publish makes the main catalog list the named datasets, in that order,
// with its contact point labelled node.
func (o *ownCatalog) publish(node string, names ...string) {
	var links, body strings.Builder
	for _, n := range names {
		fmt.Fprintf(&links, `<dcat:dataset rdf:resource="https://example.se/ds/%s"/>`, n)
		body.WriteString(ownDataset(n))
	}
	doc := strings.NewReplacer("LINKS", links.String(), "BODY", body.String()).Replace(o.doc(ownMain))
	o.mu.Lock()
	o.main = strings.ReplaceAll(doc, "NODE", node)
	o.mu.Unlock()
}

// published returns the graph the server publishes: the main document and
// the sub-catalog merged, each one's blank nodes its own.
func (o *ownCatalog) published(t *testing.T) []rdf.Triple {
	t.Helper()
	o.mu.Lock()
	main := o.main
	o.mu.Unlock()
	var out []rdf.Triple
	for i, d := range []struct{ url, body string }{{o.URL + "/datasets/dcat", main}, {o.URL + "/sub", o.doc(ownSub)}} {
		ts, err := rdftest.ReadAll(rdfxml.NewReader(strings.NewReader(d.body), d.url))
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range ts {
			x.Subj = apart(t, i, x.Subj).(rdf.Subject)
			x.Obj = apart(t, i, x.Obj).(rdf.Object)
			out = append(out, x)
		}
	}
	return out
}

func apart(t *testing.T, doc int, x rdf.Term) rdf.Term {
	b, ok := x.(rdf.Blank)
	if !ok {
		return x
	}
	nb, err := rdf.NewBlank(fmt.Sprintf("doc%d-%s", doc, b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return nb
}

// observeFixture is a store with one agency, the write path over it
// counting CatalogObserved events, and a checker on loopback with a clock
// that moves a minute per check.
type observeFixture struct {
	store   *sqlite.Store
	writes  *write.Service
	checker *Checker
	agency  *catalog.Agency

	mu       sync.Mutex
	observed int
}

func newObserveFixture(t *testing.T, harvestURL, homepage string) *observeFixture {
	t.Helper()
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &observeFixture{store: st, writes: write.New(st, write.Options{})}
	f.agency = storetest.NewAgency(storetest.OrgDigg)
	f.agency.HarvestURL, f.agency.Homepage = harvestURL, homepage
	if err := st.CreateAgency(t.Context(), f.agency, nil); err != nil {
		t.Fatal(err)
	}
	f.writes.Subscribe(func(_ context.Context, e write.Event) {
		if e.Kind == write.CatalogObserved {
			f.mu.Lock()
			f.observed++
			f.mu.Unlock()
		}
	})
	clock := time.Date(2026, 5, 1, 4, 0, 0, 0, time.UTC)
	var clockMu sync.Mutex
	// The loopback address is the one network the client may reach.
	client := outbound.NewClient(outbound.LoopbackOptions())
	f.checker = NewChecker(Options{Client: client, SkipLinks: true, Now: func() time.Time {
		clockMu.Lock()
		defer clockMu.Unlock()
		clock = clock.Add(time.Minute)
		return clock
	}})
	return f
}

func (f *observeFixture) check(t *testing.T) *AgencyCheck {
	t.Helper()
	ac, err := f.checker.CheckAgency(t.Context(), *f.agency, Recorders{Links: f.writes.RecordLinks, Observe: f.writes.Observe})
	if err != nil {
		t.Fatal(err)
	}
	return ac
}

func (f *observeFixture) events() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.observed
}

// datasetIRIs lists the IRIs of the agency's observed datasets.
func (f *observeFixture) datasetIRIs(t *testing.T) []string {
	t.Helper()
	var iris []string
	err := f.store.EachObservedDataset(t.Context(), f.agency.OrgNumber, func(d *catalog.Dataset) error {
		if d.Agency != f.agency.OrgNumber || d.ID == "" || d.Title["sv"] == "" {
			t.Errorf("observed dataset %+v", d)
		}
		iris = append(iris, d.IRI)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(iris)
	return iris
}

// TestObserveOwnCatalog: each check keeps the agency's own catalog, the
// graph as published, as a new version only when its content changed.
func TestObserveOwnCatalog(t *testing.T) {
	own := newOwnCatalog(t)
	f := newObserveFixture(t, own.URL+"/datasets/dcat", "https://www.example.se/")
	ds := func(names ...string) []string {
		var out []string
		for _, n := range names {
			out = append(out, "https://example.se/ds/"+n)
		}
		return out
	}

	own.publish("K1", "a", "b")
	first := f.check(t)
	if !first.Found || first.Discovered || !first.New || first.Version == nil || first.Version.Datasets != 3 || first.NoEndpoint() {
		t.Fatalf("first check: %+v, version %+v", first, first.Version)
	}
	if got := f.datasetIRIs(t); !slices.Equal(got, ds("a", "b", "s")) {
		t.Errorf("observed datasets %v", got)
	}
	o, err := f.store.LatestObservation(t.Context(), f.agency.OrgNumber)
	if err != nil || !o.Found || o.Discovered || o.HTTPStatus != 200 || o.URL != f.agency.HarvestURL || o.Error != "" {
		t.Errorf("latest observation %+v, %v", o, err)
	}
	roundTrip(t, f, first.Version.Hash, own.published(t))

	// The same graph, its datasets in another order and its blank nodes
	// labelled otherwise: no new version, seen again.
	own.publish("X9", "b", "a")
	again := f.check(t)
	if again.New || again.Version.ID != first.Version.ID || again.Version.Hash != first.Version.Hash ||
		!again.Version.LastSeen.After(first.Version.LastSeen) || !again.Version.FirstSeen.Equal(first.Version.FirstSeen) {
		t.Errorf("unchanged catalog: %+v, first %+v", again.Version, first.Version)
	}

	// One dataset gone, one new: version 2.
	own.publish("K1", "a", "c")
	second := f.check(t)
	v := second.Version
	if !second.New || v.ID == first.Version.ID || v.Hash == first.Version.Hash ||
		!slices.Equal(v.Added, ds("c")) || !slices.Equal(v.Removed, ds("b")) {
		t.Errorf("changed catalog: %+v", v)
	}
	if got := f.datasetIRIs(t); !slices.Equal(got, ds("a", "c", "s")) {
		t.Errorf("observed datasets after the change %v", got)
	}
	list, total, err := f.store.ObservedCatalogs(t.Context(), f.agency.OrgNumber, catalog.Page{Number: 1, Limit: 10})
	if err != nil || total != 2 || list[0].ID != v.ID {
		t.Errorf("versions %+v (%d), %v", list, total, err)
	}
	if n := f.events(); n != 2 {
		t.Errorf("%d CatalogObserved events, want 2 (one per new version)", n)
	}
	roundTrip(t, f, v.Hash, own.published(t))

	// The endpoint fails: observed as not found, the version stays.
	own.publish("K1")
	own.mu.Lock()
	own.main = ""
	own.mu.Unlock()
	gone := f.check(t)
	o, _ = f.store.LatestObservation(t.Context(), f.agency.OrgNumber)
	if gone.Found || gone.New || gone.Version == nil || gone.Version.ID != v.ID || o.Found || o.HTTPStatus != 404 ||
		!strings.Contains(o.Error, "The server did not answer 200 OK.") || !strings.Contains(o.Error, "Servern svarade inte med 200 OK.") {
		t.Errorf("a failed endpoint: %+v; observation %+v", gone, o)
	}
}

// roundTrip checks that the stored graph, decompressed and read, is the
// published graph.
func roundTrip(t *testing.T, f *observeFixture, hash string, published []rdf.Triple) {
	t.Helper()
	gz, err := f.store.ObservedGraph(t.Context(), hash)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	nt, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := rdftest.ReadAll(ntriples.NewReader(bytes.NewReader(nt)))
	if err != nil {
		t.Fatalf("the stored graph does not read as N-Triples: %v", err)
	}
	if ok, why := rdftest.Isomorphic(stored, published); !ok {
		t.Errorf("the stored graph is not the published one: %s\n%s", why, nt)
	}
	if len(stored) != len(dedupe(published)) {
		t.Errorf("%d triples stored, %d published", len(stored), len(dedupe(published)))
	}
}

func dedupe(ts []rdf.Triple) map[string]bool {
	m := map[string]bool{}
	for _, x := range ts {
		m[rdftest.Key(x.Subj)+rdftest.Key(x.Pred)+rdftest.Key(x.Obj)] = true
	}
	return m
}

// TestDiscoverOwnCatalog: an agency with a homepage and no harvest URL is
// looked for at the portal's conventional address on its homepage's host
// (here a loopback server, which serves no TLS: https fails, http works).
func TestDiscoverOwnCatalog(t *testing.T) {
	own := newOwnCatalog(t)
	own.publish("K1", "a")
	f := newObserveFixture(t, "", own.URL+"/om-oss")
	ac := f.check(t)
	want := own.URL + "/datasets/dcat"
	if !ac.Found || !ac.Discovered || ac.URL != want || !ac.New || ac.Version.Datasets != 2 || !ac.Version.Discovered || ac.NoEndpoint() {
		t.Fatalf("discovery: %+v, version %+v", ac, ac.Version)
	}
	o, err := f.store.LatestObservation(t.Context(), f.agency.OrgNumber)
	if err != nil || !o.Found || !o.Discovered || o.URL != want || o.HTTPStatus != 200 {
		t.Errorf("observation %+v, %v", o, err)
	}
	if !strings.Contains(string(ac.Report), `"url":"`+want+`"`) {
		t.Errorf("the report is not of the discovered URL: %s", ac.Report)
	}
	roundTrip(t, f, ac.Version.Hash, own.published(t))
}

// TestDiscoverNothing: an agency whose homepage's host has no catalog at
// the conventional address is recorded as having none there, not as a
// broken catalog.
func TestDiscoverNothing(t *testing.T) {
	none := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(none.Close)
	f := newObserveFixture(t, "", none.URL+"/")
	ac := f.check(t)
	if ac.Found || !ac.Discovered || !ac.NoEndpoint() || ac.New || ac.Version != nil || ac.URL != none.URL+"/datasets/dcat" {
		t.Fatalf("nothing discovered: %+v", ac)
	}
	o, err := f.store.LatestObservation(t.Context(), f.agency.OrgNumber)
	if err != nil || o.Found || !o.Discovered || o.HTTPStatus != 404 || o.URL != ac.URL {
		t.Fatalf("observation %+v, %v", o, err)
	}
	for _, s := range []string{"No own catalog found at the conventional address.", "Ingen egen katalog hittades på den konventionella adressen.",
		strings.Replace(none.URL, "http:", "https:", 1) + "/datasets/dcat: ", none.URL + "/datasets/dcat: HTTP 404"} {
		if !strings.Contains(o.Error, s) {
			t.Errorf("observation error %q lacks %q", o.Error, s)
		}
	}
	if list, total, err := f.store.ObservedCatalogs(t.Context(), f.agency.OrgNumber, catalog.Page{Number: 1, Limit: 10}); err != nil || total != 0 {
		t.Errorf("versions %+v, %v", list, err)
	}
	// The first observation is told (write.Service.Observe), found or not.
	if f.events() != 1 {
		t.Errorf("%d CatalogObserved events, want 1 (the first observation)", f.events())
	}

	noHome := newObserveFixture(t, "", "")
	if _, err := noHome.checker.CheckAgency(t.Context(), *noHome.agency, Recorders{}); err == nil {
		t.Error("an agency with neither harvest URL nor homepage was checked")
	}
}

// TestDiscoverWebPage: a web page at the conventional address (a CMS
// answering 200 for anything) is no catalog, and nothing more is asked of
// the server.
func TestDiscoverWebPage(t *testing.T) {
	var mu sync.Mutex
	hits := 0
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits++
		mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<!doctype html><html><body>Välkommen</body></html>")
	}))
	t.Cleanup(page.Close)
	f := newObserveFixture(t, "", page.URL)
	ac := f.check(t)
	o, _ := f.store.LatestObservation(t.Context(), f.agency.OrgNumber)
	if ac.Found || !ac.NoEndpoint() || o.Found || o.HTTPStatus != 200 || !strings.Contains(o.Error, "text/html") {
		t.Errorf("a web page: %+v; observation %+v", ac, o)
	}
	mu.Lock()
	defer mu.Unlock()
	if hits != 1 {
		t.Errorf("%d requests to the web page, want 1 (no probes)", hits)
	}
}
