package validate

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/knakk/rdf"
)

// The false findings and missed findings of issue #14, each with the
// fixture that showed it.

// findings returns the results of rule, for any focus.
func findings(r *Report, rule string) []Result {
	var out []Result
	for _, res := range r.Results {
		if res.Rule == rule {
			out = append(out, res)
		}
	}
	return out
}

// TestNoCatalog: a document without a dcat:Catalog is not a feed
// dataportal.se can harvest.
func TestNoCatalog(t *testing.T) {
	for name, d := range map[string]string{
		"datasets only": doc([]string{"ex:cat "}, ""),
		"empty":         prefixes,
		"untyped":       doc([]string{"ex:cat rdf:type"}, ""),
	} {
		t.Run(name, func(t *testing.T) {
			r := validateTurtle(t, d)
			got := findings(r, "catalog.missing")
			if len(got) != 1 || got[0].Severity != Error || r.Conforms {
				t.Errorf("want one catalog.missing error, got %v (conforms %v)", pairs(r), r.Conforms)
			}
		})
	}
	if r := validateTurtle(t, doc(nil, "")); hasRule(r, "catalog.missing", "") {
		t.Errorf("base has catalog.missing: %v", pairs(r))
	}
}

// TestIllTypedLiterals: a literal whose lexical form is not in its
// datatype's lexical space is an error (literal.lexical), on a node of a
// class table and on any other node.
func TestIllTypedLiterals(t *testing.T) {
	for _, c := range []struct {
		name, drop, add, focus, value string
	}{
		{"date", "ex:ds dcterms:issued", `ex:ds dcterms:issued "2020-13-45"^^xsd:date .`, "https://example.se/ds", "2020-13-45"},
		{"february 30", "ex:ds dcterms:issued", `ex:ds dcterms:issued "2021-02-29"^^xsd:date .`, "https://example.se/ds", "2021-02-29"},
		{"negative size", "ex:dist dcat:byteSize", `ex:dist dcat:byteSize "-5"^^xsd:nonNegativeInteger .`, "https://example.se/dist", "-5"},
		{"period", "", `ex:period dcat:startDate "2020-1-1"^^xsd:date .`, "https://example.se/period", "2020-1-1"},
		{"dateTime", "ex:cat dcterms:modified", `ex:cat dcterms:modified "2024-06-01T25:00:00Z"^^xsd:dateTime .`, "https://example.se/cat", "2024-06-01T25:00:00Z"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var drop []string
			if c.drop != "" {
				drop = []string{c.drop}
			}
			r := validateTurtle(t, doc(drop, c.add))
			got := findings(r, "literal.lexical")
			if len(got) != 1 || got[0].Severity != Error || got[0].Focus != c.focus || got[0].Value != c.value || r.Conforms {
				t.Fatalf("want one literal.lexical error on %s %q, got %v", c.focus, c.value, pairs(r))
			}
			if got[0].Message.SV == "" || got[0].Message.EN == "" || !strings.Contains(got[0].Message.EN, c.value) {
				t.Errorf("message: %+v", got[0].Message)
			}
		})
	}
}

// TestValidDateForms: an xsd:dateTime without a time zone (CKAN's
// default), an xsd:gYear and an xsd:gYearMonth are valid dates.
func TestValidDateForms(t *testing.T) {
	for _, v := range []string{
		`"2020-05-04T10:11:12"^^xsd:dateTime`, `"2020-05-04T10:11:12.123456"^^xsd:dateTime`,
		`"2020-05-04T10:11:12+02:00"^^xsd:dateTime`, `"2020"^^xsd:gYear`, `"2020-05"^^xsd:gYearMonth`,
		`"2020-05-04"^^xsd:date`, `"2020-05-04Z"^^xsd:date`,
	} {
		r := validateTurtle(t, doc([]string{"ex:ds dcterms:issued"}, "ex:ds dcterms:issued "+v+" ."))
		if len(r.Results) != 0 {
			t.Errorf("%s: %v", v, pairs(r))
		}
	}
}

// TestEmptyText: empty text is missing text.
func TestEmptyText(t *testing.T) {
	r := validateTurtle(t, doc([]string{"ex:ds dcterms:title"}, "ex:ds dcterms:title \"\"@sv .\nex:ds dcterms:title \"  \"@en ."))
	if !hasRule(r, "dataset.title.min", "https://example.se/ds") || r.Conforms {
		t.Errorf("empty titles: want dataset.title.min, got %v", pairs(r))
	}
	r = validateTurtle(t, doc([]string{"ex:ds dcterms:title \"Data\"@en"}, "ex:ds dcterms:title \"\"@en ."))
	if !hasRule(r, "dataset.title.en", "https://example.se/ds") || hasRule(r, "dataset.title.min", "") {
		t.Errorf("an empty English title: want dataset.title.en only, got %v", pairs(r))
	}
	r = validateTurtle(t, doc([]string{"ex:cp vcard:fn"}, "ex:cp vcard:fn \"\" ."))
	if !hasRule(r, "contact.fn.min", "https://example.se/cp") {
		t.Errorf("empty vcard:fn: want contact.fn.min, got %v", pairs(r))
	}
}

