package dcat_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/syntax/iri"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/syntax/xmltext"
	"github.com/katalog-se/katalog/internal/dcattest"
	"github.com/katalog-se/katalog/internal/rdftest"
)

func mapper(t testing.TB) *dcat.Mapper {
	t.Helper()
	m, err := dcat.NewMapper(dcattest.Base + "/")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestNewMapper(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{"https://katalog.example.se", "https://katalog.example.se"},
		{"https://katalog.example.se/", "https://katalog.example.se"},
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080"},
		{"https://example.se/katalog/", "https://example.se/katalog"},
	} {
		m, err := dcat.NewMapper(tc.in)
		if err != nil {
			t.Errorf("NewMapper(%q): %v", tc.in, err)
			continue
		}
		if m.BaseURL() != tc.want {
			t.Errorf("NewMapper(%q).BaseURL() = %q, want %q", tc.in, m.BaseURL(), tc.want)
		}
	}
	for _, bad := range []string{"", "katalog.example.se", "/relative", "ftp://example.se", "https://", "https://example.se/?x=1", "https://example.se/#f", "https://exa mple.se"} {
		if _, err := dcat.NewMapper(bad); err == nil {
			t.Errorf("NewMapper(%q): no error", bad)
		}
	}
}

func TestIRIMinting(t *testing.T) {
	m := mapper(t)
	if got, want := m.NationalCatalogIRI(), "https://katalog.example.se/catalog"; got != want {
		t.Errorf("NationalCatalogIRI = %q, want %q", got, want)
	}
	cat, err := m.AgencyCatalogIRI("202100-5448")
	if err != nil || cat != "https://katalog.example.se/agencies/2021005448/datasets/dcat" {
		t.Errorf("AgencyCatalogIRI = %q, %v", cat, err)
	}
	if _, err := m.AgencyCatalogIRI("2021005449"); err == nil {
		t.Error("AgencyCatalogIRI accepted a bad check digit")
	}
	ds, err := m.DatasetIRI(dcattest.DatasetID)
	if err != nil || ds != "https://katalog.example.se/datasets/"+dcattest.DatasetID {
		t.Errorf("DatasetIRI = %q, %v", ds, err)
	}
	if got, _ := m.DatasetIRI("a b/c"); got != "https://katalog.example.se/datasets/a%20b%2Fc" {
		t.Errorf("DatasetIRI escapes as %q", got)
	}
	if _, err := m.DatasetIRI(" "); err == nil {
		t.Error("DatasetIRI accepted an empty id")
	}
	if got := dcat.DistributionIRI(ds, "csv 1"); got != ds+"#distribution-csv%201" {
		t.Errorf("DistributionIRI = %q", got)
	}
	if got := dcat.DataServiceIRI(ds, "rest"); got != ds+"#service-rest" {
		t.Errorf("DataServiceIRI = %q", got)
	}
	if got := dcat.ContactIRI(ds); got != ds+"#contact" {
		t.Errorf("ContactIRI = %q", got)
	}
}

// mapAll maps the fixture agency's catalog header, agent and dataset with
// catalog links into one graph.
func mapAll(t *testing.T, m *dcat.Mapper, a *catalog.Agency, d *catalog.Dataset) *rdftest.Recorder {
	t.Helper()
	g := &rdftest.Recorder{}
	rev := catalog.Revision{Seq: 7, Modified: time.Date(2024, 6, 2, 10, 0, 0, 0, time.UTC)}
	if err := m.CatalogHeader(a, rev, g.Emit); err != nil {
		t.Fatal(err)
	}
	if err := m.Agent(a, g.Emit); err != nil {
		t.Fatal(err)
	}
	if err := m.Dataset(d, a, g.Emit); err != nil {
		t.Fatal(err)
	}
	cat, _ := m.AgencyCatalogIRI(a.OrgNumber)
	if err := m.CatalogLinks(cat, d, g.Emit); err != nil {
		t.Fatal(err)
	}
	return g
}

