package validate

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/knakk/rdf"
)

// The false and missed findings of issue #14, each with the fixture that
// showed it.

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
