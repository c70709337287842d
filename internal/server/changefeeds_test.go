package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/ldes"
	"github.com/katalog-se/katalog/dcat/syntax/codec"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/internal/publish"
	"github.com/katalog-se/katalog/internal/rdftest"
)

// feedFetcher fetches the pages of a change feed from the fixture, whose
// IRIs are minted under exampleBase, with an Accept header; it keeps what
// it read.
type feedFetcher struct {
	f      *fixture
	accept string
	bodies map[string][]byte
}

func (x *feedFetcher) Fetch(_ context.Context, url string) (io.ReadCloser, string, error) {
	r := x.f.do("GET", strings.TrimPrefix(url, exampleBase), "", nil, "Accept", x.accept)
	if r.status != http.StatusOK {
		return nil, "", fmt.Errorf("GET %s: %d %s", url, r.status, r.body)
	}
	if x.bodies == nil {
		x.bodies = map[string][]byte{}
	}
	x.bodies[url] = r.body
	return io.NopCloser(bytes.NewReader(r.body)), r.header.Get("Content-Type"), nil
}

// follow applies the feed from start to s and returns the pages read.
func follow(t *testing.T, x *feedFetcher, start string, s *ldes.State) *ldes.Followed {
	t.Helper()
	got, err := ldes.Follow(context.Background(), x, start, ldes.FollowOptions{}, func(_ string, doc *ldes.Document) error {
		if doc.Invalid() {
			return fmt.Errorf("invalid page: %+v", doc.Findings)
		}
		s.Apply(doc.Events)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, fd := range got.Findings {
		t.Errorf("finding: %+v", fd)
	}
	return got
}

func stateGraph(t *testing.T, s *ldes.State) []rdf.Triple {
	t.Helper()
	var ts []rdf.Triple
	if err := s.Triples(func(tr rdf.Triple) error { ts = append(ts, tr); return nil }); err != nil {
		t.Fatal(err)
	}
	return ts
}

// agencyWrites makes an agency's catalog go through what the API does:
// datasets created, replaced and deleted, the agency renamed with a new
// e-mail, an import that replaces the catalog, then more datasets.
func agencyWrites(t *testing.T, f *fixture) {
	t.Helper()
	tok := f.register(orgDigg, "Digg")
	f.register(orgSCB, "SCB") // another agency's changes are not in Digg's feed
	base := "/api/v1/agencies/" + orgDigg + "/datasets"
	var ids []string
	for i := range 4 {
		body := datasetBody(fmt.Sprintf("Datamängd %d", i))
		if i%2 == 0 {
			delete(body, "contactPoint") // its contact point comes from the agency
		} else {
			body["contactPoint"] = map[string]any{"name": "Kontakt", "email": "kontakt@example.se"}
		}
		r := f.do("POST", base, tok, body)
		if r.status != http.StatusCreated {
			t.Fatalf("create: %d %s", r.status, r.body)
		}
		var d struct{ ID string }
		r.json(t, &d)
		ids = append(ids, d.ID)
	}
	upd := datasetBody("Datamängd 1, ändrad")
	upd["distributions"] = append(upd["distributions"].([]map[string]any), map[string]any{"accessURL": "https://example.se/api", "format": "application/json"})
	if r := f.do("PUT", base+"/"+ids[1], tok, upd); r.status != http.StatusOK {
		t.Fatalf("replace: %d %s", r.status, r.body)
	}
	if r := f.do("DELETE", base+"/"+ids[3], tok, nil); r.status != http.StatusNoContent {
		t.Fatalf("delete: %d %s", r.status, r.body)
	}
	a := agencyBody(orgDigg, "Digg, nytt namn")
	a["email"] = "info@digg.se"
	if r := f.do("PUT", "/api/v1/agencies/"+orgDigg, tok, a); r.status != http.StatusOK {
		t.Fatalf("update agency: %d %s", r.status, r.body)
	}
	r := f.do("POST", "/api/v1/agencies/"+orgDigg+"/import?allowRemovals=true", tok, importTurtle(orgDigg, "Importerad ett", "Importerad två"), "Content-Type", "text/turtle")
	if r.status != http.StatusOK {
		t.Fatalf("import: %d %s", r.status, r.body)
	}
	for i := range 3 {
		if r := f.do("POST", base, tok, datasetBody(fmt.Sprintf("Efter importen %d", i))); r.status != http.StatusCreated {
			t.Fatalf("create after the import: %d %s", r.status, r.body)
		}
	}
	a["email"] = "registrator@digg.se"
	if r := f.do("PUT", "/api/v1/agencies/"+orgDigg, tok, a); r.status != http.StatusOK {
		t.Fatalf("update agency: %d %s", r.status, r.body)
	}
}

func withPageSize(n int) func(*Deps) { return func(d *Deps) { d.FeedPageSize = n } }

// TestChangeFeedRoundTrip: starting from an empty catalog, a harvester that
// applies an agency's change feed, following its pages over HTTP, has
// exactly the agency's catalog as its DCAT feed publishes it; one that
// stopped half way and resumes from the page it last read has it too.
func TestChangeFeedRoundTrip(t *testing.T) {
	f := newFixture(t, withImporter(t), withPageSize(3))
	agencyWrites(t, f)
	export := f.do("GET", "/agencies/"+orgDigg+"/datasets/dcat.nt", "", nil)
	want, err := rdftest.Decode(bytes.NewReader(export.body), rdf.NTriples)
	if err != nil {
		t.Fatal(err)
	}
	start := exampleBase + "/agencies/" + orgDigg + "/datasets/feed"
	for _, accept := range []string{"", "application/ld+json", "application/n-quads"} {
		x := &feedFetcher{f: f, accept: accept}
		s := ldes.NewState()
		got := follow(t, x, start, s)
		if len(got.Pages) < 4 {
			t.Fatalf("%q: %d pages", accept, len(got.Pages))
		}
		if ok, why := rdftest.Isomorphic(stateGraph(t, s), want); !ok {
			t.Fatalf("%q: the feed applied is not the agency's catalog:\n%s", accept, why)
		}

		// Half way: the state kept as TriG, then on from the last page read.
		half := ldes.NewState()
		mid := got.Pages[len(got.Pages)/2]
		_, err := ldes.Follow(context.Background(), x, start, ldes.FollowOptions{MaxPages: len(got.Pages) / 2}, func(url string, doc *ldes.Document) error {
			half.Apply(doc.Events)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		qw, err := publish.NewFeedWriter(rdfio.TriG, &buf)
		if err != nil {
			t.Fatal(err)
		}
		if err := half.Quads(qw.WriteQuad); err != nil {
			t.Fatal(err)
		}
		if err := qw.Close(); err != nil {
			t.Fatal(err)
		}
		resumed := ldes.NewState()
		qr, _, err := ldes.Open(&buf, "state.trig", "", "", "", codec.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := resumed.LoadReader(qr); err != nil {
			t.Fatal(err)
		}
		prev := got.Pages[len(got.Pages)/2-1]
		follow(t, x, prev, resumed) // the last page read, again, and on
		if ok, why := rdftest.Isomorphic(stateGraph(t, resumed), want); !ok {
			t.Fatalf("%q, resumed at %s: %s", accept, mid, why)
		}
	}
}

// TestChangeFeedHTTP: caching of full and open pages, negotiation and
// problems.
func TestChangeFeedHTTP(t *testing.T) {
	f := newFixture(t, withImporter(t), withPageSize(3))
	agencyWrites(t, f)
	feed := "/agencies/" + orgDigg + "/datasets/feed"
	first := f.do("GET", feed, "", nil)
	if first.status != 200 || first.header.Get("Content-Type") != "application/trig; charset=utf-8" {
		t.Fatalf("first page: %d %v", first.status, first.header)
	}
	if cc := first.header.Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
		t.Errorf("a full page: Cache-Control %q", cc)
	}
	if r := f.do("GET", feed, "", nil, "If-None-Match", first.header.Get("ETag")); r.status != http.StatusNotModified {
		t.Errorf("revalidation of the first page: %d", r.status)
	}
	// The newest page, found by following the relations.
	x := &feedFetcher{f: f}
	got := follow(t, x, exampleBase+feed, ldes.NewState())
	last := strings.TrimPrefix(got.Last(), exampleBase)
	newest := f.do("GET", last, "", nil)
	if cc := newest.header.Get("Cache-Control"); cc != feedCacheControl || newest.header.Get("ETag") == "" {
		t.Errorf("the newest page %s: %v", last, newest.header)
	}
	if r := f.do("GET", last, "", nil, "If-None-Match", newest.header.Get("ETag")); r.status != http.StatusNotModified {
		t.Errorf("revalidation of the newest page: %d", r.status)
	}
	// Another agency's change leaves Digg's newest page as it was; Digg's
	// own grows it: a new ETag.
	f.register("2021001264", "Ny")
	if r := f.do("GET", last, "", nil, "If-None-Match", newest.header.Get("ETag")); r.status != http.StatusNotModified {
		t.Errorf("another agency's change moved Digg's newest page: %d", r.status)
	}
	a := agencyBody(orgDigg, "Digg, igen")
	if r := f.do("PUT", "/api/v1/agencies/"+orgDigg, testAdmin, a); r.status != http.StatusOK {
		t.Fatalf("update agency: %d %s", r.status, r.body)
	}
	if r := f.do("GET", last, "", nil, "If-None-Match", newest.header.Get("ETag")); r.status != http.StatusOK || r.header.Get("ETag") == newest.header.Get("ETag") {
		t.Errorf("Digg's change left its newest page: %d %s", r.status, r.header.Get("ETag"))
	}
	for accept, want := range map[string]string{
		"application/ld+json":                 "application/ld+json",
		"application/n-quads":                 "application/n-quads",
		"text/turtle;q=0.5, application/trig": "application/trig; charset=utf-8",
		"*/*":                                 "application/trig; charset=utf-8",
	} {
		if r := f.do("GET", feed, "", nil, "Accept", accept); r.status != 200 || r.header.Get("Content-Type") != want {
			t.Errorf("Accept %q: %d %q", accept, r.status, r.header.Get("Content-Type"))
		}
	}
	if r := f.do("GET", feed+".jsonld", "", nil, "Accept", "application/trig"); r.header.Get("Content-Type") != "application/ld+json" {
		t.Errorf("suffix .jsonld: %q", r.header.Get("Content-Type"))
	}
	if r := f.do("GET", "/catalog/feed.nq", "", nil); r.status != 200 || r.header.Get("Content-Type") != "application/n-quads" {
		t.Errorf("national feed as N-Quads: %d %v", r.status, r.header)
	}
	r := f.do("GET", feed, "", nil, "Accept", "text/turtle")
	if r.status != http.StatusNotAcceptable {
		t.Errorf("Turtle cannot hold a feed: %d", r.status)
	}
	r.problem(t)
	if r := f.do("GET", feed+"?after=x", "", nil); r.status != http.StatusBadRequest {
		t.Errorf("after=x: %d", r.status)
	} else if p := r.problem(t); len(p.Errors) != 1 || p.Errors[0].Pointer != "?after" {
		t.Errorf("after=x: %+v", p)
	}
	if r := f.do("GET", "/agencies/2021000837/datasets/feed", "", nil); r.status != http.StatusOK {
		t.Errorf("SCB's feed: %d", r.status)
	}
	if r := f.do("GET", "/agencies/2120000142/datasets/feed", "", nil); r.status != http.StatusNotFound {
		t.Errorf("an unknown agency's feed: %d", r.status)
	}
	if r := f.do("HEAD", feed, "", nil); r.status != 200 || len(r.body) != 0 || r.header.Get("ETag") == "" {
		t.Errorf("HEAD: %d %d bytes", r.status, len(r.body))
	}
}

// TestChangeFeedJena: Jena reads every page of an agency's and of the
// national feed, TriG, N-Quads and JSON-LD, as the same dataset katalog
// reads (KATALOG_REFEREE=1).
func TestChangeFeedJena(t *testing.T) {
	rdftest.RefereeSkip(t)
	f := newFixture(t, withImporter(t), withPageSize(4))
	agencyWrites(t, f)
	dir := t.TempDir()
	var inputs []rdftest.RefereeInput
	ours := map[string][]rdf.Quad{}
	for _, feed := range []string{"/agencies/" + orgDigg + "/datasets/feed", "/catalog/feed"} {
		for _, fm := range publish.FeedFormats {
			x := &feedFetcher{f: f, accept: fm.MediaType()}
			follow(t, x, exampleBase+feed, ldes.NewState())
			for url, body := range x.bodies {
				path := filepath.Join(dir, fmt.Sprintf("page-%d.%s", len(inputs), fm.Extension()))
				if err := os.WriteFile(path, body, 0o644); err != nil {
					t.Fatal(err)
				}
				qr, err := codec.NewQuadReader(fm, bytes.NewReader(body), url, codec.Limits{})
				if err != nil {
					t.Fatal(err)
				}
				qs, err := rdftest.ReadAllQuads(qr)
				if err != nil {
					t.Fatal(err)
				}
				ours[path] = qs
				inputs = append(inputs, rdftest.RefereeInput{Path: path, Syntax: string(fm), Base: url})
			}
		}
	}
	for path, res := range rdftest.JenaBatch(t, inputs) {
		if res.Err != "" {
			t.Errorf("Jena refuses %s: %s", path, res.Err)
			continue
		}
		if ok, why := rdftest.IsomorphicDatasets(ours[path], res.Quads); !ok {
			t.Errorf("Jena reads %s differently (%d quads, katalog %d): %s", path, len(res.Quads), len(ours[path]), why)
		}
	}
	t.Logf("Jena read %d pages", len(inputs))
}
