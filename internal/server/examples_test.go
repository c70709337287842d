package server

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/syntax/codec"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/internal/publish"
	"github.com/katalog-se/katalog/internal/rdftest"
)

// exampleBase is the base URL the DCAT mapper mints IRIs under.
const exampleBase = "https://katalog.example.se"

// withDCAT wires the real feed pipeline, as cmd/katalog does: the DCAT-AP-SE
// mapper, the feed builder over the store, and the snapshot service whose
// generator is the builder. It returns the mapper through m.
func withDCAT(t testing.TB, m **dcat.Mapper) func(*Deps) {
	return func(d *Deps) {
		mapper, err := dcat.NewMapper(exampleBase)
		if err != nil {
			t.Fatal(err)
		}
		*m = mapper
		b := publish.NewBuilder(d.Store, mapper, publish.BuilderOptions{})
		svc, err := publish.NewCache(d.Store, publish.BuilderGenerator(b), publish.CacheOptions{Dir: t.TempDir(), Salt: "test"})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { svc.Close() })
		d.Feeds = svc
		d.BaseURL = exampleBase
	}
}

// exampleDistribution is what one of an example's distributions must say.
type exampleDistribution struct {
	accessURL, downloadURL, format, license, description string
}

// diggExample is one of Digg's DCAT-AP-SE examples
// (shared/data/dcat-ap-se/examples/{obligatoriskt,rekommenderat}.ttl)
// written as the API's JSON, with the values the feeds must carry.
type diggExample struct {
	name    string
	org     string
	agency  map[string]any
	dataset map[string]any

	publisherName, publisherType, homepage string
	titles                                 map[string]string // language → title
	contactName, email                     string            // email as the mailto: IRI
	distributions                          []exampleDistribution
	serviceTitle, endpointURL              string
}

const cc0 = "http://creativecommons.org/publicdomain/zero/1.0/"

func diggExamples() []diggExample {
	return []diggExample{
		{
			// The mandatory fields, plus a distribution with a data service
			// and a contact point. The example is DCAT-AP-SE 2: 3.0.1 also
			// wants the distribution's dct:format and the publisher's
			// dct:type (the API's default, NationalAuthority).
			name: "obligatoriskt",
			org:  orgDigg,
			agency: map[string]any{
				"orgNumber": orgDigg,
				"name":      map[string]string{"sv": "Exampel organization"},
			},
			dataset: map[string]any{
				"title":       map[string]string{"sv": "Matvaruaffärer i Sverige"},
				"description": map[string]string{"sv": "Vilka matvaruaffärer finns i Sverige, var finns de och vilka öppettider har de."},
				"contactPoint": map[string]any{
					"name":  "Öppna data gruppen på exempel organisationen",
					"email": "oppnadata@example.com",
				},
				"distributions": []map[string]any{{
					"id": "distribution1", "accessURL": "http://example.com/api", "format": "application/json", "accessService": "dataservice1",
				}},
				"dataServices": []map[string]any{{
					"id": "dataservice1", "title": map[string]string{"sv": "Exempel API"}, "endpointURL": "http://example.com/api",
				}},
			},
			publisherName: "Exampel organization",
			publisherType: "http://purl.org/adms/publishertype/NationalAuthority",
			titles:        map[string]string{"sv": "Matvaruaffärer i Sverige"},
			contactName:   "Öppna data gruppen på exempel organisationen",
			email:         "mailto:oppnadata@example.com",
			distributions: []exampleDistribution{{accessURL: "http://example.com/api", format: "application/json"}},
			serviceTitle:  "Exempel API",
			endpointURL:   "http://example.com/api",
		},
		{
			// The recommended fields (less the temporal coverage and the
			// postal address, which the domain does not hold).
			name: "rekommenderat",
			org:  orgSCB,
			agency: map[string]any{
				"orgNumber":     orgSCB,
				"name":          map[string]string{"sv": "Exempel organisation"},
				"publisherType": "NonProfitOrganisation",
				"homepage":      "http://example.com",
			},
			dataset: map[string]any{
				"title":        map[string]string{"sv": "Bibliotek i Sverige", "en": "Libraries in Sweden"},
				"description":  map[string]string{"sv": "Plats och öppettider för alla bibliotek i Sverige"},
				"keywords":     map[string][]string{"sv": {"bibliotek"}, "en": {"library"}},
				"themes":       []string{"EDUC"},
				"spatial":      []string{"http://sws.geonames.org/2661886"},
				"issued":       "2020-01-01",
				"accessRights": "PUBLIC",
				"contactPoint": map[string]any{
					"name":  "Öppna data gruppen på exempel organisationen",
					"email": "oppnadata@exemple.com",
					"phone": "+46012345678",
				},
				"distributions": []map[string]any{
					{
						"id":           "distribution1",
						"description":  map[string]string{"sv": "En förteckning över bibliotek inklusive namn, plats, adress och öppettider."},
						"format":       "text/csv",
						"accessURL":    "http://example.com/download",
						"downloadURL":  "http://example.com/download",
						"license":      "CC0 1.0",
						"availability": "EXPERIMENTAL",
					},
					{
						"id":            "distribution2",
						"description":   map[string]string{"sv": "Åtkomst till bibliotek via ett API"},
						"format":        "application/json",
						"accessURL":     "http://example.com/api",
						"license":       cc0,
						"accessService": "dataservice1",
						"availability":  "EXPERIMENTAL",
					},
				},
				"dataServices": []map[string]any{{
					"id":                  "dataservice1",
					"title":               map[string]string{"sv": "API exempel"},
					"license":             cc0,
					"accessRights":        "PUBLIC",
					"endpointURL":         "http://example.com/api",
					"endpointDescription": "http://example.com/apidescription",
				}},
			},
			publisherName: "Exempel organisation",
			publisherType: "http://purl.org/adms/publishertype/NonProfitOrganisation",
			homepage:      "http://example.com",
			titles:        map[string]string{"sv": "Bibliotek i Sverige", "en": "Libraries in Sweden"},
			contactName:   "Öppna data gruppen på exempel organisationen",
			email:         "mailto:oppnadata@exemple.com",
			distributions: []exampleDistribution{
				{accessURL: "http://example.com/download", downloadURL: "http://example.com/download", format: "text/csv", license: cc0,
					description: "En förteckning över bibliotek inklusive namn, plats, adress och öppettider."},
				{accessURL: "http://example.com/api", format: "application/json", license: cc0, description: "Åtkomst till bibliotek via ett API"},
			},
			serviceTitle: "API exempel",
			endpointURL:  "http://example.com/api",
		},
	}
}

