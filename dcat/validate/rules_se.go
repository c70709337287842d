package validate

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat/syntax/iri"
	"github.com/katalog-se/katalog/dcat/syntax/langtag"
)

// seRules returns the graph rules of DCAT-AP-SE 3.0.1 and Digg's
// harvesting rules.
func seRules() []GraphRule {
	return []GraphRule{
		{Name: "absolute RFC 3987 IRIs", IDs: []string{RuleIRIInvalid}, New: func() RuleRun { return &iriRule{preds: map[string]struct{}{}} }},
		{Name: "well-formed language tags", IDs: []string{RuleLiteralLangtag}, New: func() RuleRun { return &langRule{good: map[string]struct{}{}} }},
		{Name: "well-typed literals", IDs: []string{RuleLiteralLexical}, New: func() RuleRun { return lexicalRule{} }},
		{Name: "no dcat:CatalogRecord", IDs: []string{"catalogrecord.present"}, New: func() RuleRun { return catalogRecordRule{} }},
		{Name: "catalog structure and CC0 licence", IDs: []string{RuleCatalogMissing, "catalog.license.cc0", "catalog.dataset.min", "catalog.hasPart.depth", "catalog.link"},
			New: func() RuleRun { return &catalogRule{} }},
		{Name: "publisher IRI", IDs: []string{"publisher.iri", "publisher.orgnr"}, New: func() RuleRun { return publisherRule{} }},
		{Name: "contact point type", IDs: []string{"contact.type"}, New: func() RuleRun { return contactRule{} }},
		{Name: "high-value datasets", IDs: []string{"dataset.hvd.category", "series.hvd.category", "dataservice.hvd.category",
			"dataset.hvd.legislation", "series.hvd.legislation", "dataservice.hvd.legislation", "dataset.hvd.distribution",
			"dataservice.hvd.contactPoint", "dataservice.hvd.page", "dataservice.hvd.servesDataset"},
			Inbound: []string{nsDCAT + "servesDataset"}, IRIs: []string{hvdEli}, New: func() RuleRun { return hvdRule{} }},
		{Name: "dataset series", IDs: []string{"series.members.max", "series.inSeries", "series.class"},
			Inbound: []string{nsDCAT + "inSeries"}, New: func() RuleRun { return seriesRule{} }},
	}
}

// nop gives a RuleRun the hooks it does not need.
type nop struct{}

func (nop) Judge(*Focus, *Reporter) {}
func (nop) Finish(*Reporter)        {}

// maxGood bounds the caches of terms found valid (they only save time).
const maxGood = 4096

// iriRule reports every IRI that is not absolute and RFC 3987-valid: a
// node's own IRI once, a predicate once per node, an object in each
// triple (the triples of a node are distinct). A node's triples come
// predicate by predicate, so it keeps only the last predicate reported.
type iriRule struct {
	nop
	node    *Focus
	badPred string
	preds   map[string]struct{} // valid predicates (a bounded cache)
}

func (r *iriRule) Triple(n *Focus, t rdf.Triple, rep *Reporter) {
	if n != r.node {
		r.node, r.badPred = n, ""
		if !n.Blank {
			r.check(n.ID, n, "", rep)
		}
	}
	if p := t.Pred.String(); p != r.badPred {
		if _, ok := r.preds[p]; !ok {
			if r.check(p, n, p, rep) {
				if len(r.preds) >= maxGood {
					clear(r.preds)
				}
				r.preds[p] = struct{}{}
			} else {
				r.badPred = p
			}
		}
	}
	if o, ok := t.Obj.(rdf.IRI); ok {
		r.check(o.String(), n, t.Pred.String(), rep)
	}
}

// check reports s unless it is valid, and reports whether it is.
func (r *iriRule) check(s string, n *Focus, path string, rep *Reporter) bool {
	err := iri.Check(s)
	if err == nil {
		return true
	}
	rep.Report(Error, RuleIRIInvalid, n.ID, path, s, Message{
		SV: fmt.Sprintf("IRI:n %q är inte en absolut IRI enligt RFC 3987: %v", s, err),
		EN: fmt.Sprintf("The IRI %q is not an absolute RFC 3987 IRI: %v", s, err),
	})
	return false
}

