package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/outbound"
	"github.com/katalog-se/katalog/internal/readiness"
	"github.com/katalog-se/katalog/internal/store/sqlite"
	"github.com/katalog-se/katalog/internal/store/storetest"
	"github.com/katalog-se/katalog/internal/write"
)

// TestCheckRunnerObserves: the scheduler's runner keeps, through the write
// path, what an agency publishes where it publishes it, and says when a
// discovery found no endpoint.
func TestCheckRunnerObserves(t *testing.T) {
	const doc = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dcterms="http://purl.org/dc/terms/">
  <dcat:Catalog rdf:about="https://example.se/catalog"><dcat:dataset>
    <dcat:Dataset rdf:about="https://example.se/ds/1"><dcterms:title xml:lang="sv">Ett</dcterms:title></dcat:Dataset>
  </dcat:dataset></dcat:Catalog>
</rdf:RDF>`
	own := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/datasets/dcat" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/rdf+xml")
		io.WriteString(w, doc)
	}))
	t.Cleanup(own.Close)
	none := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(none.Close)
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	checker := readiness.NewChecker(readiness.Options{Client: outbound.NewClient(outbound.LoopbackOptions()), SkipLinks: true})
	run := checkRunner(checker, write.New(st, write.Options{}))

	for _, tc := range []struct {
		name, harvest, home string
		found               bool
	}{
		{"registered", own.URL + "/datasets/dcat", "", true},
		{"discovered", "", own.URL, true},
		{"none at the conventional address", "", none.URL + "/om-oss/", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := storetest.NewAgency(storetest.OrgDigg)
			a.HarvestURL, a.Homepage = tc.harvest, tc.home
			if tc.name == "registered" {
				if err := st.CreateAgency(t.Context(), a, nil); err != nil {
					t.Fatal(err)
				}
			}
			res, err := run(t.Context(), *a)
			if err != nil {
				t.Fatal(err)
			}
			o, err := st.LatestObservation(t.Context(), a.OrgNumber)
			if err != nil || o.Found != tc.found || o.Discovered != (tc.harvest == "") || res.URL != o.URL || res.NoEndpoint == tc.found {
				t.Errorf("result %+v; observation %+v, %v", res, o, err)
			}
			if (tc.harvest == "") && res.URL != catalogURL(tc.home) {
				t.Errorf("discovery reported %s", res.URL)
			}
		})
	}
	if _, total, err := st.ObservedCatalogs(t.Context(), storetest.OrgDigg, catalogPage()); err != nil || total != 1 {
		t.Errorf("%d versions (%v), want 1: the same catalog registered and discovered", total, err)
	}
}

func catalogPage() catalog.Page { return catalog.Page{Number: 1, Limit: 10} }

// catalogURL is where the catalog of the loopback homepage is looked for
// and found (over http: the test servers have no TLS).
func catalogURL(home string) string { return catalog.ConventionURLs(home)[1] }
