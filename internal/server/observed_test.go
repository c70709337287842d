package server

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat/syntax/ntriples"
	"github.com/katalog-se/katalog/internal/rdftest"
	"github.com/katalog-se/katalog/internal/write"
)

// observedAnswer is the JSON of GET …/observed.
type observedAnswer struct {
	Agency      string
	Status      string
	Message     map[string]string
	Observation *catalog.Observation
	Latest      *struct {
		catalog.ObservedCatalog
		Graph string
	}
	Versions listPage[catalog.ObservedCatalog]
}

// TestObservedRoutes: a check of an agency's harvest URL (here katalog's
// own feed of it) is observed, and the routes show the observation, the
// version and its graph.
func TestObservedRoutes(t *testing.T) {
	var writes *write.Service
	f := newFixture(t, withChecksAndScores(t), func(d *Deps) { writes = d.Writes })
	digg := f.register(orgDigg, "Digg")
	f.register(orgSCB, "SCB")
	observed := "/api/v1/agencies/" + orgDigg + "/observed"

	var before observedAnswer
	f.do("GET", observed, "", nil).json(t, &before)
	if before.Status != "notObserved" || before.Observation != nil || before.Latest != nil || before.Versions.Total != 0 ||
		before.Versions.Items == nil || before.Message["sv"] == "" || before.Message["en"] == "" {
		t.Errorf("before any check: %+v", before)
	}

	body := agencyBody(orgDigg, "Digg")
	body["harvestUrl"] = f.srv.URL + "/agencies/" + orgDigg + "/datasets/dcat"
	if r := f.do("PUT", "/api/v1/agencies/"+orgDigg, digg, body); r.status != 200 {
		t.Fatalf("set harvestUrl: %d %s", r.status, r.body)
	}
	if r := f.do("POST", "/api/v1/agencies/"+orgDigg+"/import", digg, importTurtle(orgDigg, "Ett", "Två"), "Content-Type", "text/turtle"); r.status != 200 {
		t.Fatalf("import: %d %s", r.status, r.body)
	}
	f.runCheck(orgDigg, digg)

	var after observedAnswer
	if r := f.do("GET", observed, "", nil); r.status != 200 {
		t.Fatalf("observed: %d %s", r.status, r.body)
	} else {
		r.json(t, &after)
	}
	o, v := after.Observation, after.Latest
	if after.Status != "found" || o == nil || !o.Found || o.Discovered || o.URL != body["harvestUrl"] || o.HTTPStatus != 200 {
		t.Fatalf("after a check: %+v, observation %+v", after, o)
	}
	if v == nil || v.Datasets != 2 || len(v.Added) != 2 || len(v.Removed) != 0 || v.Triples == 0 || after.Versions.Total != 1 ||
		v.Graph != fmt.Sprintf("%s/%d.nt", observed, v.ID) || after.Versions.Items[0].ID != v.ID {
		t.Fatalf("latest version %+v, versions %+v", v, after.Versions)
	}

	// The graph: the triples katalog's feed published, with the hash as ETag.
	r := f.do("GET", v.Graph, "", nil)
	if r.status != 200 || r.header.Get("Content-Type") != "application/n-triples" || r.header.Get("ETag") != `"`+v.Hash+`"` {
		t.Fatalf("graph: %d %v %.300s", r.status, r.header, r.body)
	}
	stored, err := rdftest.ReadAll(ntriples.NewReader(bytes.NewReader(r.body)))
	if err != nil || len(stored) != v.Triples {
		t.Fatalf("graph reads as %d triples (%v), want %d", len(stored), err, v.Triples)
	}
	feed := f.do("GET", "/agencies/"+orgDigg+"/datasets/dcat.nt", "", nil)
	published, err := rdftest.ReadAll(ntriples.NewReader(bytes.NewReader(feed.body)))
	if err != nil {
		t.Fatal(err)
	}
	if ok, why := rdftest.Isomorphic(stored, published); !ok {
		t.Errorf("the observed graph is not the feed: %s", why)
	}
	if r := f.do("GET", v.Graph, "", nil, "If-None-Match", `"`+v.Hash+`"`); r.status != 304 || len(r.body) != 0 {
		t.Errorf("conditional request: %d", r.status)
	}
	zipped := f.do("GET", v.Graph, "", nil, "Accept-Encoding", "gzip")
	if zipped.header.Get("Content-Encoding") != "gzip" || zipped.header.Get("ETag") != `"`+v.Hash+`-gz"` || !bytes.Equal(gunzipBody(t, zipped.body), r.body) {
		t.Errorf("gzip: %v", zipped.header)
	}

	// Paging: the latest version is there on every page.
	var page2 observedAnswer
	f.do("GET", observed+"?limit=1&page=2", "", nil).json(t, &page2)
	if page2.Latest == nil || page2.Latest.ID != v.ID || len(page2.Versions.Items) != 0 || page2.Versions.Page != 2 || page2.Versions.Total != 1 {
		t.Errorf("page 2: %+v", page2)
	}
	if r := f.do("GET", observed+"?limit=0", "", nil); r.status != 400 {
		t.Errorf("limit=0: %d", r.status)
	}

	for _, path := range []string{
		observed + "/999.nt", observed + "/abc.nt", observed + fmt.Sprintf("/%d.ttl", v.ID), observed + fmt.Sprintf("/%d", v.ID),
		"/api/v1/agencies/" + orgSCB + fmt.Sprintf("/observed/%d.nt", v.ID), // another agency's version
		"/api/v1/agencies/2021005448/observed",                              // unregistered
	} {
		if r := f.do("GET", path, "", nil); r.status != 404 {
			t.Errorf("GET %s: %d, want 404", path, r.status)
		}
	}

	// An agency without a catalog at the conventional address: not broken.
	_, _, err = writes.Observe(t.Context(), catalog.Observation{Agency: orgSCB, URL: "https://example.se/datasets/dcat", Discovered: true,
		At: time.Now(), HTTPStatus: 404, Error: "Ingen egen katalog … / No own catalog …"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var scb observedAnswer
	f.do("GET", "/api/v1/agencies/"+orgSCB+"/observed", "", nil).json(t, &scb)
	if scb.Status != "noOwnCatalog" || !strings.Contains(scb.Message["en"], "No own catalog found at the conventional address") || scb.Latest != nil || scb.Observation.HTTPStatus != 404 {
		t.Errorf("no own catalog: %+v", scb)
	}

	var doc map[string]any
	f.do("GET", "/api/v1/openapi.json", "", nil).json(t, &doc)
	paths := doc["paths"].(map[string]any)
	for _, p := range []string{"/api/v1/agencies/{orgnr}/observed", "/api/v1/agencies/{orgnr}/observed/{file}"} {
		if _, ok := paths[p]; !ok {
			t.Errorf("OpenAPI lacks %s", p)
		}
	}
}

// runCheck starts a check of org and waits for it to finish.
func (f *fixture) runCheck(org, tok string) catalog.CheckRecord {
	f.t.Helper()
	checks := "/api/v1/agencies/" + org + "/checks"
	var started, done catalog.CheckRecord
	r := f.do("POST", checks, tok, nil)
	if r.status != 202 {
		f.t.Fatalf("start check: %d %s", r.status, r.body)
	}
	r.json(f.t, &started)
	deadline := time.Now().Add(20 * time.Second)
	for done.Status == "" || done.Status == catalog.StatusRunning {
		if time.Now().After(deadline) {
			f.t.Fatalf("the check did not finish: %+v", done)
		}
		time.Sleep(20 * time.Millisecond)
		f.do("GET", fmt.Sprintf("%s/%d", checks, started.ID), "", nil).json(f.t, &done)
	}
	return done
}

func gunzipBody(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