func TestDatasetEverything(t *testing.T) {
	m := mapper(t)
	a, d := dcattest.Agency(), dcattest.Dataset()
	g := mapAll(t, m, a, d)

	const (
		base = dcattest.Base
		ds   = base + "/datasets/" + dcattest.DatasetID
		cat  = base + "/agencies/2021005448/datasets/dcat"
		pub  = "http://dataportal.se/organisation/SE2021005448"
		csv  = ds + "#distribution-csv"
		api  = ds + "#distribution-api"
		svc  = ds + "#service-rest"
		cp   = ds + "#contact"
		eu   = "http://publications.europa.eu/resource/authority/"
		hvd  = "http://data.europa.eu/eli/reg_impl/2023/138/oj"
	)
	type iriT struct{ s, p, o string }
	for _, x := range []iriT{
		// catalog
		{cat, dcat.RDFType, dcat.DCATCatalog},
		{cat, dcat.DCTermsPublisher, pub},
		{cat, dcat.DCTermsLicense, "http://creativecommons.org/publicdomain/zero/1.0/"},
		{cat, dcat.DCTermsLanguage, eu + "language/SWE"},
		{cat, dcat.DCTermsLanguage, eu + "language/ENG"},
		{cat, dcat.FOAFHomepage, base + "/agencies/2021005448"},
		{cat, dcat.DCATThemeTaxonomy, eu + "data-theme"},
		{cat, dcat.DCATDatasetProp, ds},
		{cat, dcat.DCATService, svc},
		// agent
		{pub, dcat.RDFType, dcat.FOAFAgent},
		{pub, dcat.RDFType, dcat.FOAFOrganization},
		{pub, dcat.DCTermsType, "http://purl.org/adms/publishertype/NationalAuthority"},
		{pub, dcat.FOAFHomepage, "https://www.skatteverket.se/"},
		{pub, dcat.FOAFMbox, "mailto:oppnadata@skatteverket.se"},
		// dataset
		{ds, dcat.RDFType, dcat.DCATDataset},
		{ds, dcat.DCATTheme, eu + "data-theme/SOCI"},
		{ds, dcat.DCATTheme, eu + "data-theme/GOVE"},
		{ds, dcat.DCTermsAccessRights, eu + "access-right/PUBLIC"},
		{ds, dcat.DCTermsAccrualPeriodicity, eu + "frequency/ANNUAL"},
		{ds, dcat.DCATLandingPage, "https://www.skatteverket.se/folkbokforing/statistik"},
		{ds, dcat.DCTermsLanguage, eu + "language/SWE"},
		{ds, dcat.DCTermsConformsTo, "https://www.skatteverket.se/schema/folkbokforing-v1"},
		{ds, dcat.DCTermsSpatial, "http://sws.geonames.org/2661886"},
		{ds, dcat.DCTermsPublisher, pub},
		{ds, dcat.DCATContactPoint, cp},
		{ds, dcat.DCATAPApplicableLegislation, hvd},
		{ds, dcat.DCATAPHVDCategory, "http://data.europa.eu/bna/c_e1da4e07"},
		{ds, dcat.DCATDistributionProp, csv},
		{ds, dcat.DCATDistributionProp, api},
		// contact
		{cp, dcat.RDFType, dcat.VCardOrganization},
		{cp, dcat.VCardHasEmail, "mailto:%C3%B6ppna+data@skatteverket.se"},
		{cp, dcat.VCardHasURL, "https://www.skatteverket.se/kontakt"},
		{cp, dcat.VCardHasTelephone, ds + "#contact-telephone"},
		{ds + "#contact-telephone", dcat.RDFType, dcat.VCardVoice},
		{ds + "#contact-telephone", dcat.VCardHasValue, "tel:+46771567567"},
		// distributions
		{csv, dcat.RDFType, dcat.DCATDistribution},
		{csv, dcat.DCATAccessURL, "https://www.skatteverket.se/folkbokforing/statistik"},
		{csv, dcat.DCATDownloadURL, "https://data.skatteverket.se/folkbokforing.csv"},
		{csv, dcat.DCTermsLicense, "http://creativecommons.org/publicdomain/zero/1.0/"},
		{csv, dcat.DCATAPAvailability, eu + "planned-availability/STABLE"},
		{csv, dcat.ADMSStatus, eu + "distribution-status/COMPLETED"},
		{csv, dcat.DCTermsLanguage, eu + "language/SWE"},
		{csv, dcat.DCTermsConformsTo, "https://www.skatteverket.se/schema/folkbokforing-v1.csvw"},
		{csv, dcat.DCATAPApplicableLegislation, hvd},
		{api, dcat.DCATAccessURL, "https://api.skatteverket.se/folkbokforing/v1"},
		// the https licence without slash is canonicalised
		{api, dcat.DCTermsLicense, "http://creativecommons.org/publicdomain/zero/1.0/"},
		{api, dcat.DCATAccessService, svc},
		// data service
		{svc, dcat.RDFType, dcat.DCATDataService},
		{svc, dcat.DCATEndpointURL, "https://api.skatteverket.se/folkbokforing/v1"},
		{svc, dcat.DCATEndpointDescription, "https://api.skatteverket.se/folkbokforing/v1/openapi.json"},
		{svc, dcat.DCTermsLicense, "http://creativecommons.org/publicdomain/zero/1.0/"},
		{svc, dcat.DCTermsAccessRights, eu + "access-right/PUBLIC"},
		{svc, dcat.DCTermsType, "http://www.wikidata.org/entity/Q749568"},
		{svc, dcat.DCATServesDataset, ds},
		{svc, dcat.DCTermsPublisher, pub},
		{svc, dcat.DCATContactPoint, cp},
		{svc, dcat.DCATAPApplicableLegislation, hvd},
		{svc, dcat.DCATAPHVDCategory, "http://data.europa.eu/bna/c_e1da4e07"},
		{svc, dcat.FOAFPage, "https://www.skatteverket.se/api/villkor"},
	} {
		if !g.HasIRI(x.s, x.p, x.o) {
			t.Errorf("missing <%s> <%s> <%s>", x.s, x.p, x.o)
		}
	}
	type langT struct{ s, p, text, lang string }
	for _, x := range []langT{
		{cat, dcat.DCTermsTitle, "Datakatalog för Skatteverket", "sv"},
		{cat, dcat.DCTermsTitle, "Data catalog of Swedish Tax Agency", "en"},
		{pub, dcat.FOAFName, "Skatteverket", "sv"},
		{pub, dcat.FOAFName, "Swedish Tax Agency", "en"},
		{ds, dcat.DCTermsTitle, "Folkbokföring per kommun", "sv"},
		{ds, dcat.DCTermsTitle, "Population registration by municipality", "en"},
		{ds, dcat.DCTermsDescription, d.Description["sv"], "sv"},
		{ds, dcat.DCTermsDescription, d.Description["en"], "en"},
		{ds, dcat.DCATKeyword, "befolkning", "sv"},
		{ds, dcat.DCATKeyword, "kommun", "sv"},
		{ds, dcat.DCATKeyword, "population", "en"},
		{csv, dcat.DCTermsTitle, "CSV-fil", "sv"},
		{csv, dcat.DCTermsTitle, "CSV file", "en"},
		{csv, dcat.DCTermsDescription, "Hela tabellen som CSV.", "sv"},
		{svc, dcat.DCTermsTitle, "Folkbokförings-API", "sv"},
		{svc, dcat.DCTermsDescription, "REST-API med JSON-svar.", "sv"},
		{svc, dcat.DCATKeyword, "folkbokföring", "sv"},
		{svc, dcat.DCATKeyword, "population register", "en"},
	} {
		if !g.HasLang(x.s, x.p, x.text, x.lang) {
			t.Errorf("missing <%s> <%s> %q@%s", x.s, x.p, x.text, x.lang)
		}
	}
	type typedT struct{ s, p, lex, dt string }
	for _, x := range []typedT{
		{cat, dcat.DCTermsIssued, "2024-01-15T08:30:00Z", dcat.XSDDateTime},
		{cat, dcat.DCTermsModified, "2024-06-02T10:00:00Z", dcat.XSDDateTime},
		{pub, dcat.DCTermsIdentifier, "2021005448", dcat.XSDString},
		{ds, dcat.DCTermsIdentifier, dcattest.DatasetID, dcat.XSDString},
		{ds, dcat.DCTermsIssued, "2020-01-31", dcat.XSDDate},
		{ds, dcat.DCTermsModified, "2024-05-02T10:15:00+02:00", dcat.XSDDateTime},
		{cp, dcat.VCardFn, "Skatteverkets öppna data", dcat.XSDString},
		{csv, dcat.DCTermsFormat, "text/csv", dcat.XSDString},
		{csv, dcat.DCATByteSize, "48213", dcat.XSDNonNegativeInteger},
		{csv, dcat.DCTermsIssued, "2020", dcat.XSDGYear},
		{csv, dcat.DCTermsModified, "2024-05-02", dcat.XSDDate},
		{api, dcat.DCTermsFormat, "application/json", dcat.XSDString},
		{svc, dcat.DCTermsFormat, "application/json", dcat.XSDString}, // the default
	} {
		if !g.HasTyped(x.s, x.p, x.lex, x.dt) {
			t.Errorf("missing <%s> <%s> %q^^<%s>; have %v", x.s, x.p, x.lex, x.dt, g.Values(x.s, x.p))
		}
	}
	// The distribution carries the legislation but not the HVD category.
	if v := g.Values(csv, dcat.DCATAPHVDCategory); len(v) != 0 {
		t.Errorf("distribution has hvdCategory %v", v)
	}
	if v := g.Values(cat, dcat.DCTermsPublisher); len(v) != 1 {
		t.Errorf("catalog publishers %v, want exactly one", v)
	}
	for _, msg := range g.CheckMandatory() {
		t.Error(msg)
	}
	checkTerms(t, g)
}