// langRule reports malformed BCP 47 language tags, once per node,
// predicate and tag: a node's literals come predicate by predicate and
// tag by tag, so it keeps only the last one reported.
type langRule struct {
	nop
	node            *Focus
	badPred, badTag string
	good            map[string]struct{} // valid tags (a bounded cache)
}

func (r *langRule) Triple(n *Focus, t rdf.Triple, rep *Reporter) {
	l, isLit := t.Obj.(rdf.Literal)
	if !isLit || l.Lang() == "" {
		return
	}
	tag := l.Lang()
	if _, ok := r.good[tag]; ok {
		return
	}
	pred := t.Pred.String()
	if n == r.node && pred == r.badPred && strings.EqualFold(tag, r.badTag) {
		return
	}
	err := langtag.Check(tag)
	if err == nil {
		if len(r.good) >= maxGood {
			clear(r.good)
		}
		r.good[tag] = struct{}{}
		return
	}
	r.node, r.badPred, r.badTag = n, pred, tag
	rep.Report(Error, RuleLiteralLangtag, n.ID, pred, tag, Message{
		SV: fmt.Sprintf("Språktaggen %q är inte en giltig BCP 47-tagg: %v", tag, err),
		EN: fmt.Sprintf("The language tag %q is not a valid BCP 47 tag: %v", tag, err),
	})
}

// lexicalRule reports ill-typed literals (CheckLiteral), on any node.
type lexicalRule struct{ nop }

func (lexicalRule) Triple(n *Focus, t rdf.Triple, rep *Reporter) {
	l, isLit := t.Obj.(rdf.Literal)
	if !isLit || l.Lang() != "" {
		return
	}
	if le := checkLiteral(l.String(), l.DataType.String()); le != nil {
		rep.Lazy(Error, RuleLiteralLexical, n.ID, t.Pred.String(), l.String(), le.Message)
	}
}

// catalogRecordRule reports dcat:CatalogRecord, which dataportal.se's
// harvester does not accept.
type catalogRecordRule struct{ nop }

func (catalogRecordRule) Judge(n *Focus, rep *Reporter) {
	if !contains(n.Types, nsDCAT+"CatalogRecord") {
		return
	}
	rep.Report(Error, "catalogrecord.present", n.ID, rdfType, nsDCAT+"CatalogRecord", Message{
		SV: "Noden är en dcat:CatalogRecord, som DCAT-AP-SE inte tillåter och dataportal.se inte kan skörda",
		EN: "The node is a dcat:CatalogRecord, which DCAT-AP-SE does not allow and dataportal.se cannot harvest",
	})
}

// catalogRule: a dcat:Catalog at all, the CC0 licence, datasets or parts,
// one level of parts, and link-only sub-catalogs.
type catalogRule struct {
	catalogs int
}

func (r *catalogRule) Judge(n *Focus, rep *Reporter) {
	if contains(n.Types, nsDCAT+"Catalog") {
		r.catalogs++
	}
	if !n.Is("catalog") || !n.Described() {
		return
	}
	isPart := n.ReferencedBy(nsDCT + "hasPart")
	if isPart && n.OnlyPredicates(rdfType, nsDCT+"isPartOf") {
		rep.Report(Info, "catalog.link", n.ID, "", "", Message{
			SV: "Katalogen har inga egna uppgifter här; dataportal.se hämtar den från dess egen IRI, och skördningen avbryts om det misslyckas",
			EN: "The catalog has no description here; dataportal.se fetches it from its own IRI, and the harvest is aborted if that fails",
		})
		return
	}
	for _, o := range n.Values(nsDCT + "license") {
		if o.Type() == rdf.TermIRI && o.String() == cc0 {
			continue
		}
		rep.Report(Error, "catalog.license.cc0", n.ID, nsDCT+"license", valueString(o), Message{
			SV: "Katalogens metadata ska ha licensen CC0 <" + cc0 + ">",
			EN: "The catalog's metadata must have the licence CC0 <" + cc0 + ">",
		})
	}
	if !n.Has(nsDCAT+"dataset") && !n.Has(nsDCT+"hasPart") {
		sev := Error
		if n.Has(nsDCAT + "service") {
			sev = Warning
		}
		rep.Report(sev, "catalog.dataset.min", n.ID, nsDCAT+"dataset", "", Message{
			SV: "Katalogen saknar dcat:dataset (obligatorisk) och har inga delkataloger (dcterms:hasPart)",
			EN: "The catalog has no dcat:dataset (mandatory) and no sub-catalogs (dcterms:hasPart)",
		})
	}
	// A part is the object of another catalog's dcterms:hasPart; its own
	// dcterms:isPartOf says nothing about the harvest.
	if isPart && n.Has(nsDCT+"hasPart") {
		rep.Report(Error, "catalog.hasPart.depth", n.ID, nsDCT+"hasPart", "", Message{
			SV: "Katalogen är själv en delkatalog (målet för en annan katalogs dcterms:hasPart) men har delkataloger; dataportal.se följer bara en nivå av dcterms:hasPart",
			EN: "The catalog is itself a sub-catalog (the object of another catalog's dcterms:hasPart) but has sub-catalogs; dataportal.se follows only one level of dcterms:hasPart",
		})
	}
}

