package rdftest

import (
	"github.com/knakk/rdf"
)

// Namespaces used by Fixture.
const (
	nsRDF   = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	nsXSD   = "http://www.w3.org/2001/XMLSchema#"
	nsDCAT  = "http://www.w3.org/ns/dcat#"
	nsDCT   = "http://purl.org/dc/terms/"
	nsFOAF  = "http://xmlns.com/foaf/0.1/"
	nsVCard = "http://www.w3.org/2006/vcard/ns#"
	base    = "https://katalog.example.se/"
)

// Fixture returns a small DCAT-like graph, in writing order, with the
// things writers get wrong: Swedish text (åäö), quotes, '&', '<', '>',
// newlines, \r, tabs, language tags sv, en and sv-SE, typed literals
// (xsd:date, xsd:decimal, xsd:nonNegativeInteger, a custom datatype), blank
// nodes (one with a label that needs making safe), mailto: IRIs, IRIs with
// '?', '&', '#', '(', ')' and a trailing '.', a predicate outside the
// prefix table, a predicate with a non-ASCII local name, a predicate
// repeated non-consecutively, an empty literal, and a subject that comes
// back after another.
func Fixture() []rdf.Triple {
	iri := func(s string) rdf.IRI {
		i, err := rdf.NewIRI(s)
		if err != nil {
			panic(err)
		}
		return i
	}
	blank := func(s string) rdf.Blank {
		b, err := rdf.NewBlank(s)
		if err != nil {
			panic(err)
		}
		return b
	}
	lang := func(s, l string) rdf.Literal {
		x, err := rdf.NewLangLiteral(s, l)
		if err != nil {
			panic(err)
		}
		return x
	}
	str := func(s string) rdf.Literal { return rdf.NewTypedLiteral(s, iri(nsXSD+"string")) }
	typed := func(s, dt string) rdf.Literal { return rdf.NewTypedLiteral(s, iri(dt)) }
	typ := iri(nsRDF + "type")
	cat := iri(base + "catalog")
	ds := iri(base + "dataset/9a7d6c5b-4e3f-4210-8b9c-0a1b2c3d4e03")
	dist := iri(base + "dataset/9a7d6c5b-4e3f-4210-8b9c-0a1b2c3d4e03/distribution/1.")
	org := iri(base + "org/2021000001")
	contact := blank("kontakt")
	period := blank("b-1.x")
	t := func(s rdf.Subject, p rdf.IRI, o rdf.Object) rdf.Triple { return rdf.Triple{Subj: s, Pred: p, Obj: o} }
	return []rdf.Triple{
		t(cat, typ, iri(nsDCAT+"Catalog")),
		t(cat, iri(nsDCT+"title"), lang("Myndigheternas katalog", "sv")),
		t(cat, iri(nsDCT+"title"), lang("The agencies' catalogue", "en")),
		t(cat, iri(nsDCT+"description"), lang("Åäö ÅÄÖ: \"citat\" & <taggar> > 'apostrof'\nny rad\r\nCRLF\tflik\\bakstreck", "sv")),
		t(cat, iri(nsDCT+"publisher"), org),
		t(cat, iri(nsFOAF+"homepage"), iri("https://example.se/sök?q=a&b=(1)#frag.")),
		t(cat, iri(nsDCT+"issued"), typed("2024-01-31", nsXSD+"date")),
		t(cat, iri(nsDCAT+"dataset"), ds),

		t(org, typ, iri(nsFOAF+"Agent")),
		t(org, iri(nsFOAF+"name"), lang("Länsstyrelsen i Västra Götalands län", "sv")),
		t(org, iri(nsDCT+"identifier"), str("2021000001")),

		t(ds, typ, iri(nsDCAT+"Dataset")),
		t(ds, iri(nsDCT+"title"), lang("Luftkvalitet i Göteborg", "sv-SE")),
		t(ds, iri(nsDCAT+"keyword"), lang("luft", "sv")),
		t(ds, iri(nsDCAT+"keyword"), lang("miljö", "sv")),
		t(ds, iri(nsDCT+"title"), lang("Air quality in Gothenburg", "en")),
		t(ds, iri(nsDCT+"identifier"), str("9a7d6c5b-4e3f-4210-8b9c-0a1b2c3d4e03")),
		t(ds, iri(nsDCAT+"contactPoint"), contact),
		t(ds, iri(nsDCT+"temporal"), period),
		t(ds, iri(nsDCAT+"spatialResolutionInMeters"), typed("12.50", nsXSD+"decimal")),
		t(ds, iri(nsDCT+"modified"), typed("2024-02-01T10:00:00+01:00", nsXSD+"dateTime")),
		t(ds, iri(nsDCAT+"distribution"), dist),
		t(ds, iri("http://example.org/ext/betyg"), typed("4", nsXSD+"integer")),
		t(ds, iri("https://example.se/ns/v2/anmärkning"), str("")),
		t(ds, iri("https://example.se/ns/vocab#prop-1.2"), str("  ")),
		t(ds, iri(nsDCT+"conformsTo"), iri("http://schema.org/sök?q=(1)&x=a.")),
		t(ds, iri(nsDCAT+"theme."), iri(nsDCT+"-1/2#x")),
		t(ds, iri(nsDCT+"relation"), iri(nsDCT+"a×b")),
		t(ds, iri(nsDCT+"accrualPeriodicity"), iri("http://publications.europa.eu/resource/authority/frequency/ANNUAL")),

		t(contact, typ, iri(nsVCard+"Organization")),
		t(contact, iri(nsVCard+"fn"), lang("Kundtjänst \"Luft\"", "sv")),
		t(contact, iri(nsVCard+"hasEmail"), iri("mailto:luft@example.se")),

		t(period, typ, iri(nsDCT+"PeriodOfTime")),
		t(period, iri(nsDCAT+"startDate"), typed("2020-01-01", nsXSD+"date")),

		t(dist, typ, iri(nsDCAT+"Distribution")),
		t(dist, iri(nsDCAT+"accessURL"), iri("https://example.se/data?id=1&format=csv")),
		t(dist, iri(nsDCAT+"downloadURL"), iri("https://example.se/files/data(1).csv")),
		t(dist, iri(nsDCAT+"byteSize"), typed("1024", nsXSD+"nonNegativeInteger")),
		t(dist, iri(nsDCT+"format"), iri("http://publications.europa.eu/resource/authority/file-type/CSV")),
		t(dist, iri(nsDCT+"rights"), typed("kod & <värde>", "https://example.se/dt#kod")),
		t(dist, iri(nsDCT+"license"), iri("http://creativecommons.org/publicdomain/zero/1.0/")),

		// The catalogue again, after other subjects.
		t(cat, iri(nsDCT+"modified"), typed("2024-02-02", nsXSD+"date")),
		t(cat, iri(nsDCT+"description"), lang("Catalogue of Swedish agencies.\nSecond line.", "en")),
	}
}