// checkTerms asserts what holds for every triple katalog writes: no blank
// node, every IRI valid and absolute, every literal valid XML text, no
// duplicate triple.
func checkTerms(t *testing.T, g *rdftest.Recorder) {
	t.Helper()
	seen := map[string]bool{}
	for _, tr := range g.Triples {
		line := tr.Serialize(rdf.NTriples)
		if seen[line] {
			t.Errorf("duplicate triple %s", line)
		}
		seen[line] = true
		for _, term := range []rdf.Term{tr.Subj, tr.Pred, tr.Obj} {
			switch term.Type() {
			case rdf.TermBlank:
				t.Errorf("blank node in %s", line)
			case rdf.TermIRI:
				if err := iri.Check(term.String()); err != nil {
					t.Errorf("IRI %q: %v", term, err)
				}
			case rdf.TermLiteral:
				if err := xmltext.Check(term.String()); err != nil {
					t.Errorf("literal %q: %v", term, err)
				}
			}
		}
	}
}

func TestAgentDefaults(t *testing.T) {
	m := mapper(t)
	a := &catalog.Agency{OrgNumber: "2021006883", Name: catalog.LangString{"sv": "Myndigheten för digital förvaltning"}}
	g := &rdftest.Recorder{}
	if err := m.Agent(a, g.Emit); err != nil {
		t.Fatal(err)
	}
	pub := "http://dataportal.se/organisation/SE2021006883"
	if !g.HasIRI(pub, dcat.DCTermsType, dcat.PublisherTypeNationalAuthority) {
		t.Errorf("no default publisher type: %v", g.Values(pub, dcat.DCTermsType))
	}
	if len(g.Objects(pub, dcat.FOAFHomepage))+len(g.Objects(pub, dcat.FOAFMbox)) != 0 {
		t.Error("homepage or mbox without a value")
	}
	// A short code resolves to the canonical IRI.
	a.PublisherType = "RegionalAuthority"
	g = &rdftest.Recorder{}
	if err := m.Agent(a, g.Emit); err != nil {
		t.Fatal(err)
	}
	if !g.HasIRI(pub, dcat.DCTermsType, "http://purl.org/adms/publishertype/RegionalAuthority") {
		t.Errorf("publisher type %v", g.Values(pub, dcat.DCTermsType))
	}
	for _, msg := range g.CheckMandatory() {
		t.Error(msg)
	}
}