func (r *catalogRule) Finish(rep *Reporter) {
	if r.catalogs == 0 {
		rep.Report(Error, RuleCatalogMissing, "", rdfType, nsDCAT+"Catalog", Message{
			SV: "Dokumentet har ingen dcat:Catalog; dataportal.se skördar datamängder bara genom en katalog",
			EN: "The document has no dcat:Catalog; dataportal.se harvests datasets only through a catalog",
		})
	}
}

// publisherIRIPattern is dataportal.se's well-known publisher IRI.
var publisherIRIPattern = regexp.MustCompile(`^http://dataportal\.se/organisation/SE([0-9]{10})(-[^/?#]+)?$`)

// publisherRule: a publisher's IRI should be
// http://dataportal.se/organisation/SE<orgnr>, with a valid orgnr.
type publisherRule struct{ nop }

func (publisherRule) Judge(n *Focus, rep *Reporter) {
	if n.Blank || !n.Described() || !n.ReferencedBy(nsDCT+"publisher") {
		return
	}
	m := publisherIRIPattern.FindStringSubmatch(n.ID)
	if m == nil {
		rep.Report(Warning, "publisher.iri", n.ID, "", n.ID, Message{
			SV: "Utgivarens IRI bör vara http://dataportal.se/organisation/SE följt av organisationsnumrets 10 siffror",
			EN: "The publisher's IRI should be http://dataportal.se/organisation/SE followed by the 10 digits of its organisation number",
		})
		return
	}
	if _, err := catalog.ParseOrgNumber(m[1]); err != nil {
		rep.Report(Error, "publisher.orgnr", n.ID, "", m[1], Message{
			SV: fmt.Sprintf("Organisationsnumret %s i utgivarens IRI är ogiltigt (kontrollsiffran stämmer inte)", m[1]),
			EN: fmt.Sprintf("The organisation number %s in the publisher's IRI is invalid (wrong check digit)", m[1]),
		})
	}
}

// contactRule: a contact point is a vcard:Individual or vcard:Organization.
type contactRule struct{ nop }

func (contactRule) Judge(n *Focus, rep *Reporter) {
	if !n.Is("contact") || len(n.Types) == 0 {
		return
	}
	if contains(n.Types, nsVCard+"Individual") || contains(n.Types, nsVCard+"Organization") {
		return
	}
	rep.Report(Error, "contact.type", n.ID, rdfType, "", Message{
		SV: "Kontaktpunkten ska ha rdf:type vcard:Organization eller vcard:Individual",
		EN: "The contact point must have rdf:type vcard:Organization or vcard:Individual",
	})
}

// hvdRule: the HVD conditions of DCAT-AP-SE (hvdCategory only and always
// with the HVD legislation) and Digg's recommendation 14.
type hvdRule struct{ nop }