// TestDiggExamplesThroughTheAPI posts Digg's two DCAT-AP-SE examples as
// agency and dataset JSON, reads the agency's feed (RDF/XML, what
// dataportal.se harvests) and the dataset's own document (Turtle) with
// katalog's readers, and checks both: every mandatory DCAT-AP-SE 3.0.1
// property of every class (rdftest.Mandatory) and the example's values.
func TestDiggExamplesThroughTheAPI(t *testing.T) {
	var m *dcat.Mapper
	f := newFixture(t, withDCAT(t, &m))
	for _, ex := range diggExamples() {
		t.Run(ex.name, func(t *testing.T) {
			r := f.do("POST", "/api/v1/agencies", testAdmin, ex.agency)
			if r.status != http.StatusCreated {
				t.Fatalf("register: %d %s", r.status, r.body)
			}
			var agency struct{ Token string }
			r.json(t, &agency)
			r = f.do("POST", "/api/v1/agencies/"+ex.org+"/datasets", agency.Token, ex.dataset)
			if r.status != http.StatusCreated {
				t.Fatalf("create dataset: %d %s", r.status, r.body)
			}
			var d struct{ ID string }
			r.json(t, &d)
			ds, err := m.DatasetIRI(d.ID)
			if err != nil {
				t.Fatal(err)
			}
			cat, err := m.AgencyCatalogIRI(catalog.OrgNumber(ex.org))
			if err != nil {
				t.Fatal(err)
			}

			for _, doc := range []struct {
				path   string
				format rdfio.Format
			}{
				{"/agencies/" + ex.org + "/datasets/dcat", rdfio.RDFXML},
				{"/datasets/" + d.ID, rdfio.Turtle},
			} {
				r := f.do("GET", doc.path, "", nil, "Accept", doc.format.MediaType())
				if r.status != http.StatusOK {
					t.Fatalf("GET %s: %d %s", doc.path, r.status, r.body)
				}
				g := readGraph(t, doc.format, r.body)
				t.Logf("GET %s: %d triples of %s", doc.path, len(g.Triples), doc.format)
				for _, msg := range g.CheckMandatory() {
					t.Errorf("%s: %s", doc.path, msg)
				}
				if !g.HasIRI(cat, dcat.DCATDatasetProp, ds) {
					t.Errorf("%s: catalog <%s> does not list dataset <%s>", doc.path, cat, ds)
				}
				checkExample(t, doc.path, g, ds, ex)
			}
		})
	}
}

