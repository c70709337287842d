package validate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
)

// subjects are the nodes of base, per class.
var subjects = map[string]string{
	"catalog": "ex:cat", "dataset": "ex:ds", "distribution": "ex:dist", "dataservice": "ex:svc",
	"series": "ex:series", "agent": pub, "contact": "ex:cp",
}

// focusOf turns a fixture subject into the focus a finding names.
func focusOf(s string) string {
	if strings.HasPrefix(s, "ex:") {
		return "https://example.se/" + s[3:]
	}
	return strings.Trim(s, "<>")
}

// ttlTerm writes an IRI for Turtle.
func ttlTerm(iri string) string { return "<" + iri + ">" }

// linesOf returns the base lines of subject s and predicate IRI p that end with suffix.
func linesOf(s, p, suffix string) []string {
	var out []string
	for _, l := range baseLines {
		if strings.HasPrefix(l, s+" "+curie(p)+" ") && strings.HasSuffix(l, suffix) {
			out = append(out, l)
		}
	}
	return out
}

// extraValues returns two values of a property's kind (for .max).
func extraValues(p *Property) [2]string {
	switch p.Kind {
	case Typed:
		return [2]string{`"1"^^<` + p.Datatypes[0] + `>`, `"2"^^<` + p.Datatypes[0] + `>`}
	case PlainLiteral, Literal:
		return [2]string{`"x1"`, `"x2"`}
	case LangLiteral:
		return [2]string{`"x1"@sv`, `"x2"@sv`}
	}
	return [2]string{"<https://example.se/extra1>", "<https://example.se/extra2>"}
}

// wrongKind returns a value of the wrong kind and the rule suffix it breaks.
func wrongKind(p *Property) (string, string) {
	switch p.Kind {
	case IRI:
		return `"not an IRI"`, "kind"
	case Resource:
		return `"not an IRI"`, "kind"
	case Literal, Typed:
		if p.Kind == Typed {
			return `"x"^^<http://www.w3.org/2001/XMLSchema#string>`, "datatype"
		}
		return "<https://example.se/iri>", "kind"
	case PlainLiteral:
		return `"x"@sv`, "kind"
	case LangLiteral:
		return `"x"`, "lang"
	case LiteralOrIRI:
		return "_:blank", "kind"
	}
	return "", ""
}

type ruleCase struct {
	rule, focus string
	bad, good   string
}

// tableCases derives a failing fixture from the profile table for every
// cardinality, kind, pattern, vocabulary and translation rule of the seven
// classes; base is the fixture that satisfies them all.
func tableCases() []ruleCase {
	var cs []ruleCase
	good := doc(nil, "")
	for _, c := range DCATAPSE301().Classes {
		s := subjects[c.ID]
		for i := range c.Properties {
			p := &c.Properties[i]
			id := c.ID + "." + p.ID + "."
			f := focusOf(s)
			pred := ttlTerm(p.IRI)
			lines := linesOf(s, p.IRI, "")
			switch p.Level {
			case Mandatory:
				cs = append(cs, ruleCase{id + "min", f, doc(lines, ""), good})
			case Recommended:
				cs = append(cs, ruleCase{id + "recommended", f, doc(lines, ""), good})
			}
			if p.Max == 1 {
				v := extraValues(p)
				cs = append(cs, ruleCase{id + "max", f, doc(nil, fmt.Sprintf("%s %s %s .\n%s %s %s .", s, pred, v[0], s, pred, v[1])), good})
			}
			if v, suffix := wrongKind(p); v != "" {
				cs = append(cs, ruleCase{id + suffix, f, doc(nil, fmt.Sprintf("%s %s %s .", s, pred, v)), good})
			}
			if p.Pattern != nil {
				cs = append(cs, ruleCase{id + "pattern", f, doc(nil, fmt.Sprintf("%s %s <urn:x:y> .", s, pred)), good})
			}
			if p.Vocab != nil && p.Kind == IRI && p.VocabSeverity != Info {
				cs = append(cs, ruleCase{id + "vocab", f, doc(nil, fmt.Sprintf("%s %s <https://example.se/not-listed> .", s, pred)), good})
			}
			if p.Translate {
				if en := linesOf(s, p.IRI, "@en ."); len(en) > 0 {
					cs = append(cs, ruleCase{id + "en", f, doc(en, ""), good})
				}
				if sv := linesOf(s, p.IRI, "@sv ."); len(sv) > 0 {
					cs = append(cs, ruleCase{id + "sv", f, doc(sv, ""), good})
				}
			}
		}
	}
	return cs
}

const (
	eli    = "<http://data.europa.eu/eli/reg_impl/2023/138/oj>"
	hvdCat = "<http://data.europa.eu/bna/c_e1da4e07>"
)