func (hvdRule) Judge(n *Focus, rep *Reporter) {
	if !n.Described() {
		return
	}
	for _, c := range []string{"dataset", "series", "dataservice"} {
		if !n.Is(c) {
			continue
		}
		hvd := n.HasIRI(nsDCATAP+"applicableLegislation", hvdEli)
		switch {
		case hvd && !n.Has(nsDCATAP+"hvdCategory"):
			rep.Report(Error, c+".hvd.category", n.ID, nsDCATAP+"hvdCategory", "", Message{
				SV: "Resursen anges som värdefull datamängd (dcatap:applicableLegislation) men saknar dcatap:hvdCategory",
				EN: "The resource is marked as high-value (dcatap:applicableLegislation) but has no dcatap:hvdCategory",
			})
		case !hvd && n.Has(nsDCATAP+"hvdCategory"):
			rep.Report(Warning, c+".hvd.legislation", n.ID, nsDCATAP+"applicableLegislation", "", Message{
				SV: "Resursen har dcatap:hvdCategory men saknar dcatap:applicableLegislation <" + hvdEli + ">; kategorin ska bara anges för värdefulla datamängder",
				EN: "The resource has a dcatap:hvdCategory but no dcatap:applicableLegislation <" + hvdEli + ">; the category is only for high-value datasets",
			})
		}
		if !hvd {
			continue
		}
		switch c {
		case "dataset":
			if !n.Has(nsDCAT+"distribution") && !n.ReferencedBy(nsDCAT+"servesDataset") {
				rep.Report(Error, "dataset.hvd.distribution", n.ID, nsDCAT+"distribution", "", Message{
					SV: "Den värdefulla datamängden saknar både dcat:distribution och en datatjänst som tillhandahåller den",
					EN: "The high-value dataset has neither a dcat:distribution nor a data service serving it",
				})
			}
		case "dataservice":
			if !n.Has(nsDCAT + "contactPoint") {
				rep.Report(Error, "dataservice.hvd.contactPoint", n.ID, nsDCAT+"contactPoint", "", Message{
					SV: "Datatjänsten för värdefulla datamängder saknar dcat:contactPoint",
					EN: "The high-value data service has no dcat:contactPoint",
				})
			}
			if !n.Has(nsFOAF + "page") {
				// Warning: Digg's recommendation 14, not the 3.0.1 templates.
				rep.Report(Warning, "dataservice.hvd.page", n.ID, nsFOAF+"page", "", Message{
					SV: "Datatjänsten för värdefulla datamängder saknar foaf:page med dokumentation om tjänstens kvalitet",
					EN: "The high-value data service has no foaf:page documenting its quality of service",
				})
			}
			if !n.Has(nsDCAT + "servesDataset") {
				rep.Report(Warning, "dataservice.hvd.servesDataset", n.ID, nsDCAT+"servesDataset", "", Message{
					SV: "Datatjänsten för värdefulla datamängder anger inte vilka datamängder den tillhandahåller (dcat:servesDataset)",
					EN: "The high-value data service does not say which datasets it serves (dcat:servesDataset)",
				})
			}
		}
	}
}

// seriesRule: at most 50 datasets per series, no series in a series, and
// dcat:inSeries pointing at a dcat:DatasetSeries (Digg's recommendations
// 15–21).
type seriesRule struct{ nop }

func (seriesRule) Judge(n *Focus, rep *Reporter) {
	if m := n.Referrers(nsDCAT + "inSeries"); m > maxSeries {
		rep.Report(Error, "series.members.max", n.ID, nsDCAT+"inSeries", fmt.Sprint(m), Message{
			SV: fmt.Sprintf("Datasetserien har %d datamängder; högst %d tillåts", m, maxSeries),
			EN: fmt.Sprintf("The dataset series has %d datasets; at most %d are allowed", m, maxSeries),
		})
	}
	if n.Is("series") && n.Has(nsDCAT+"inSeries") {
		rep.Report(Error, "series.inSeries", n.ID, nsDCAT+"inSeries", "", Message{
			SV: "Datasetserien ingår själv i en serie; serier kan inte nästlas",
			EN: "The dataset series is itself in a series; series cannot be nested",
		})
	}
	if n.ReferencedBy(nsDCAT+"inSeries") && !n.Is("series") {
		rep.Report(Error, "series.class", n.ID, rdfType, "", Message{
			SV: "Noden är målet för dcat:inSeries men är ingen dcat:DatasetSeries",
			EN: "The node is the object of dcat:inSeries but is not a dcat:DatasetSeries",
		})
	}
}