func TestContactFromAgency(t *testing.T) {
	m := mapper(t)
	a, d := dcattest.Agency(), dcattest.Dataset()
	d.ContactPoint = nil
	g := &rdftest.Recorder{}
	if err := m.Dataset(d, a, g.Emit); err != nil {
		t.Fatal(err)
	}
	ds, _ := m.DatasetIRI(d.ID)
	cp := dcat.ContactIRI(ds)
	if !g.HasIRI(ds, dcat.DCATContactPoint, cp) || !g.HasIRI(cp, dcat.VCardHasEmail, "mailto:oppnadata@skatteverket.se") ||
		!g.HasTyped(cp, dcat.VCardFn, "Skatteverket", dcat.XSDString) {
		t.Errorf("contact not derived from the agency: %v %v", g.Values(cp, dcat.VCardHasEmail), g.Values(cp, dcat.VCardFn))
	}
	// Without an agency e-mail there is no contact at all.
	a.Email = ""
	g = &rdftest.Recorder{}
	if err := m.Dataset(d, a, g.Emit); err != nil {
		t.Fatal(err)
	}
	if len(g.OfType(dcat.VCardOrganization)) != 0 || len(g.Objects(ds, dcat.DCATContactPoint)) != 0 {
		t.Error("a contact without e-mail")
	}
}