// graphCases are the hand-written fixtures of the graph rules and of the
// class-level checks.
func graphCases() []ruleCase {
	good := doc(nil, "")
	members := new(strings.Builder)
	for i := 0; i < 51; i++ {
		fmt.Fprintf(members, "ex:m%d dcat:inSeries ex:series .\n", i)
	}
	hvd := func(s string) string { return s + " dcatap:applicableLegislation " + eli + " .\n" }
	cat := func(s string) string { return s + " dcatap:hvdCategory " + hvdCat + " .\n" }
	return []ruleCase{
		{"catalogrecord.present", "https://example.se/rec", doc(nil, `ex:rec rdf:type dcat:CatalogRecord .`), good},
		{"catalog.license.cc0", "https://example.se/cat", doc([]string{"ex:cat dcterms:license"}, `ex:cat dcterms:license <http://creativecommons.org/licenses/by/4.0/> .`), good},
		{"catalog.dataset.min", "https://example.se/cat", doc([]string{"ex:cat dcat:dataset", "ex:cat dcat:service"}, ""), good},
		{"catalog.hasPart.depth", "https://example.se/cat", doc(nil, "ex:top dcterms:hasPart ex:cat .\nex:cat dcterms:hasPart ex:sub ."),
			doc(nil, "ex:cat dcterms:hasPart ex:sub .\nex:sub rdf:type dcat:Catalog .\nex:cat dcterms:isPartOf ex:top .")},
		{"catalog.missing", "", doc([]string{"ex:cat rdf:type"}, ""), good},
		{"literal.lexical", "https://example.se/dist", doc([]string{"ex:dist dcat:byteSize"}, `ex:dist dcat:byteSize "12 kB"^^xsd:nonNegativeInteger .`), good},
		{"catalog.link", "https://example.se/sub", doc(nil, "ex:cat dcterms:hasPart ex:sub .\nex:sub rdf:type dcat:Catalog ."), good},
		{"catalog.undescribed", "https://example.se/sub", doc(nil, "ex:cat dcterms:hasPart ex:sub ."), good},
		{"catalog.blank", "_:c", doc(nil, "_:c rdf:type dcat:Catalog .\n_:c dcterms:title \"x\"@sv ."), good},
		{"dataset.blank", "_:d", doc(nil, "ex:cat dcat:dataset _:d .\n_:d dcterms:title \"x\"@sv ."), good},
		{"distribution.blank", "_:d", doc(nil, "ex:ds dcat:distribution _:d .\n_:d dcat:accessURL <https://example.se/x> ."), good},
		{"agent.blank", "_:a", doc(nil, "ex:ds2 dcterms:publisher _:a ."), good},
		{"contact.blank", "_:k", doc(nil, "ex:ds dcat:contactPoint _:k .\n_:k rdf:type vcard:Organization ."), good},
		{"dataset.class", "https://example.se/ds2", doc(nil, "ex:cat dcat:dataset ex:ds2 .\nex:ds2 dcterms:title \"x\"@sv ."), good},
		{"distribution.undescribed", "https://example.se/dist2", doc(nil, "ex:ds dcat:distribution ex:dist2 ."), good},
		{"dataservice.undescribed", "https://example.se/svc2", doc(nil, "ex:cat dcat:service ex:svc2 ."), good},
		{"dataset.undescribed", "https://example.se/ds2", doc(nil, "ex:cat dcat:dataset ex:ds2 ."), good},
		{"agent.undescribed", "https://example.se/org", doc(nil, "ex:ds2 dcterms:publisher ex:org ."), good},
		{"contact.undescribed", "https://example.se/cp2", doc(nil, "ex:ds dcat:contactPoint ex:cp2 ."), good},
		{"series.undescribed", "https://example.se/series2", doc(nil, "ex:ds dcat:inSeries ex:series2 ."), good},
		{"publisher.iri", "https://example.se/org", doc(nil, "ex:ds2 dcterms:publisher ex:org .\nex:org foaf:name \"x\"@sv ."), good},
		{"publisher.orgnr", "http://dataportal.se/organisation/SE2021005449",
			doc(nil, "ex:ds2 dcterms:publisher <http://dataportal.se/organisation/SE2021005449> .\n<http://dataportal.se/organisation/SE2021005449> foaf:name \"x\"@sv ."), good},
		{"contact.type", "https://example.se/cp", doc([]string{"ex:cp rdf:type"}, "ex:cp rdf:type vcard:Kind ."), good},
		{"dataset.hvd.category", "https://example.se/ds", doc(nil, hvd("ex:ds")), doc(nil, hvd("ex:ds")+cat("ex:ds"))},
		{"dataset.hvd.legislation", "https://example.se/ds", doc(nil, cat("ex:ds")), doc(nil, hvd("ex:ds")+cat("ex:ds"))},
		{"series.hvd.category", "https://example.se/series", doc(nil, hvd("ex:series")), doc(nil, hvd("ex:series")+cat("ex:series"))},
		{"series.hvd.legislation", "https://example.se/series", doc(nil, cat("ex:series")), good},
		{"dataservice.hvd.category", "https://example.se/svc", doc(nil, hvd("ex:svc")), good},
		{"dataservice.hvd.legislation", "https://example.se/svc", doc(nil, cat("ex:svc")), good},
		{"dataset.hvd.distribution", "https://example.se/ds",
			doc([]string{"ex:ds dcat:distribution", "ex:svc dcat:servesDataset"}, hvd("ex:ds")+cat("ex:ds")),
			doc([]string{"ex:ds dcat:distribution"}, hvd("ex:ds")+cat("ex:ds"))},
		{"dataservice.hvd.contactPoint", "https://example.se/svc", doc([]string{"ex:svc dcat:contactPoint"}, hvd("ex:svc")+cat("ex:svc")),
			doc(nil, hvd("ex:svc")+cat("ex:svc")+"ex:svc foaf:page <https://example.se/sla> .")},
		{"dataservice.hvd.page", "https://example.se/svc", doc(nil, hvd("ex:svc")+cat("ex:svc")),
			doc(nil, hvd("ex:svc")+cat("ex:svc")+"ex:svc foaf:page <https://example.se/sla> .")},
		{"dataservice.hvd.servesDataset", "https://example.se/svc", doc([]string{"ex:svc dcat:servesDataset"}, hvd("ex:svc")+cat("ex:svc")),
			doc(nil, hvd("ex:svc")+cat("ex:svc"))},
		{"series.members.max", "https://example.se/series", doc(nil, members.String()), good},
		{"series.inSeries", "https://example.se/series", doc(nil, "ex:series dcat:inSeries ex:series2 ."), good},
		{"series.class", "https://example.se/dist", doc(nil, "ex:ds dcat:inSeries ex:dist ."), good},
		{"distribution.availability.deprecated", "https://example.se/dist",
			doc([]string{"ex:dist dcatap:availability"}, "ex:dist dcatap:availability <http://data.europa.eu/r5r/availability/stable> ."), good},
		{"dataset.accrualPeriodicity.deprecated", "https://example.se/ds",
			doc([]string{"ex:ds dcterms:accrualPeriodicity"}, "ex:ds dcterms:accrualPeriodicity <http://purl.org/cld/freq/annual> ."), good},
		{"distribution.license.canonical", "https://example.se/dist",
			doc([]string{"ex:dist dcterms:license"}, "ex:dist dcterms:license <https://creativecommons.org/licenses/by/4.0> ."), good},
		{"distribution.license.vocab", "https://example.se/dist",
			doc([]string{"ex:dist dcterms:license"}, "ex:dist dcterms:license <https://example.se/my-licence> ."), good},
		{"distribution.format.vocab", "https://example.se/dist",
			doc([]string{"ex:dist dcterms:format"}, `ex:dist dcterms:format "CSV" .`), good},
		{"distribution.mediaType.vocab", "https://example.se/dist",
			doc(nil, `ex:dist dcat:mediaType <https://example.se/csv> .`),
			doc(nil, `ex:dist dcat:mediaType <http://www.iana.org/assignments/media-types/text/csv> .`)},
		{"dataservice.format.vocab", "https://example.se/svc",
			doc([]string{"ex:svc dcterms:format"}, `ex:svc dcterms:format "JSON" .`), good},
	}
}

