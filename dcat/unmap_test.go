package dcat_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/syntax/turtle"
	"github.com/katalog-se/katalog/internal/dcattest"
	"github.com/katalog-se/katalog/internal/rdftest"
)

// mapped returns the triples of the agency's catalog with datasets ds.
func mapped(t *testing.T, m *dcat.Mapper, a *catalog.Agency, ds ...*catalog.Dataset) []rdf.Triple {
	t.Helper()
	var ts []rdf.Triple
	emit := func(tr rdf.Triple) error { ts = append(ts, tr); return nil }
	must(t, m.CatalogHeader(a, catalog.Revision{}, emit))
	must(t, m.Agent(a, emit))
	cat, err := m.AgencyCatalogIRI(a.OrgNumber)
	must(t, err)
	for _, d := range ds {
		must(t, m.CatalogLinks(cat, d, emit))
		must(t, m.Dataset(d, a, emit))
	}
	return ts
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func graphOf(ts []rdf.Triple) *dcat.Graph {
	g := dcat.NewGraph()
	for _, tr := range ts {
		g.Add(tr)
	}
	return g
}

// sameContent fails t, showing both datasets, unless got and want have
// the same content (equal content hashes).
func sameContent(t *testing.T, what string, got, want catalog.Dataset) {
	t.Helper()
	g, err := got.ContentHash()
	must(t, err)
	w, err := want.ContentHash()
	must(t, err)
	if g != w {
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(want)
		t.Errorf("%s differs:\n got %s\nwant %s", what, gj, wj)
	}
}

func TestUnmapRoundTrip(t *testing.T) {
	m := mapper(t)
	a := dcattest.Agency()
	d := dcattest.Dataset()
	ts := mapped(t, m, a, d)
	got := m.Unmap(graphOf(ts))
	if len(got.Datasets) != 1 {
		t.Fatalf("Unmap found %d datasets, want 1", len(got.Datasets))
	}
	if len(got.Notes) != 0 {
		t.Errorf("notes on katalog's own output: %+v", got.Notes)
	}
	want := *d
	want.Themes = slices.Sorted(slices.Values(d.Themes))
	// What the mapping canonicalises or fills in.
	want.Distributions = slices.Clone(d.Distributions)
	want.Distributions[1].License = "http://creativecommons.org/publicdomain/zero/1.0/"
	want.DataServices = slices.Clone(d.DataServices)
	want.DataServices[0].Format = dcat.DefaultServiceFormat
	want.ContactPoint = &catalog.ContactPoint{Name: d.ContactPoint.Name, Email: d.ContactPoint.Email, URL: d.ContactPoint.URL, Phone: "+46771567567"}
	// Distributions and services come back ordered by IRI.
	slices.SortFunc(want.Distributions, func(x, y catalog.Distribution) int { return strings.Compare(x.ID, y.ID) })
	sameContent(t, "round trip", got.Datasets[0], want)
	if got.Datasets[0].ID != d.ID || got.Datasets[0].IRI != "" {
		t.Errorf("ID %q IRI %q, want ID %q and no IRI (katalog mints it)", got.Datasets[0].ID, got.Datasets[0].IRI, d.ID)
	}
	if want := []string{a.OrgNumber.PublisherIRI()}; !slices.Equal(got.Publishers, want) {
		t.Errorf("Publishers = %q, want %q", got.Publishers, want)
	}
	if len(got.Catalogs) != 1 {
		t.Errorf("Catalogs = %q", got.Catalogs)
	}

	// Mapping what Unmap read gives the same triples again.
	again := mapped(t, m, a, &got.Datasets[0])
	if ok, why := rdftest.Isomorphic(again, ts); !ok {
		t.Errorf("map ∘ unmap ∘ map differs from map: %s", why)
	}
}

func TestUnmapIgnoresTripleOrder(t *testing.T) {
	m := mapper(t)
	a := dcattest.Agency()
	var ds []*catalog.Dataset
	for i := range 5 {
		d := dcattest.SyntheticDataset(a.OrgNumber, i)
		ds = append(ds, &d)
	}
	ds = append(ds, dcattest.Dataset())
	ts := mapped(t, m, a, ds...)
	want, _ := json.Marshal(m.Unmap(graphOf(ts)))
	r := rand.New(rand.NewPCG(1, 2))
	for range 5 {
		r.Shuffle(len(ts), func(i, j int) { ts[i], ts[j] = ts[j], ts[i] })
		if got, _ := json.Marshal(m.Unmap(graphOf(ts))); string(got) != string(want) {
			t.Fatalf("shuffled input reads differently:\n got %s\nwant %s", got, want)
		}
	}
}

// foreignFeed is a catalog as other tools write it: the agency's own IRIs
// (one with a fragment), blank-node distributions, untagged text, formats
// as IRIs, an e-mail as a literal, a service found through servesDataset.
const foreignFeed = `
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .

<https://data.skv.se/catalog> a dcat:Catalog ;
  dcterms:publisher <http://dataportal.se/organisation/SE2021005448> ;
  dcat:dataset <https://data.skv.se/catalog#skatt>, <https://data.skv.se/ds/moms> .

<https://data.skv.se/catalog#skatt> a dcat:Dataset ;
  dcterms:title "Skattetabeller", "Tax tables"@en ;
  dcterms:description "Tabeller"@sv, "Andra tabeller" ;
  dcat:keyword "skatt", "tabell"@SV ;
  dcterms:identifier "skv-1" ;
  dcat:contactPoint [ a vcard:Organization ; vcard:fn "Kundtjänst" ; vcard:hasEmail "kund@skv.se" ] ;
  dcat:distribution [ dcat:accessURL <https://skv.se/b> ; dcterms:format <http://publications.europa.eu/resource/authority/file-type/CSV> ],
                    [ dcat:accessURL <https://skv.se/a> ; dcterms:format <https://www.iana.org/assignments/media-types/application/json> ;
                      dcat:byteSize "12.0" ; dcat:accessService <https://data.skv.se/api> ] .

<https://data.skv.se/ds/moms> a dcat:Dataset ;
  dcterms:title "Moms"@sv ;
  dcterms:description "Momssatser"@sv ;
  dcat:distribution <https://data.skv.se/ds/moms/dist/xlsx> .

<https://data.skv.se/ds/moms/dist/xlsx> a dcat:Distribution ;
  dcat:accessURL <https://skv.se/moms.xlsx> ;
  dcterms:format <http://example.org/format/strange> .

<https://data.skv.se/api> a dcat:DataService ;
  dcterms:title "Skatte-API"@sv ;
  dcat:endpointURL <https://api.skv.se/> ;
  dcat:servesDataset <https://data.skv.se/catalog#skatt> .
`

func TestUnmapForeignFeed(t *testing.T) {
	m := mapper(t)
	g := dcat.NewGraph()
	if _, err := g.ReadFrom(turtle.NewReader(strings.NewReader(foreignFeed), "")); err != nil {
		t.Fatal(err)
	}
	got := m.Unmap(g)
	if len(got.Datasets) != 2 {
		t.Fatalf("%d datasets, want 2", len(got.Datasets))
	}
	skatt, moms := got.Datasets[0], got.Datasets[1]
	if skatt.IRI != "https://data.skv.se/catalog#skatt" {
		t.Fatalf("first dataset %q, want the #skatt one (ordered by IRI)", skatt.IRI)
	}
	if want := uuid.NewSHA1(uuid.NameSpaceURL, []byte(skatt.IRI)).String(); skatt.ID != want {
		t.Errorf("ID = %q, want the name-based UUID %q of the IRI (the identifier is no UUID)", skatt.ID, want)
	}
	// Untagged text is of undetermined language ("und"), not Swedish.
	wantTitle := catalog.LangString{dcat.Untagged: "Skattetabeller", "en": "Tax tables"}
	if !maps.Equal(skatt.Title, wantTitle) {
		t.Errorf("Title = %v, want %v", skatt.Title, wantTitle)
	}
	if skatt.Description["sv"] != "Tabeller" || skatt.Description[dcat.Untagged] != "Andra tabeller" || len(skatt.Description) != 2 {
		t.Errorf("Description = %v: the tagged Swedish text and the untagged one", skatt.Description)
	}
	if !slices.Equal(skatt.Keywords["sv"], []string{"tabell"}) || !slices.Equal(skatt.Keywords[dcat.Untagged], []string{"skatt"}) {
		t.Errorf("Keywords = %v", skatt.Keywords)
	}
	if cp := skatt.ContactPoint; cp == nil || cp.Email != "kund@skv.se" || cp.Name != "Kundtjänst" {
		t.Errorf("ContactPoint = %+v", cp)
	}
	if len(skatt.Distributions) != 2 || len(skatt.DataServices) != 1 {
		t.Fatalf("distributions %+v, services %+v", skatt.Distributions, skatt.DataServices)
	}
	// Blank distributions are ordered by access URL and numbered after the service's ID.
	a, b := skatt.Distributions[0], skatt.Distributions[1]
	if a.AccessURL != "https://skv.se/a" || a.Format != "application/json" || a.ByteSize != 12 || a.AccessService != "api" {
		t.Errorf("first distribution = %+v", a)
	}
	if b.AccessURL != "https://skv.se/b" || b.Format != "text/csv" || a.ID != "1" || b.ID != "2" {
		t.Errorf("distributions = %+v, %+v", a, b)
	}
	if s := skatt.DataServices[0]; s.ID != "api" || s.EndpointURL != "https://api.skv.se/" {
		t.Errorf("service = %+v", s)
	}
	if d := moms.Distributions; len(d) != 1 || d[0].ID != "xlsx" || d[0].Format != "" {
		t.Errorf("moms distributions = %+v: ID from the IRI's last segment, unknown format left out", d)
	}
	notes := map[string]bool{}
	for _, n := range got.Notes {
		notes[n.Path+" "+n.Value] = true
		if n.Message["sv"] == "" || n.Message["en"] == "" {
			t.Errorf("note without both languages: %+v", n)
		}
	}
	for _, want := range []string{
		dcat.DCTermsTitle + " Skattetabeller",
		dcat.DCTermsDescription + " Andra tabeller",
		dcat.DCATKeyword + " skatt",
		dcat.DCTermsFormat + " http://example.org/format/strange",
	} {
		if !notes[want] {
			t.Errorf("no note %q in %+v", want, got.Notes)
		}
	}

	// Mapped out again, the datasets keep their IRIs; minted IRIs inside one
	// with a fragment stay valid.
	a0 := dcattest.Agency()
	skatt.Agency = a0.OrgNumber
	ts := mapped(t, m, a0, &skatt)
	var subjects []string
	for _, tr := range ts {
		subjects = append(subjects, tr.Subj.String())
	}
	for _, want := range []string{"https://data.skv.se/catalog#skatt", "https://data.skv.se/catalog#skatt-distribution-1", "https://data.skv.se/catalog#skatt-service-api"} {
		if !slices.Contains(subjects, want) {
			t.Errorf("no subject %s in the mapped dataset", want)
		}
	}
}

func TestGraphKeepsTriplesOnce(t *testing.T) {
	g := dcat.NewGraph()
	s, _ := rdf.NewIRI("https://x.se/c")
	p, _ := rdf.NewIRI(dcat.DCATDatasetProp)
	add := func(o rdf.Object) { g.Add(rdf.Triple{Subj: s, Pred: p, Obj: o}) }
	const n = 100 // past the point where objects are indexed
	for range 2 {
		for i := range n {
			o, _ := rdf.NewIRI(fmt.Sprintf("https://x.se/d/%d", i))
			add(o)
		}
	}
	sv, _ := rdf.NewLangLiteral("x", "sv")
	svUpper, _ := rdf.NewLangLiteral("x", "SV")
	plain, _ := rdf.NewLiteral("x")
	iri, _ := rdf.NewIRI("x:y")
	blank, _ := rdf.NewBlank("b")
	for _, o := range []rdf.Object{sv, svUpper, plain, iri, blank, plain, sv} {
		add(o)
	}
	if want := n + 4; g.Len() != want {
		t.Errorf("Len = %d, want %d (language tags compare case-insensitively)", g.Len(), want)
	}
	if got := len(g.Node(s).Objects(dcat.DCATDatasetProp)); got != n+4 {
		t.Errorf("%d objects, want %d", got, n+4)
	}
}

func TestUnmapLeavesOutSeries(t *testing.T) {
	ttl := `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dcterms: <http://purl.org/dc/terms/> .
<https://x.se/c> a dcat:Catalog ; dcat:dataset <https://x.se/series>, <https://x.se/member> .
<https://x.se/series> a dcat:DatasetSeries ; dcterms:title "Serie"@sv .
<https://x.se/member> a dcat:Dataset ; dcterms:title "Del"@sv ; dcat:inSeries <https://x.se/series> .`
	g := dcat.NewGraph()
	if _, err := g.ReadFrom(turtle.NewReader(strings.NewReader(ttl), "")); err != nil {
		t.Fatal(err)
	}
	got := mapper(t).Unmap(g)
	if len(got.Datasets) != 1 || got.Datasets[0].IRI != "https://x.se/member" {
		t.Fatalf("datasets %+v, want the member only", got.Datasets)
	}
	if len(got.Notes) != 1 || got.Notes[0].Focus != "https://x.se/series" {
		t.Errorf("notes %+v, want one about the series", got.Notes)
	}
}
