package rdftest

import (
	"fmt"
	"strconv"

	"github.com/knakk/rdf"
)

// Catalog returns the synthetic catalogue of shared/tools/gen_catalog.py
// with n datasets and 300 publishers, in the same order (about 34 triples
// per dataset): for benchmarks.
func Catalog(n int) []rdf.Triple {
	const (
		b  = "https://example.se/katalog/"
		eu = "http://publications.europa.eu/resource/authority/"
		p  = 300
	)
	themes := []string{"AGRI", "ECON", "EDUC", "ENER", "ENVI", "GOVE", "HEAL", "INTR", "JUST", "REGI", "SOCI", "TECH", "TRAN"}
	fmts := []string{"CSV", "JSON", "XML", "PDF", "XLSX", "HTML"}
	lower := map[string]string{"CSV": "csv", "JSON": "json", "XML": "xml", "PDF": "pdf", "XLSX": "xlsx", "HTML": "html"}
	iri := func(s string) rdf.IRI { i, _ := rdf.NewIRI(s); return i }
	lang := func(s, l string) rdf.Literal { x, _ := rdf.NewLangLiteral(s, l); return x }
	str := func(s string) rdf.Literal { return rdf.NewTypedLiteral(s, iri(nsXSD+"string")) }
	typ := iri(nsRDF + "type")
	P := func(ns, l string) rdf.IRI { return iri(ns + l) }
	out := make([]rdf.Triple, 0, 4+3*p+34*n)
	add := func(s rdf.Subject, pr rdf.IRI, o rdf.Object) {
		out = append(out, rdf.Triple{Subj: s, Pred: pr, Obj: o})
	}
	cat := iri(b + "catalog")
	add(cat, typ, P(nsDCAT, "Catalog"))
	add(cat, P(nsDCT, "title"), lang("Nationell katalog", "sv"))
	add(cat, P(nsDCT, "description"), lang("Syntetisk katalog för mätning", "sv"))
	add(cat, P(nsDCT, "publisher"), iri(b+"org/0"))
	for i := 0; i < p; i++ {
		o := iri(b + "org/" + strconv.Itoa(i))
		add(o, typ, P(nsFOAF, "Agent"))
		add(o, P(nsFOAF, "name"), lang("Myndighet nr "+strconv.Itoa(i), "sv"))
		add(o, P(nsDCT, "identifier"), str(fmt.Sprintf("20210%05d", i)))
	}
	for i := 0; i < n; i++ {
		d := iri(b + "dataset/" + strconv.Itoa(i))
		pi := i % p
		add(cat, P(nsDCAT, "dataset"), d)
		add(d, typ, P(nsDCAT, "Dataset"))
		add(d, P(nsDCT, "title"), lang(fmt.Sprintf("Datamängd %d om \"saker\" & ting <%d>", i, pi), "sv"))
		add(d, P(nsDCT, "title"), lang(fmt.Sprintf("Dataset %d", i), "en"))
		add(d, P(nsDCT, "description"), lang(fmt.Sprintf("Beskrivning av datamängd %d.\nRad två med åäö.", i), "sv"))
		add(d, P(nsDCT, "publisher"), iri(fmt.Sprintf("%sorg/%d", b, pi)))
		add(d, P(nsDCT, "identifier"), str(fmt.Sprintf("%sdataset/%d", b, i)))
		add(d, P(nsDCAT, "theme"), iri(eu+"data-theme/"+themes[i%len(themes)]))
		add(d, P(nsDCAT, "keyword"), lang(fmt.Sprintf("nyckelord%d", i%97), "sv"))
		add(d, P(nsDCAT, "keyword"), lang("statistik", "sv"))
		add(d, P(nsDCT, "modified"), rdf.NewTypedLiteral(fmt.Sprintf("2026-%02d-%02d", 1+i%12, 1+i%28), iri(nsXSD+"date")))
		add(d, P(nsDCT, "accessRights"), iri(eu+"access-right/PUBLIC"))
		add(d, P(nsDCT, "accrualPeriodicity"), iri(eu+"frequency/ANNUAL"))
		add(d, P(nsDCT, "language"), iri(eu+"language/SWE"))
		c, _ := rdf.NewBlank("c" + strconv.Itoa(i))
		add(d, P(nsDCAT, "contactPoint"), c)
		add(c, typ, P(nsVCard, "Organization"))
		add(c, P(nsVCard, "fn"), str("Kundtjänst"))
		add(c, P(nsVCard, "hasEmail"), iri(fmt.Sprintf("mailto:info%d@example.se", pi)))
		for k := 0; k < 2; k++ {
			r := iri(fmt.Sprintf("%sdataset/%d/dist/%d", b, i, k))
			f := fmts[(i+k)%len(fmts)]
			add(d, P(nsDCAT, "distribution"), r)
			add(r, typ, P(nsDCAT, "Distribution"))
			add(r, P(nsDCT, "title"), lang(fmt.Sprintf("Fil %d i %s", k, f), "sv"))
			add(r, P(nsDCAT, "accessURL"), iri(fmt.Sprintf("https://data.example.se/%d/%d", i, k)))
			add(r, P(nsDCAT, "downloadURL"), iri(fmt.Sprintf("https://data.example.se/%d/%d.%s", i, k, lower[f])))
			add(r, P(nsDCT, "format"), iri(eu+"file-type/"+f))
			add(r, P(nsDCT, "license"), iri("http://creativecommons.org/licenses/by/4.0/"))
			add(r, P(nsDCAT, "byteSize"), rdf.NewTypedLiteral(strconv.Itoa(1000+i*7+k), iri(nsXSD+"decimal")))
		}
	}
	return out
}