// readGraph parses body with katalog's reader of format.
func readGraph(t *testing.T, format rdfio.Format, body []byte) *rdftest.Recorder {
	t.Helper()
	rd, err := codec.NewReader(format, bytes.NewReader(body), exampleBase+"/", codec.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	g := &rdftest.Recorder{}
	for {
		tr, err := rd.Read()
		if errors.Is(err, io.EOF) {
			return g
		}
		if err != nil {
			t.Fatalf("%s does not parse: %v\n%s", format, err, body)
		}
		g.Triples = append(g.Triples, tr)
	}
}

// checkExample checks that dataset ds in g carries the example's values.
func checkExample(t *testing.T, doc string, g *rdftest.Recorder, ds string, ex diggExample) {
	fail := func(format string, a ...any) {
		t.Helper()
		t.Errorf(doc+": "+format, a...)
	}
	if !g.HasIRI(ds, dcat.RDFType, dcat.DCATDataset) {
		fail("no dcat:Dataset <%s>", ds)
	}
	for lang, title := range ex.titles {
		if !g.HasLang(ds, dcat.DCTermsTitle, title, lang) {
			fail("dataset title %q@%s missing; titles %v", title, lang, g.Values(ds, dcat.DCTermsTitle))
		}
	}

	pubs := g.Objects(ds, dcat.DCTermsPublisher)
	if len(pubs) != 1 {
		fail("publishers %v, want one", pubs)
	} else {
		pub := pubs[0].String()
		if !g.HasLang(pub, dcat.FOAFName, ex.publisherName, "sv") {
			fail("publisher name %v, want %q@sv", g.Values(pub, dcat.FOAFName), ex.publisherName)
		}
		if !g.HasIRI(pub, dcat.DCTermsType, ex.publisherType) {
			fail("publisher type %v, want <%s>", g.Values(pub, dcat.DCTermsType), ex.publisherType)
		}
		if ex.homepage != "" && !g.HasIRI(pub, dcat.FOAFHomepage, ex.homepage) {
			fail("publisher homepage %v, want <%s>", g.Values(pub, dcat.FOAFHomepage), ex.homepage)
		}
	}

	cps := g.Objects(ds, dcat.DCATContactPoint)
	if len(cps) != 1 {
		fail("contact points %v, want one", cps)
	} else {
		cp := cps[0].String()
		if !g.HasIRI(cp, dcat.VCardHasEmail, ex.email) {
			fail("contact e-mail %v, want <%s>", g.Values(cp, dcat.VCardHasEmail), ex.email)
		}
		if got := g.Values(cp, dcat.VCardFn); len(got) != 1 || got[0] != ex.contactName {
			fail("contact name %v, want %q", got, ex.contactName)
		}
	}

	// Each expected distribution is one of the dataset's, matched by its
	// access URL and format.
	dists := g.Objects(ds, dcat.DCATDistributionProp)
	if len(dists) != len(ex.distributions) {
		fail("%d distributions, want %d", len(dists), len(ex.distributions))
	}
	for _, want := range ex.distributions {
		found := false
		for _, o := range dists {
			x := o.String()
			if !g.HasIRI(x, dcat.DCATAccessURL, want.accessURL) || !g.HasTyped(x, dcat.DCTermsFormat, want.format, dcat.XSDString) {
				continue
			}
			found = true
			if want.downloadURL != "" && !g.HasIRI(x, dcat.DCATDownloadURL, want.downloadURL) {
				fail("distribution <%s>: download URL %v, want <%s>", x, g.Values(x, dcat.DCATDownloadURL), want.downloadURL)
			}
			if want.license != "" && !g.HasIRI(x, dcat.DCTermsLicense, want.license) {
				fail("distribution <%s>: licence %v, want <%s>", x, g.Values(x, dcat.DCTermsLicense), want.license)
			}
			if want.description != "" && !g.HasLang(x, dcat.DCTermsDescription, want.description, "sv") {
				fail("distribution <%s>: description %v, want %q@sv", x, g.Values(x, dcat.DCTermsDescription), want.description)
			}
		}
		if !found {
			fail("no distribution with access URL <%s> and format %q", want.accessURL, want.format)
		}
	}

	svcs := g.OfType(dcat.DCATDataService)
	if len(svcs) != 1 {
		fail("data services %v, want one", svcs)
		return
	}
	svc := svcs[0].String()
	if !g.HasLang(svc, dcat.DCTermsTitle, ex.serviceTitle, "sv") || !g.HasIRI(svc, dcat.DCATEndpointURL, ex.endpointURL) {
		fail("data service <%s>: title %v, endpoint %v; want %q@sv, <%s>", svc,
			g.Values(svc, dcat.DCTermsTitle), g.Values(svc, dcat.DCATEndpointURL), ex.serviceTitle, ex.endpointURL)
	}
	served := false
	for _, o := range dists {
		served = served || g.HasIRI(o.String(), dcat.DCATAccessService, svc)
	}
	if !served {
		fail("no distribution's dcat:accessService is <%s>", svc)
	}
}
