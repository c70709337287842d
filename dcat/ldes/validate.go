package ldes

import (
	"time"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/validate"
	"github.com/katalog-se/katalog/internal/finding"
)

// contextRules are the validator's rules about what one member's
// description cannot say alone: a catalog's datasets are members of their
// own (their descriptions carry the catalog's dcat:dataset link to them).
var contextRules = map[string]bool{
	"catalog.dataset.min": true,
}

// MemberReport is the DCAT-AP-SE validation of one event's payload: the
// entity's description as a resource of its own.
type MemberReport struct {
	Event     string     `json:"event"`
	Type      string     `json:"type"`
	Object    string     `json:"object"`
	Published *time.Time `json:"published,omitempty"`
	Errors    int        `json:"errors"`
	Warnings  int        `json:"warnings"`
	// Results are the validator's findings about the entity and the nodes
	// its description holds (its contact point, period, telephone), in the
	// validator's order.
	Results []validate.Result `json:"results"`
}

// ValidateMember validates e's payload with v and keeps the findings about
// what the member describes: the entity itself and the typed nodes its
// description leads to and describes. Findings about entities the payload
// only refers to (another member's description says those), findings
// without a node (a graph with no dcat:Catalog) and the context rules are
// left out. A delete has nothing to validate.
func ValidateMember(v *validate.Validator, e *Event) MemberReport {
	r := MemberReport{Event: e.IRI, Type: e.TypeName(), Object: e.Object, Results: []validate.Result{}}
	if !e.Published.IsZero() {
		t := e.Published
		r.Published = &t
	}
	if e.Deletes() {
		return r
	}
	owned := ownedNodes(e)
	for _, res := range v.ValidateTriples(e.Payload).Results {
		if !owned[res.Focus] || contextRules[res.Rule] {
			continue
		}
		switch res.Severity {
		case finding.Error:
			r.Errors++
		case finding.Warning:
			r.Warnings++
		}
		r.Results = append(r.Results, res)
	}
	return r
}

// ownedNodes are the nodes a member's payload describes as its own: the
// object, and each node the payload types and describes that the object
// leads to (through such nodes).
func ownedNodes(e *Event) map[string]bool {
	typed := map[string]bool{}
	links := map[string][]string{}
	for _, t := range e.Payload {
		s := focusName(t.Subj)
		if t.Pred.String() == rdfio.RDFType {
			typed[s] = true
		}
		switch o := t.Obj.(type) {
		case rdf.IRI, rdf.Blank:
			links[s] = append(links[s], focusName(o))
		}
	}
	out := map[string]bool{e.Object: true}
	queue := []string{e.Object}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, m := range links[n] {
			if !out[m] && typed[m] {
				out[m] = true
				queue = append(queue, m)
			}
		}
	}
	return out
}

// focusName is a node as the validator's results name it: an IRI, or
// "_:label".
func focusName(t rdf.Term) string {
	if b, ok := t.(rdf.Blank); ok {
		return "_:" + b.String()
	}
	return t.String()
}
