package validate

import (
	"github.com/knakk/rdf"
)

// prop holds the values of one known predicate of a node.
type prop struct {
	code   int
	count  int   // distinct values
	empty  int   // literals whose text is empty or white space
	langs  uint8 // langAny, langSV, langEN of the non-empty literals
	start  int   // of values in Focus.vals
	values []rdf.Object
}

// Focus is one node of the graph as the validator judges it: its types,
// the classes it is checked as, the values of the predicates the
// profile's tables name, and how many distinct nodes refer to it with the
// predicates the validator follows backwards. It is complete when it is
// judged: every triple of the node and every reference to it has been
// read, whatever their order in the document. A repeated triple counts
// once. A predicate with more than the value cap of values (a catalog's
// dcat:dataset) keeps its first values in the validator's order; the
// others were checked as they were read, and Count stays exact.
type Focus struct {
	// ID is the node's IRI, or "_:label" for a blank node.
	ID string
	// Blank is true for a blank node.
	Blank bool
	// Types are the node's rdf:type IRIs (those of the profile's classes
	// always, others up to the value cap).
	Types []string

	props    []prop
	vals     []rdf.Object // the kept values, predicate by predicate
	classes  []*Class
	inbound  []int // per followed predicate: distinct referring nodes
	other    int   // distinct predicates the tables do not name
	own      int   // distinct triples of the node
	overflow bool  // a predicate passed the value cap
	resolved bool
	v        *Validator
}

func (n *Focus) propByCode(code int) *prop {
	for i := range n.props {
		if n.props[i].code == code {
			return &n.props[i]
		}
	}
	return nil
}

func (n *Focus) prop(pred string) *prop {
	code, ok := n.v.predCode[pred]
	if !ok {
		return nil
	}
	return n.propByCode(int(code))
}

// Values returns the kept values of pred (see Focus), for a predicate the
// profile's tables name; nil for others.
func (n *Focus) Values(pred string) []rdf.Object {
	if p := n.prop(pred); p != nil {
		return p.values
	}
	return nil
}

// Count returns the number of distinct values of pred, for a predicate
// the profile's tables name.
func (n *Focus) Count(pred string) int {
	if p := n.prop(pred); p != nil {
		return p.count
	}
	return 0
}

// Has reports whether n has pred (a predicate the tables name).
func (n *Focus) Has(pred string) bool { return n.Count(pred) > 0 }

// HasIRI reports whether n has pred with the IRI value iri among its kept
// values: the first ones, and always those a GraphRule lists in IRIs.
func (n *Focus) HasIRI(pred, iri string) bool {
	for _, o := range n.Values(pred) {
		if o.Type() == rdf.TermIRI && o.String() == iri {
			return true
		}
	}
	return false
}

// OnlyPredicates reports whether every triple of n has one of preds.
func (n *Focus) OnlyPredicates(preds ...string) bool {
	if n.other > 0 {
		return false
	}
	for i := range n.props {
		if !contains(preds, n.v.preds[n.props[i].code]) {
			return false
		}
	}
	return true
}

// Described reports whether n has triples of its own; a node that is
// only referenced is not.
func (n *Focus) Described() bool { return n.own > 0 }

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
// predicates the validator follows backwards: those that give a class
// (the Target of a property row) and those a GraphRule lists in Inbound.
func (n *Focus) ReferencedBy(pred string) bool { return n.Referrers(pred) > 0 }

// Referrers returns how many distinct nodes point at n with pred (see
// ReferencedBy).
func (n *Focus) Referrers(pred string) int {
	i, ok := n.v.inboundIdx[pred]
	if !ok {
		return 0
	}
	return n.inbound[i]
}

// referenced reports whether a role predicate points at n.
func (n *Focus) referenced() bool {
	for i, c := range n.inbound {
		if c > 0 && n.v.inbound[i].target >= 0 {
			return true
		}
	}
	return false
}

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

// Languages of a predicate's values, for the translation warnings.
const (
	langAny uint8 = 1 << iota
	langSV
	langEN
)

// langBits returns the language bits of a tag: any, and sv or en when it
// is that language or a subtag of it (sv-SE).
func langBits(tag string) uint8 {
	b := langAny
	if hasLang(tag, "sv") {
		b |= langSV
	}
	if hasLang(tag, "en") {
		b |= langEN
	}
	return b
}
