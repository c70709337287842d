package dcat_test

import (
	"testing"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/internal/dcattest"
	"github.com/katalog-se/katalog/internal/rdftest"
)

// TestRepeatedValuesWrittenOnce gives a dataset every kind of repeated
// value the domain allows (a theme as code and as IRI, a keyword twice, a
// language tag in two forms, a conformsTo twice, a catalog with two links
// to one data service) and checks that no triple is written twice.
func TestRepeatedValuesWrittenOnce(t *testing.T) {
	m := mapper(t)
	a, d := dcattest.Agency(), dcattest.Dataset()
	theme := "http://publications.europa.eu/resource/authority/data-theme/SOCI"
	d.Themes = []string{theme, " " + theme, "SOCI", theme}
	d.Keywords = catalog.LangStrings{"sv": {"befolkning", "befolkning ", "kommun", "befolkning"}, "SV": {"kommun"}, "en": {"x", "x"}}
	d.Title = catalog.LangString{"sv": "Folkbokföring", "SV": "Folkbokföring", "sv-se": "Folkbokföring", "en": "Population"}
	d.ConformsTo = []string{d.ConformsTo[0], d.ConformsTo[0]}
	d.Languages = []string{"SWE", "http://publications.europa.eu/resource/authority/language/SWE"}
	g := mapAll(t, m, a, d)
	checkTerms(t, g)
	ds := "https://katalog.example.se/datasets/" + dcattest.DatasetID
	if v := g.Values(ds, dcat.DCATTheme); len(v) != 1 {
		t.Errorf("themes %v, want one", v)
	}
	if v := g.Values(ds, dcat.DCATKeyword); len(v) != 3 {
		t.Errorf("keywords %v, want befolkning, kommun and x", v)
	}

	// CatalogLinks alone does not refuse two data services with one id.
	d = dcattest.Dataset()
	if len(d.DataServices) == 0 {
		t.Fatal("the fixture has no data service")
	}
	d.DataServices = append(d.DataServices, d.DataServices[0])
	g = &rdftest.Recorder{}
	cat, _ := m.AgencyCatalogIRI(a.OrgNumber)
	if err := m.CatalogLinks(cat, d, g.Emit); err != nil {
		t.Fatal(err)
	}
	checkTerms(t, g)
}