func TestRules(t *testing.T) {
	v := New(DCATAPSE301())
	covered := map[string]bool{}
	for _, c := range append(tableCases(), graphCases()...) {
		covered[c.rule] = true
		t.Run(c.rule, func(t *testing.T) {
			bad := v.ValidateTriples(parseTurtle(t, c.bad))
			if !hasRule(bad, c.rule, c.focus) {
				t.Errorf("the breaking fixture has no %s on %s; got %v", c.rule, c.focus, pairs(bad))
			}
			good := v.ValidateTriples(parseTurtle(t, c.good))
			if hasRule(good, c.rule, "") {
				t.Errorf("the satisfying fixture has %s: %v", c.rule, pairs(good))
			}
			for _, r := range bad.Results {
				if r.Message.SV == "" || r.Message.EN == "" {
					t.Errorf("%s has no message: %+v", r.Rule, r)
				}
			}
		})
	}
	for _, r := range DCATAPSE301().Rules {
		for _, id := range r.IDs {
			if id != "iri.invalid" && id != "literal.langtag" && !covered[id] {
				t.Errorf("graph rule id %s has no fixture", id)
			}
		}
	}
}

// TestInvalidIRI builds the triples directly: the Turtle reader refuses
// such IRIs itself.
func TestInvalidIRI(t *testing.T) {
	ts := parseTurtle(t, doc(nil, ""))
	good := New(DCATAPSE301()).ValidateTriples(ts)
	if hasRule(good, "iri.invalid", "") {
		t.Fatalf("base has iri.invalid: %v", pairs(good))
	}
	s, _ := rdf.NewIRI("https://example.se/ds")
	p, _ := rdf.NewIRI(nsDCAT + "landingPage")
	p2, _ := rdf.NewIRI(nsFOAF + "page")
	o, _ := rdf.NewIRI("relative/page")
	o2, _ := rdf.NewIRI("relative/other")
	bp, _ := rdf.NewIRI("relative-predicate")
	bad := New(DCATAPSE301()).ValidateTriples(append(ts, rdf.Triple{Subj: s, Pred: p, Obj: o}, rdf.Triple{Subj: s, Pred: p2, Obj: o},
		rdf.Triple{Subj: s, Pred: bp, Obj: o2}, rdf.Triple{Subj: s, Pred: bp, Obj: s}))
	var got []string
	for _, r := range findings(bad, "iri.invalid") {
		got = append(got, r.Focus+" "+r.Path+" "+r.Value)
	}
	want := []string{
		"https://example.se/ds http://www.w3.org/ns/dcat#landingPage relative/page",
		"https://example.se/ds http://xmlns.com/foaf/0.1/page relative/page",
		"https://example.se/ds relative-predicate relative-predicate",
		"https://example.se/ds relative-predicate relative/other",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("iri.invalid findings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestBadLanguageTag: a malformed tag is reported once per node and
// property, however many literals carry it. The triples are built directly:
// katalog's readers refuse such tags themselves.
func TestBadLanguageTag(t *testing.T) {
	ts := parseTurtle(t, doc(nil, `ex:ds dcat:keyword "ok"@sv .`))
	dt, _ := rdf.NewIRI(rdfparse.RDFNS + "langString")
	for _, c := range []struct{ s, p, text string }{
		{"https://example.se/ds", nsDCAT + "keyword", "a"},
		{"https://example.se/ds", nsDCAT + "keyword", "b"},
		{"https://example.se/ds", "http://purl.org/dc/terms/description", "c"},
		{"https://example.se/dist", "http://purl.org/dc/terms/title", "d"},
	} {
		s, _ := rdf.NewIRI(c.s)
		p, _ := rdf.NewIRI(c.p)
		ts = append(ts, rdf.Triple{Subj: s, Pred: p, Obj: rdfparse.LangLiteral(c.text, "abcdefghij", dt)}) // unchecked
	}
	r := New(DCATAPSE301()).ValidateTriples(ts)
	var got []string
	for _, res := range findings(r, "literal.langtag") {
		got = append(got, res.Focus+" "+res.Path+" "+res.Value)
	}
	want := []string{
		"https://example.se/dist http://purl.org/dc/terms/title abcdefghij",
		"https://example.se/ds http://purl.org/dc/terms/description abcdefghij",
		"https://example.se/ds http://www.w3.org/ns/dcat#keyword abcdefghij",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("literal.langtag findings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestInvalidLangTag builds the triple directly: the readers refuse
// language tags that are not well-formed BCP 47 themselves (the policy of
// dcat/syntax/langtag), so the rule guards graphs built in other ways.
func TestInvalidLangTag(t *testing.T) {
	ts := parseTurtle(t, doc(nil, `ex:ds dcat:keyword "x"@zh-Hant-TW, "y"@i-klingon, "z"@en-US-u-ca-gregory .`))
	good := New(DCATAPSE301()).ValidateTriples(ts)
	if hasRule(good, "literal.langtag", "") {
		t.Fatalf("well-formed tags give literal.langtag: %v", pairs(good))
	}
	s, _ := rdf.NewIRI("https://example.se/ds")
	p, _ := rdf.NewIRI(nsDCAT + "keyword")
	dt, _ := rdf.NewIRI(rdfparse.RDFNS + "langString")
	o := rdfparse.LangLiteral("x", "abcdefghij", dt) // unchecked
	bad := New(DCATAPSE301()).ValidateTriples(append(ts, rdf.Triple{Subj: s, Pred: p, Obj: o}))
	if !hasRule(bad, "literal.langtag", "https://example.se/ds") {
		t.Errorf("no literal.langtag: %v", pairs(bad))
	}
}