func TestDatasetWithoutHVD(t *testing.T) {
	m := mapper(t)
	d := dcattest.Dataset()
	d.HVDCategory = ""
	g := &rdftest.Recorder{}
	if err := m.Dataset(d, nil, g.Emit); err != nil {
		t.Fatal(err)
	}
	for _, tr := range g.Triples {
		if p := tr.Pred.String(); p == dcat.DCATAPApplicableLegislation || p == dcat.DCATAPHVDCategory {
			t.Errorf("HVD triple without category: %s", tr.Serialize(rdf.NTriples))
		}
	}
}

func TestDistributionAccessURLFallsBackToDownloadURL(t *testing.T) {
	m := mapper(t)
	d := dcattest.Dataset()
	d.Distributions[0].AccessURL = ""
	g := &rdftest.Recorder{}
	if err := m.Dataset(d, nil, g.Emit); err != nil {
		t.Fatal(err)
	}
	ds, _ := m.DatasetIRI(d.ID)
	csv := dcat.DistributionIRI(ds, "csv")
	if !g.HasIRI(csv, dcat.DCATAccessURL, "https://data.skatteverket.se/folkbokforing.csv") {
		t.Errorf("accessURL %v", g.Values(csv, dcat.DCATAccessURL))
	}
}

func TestInvalidValues(t *testing.T) {
	m := mapper(t)
	for _, tc := range []struct {
		name  string
		edit  func(d *catalog.Dataset)
		field string
		is    error
	}{
		{"relative landing page", func(d *catalog.Dataset) { d.LandingPage = "/statistik" }, "landingPage", iri.ErrNoScheme},
		{"space in download URL", func(d *catalog.Dataset) { d.Distributions[0].DownloadURL = "https://x.se/a b.csv" }, "distributions/0/downloadURL", iri.ErrChar},
		{"control character in title", func(d *catalog.Dataset) { d.Title["sv"] = "Titel\x01" }, "title/sv", xmltext.ErrChar},
		{"invalid UTF-8 in keyword", func(d *catalog.Dataset) { d.Keywords["en"] = []string{"a\xffb"} }, "keywords/en/0", xmltext.ErrInvalidUTF8},
		{"bad language tag", func(d *catalog.Dataset) { d.Description["sv_SE"] = "x" }, "description/sv_SE", nil},
		{"no title", func(d *catalog.Dataset) { d.Title = catalog.LangString{"sv": "  "} }, "title", dcat.ErrMissing},
		{"no description", func(d *catalog.Dataset) { d.Description = nil }, "description", dcat.ErrMissing},
		{"no format", func(d *catalog.Dataset) { d.Distributions[1].Format = "" }, "distributions/1/format", dcat.ErrMissing},
		{"no access URL", func(d *catalog.Dataset) { d.Distributions[1].AccessURL = "" }, "distributions/1/accessURL", dcat.ErrMissing},
		{"no endpoint", func(d *catalog.Dataset) { d.DataServices[0].EndpointURL = "" }, "dataServices/0/endpointURL", dcat.ErrMissing},
		{"dangling access service", func(d *catalog.Dataset) { d.Distributions[1].AccessService = "soap" }, "distributions/1/accessService", dcat.ErrInvalid},
		{"duplicate distribution id", func(d *catalog.Dataset) { d.Distributions[1].ID = "csv" }, "distributions/1/id", dcat.ErrInvalid},
		{"bad date", func(d *catalog.Dataset) { d.Issued = "31/01/2020" }, "issued", dcat.ErrInvalid},
		{"negative size", func(d *catalog.Dataset) { d.Distributions[0].ByteSize = -1 }, "distributions/0/byteSize", dcat.ErrInvalid},
		{"bad e-mail", func(d *catalog.Dataset) { d.ContactPoint.Email = "nobody" }, "contactPoint/email", dcat.ErrInvalid},
		{"bad phone", func(d *catalog.Dataset) { d.ContactPoint.Phone = "ring oss" }, "contactPoint/phone", dcat.ErrInvalid},
		{"foreign dataset", func(d *catalog.Dataset) { d.Agency = "2021000837" }, "agency", dcat.ErrInvalid},
		{"bad theme IRI", func(d *catalog.Dataset) { d.Themes = []string{"GOVE", "http://x/<y>"} }, "themes/1", iri.ErrChar},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := dcattest.Dataset()
			tc.edit(d)
			g := &rdftest.Recorder{}
			err := m.Dataset(d, dcattest.Agency(), g.Emit)
			var fe *dcat.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v, want a *dcat.FieldError", err)
			}
			if fe.Field != tc.field || !strings.Contains(fe.Resource, d.ID) {
				t.Errorf("error names %q of %q, want %q of the dataset", fe.Field, fe.Resource, tc.field)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %v does not wrap %v", err, tc.is)
			}
			if !strings.Contains(err.Error(), tc.field) {
				t.Errorf("message %q does not name the field", err)
			}
			if len(g.Triples) != 0 {
				t.Errorf("%d triples emitted for an invalid dataset", len(g.Triples))
			}
		})
	}
}

