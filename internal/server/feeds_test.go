package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/internal/publish"
)

// withFeeds wires a real snapshot service whose generator names the request
// and the revision, so the HTTP behaviour is tested apart from DCAT mapping.
func withFeeds(t testing.TB) func(*Deps) {
	return func(d *Deps) {
		gen := func(ctx context.Context, r publish.Request, w io.Writer) error {
			rev, err := d.Store.Revision(ctx, r.Org)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(w, "format=%s org=%s dataset=%s page=%d limit=%d rev=%d\n", r.Format, r.Org, r.DatasetID, r.Page, r.Limit, rev.Seq)
			return err
		}
		svc, err := publish.NewCache(d.Store, gen, publish.CacheOptions{Dir: t.TempDir(), Salt: "test"})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { svc.Close() })
		d.Feeds = svc
	}
}

func TestFeedNegotiationAndSuffixes(t *testing.T) {
	f := newFixture(t, withFeeds(t))
	f.register(orgDigg, "Digg")
	feed := "/agencies/" + orgDigg + "/datasets/dcat"
	cases := []struct {
		path, accept, wantType, wantFormat string
	}{
		{feed, "", "application/rdf+xml", "rdfxml"},
		{feed, "*/*", "application/rdf+xml", "rdfxml"},
		{feed, "text/turtle", "text/turtle; charset=utf-8", "turtle"},
		{feed, "application/n-triples", "application/n-triples", "ntriples"},
		{feed, "application/ld+json", "application/ld+json", "jsonld"},
		{feed, "text/turtle;q=0.5, application/rdf+xml;q=0.9", "application/rdf+xml", "rdfxml"},
		{feed, "text/html;q=0.5, text/*;q=0.8", "text/turtle; charset=utf-8", "turtle"},
		{feed, "text/turtle, text/html;q=0.9", "text/turtle; charset=utf-8", "turtle"},
		{feed + ".ttl", "application/rdf+xml", "text/turtle; charset=utf-8", "turtle"},
		{feed + ".rdf", "", "application/rdf+xml", "rdfxml"},
		{feed + ".nt", "", "application/n-triples", "ntriples"},
		{feed + ".jsonld", "", "application/ld+json", "jsonld"},
		{"/catalog", "", "application/rdf+xml", "rdfxml"},
		{"/catalog.ttl", "", "text/turtle; charset=utf-8", "turtle"},
	}
	for _, tc := range cases {
		r := f.do("GET", tc.path, "", nil, "Accept", tc.accept)
		if r.status != 200 {
			t.Errorf("%s (%s): %d %s", tc.path, tc.accept, r.status, r.body)
			continue
		}
		if got := r.header.Get("Content-Type"); got != tc.wantType {
			t.Errorf("%s (%s): Content-Type %q, want %q", tc.path, tc.accept, got, tc.wantType)
		}
		if !strings.Contains(string(r.body), "format="+tc.wantFormat) {
			t.Errorf("%s (%s): body %q", tc.path, tc.accept, r.body)
		}
		if r.header.Get("Vary") != "Accept, Accept-Encoding" || r.header.Get("ETag") == "" || r.header.Get("Last-Modified") == "" || r.header.Get("Cache-Control") == "" {
			t.Errorf("%s: caching headers %v", tc.path, r.header)
		}
	}
	// A browser gets a page about the catalog (the feed in every syntax
	// linked from it); a client that accepts nothing katalog has, 406.
	r := f.do("GET", feed, "", nil, "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") || !strings.Contains(string(r.body), feed+".ttl") {
		t.Fatalf("a browser asking for the feed: %d %s", r.status, r.header.Get("Content-Type"))
	}
	r = f.do("GET", feed, "", nil, "Accept", "image/png")
	if r.status != 406 {
		t.Fatalf("image/png only: %d", r.status)
	}
	r.problem(t)
	if r := f.do("GET", "/agencies/2021000837/datasets/dcat", "", nil); r.status != 404 {
		t.Fatalf("unknown agency feed: %d", r.status)
	}
}

