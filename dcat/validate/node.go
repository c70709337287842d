package validate

import (
	"github.com/knakk/rdf"
)

// prop holds the values of one predicate of a node.
type prop struct {
	pred   string
	count  int
	values []rdf.Object
}

// Focus is one subject of the graph as the validator judges it: its types,
// the classes it is checked as, and the values of its predicates. Values
// are complete for small nodes; a predicate with more than a node's value
// cap (e.g. a catalog's dcat:dataset) keeps only its first values, the
// others having been checked as they arrived (Count stays exact).
type Focus struct {
	// ID is the node's IRI, or "_:label" for a blank node.
	ID string
	// Blank is true for a blank node.
	Blank bool
	// Types are the node's rdf:type IRIs.
	Types []string

	props    []prop
	classes  []*Class
	refs     uint64 // bit i: referenced by the validator's role predicate i
	last     int64
	reopened bool
	v        *Validator
}

func (n *Focus) prop(pred string) *prop {
	for i := range n.props {
		if n.props[i].pred == pred {
			return &n.props[i]
		}
	}
	return nil
}

func (n *Focus) addProp(pred string) *prop {
	n.props = append(n.props, prop{pred: pred})
	return &n.props[len(n.props)-1]
}

// Values returns the kept values of pred (see Focus).
func (n *Focus) Values(pred string) []rdf.Object {
	if p := n.prop(pred); p != nil {
		return p.values
	}
	return nil
}

// Count returns the number of triples with pred.
func (n *Focus) Count(pred string) int {
	if p := n.prop(pred); p != nil {
		return p.count
	}
	return 0
}

// Has reports whether n has pred.
func (n *Focus) Has(pred string) bool { return n.Count(pred) > 0 }

// HasIRI reports whether n has pred with the IRI value iri.
func (n *Focus) HasIRI(pred, iri string) bool {
	for _, o := range n.Values(pred) {
		if o.Type() == rdf.TermIRI && o.String() == iri {
			return true
		}
	}
	return false
}

// Predicates returns the node's predicates in arrival order.
func (n *Focus) Predicates() []string {
	out := make([]string, len(n.props))
	for i := range n.props {
		out[i] = n.props[i].pred
	}
	return out
}

// Is reports whether n is checked as the class with id classID.
func (n *Focus) Is(classID string) bool {
	for _, c := range n.classes {
		if c.ID == classID {
			return true
		}
	}
	return false
}

// Classes returns the ids of the classes n is checked as: those of its
// rdf:types, or, for a node without a known type, those its references
// give it (the object of dcterms:publisher is an agent).
func (n *Focus) Classes() []string {
	out := make([]string, len(n.classes))
	for i, c := range n.classes {
		out[i] = c.ID
	}
	return out
}

// ReferencedBy reports whether some node points at n with pred, for the
// predicates that give a class (the Target of a property row).
func (n *Focus) ReferencedBy(pred string) bool {
	i, ok := n.v.rolePred[pred]
	return ok && n.refs&(1<<i) != 0
}

// Reopened is true when the node's triples came in two far-apart parts
// of a large document, so that its first part was judged already; the
// cardinality minimums are then not checked again.
func (n *Focus) Reopened() bool { return n.reopened }

// valueString is the string a finding shows for a term: the IRI, "_:label"
// or the lexical form.
func valueString(t rdf.Term) string {
	switch x := t.(type) {
	case rdf.Blank:
		return x.Serialize(rdf.NTriples)
	default:
		return t.String()
	}
}

// termKey is the node key of a subject or object: the IRI or "_:label";
// ok is false for literals.
func termKey(t rdf.Term) (string, bool) {
	switch x := t.(type) {
	case rdf.IRI:
		return x.String(), true
	case rdf.Blank:
		return x.Serialize(rdf.NTriples), true
	}
	return "", false
}