func TestMailto(t *testing.T) {
	m := mapper(t)
	for _, tc := range []struct{ in, want string }{
		{"info@digg.se", "mailto:info@digg.se"},
		{" MAILTO:info@digg.se ", "mailto:info@digg.se"},
		{"a%b@x.se", "mailto:a%25b@x.se"},
		{"who?&x=1@x.se", "mailto:who%3F%26x%3D1@x.se"},
		{"\"a@b\"@x.se", "mailto:%22a%40b%22@x.se"},
		{"åsa@exempel.se", "mailto:%C3%A5sa@exempel.se"},
		{"first.last+tag@x.se", "mailto:first.last+tag@x.se"},
	} {
		d := dcattest.Dataset()
		d.ContactPoint.Email = tc.in
		g := &rdftest.Recorder{}
		if err := m.Dataset(d, nil, g.Emit); err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		ds, _ := m.DatasetIRI(d.ID)
		if got := g.Values(dcat.ContactIRI(ds), dcat.VCardHasEmail); len(got) != 1 || got[0] != tc.want {
			t.Errorf("%q: hasEmail %v, want %s", tc.in, got, tc.want)
		}
	}
}

func TestDates(t *testing.T) {
	m := mapper(t)
	for _, tc := range []struct{ in, lex, dt string }{
		{"2024", "2024", dcat.XSDGYear},
		{"2024-02-29", "2024-02-29", dcat.XSDDate},
		{"2024-01-31T10:00:00Z", "2024-01-31T10:00:00Z", dcat.XSDDateTime},
		// Published as given: the form is valid xsd:dateTime as it is.
		{"2024-01-31T10:00:00.250+01:00", "2024-01-31T10:00:00.250+01:00", dcat.XSDDateTime},
		{"2024-01-31T10:00:00", "2024-01-31T10:00:00", dcat.XSDDateTime},
		// DCAT-AP 3 allows xsd:gYearMonth, and so does the validator.
		{"2024-01", "2024-01", dcat.XSDGYearMonth},
	} {
		d := dcattest.Dataset()
		d.Issued = tc.in
		g := &rdftest.Recorder{}
		if err := m.Dataset(d, nil, g.Emit); err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		ds, _ := m.DatasetIRI(d.ID)
		if !g.HasTyped(ds, dcat.DCTermsIssued, tc.lex, tc.dt) {
			t.Errorf("%q: issued %v, want %q^^%s", tc.in, g.Values(ds, dcat.DCTermsIssued), tc.lex, tc.dt)
		}
	}
	for _, bad := range []string{"2023-02-29", "24", "2024-1-1", "2024-13", "2024-01-31 10:00:00", "2024-01-31T25:00:00Z"} {
		d := dcattest.Dataset()
		d.Modified = bad
		if err := m.Dataset(d, nil, (&rdftest.Recorder{}).Emit); !errors.Is(err, dcat.ErrInvalid) {
			t.Errorf("%q: error %v, want ErrInvalid", bad, err)
		}
	}
}

