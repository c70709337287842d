package readiness

import (
	"context"
	"fmt"
	"iter"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/outbound"
	"github.com/katalog-se/katalog/internal/store/storetest"
)

// fakeRunner is a LinkRunner that keeps what it was given.
type fakeRunner struct {
	org   catalog.OrgNumber
	links []Link
	done  bool
}

func (f *fakeRunner) RunLinks(ctx context.Context, org catalog.OrgNumber, _ time.Time, links iter.Seq[Link], total int) (LinkSummary, bool, error) {
	f.org = org
	for l := range links {
		f.links = append(f.links, l)
	}
	if !f.done {
		<-ctx.Done() // the check's time limit passes first
		return LinkSummary{Checked: 1, OK: 1}, false, nil
	}
	return LinkSummary{Checked: total, OK: total}, true, nil
}

// TestAgencyLinksComplete: an agency's check hands every URL of its
// catalog to the link runner once, with every property it appeared under:
// accessURL, downloadURL, landingPage, endpointURL, endpointDescription,
// conformsTo and foaf:page. The runner records the table itself, so the
// check does not; when it has not finished, the check says the rest comes
// later. Before #16, endpointURL, conformsTo and foaf:page were never
// checked.
func TestAgencyLinksComplete(t *testing.T) {
	doc := `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#"
    xmlns:dcterms="http://purl.org/dc/terms/" xmlns:foaf="http://xmlns.com/foaf/0.1/">
  <dcat:Catalog rdf:about="https://example.se/c"><dcat:dataset rdf:resource="https://example.se/ds"/></dcat:Catalog>
  <dcat:Dataset rdf:about="https://example.se/ds">
    <dcat:landingPage rdf:resource="https://example.se/page"/>
    <foaf:page rdf:resource="https://example.se/page"/>
    <dcterms:conformsTo rdf:resource="https://example.se/standard"/>
    <dcat:distribution><dcat:Distribution rdf:about="https://example.se/d">
      <dcat:accessURL rdf:resource="https://example.se/api"/>
      <dcat:downloadURL rdf:resource="https://example.se/file.csv"/>
    </dcat:Distribution></dcat:distribution>
  </dcat:Dataset>
  <dcat:DataService rdf:about="https://example.se/s">
    <dcat:endpointURL rdf:resource="https://example.se/api"/>
    <dcat:endpointDescription rdf:resource="https://example.se/openapi.yaml"/>
  </dcat:DataService>
</rdf:RDF>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rdf+xml")
		fmt.Fprint(w, doc)
	}))
	t.Cleanup(srv.Close)
	a := storetest.NewAgency(storetest.OrgDigg)
	a.HarvestURL = srv.URL + "/datasets/dcat"
	for _, done := range []bool{true, false} {
		runner := &fakeRunner{done: done}
		recorded := 0
		c := NewChecker(Options{Client: outbound.NewClient(outbound.LoopbackOptions()), SkipProbes: true, Links: runner, Timeout: 500 * time.Millisecond})
		ac, err := c.CheckAgency(t.Context(), *a, Recorders{Links: func(context.Context, catalog.OrgNumber, time.Time, []catalog.LinkResult) error {
			recorded++
			return nil
		}})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, l := range runner.links {
			got[strings.TrimPrefix(l.URL, "https://example.se/")] = strings.Join(l.Kinds, ",")
		}
		want := map[string]string{"page": "landingPage,page", "standard": "conformsTo", "api": "accessURL,endpointURL",
			"file.csv": "downloadURL", "openapi.yaml": "endpointDescription"}
		if runner.org != a.OrgNumber || len(runner.links) != len(want) || !maps.Equal(got, want) {
			t.Errorf("links given to the runner: %v, want %v", got, want)
		}
		if recorded != 0 {
			t.Error("the check recorded the link table the runner records")
		}
		if has := strings.Contains(string(ac.Report), RuleCheckDeadline); has == done {
			t.Errorf("done %v: deadline finding %v", done, has)
		}
	}
}
