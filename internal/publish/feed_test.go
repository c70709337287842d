package publish_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/internal/dcattest"
	"github.com/katalog-se/katalog/internal/publish"
	"github.com/katalog-se/katalog/internal/rdftest"
)

const (
	skv  catalog.OrgNumber = "2021005448" // Skatteverket
	scb  catalog.OrgNumber = "2021000837" // Statistiska centralbyrån
	digg catalog.OrgNumber = "2021006883" // Digg: no datasets
)

// fixture fills a store with three agencies: Skatteverket with the full
// fixture dataset and n synthetic ones, SCB with m synthetic ones, Digg
// with none.
func fixture(t testing.TB, n, m int) catalog.Store {
	t.Helper()
	ctx := context.Background()
	st := openStore(t)
	a := dcattest.Agency()
	for _, ag := range []*catalog.Agency{
		a,
		{OrgNumber: scb, Name: catalog.LangString{"sv": "Statistiska centralbyrån", "en": "Statistics Sweden"}, Email: "scb@scb.se", Homepage: "https://www.scb.se/"},
		{OrgNumber: digg, Name: catalog.LangString{"sv": "Myndigheten för digital förvaltning", "en": "Agency for Digital Government"}},
	} {
		if err := st.CreateAgency(ctx, ag, []byte("hash-"+string(ag.OrgNumber))); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.CreateDataset(ctx, dcattest.Dataset()); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		d := dcattest.SyntheticDataset(skv, i)
		if err := st.CreateDataset(ctx, &d); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < m; i++ {
		d := dcattest.SyntheticDataset(scb, 1000+i)
		if err := st.CreateDataset(ctx, &d); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func builder(t testing.TB, st catalog.Store, opts publish.BuilderOptions) *publish.Builder {
	t.Helper()
	m, err := dcat.NewMapper(dcattest.Base)
	if err != nil {
		t.Fatal(err)
	}
	return publish.NewBuilder(st, m, opts)
}

// checkGraph runs the generic checks on a whole document.
func checkGraph(t *testing.T, g *rdftest.Recorder) {
	t.Helper()
	for _, msg := range g.CheckMandatory() {
		t.Error(msg)
	}
	seen := map[string]bool{}
	for _, tr := range g.Triples {
		line := tr.Serialize(rdf.NTriples)
		if seen[line] {
			t.Errorf("duplicate triple %s", line)
		}
		seen[line] = true
	}
}

func datasetIRI(id string) string { return dcattest.Base + "/datasets/" + id }

func agencyCatalog(org catalog.OrgNumber) string {
	return dcattest.Base + "/agencies/" + string(org) + "/datasets/dcat"
}

func TestAgencyFeed(t *testing.T) {
	ctx := context.Background()
	st := fixture(t, 5, 3)
	b := builder(t, st, publish.BuilderOptions{})
	g := &rdftest.Recorder{}
	if err := b.AgencyFeed(ctx, skv, g); err != nil {
		t.Fatal(err)
	}
	checkGraph(t, g)
	cat := agencyCatalog(skv)
	if got := len(g.Objects(cat, dcat.DCATDatasetProp)); got != 6 {
		t.Errorf("%d dcat:dataset links, want 6", got)
	}
	if got := len(g.OfType(dcat.DCATDataset)); got != 6 {
		t.Errorf("%d datasets, want 6", got)
	}
	for _, d := range g.Values(cat, dcat.DCATDatasetProp) {
		if len(g.Objects(d, dcat.DCTermsTitle)) == 0 {
			t.Errorf("linked dataset %s is not described", d)
		}
	}
	if !g.HasIRI(cat, dcat.DCATService, dcat.DataServiceIRI(datasetIRI(dcattest.DatasetID), "rest")) {
		t.Error("catalog does not link the data service")
	}
	if agents := g.OfType(dcat.FOAFAgent); len(agents) != 1 || agents[0].String() != skv.PublisherIRI() {
		t.Errorf("agents %v, want the publisher once", agents)
	}
	for _, s := range g.OfType(dcat.DCATDataset) {
		if strings.Contains(s.String(), "SCB") {
			t.Errorf("another agency's dataset %s", s)
		}
	}
	if err := b.AgencyFeed(ctx, "2021005026", g); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("unknown agency: %v, want ErrNotFound", err)
	}
}

func TestEmptyAgencyFeed(t *testing.T) {
	st := fixture(t, 0, 0)
	g := &rdftest.Recorder{}
	if err := builder(t, st, publish.BuilderOptions{}).AgencyFeed(context.Background(), digg, g); err != nil {
		t.Fatal(err)
	}
	if !g.HasIRI(agencyCatalog(digg), dcat.RDFType, dcat.DCATCatalog) || len(g.OfType(dcat.FOAFAgent)) != 1 {
		t.Error("an agency without datasets still has its catalog and publisher")
	}
}

func TestNationalFeed(t *testing.T) {
	ctx := context.Background()
	st := fixture(t, 4, 3)
	g := &rdftest.Recorder{}
	if err := builder(t, st, publish.BuilderOptions{}).NationalFeed(ctx, g); err != nil {
		t.Fatal(err)
	}
	checkGraph(t, g)
	nat := dcattest.Base + "/catalog"
	parts := g.Values(nat, dcat.DCTermsHasPart)
	want := []string{agencyCatalog(scb), agencyCatalog(skv)}
	if fmt.Sprint(parts) != fmt.Sprint(want) {
		t.Errorf("hasPart %v, want %v (Digg has no datasets)", parts, want)
	}
	for _, c := range want {
		if !g.HasIRI(c, dcat.DCTermsIsPartOf, nat) || len(g.Objects(c, dcat.DCTermsTitle)) == 0 {
			t.Errorf("sub-catalog %s is not described inline", c)
		}
	}
	if n := len(g.Objects(agencyCatalog(skv), dcat.DCATDatasetProp)); n != 5 {
		t.Errorf("Skatteverket: %d datasets, want 5", n)
	}
	if n := len(g.Objects(agencyCatalog(scb), dcat.DCATDatasetProp)); n != 3 {
		t.Errorf("SCB: %d datasets, want 3", n)
	}
	if !g.HasIRI(nat, dcat.DCTermsPublisher, dcattest.Base+"/#operator") || !g.HasIRI(dcattest.Base+"/#operator", dcat.RDFType, dcat.FOAFAgent) {
		t.Error("national catalog publisher is not the operator agent")
	}
	if n := len(g.OfType(dcat.FOAFAgent)); n != 3 {
		t.Errorf("%d agents, want operator + 2 publishers", n)
	}
}

func TestNationalFeedWithOperatorAgency(t *testing.T) {
	ctx := context.Background()
	st := fixture(t, 1, 1)
	op := dcattest.Agency() // Skatteverket operates katalog and publishes
	g := &rdftest.Recorder{}
	if err := builder(t, st, publish.BuilderOptions{Operator: op}).NationalFeed(ctx, g); err != nil {
		t.Fatal(err)
	}
	checkGraph(t, g) // no duplicate agent triples
	if !g.HasIRI(dcattest.Base+"/catalog", dcat.DCTermsPublisher, skv.PublisherIRI()) {
		t.Error("publisher is not the operating agency")
	}
	if n := len(g.OfType(dcat.FOAFAgent)); n != 2 {
		t.Errorf("%d agents, want 2", n)
	}
}

func TestDatasetDocument(t *testing.T) {
	ctx := context.Background()
	st := fixture(t, 2, 0)
	b := builder(t, st, publish.BuilderOptions{})
	g := &rdftest.Recorder{}
	if err := b.DatasetDocument(ctx, dcattest.DatasetID, g); err != nil {
		t.Fatal(err)
	}
	checkGraph(t, g)
	ds := datasetIRI(dcattest.DatasetID)
	if !g.HasIRI(agencyCatalog(skv), dcat.DCATDatasetProp, ds) {
		t.Error("no catalog back-link")
	}
	if len(g.OfType(dcat.DCATDataset)) != 1 || len(g.OfType(dcat.DCATDistribution)) != 2 || len(g.OfType(dcat.DCATDataService)) != 1 ||
		len(g.OfType(dcat.VCardOrganization)) != 1 || len(g.OfType(dcat.FOAFAgent)) != 1 {
		t.Error("the document lacks a resource of the dataset")
	}
	if err := b.DatasetDocument(ctx, "ffffffff-0000-4000-8000-000000000000", g); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("unknown dataset: %v, want ErrNotFound", err)
	}
}

// pageGraph writes one page and returns its graph and page node IRI.
func pageGraph(t *testing.T, b *publish.Builder, org catalog.OrgNumber, p publish.Paging) *rdftest.Recorder {
	t.Helper()
	g := &rdftest.Recorder{}
	var err error
	if org == "" {
		err = b.NationalPage(context.Background(), p, g)
	} else {
		err = b.AgencyPage(context.Background(), org, p, g)
	}
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestPaging(t *testing.T) {
	st := fixture(t, 11, 6)
	b := builder(t, st, publish.BuilderOptions{})
	for _, tc := range []struct {
		name  string
		org   catalog.OrgNumber
		path  string
		total int
	}{
		{"agency", skv, agencyCatalog(skv), 12},
		{"national", "", dcattest.Base + "/catalog", 18},
	} {
		for _, limit := range []int{1, 5, 6, 100} {
			t.Run(fmt.Sprintf("%s/limit=%d", tc.name, limit), func(t *testing.T) {
				pages := (tc.total + limit - 1) / limit
				link := func(n int) string { return fmt.Sprintf("%s.ttl?page=%d&limit=%d", tc.path, n, limit) }
				seen := map[string]int{}
				var order []string
				self := link(1)
				for n := 1; ; n++ {
					if n > pages+1 {
						t.Fatal("the next chain does not end")
					}
					g := pageGraph(t, b, tc.org, publish.Paging{Number: n, Limit: limit, Format: "turtle"})
					checkGraph(t, g)
					if self != link(n) {
						t.Fatalf("next of page %d is %s, want %s", n-1, self, link(n))
					}
					if !g.HasIRI(self, dcat.RDFType, dcat.HydraPagedCollection) {
						t.Fatalf("page %d: no hydra:PagedCollection <%s>", n, self)
					}
					if !g.HasTyped(self, dcat.HydraTotalItems, fmt.Sprint(tc.total), dcat.XSDInteger) ||
						!g.HasTyped(self, dcat.HydraItemsPerPage, fmt.Sprint(limit), dcat.XSDInteger) {
						t.Errorf("page %d: totalItems %v itemsPerPage %v", n, g.Values(self, dcat.HydraTotalItems), g.Values(self, dcat.HydraItemsPerPage))
					}
					for _, p := range [][2]string{{dcat.HydraFirst, link(1)}, {dcat.HydraFirstPage, link(1)}, {dcat.HydraLast, link(pages)}, {dcat.HydraLastPage, link(pages)}} {
						if !g.HasIRI(self, p[0], p[1]) {
							t.Errorf("page %d: %s = %v, want %s", n, p[0], g.Values(self, p[0]), p[1])
						}
					}
					prev := g.Values(self, dcat.HydraPrevious)
					if n == 1 && len(prev) != 0 || n > 1 && (len(prev) != 1 || prev[0] != link(n-1)) || fmt.Sprint(prev) != fmt.Sprint(g.Values(self, dcat.HydraPreviousPage)) {
						t.Errorf("page %d: previous %v", n, prev)
					}
					ds := g.OfType(dcat.DCATDataset)
					if len(ds) > limit || n < pages && len(ds) != limit {
						t.Errorf("page %d: %d datasets with limit %d", n, len(ds), limit)
					}
					for _, d := range ds {
						seen[d.String()]++
						order = append(order, d.String())
					}
					next := g.Values(self, dcat.HydraNext)
					if fmt.Sprint(next) != fmt.Sprint(g.Values(self, dcat.HydraNextPage)) {
						t.Errorf("page %d: next %v but nextPage %v", n, next, g.Values(self, dcat.HydraNextPage))
					}
					if len(next) == 0 {
						if n != pages {
							t.Errorf("the chain ends at page %d of %d", n, pages)
						}
						break
					}
					self = next[0]
				}
				if len(seen) != tc.total {
					t.Errorf("the chain covers %d datasets, want %d", len(seen), tc.total)
				}
				for d, c := range seen {
					if c != 1 {
						t.Errorf("%s on %d pages", d, c)
					}
				}
				if tc.org != "" {
					for i := 1; i < len(order); i++ {
						if order[i-1] >= order[i] {
							t.Errorf("pages not in ID order: %s before %s", order[i-1], order[i])
						}
					}
				}
			})
		}
		t.Run(tc.name+"/past the end", func(t *testing.T) {
			g := pageGraph(t, b, tc.org, publish.Paging{Number: 9, Limit: 5})
			self := fmt.Sprintf("%s?page=9&limit=5", tc.path)
			last := fmt.Sprintf("%s?page=%d&limit=5", tc.path, (tc.total+4)/5)
			if len(g.OfType(dcat.DCATDataset)) != 0 || len(g.Objects(self, dcat.HydraNext)) != 0 || !g.HasIRI(self, dcat.HydraPrevious, last) {
				t.Errorf("page past the end: previous %v", g.Values(self, dcat.HydraPrevious))
			}
		})
	}
	for _, bad := range []publish.Paging{{Number: 0, Limit: 5}, {Number: 1, Limit: 0}} {
		if err := b.AgencyPage(context.Background(), skv, bad, &rdftest.Recorder{}); err == nil {
			t.Errorf("paging %+v accepted", bad)
		}
	}
}

func TestSkipInvalid(t *testing.T) {
	ctx := context.Background()
	st := fixture(t, 2, 0)
	bad := dcattest.SyntheticDataset(skv, 77)
	bad.LandingPage = "www.example.se/utan-schema"
	if err := st.CreateDataset(ctx, &bad); err != nil {
		t.Fatal(err)
	}
	if err := builder(t, st, publish.BuilderOptions{}).AgencyFeed(ctx, skv, &rdftest.Recorder{}); err == nil || !strings.Contains(err.Error(), bad.ID) || !strings.Contains(err.Error(), "landingPage") {
		t.Errorf("error %v does not name the dataset and the field", err)
	}
	var skipped []error
	g := &rdftest.Recorder{}
	b := builder(t, st, publish.BuilderOptions{SkipInvalid: func(err error) { skipped = append(skipped, err) }})
	if err := b.AgencyFeed(ctx, skv, g); err != nil {
		t.Fatal(err)
	}
	if len(skipped) != 1 {
		t.Errorf("skipped %v", skipped)
	}
	checkGraph(t, g)
	for _, tr := range g.Triples {
		if strings.Contains(tr.Serialize(rdf.NTriples), bad.ID) {
			t.Errorf("a triple of the skipped dataset: %s", tr.Serialize(rdf.NTriples))
		}
	}
	if n := len(g.OfType(dcat.DCATDataset)); n != 3 {
		t.Errorf("%d datasets, want 3", n)
	}
}

func TestCancelled(t *testing.T) {
	st := fixture(t, 3, 0)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := builder(t, st, publish.BuilderOptions{}).AgencyFeed(ctx, skv, &rdftest.Recorder{}); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}
