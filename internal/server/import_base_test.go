package server

import (
	"strings"
	"testing"
)

// TestImportBaseParam: an import's ?base= that is not an absolute IRI is
// a 400 naming base, and nothing is imported; an absolute one is taken.
func TestImportBaseParam(t *testing.T) {
	f := newFixture(t, withImporter(t))
	digg := f.register(orgDigg, "Digg")
	path := "/api/v1/agencies/" + orgDigg + "/import"
	feed := "/agencies/" + orgDigg + "/datasets/dcat"
	tt := []string{"Content-Type", "text/turtle"}
	etag := f.do("GET", feed, "", nil).header.Get("ETag")
	r := f.do("POST", path+"?base=x/", digg, importTurtle(orgDigg, "Ett"), tt...)
	if r.status != 400 || !strings.Contains(r.problem(t).Detail, "base") {
		t.Fatalf("base=x/: %d %s, want 400 naming base", r.status, r.body)
	}
	if r := f.do("GET", feed, "", nil, "If-None-Match", etag); r.status != 304 {
		t.Errorf("feed after a refused base: %d, want 304 (nothing imported)", r.status)
	}
	if r := f.do("POST", path+"?base=https://x.se/", digg, importTurtle(orgDigg, "Ett"), tt...); r.status != 200 {
		t.Errorf("base=https://x.se/: %d %s", r.status, r.body)
	}
}