func TestFeedConditionalGetHeadAndGzip(t *testing.T) {
	f := newFixture(t, withFeeds(t))
	token := f.register(orgDigg, "Digg")
	feed := "/agencies/" + orgDigg + "/datasets/dcat"
	first := f.do("GET", feed, "", nil)
	etag, lastMod := first.header.Get("ETag"), first.header.Get("Last-Modified")

	if r := f.do("GET", feed, "", nil, "If-None-Match", etag); r.status != 304 || len(r.body) != 0 || r.header.Get("ETag") != etag {
		t.Fatalf("If-None-Match: %d %q", r.status, r.body)
	}
	if r := f.do("GET", feed, "", nil, "If-None-Match", `"other", `+etag); r.status != 304 {
		t.Fatalf("If-None-Match list: %d", r.status)
	}
	if r := f.do("GET", feed, "", nil, "If-Modified-Since", lastMod); r.status != 304 {
		t.Fatalf("If-Modified-Since: %d", r.status)
	}
	if r := f.do("GET", feed, "", nil, "If-None-Match", `"stale"`, "If-Modified-Since", lastMod); r.status != 200 {
		t.Fatalf("a failing If-None-Match must win over If-Modified-Since: %d", r.status)
	}

	head := f.do("HEAD", feed, "", nil)
	if head.status != 200 || len(head.body) != 0 || head.header.Get("ETag") != etag || head.header.Get("Content-Length") != fmt.Sprint(len(first.body)) {
		t.Fatalf("HEAD: %d, %d bytes, headers %v", head.status, len(head.body), head.header)
	}

	// gzip when asked; a distinct tag for the distinct bytes.
	req, _ := http.NewRequest("GET", f.srv.URL+feed, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	tr := &http.Transport{DisableCompression: true}
	res, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	zipped, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.Header.Get("Content-Encoding") != "gzip" || res.Header.Get("ETag") == etag {
		t.Fatalf("gzip headers %v", res.Header)
	}
	zr, err := gzip.NewReader(bytes.NewReader(zipped))
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(zr)
	if !bytes.Equal(plain, first.body) {
		t.Fatalf("gunzipped %q, want %q", plain, first.body)
	}

	// A write changes the tag; the old one no longer matches.
	f.do("POST", "/api/v1/agencies/"+orgDigg+"/datasets", token, datasetBody("ny"))
	r := f.do("GET", feed, "", nil, "If-None-Match", etag)
	if r.status != 200 || r.header.Get("ETag") == etag || bytes.Equal(r.body, first.body) {
		t.Fatalf("after a write: %d %s", r.status, r.header.Get("ETag"))
	}
}

func TestFeedPagingParameters(t *testing.T) {
	f := newFixture(t, withFeeds(t))
	f.register(orgDigg, "Digg")
	r := f.do("GET", "/catalog?page=2&limit=10", "", nil)
	if r.status != 200 || !strings.Contains(string(r.body), "page=2 limit=10") {
		t.Fatalf("%d %s", r.status, r.body)
	}
	if r := f.do("GET", "/catalog?page=0", "", nil); r.status != 400 {
		t.Fatalf("page=0: %d", r.status)
	}
}

func TestDatasetDocumentSuffix(t *testing.T) {
	f := newFixture(t, withFeeds(t))
	token := f.register(orgDigg, "Digg")
	r := f.do("POST", "/api/v1/agencies/"+orgDigg+"/datasets", token, datasetBody("x"))
	var d struct{ ID string }
	r.json(t, &d)
	r = f.do("GET", "/datasets/"+d.ID+".ttl", "", nil)
	if r.status != 200 || !strings.Contains(string(r.body), "format=turtle") || !strings.Contains(string(r.body), "dataset="+d.ID) {
		t.Fatalf("%d %s", r.status, r.body)
	}
	if r := f.do("GET", "/datasets/no-such-id", "", nil); r.status != 404 {
		t.Fatalf("unknown dataset: %d", r.status)
	}
}