// TestRepeatedTripleCountsOnce: a graph is a set; a triple given twice is
// one value.
func TestRepeatedTripleCountsOnce(t *testing.T) {
	ts := parseTurtle(t, doc(nil, ""))
	var again []rdf.Triple
	for _, tr := range ts {
		if p := tr.Pred.String(); p == nsDCT+"issued" || p == nsDCT+"license" || p == nsDCT+"publisher" || p == nsDCAT+"accessURL" {
			again = append(again, tr)
		}
	}
	r := New(DCATAPSE301()).ValidateTriples(append(ts, again...))
	if len(r.Results) != 0 {
		t.Errorf("repeated triples: %v", pairs(r))
	}
	// The same through a parser: Turtle gives the repeated line twice.
	r = validateTurtle(t, doc(nil, `ex:ds dcterms:issued "2020"^^xsd:gYear .`))
	if len(r.Results) != 0 {
		t.Errorf("repeated Turtle line: %v", pairs(r))
	}
}

// TestIsPartOfIsNotDepth: a catalog that says it is part of another one
// (an outbound dcterms:isPartOf) and has parts of its own is a main
// catalog with one level of parts; only a catalog that is a part (the
// object of dcterms:hasPart) may not have parts.
func TestIsPartOfIsNotDepth(t *testing.T) {
	r := validateTurtle(t, doc(nil, "ex:cat dcterms:hasPart ex:sub .\nex:sub rdf:type dcat:Catalog .\nex:cat dcterms:isPartOf ex:top ."))
	if hasRule(r, "catalog.hasPart.depth", "") {
		t.Errorf("outbound isPartOf: %v", pairs(r))
	}
	r = validateTurtle(t, doc(nil, "ex:top dcterms:hasPart ex:cat .\nex:cat dcterms:hasPart ex:sub .\nex:sub rdf:type dcat:Catalog ."))
	if !hasRule(r, "catalog.hasPart.depth", "https://example.se/cat") {
		t.Errorf("a part with parts: want catalog.hasPart.depth on ex:cat, got %v", pairs(r))
	}
}

// TestDeprecatedNamesReplacement: Digg's rekommenderat example uses the
// DCAT-AP 2 availability IRI; the finding names the IRI to write instead.
func TestDeprecatedNamesReplacement(t *testing.T) {
	for _, c := range []struct{ rule, drop, add, want string }{
		{"distribution.availability.deprecated", "ex:dist dcatap:availability",
			"ex:dist dcatap:availability <http://data.europa.eu/r5r/availability/experimental> .", "planned-availability/EXPERIMENTAL"},
		{"dataset.accrualPeriodicity.deprecated", "ex:ds dcterms:accrualPeriodicity",
			"ex:ds dcterms:accrualPeriodicity <http://purl.org/cld/freq/semiannual> .", "frequency/ANNUAL_2"},
		{"distribution.status.deprecated", "ex:dist adms:status",
			"ex:dist adms:status <http://purl.org/adms/status/UnderDevelopment> .", "distribution-status/DEVELOP"},
	} {
		r := validateTurtle(t, doc([]string{c.drop}, c.add))
		got := findings(r, c.rule)
		if len(got) != 1 || got[0].Severity != Warning {
			t.Errorf("%s: got %v", c.rule, pairs(r))
			continue
		}
		if !strings.Contains(got[0].Message.EN, c.want) || !strings.Contains(got[0].Message.SV, c.want) {
			t.Errorf("%s: the message does not name %s: %+v", c.rule, c.want, got[0].Message)
		}
	}
}

// resultKeys lists every finding with its path and value, for comparing
// runs.
func resultKeys(r *Report) []string {
	out := make([]string, len(r.Results))
	for i, res := range r.Results {
		out[i] = res.Severity.String() + " " + res.Rule + " " + res.Focus + " " + res.Path + " " + res.Value
	}
	return out
}

// shuffled returns a copy of ts in a random order.
func shuffled(ts []rdf.Triple, seed uint64) []rdf.Triple {
	sh := append([]rdf.Triple(nil), ts...)
	rng := rand.New(rand.NewPCG(seed, 14))
	rng.Shuffle(len(sh), func(a, b int) { sh[a], sh[b] = sh[b], sh[a] })
	return sh
}

// TestManyValues: past the value cap a node keeps counting and checking
// every value, its languages and the IRIs the graph rules ask about.
func TestManyValues(t *testing.T) {
	var add strings.Builder
	for i := range 40 {
		fmt.Fprintf(&add, "ex:ds dcat:keyword \"a%02d\"@en .\n", i)
		fmt.Fprintf(&add, "ex:ds dcatap:applicableLegislation <http://a.example/leg/%02d> .\n", i)
		fmt.Fprintf(&add, "ex:ds dcat:theme <http://publications.europa.eu/resource/authority/data-theme/SOCI%02d> .\n", i)
	}
	add.WriteString("ex:ds dcatap:applicableLegislation " + eli + " .\n")
	v := New(DCATAPSE301())
	r := v.ValidateTriples(shuffled(parseTurtle(t, doc(nil, add.String())), 7))
	if hasRule(r, "dataset.keyword.sv", "") || hasRule(r, "dataset.keyword.en", "") {
		t.Errorf("41 keywords in Swedish and English: %v", pairs(r))
	}
	if got := len(findings(r, "dataset.theme.vocab")); got != 40 {
		t.Errorf("%d dataset.theme.vocab findings, want 40", got)
	}
	if !hasRule(r, "dataset.hvd.category", "https://example.se/ds") || !hasRule(r, "dataset.applicableLegislation.max", "") {
		t.Errorf("the HVD legislation past the cap: %v", pairs(r))
	}
	for _, res := range findings(r, "dataset.applicableLegislation.max") {
		if !strings.Contains(res.Message.EN, "41 values") {
			t.Errorf("max: %s", res.Message.EN)
		}
	}
}
