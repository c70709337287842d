package importer_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/katalog-se/katalog/internal/importer"
)

// TestImportURLKeepsPagesBlankNodesApart: each page of a paged feed
// labels its blank nodes from scratch, so the same label on two pages
// names two nodes: each dataset keeps its own contact point.
func TestImportURLKeepsPagesBlankNodesApart(t *testing.T) {
	e := newEnv(t, importer.WithFetcher(httpFetcher{http.DefaultClient}))
	pages := make([]string, 2)
	for i := range pages {
		pages[i] = fmt.Sprintf(`<https://data.example.se/ds/%d> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset> .
<https://data.example.se/ds/%d> <http://purl.org/dc/terms/title> "Sida %d"@sv .
<https://data.example.se/ds/%d> <http://purl.org/dc/terms/description> "Datamängden på sida %d"@sv .
<https://data.example.se/ds/%d> <http://www.w3.org/ns/dcat#contactPoint> _:c .
_:c <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2006/vcard/ns#Organization> .
_:c <http://www.w3.org/2006/vcard/ns#fn> "Enhet %d" .
_:c <http://www.w3.org/2006/vcard/ns#hasEmail> <mailto:enhet%d@example.se> .
`, i, i, i, i, i, i, i, i)
	}
	srv := pagedServer(t, pages, func(i int) int {
		if i+1 < len(pages) {
			return i + 1
		}
		return -1
	})
	ctx := context.Background()
	rep, err := e.im.ImportURL(ctx, e.agency.OrgNumber, srv.URL+"/page/0", importer.FormatAuto, importer.Options{})
	must(t, err)
	if rep.Pages != 2 || len(rep.Added) != 2 {
		t.Fatalf("report %+v, want 2 pages and 2 datasets", rep)
	}
	for _, id := range rep.Added {
		d, err := e.store.DatasetByID(ctx, id)
		must(t, err)
		var i int
		if _, err := fmt.Sscanf(d.IRI, "https://data.example.se/ds/%d", &i); err != nil {
			t.Fatalf("dataset %s: IRI %q", id, d.IRI)
		}
		want := fmt.Sprintf("enhet%d@example.se", i)
		if d.ContactPoint == nil || d.ContactPoint.Email != want || d.ContactPoint.Name != fmt.Sprintf("Enhet %d", i) {
			t.Errorf("%s: contact point %+v, want Enhet %d <%s>", d.IRI, d.ContactPoint, i, want)
		}
	}
}