func TestNationalHeaderAndHydra(t *testing.T) {
	m := mapper(t)
	g := &rdftest.Recorder{}
	if err := m.NationalCatalogHeader(m.OperatorIRI(), catalog.Revision{}, g.Emit); err != nil {
		t.Fatal(err)
	}
	if err := m.OperatorAgent(g.Emit); err != nil {
		t.Fatal(err)
	}
	nat := m.NationalCatalogIRI()
	if !g.HasLang(nat, dcat.DCTermsTitle, "Katalogs nationella katalog", "sv") || !g.HasIRI(nat, dcat.DCTermsPublisher, dcattest.Base+"/#operator") {
		t.Error("national catalog header incomplete")
	}
	if !g.HasLang(m.OperatorIRI(), dcat.FOAFName, "katalog", "sv") {
		t.Error("operator agent has no name")
	}
	if err := m.HydraPage(dcat.PageInfo{Self: nat + "?page=2&limit=10", First: nat + "?page=1&limit=10", Last: nat + "?page=3&limit=10",
		Next: nat + "?page=3&limit=10", Previous: nat + "?page=1&limit=10", TotalItems: 25, ItemsPerPage: 10}, g.Emit); err != nil {
		t.Fatal(err)
	}
	self := nat + "?page=2&limit=10"
	for p, want := range map[string]string{
		dcat.HydraFirst: nat + "?page=1&limit=10", dcat.HydraFirstPage: nat + "?page=1&limit=10",
		dcat.HydraLast: nat + "?page=3&limit=10", dcat.HydraLastPage: nat + "?page=3&limit=10",
		dcat.HydraNext: nat + "?page=3&limit=10", dcat.HydraNextPage: nat + "?page=3&limit=10",
		dcat.HydraPrevious: nat + "?page=1&limit=10", dcat.HydraPreviousPage: nat + "?page=1&limit=10",
	} {
		if !g.HasIRI(self, p, want) {
			t.Errorf("page %s = %v, want <%s>", p, g.Values(self, p), want)
		}
	}
	if !g.HasTyped(self, dcat.HydraTotalItems, "25", dcat.XSDInteger) || !g.HasTyped(self, dcat.HydraItemsPerPage, "10", dcat.XSDInteger) {
		t.Error("totalItems or itemsPerPage missing")
	}
	checkTerms(t, g)
}

func TestWriterPrefixesCoverNamespaces(t *testing.T) {
	have := map[string]bool{}
	for _, p := range rdfio.DefaultPrefixes() {
		have[p.IRI] = true
	}
	for _, ns := range []string{dcat.NSRDF, dcat.NSRDFS, dcat.NSXSD, dcat.NSDCAT, dcat.NSDCTerms, dcat.NSFOAF, dcat.NSVCard,
		dcat.NSADMS, dcat.NSDCATAP, dcat.NSHydra, dcat.NSSKOS, dcat.NSOWL, dcat.NSOrg, dcat.NSSchema, dcat.NSProv,
		dcat.NSLocn, dcat.NSODRS, dcat.NSSPDX} {
		if !have[ns] {
			t.Errorf("namespace %s has no prefix in rdfio.DefaultPrefixes", ns)
		}
	}
}

// TestGroupedBySubject checks that every resource's triples come together,
// rdf:type first, so streaming writers give each resource one node.
func TestGroupedBySubject(t *testing.T) {
	m := mapper(t)
	g := &rdftest.Recorder{}
	if err := m.Dataset(dcattest.Dataset(), dcattest.Agency(), g.Emit); err != nil {
		t.Fatal(err)
	}
	ended := map[string]bool{}
	prev := ""
	for _, tr := range g.Triples {
		s := tr.Subj.String()
		if s != prev {
			if ended[s] {
				t.Errorf("the triples of <%s> are split", s)
			}
			if prev != "" {
				ended[prev] = true
			}
			if tr.Pred.String() != dcat.RDFType {
				t.Errorf("<%s> starts with %s, not rdf:type", s, tr.Pred)
			}
			prev = s
		}
	}
	if len(ended)+1 < 6 {
		t.Errorf("only %d resources", len(ended)+1)
	}
}
