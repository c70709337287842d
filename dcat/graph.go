package dcat

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
)

// Graph holds triples in memory, indexed by subject, so a feed can be read
// back into the domain (see Mapper.Unmap). Equal triples are kept once.
// A Graph is not safe for concurrent writes.
type Graph struct {
	nodes map[string]*Node
	order []*Node // in the order subjects first appeared
	n     int
}

// Node is one subject of a Graph with its predicates and objects.
type Node struct {
	Term  rdf.Subject
	props map[string][]rdf.Object // predicate IRI → objects, in order
	preds []string                // predicates in order of first use
	// seen indexes the objects of predicates with many (a catalog's
	// dcat:dataset), so that adding stays O(1) as they grow.
	seen map[string]map[objectKey]struct{}
}

// objectKey identifies an object term: kind, lexical form, language or datatype.
type objectKey struct {
	kind      rdf.TermType
	value     string
	langOrDTy string
}

func keyOf(o rdf.Object) objectKey {
	k := objectKey{kind: o.Type(), value: o.String()}
	if l, ok := o.(rdf.Literal); ok {
		if l.Lang() != "" {
			k.langOrDTy = "@" + strings.ToLower(l.Lang())
		} else {
			k.langOrDTy = l.DataType.String()
		}
	}
	return k
}

// indexAt is the number of objects from which a predicate's objects are
// indexed; below it a scan is quicker.
const indexAt = 16

// NewGraph returns an empty graph.
func NewGraph() *Graph { return &Graph{nodes: make(map[string]*Node)} }

// termKey identifies a subject or object node: IRIs and blank nodes never
// share a key.
func termKey(t rdf.Term) string {
	if t.Type() == rdf.TermBlank {
		return "_:" + t.String()
	}
	return "<" + t.String()
}

// Add adds t unless the graph has it.
func (g *Graph) Add(t rdf.Triple) {
	k := termKey(t.Subj)
	n := g.nodes[k]
	if n == nil {
		n = &Node{Term: t.Subj, props: make(map[string][]rdf.Object, 8)}
		g.nodes[k] = n
		g.order = append(g.order, n)
	}
	p := t.Pred.String()
	objs, used := n.props[p]
	if !used {
		n.preds = append(n.preds, p)
	}
	key := keyOf(t.Obj)
	if idx := n.seen[p]; idx != nil {
		if _, dup := idx[key]; dup {
			return
		}
		idx[key] = struct{}{}
	} else {
		for _, o := range objs {
			if keyOf(o) == key {
				return
			}
		}
		if len(objs)+1 >= indexAt {
			idx := make(map[objectKey]struct{}, 2*indexAt)
			for _, o := range objs {
				idx[keyOf(o)] = struct{}{}
			}
			idx[key] = struct{}{}
			if n.seen == nil {
				n.seen = map[string]map[objectKey]struct{}{}
			}
			n.seen[p] = idx
		}
	}
	n.props[p] = append(objs, t.Obj)
	g.n++
}

// ReadFrom adds every triple r yields and returns how many it read. An
// error from r (a *rdfio.SyntaxError for bad input) is returned as it is.
func (g *Graph) ReadFrom(r rdfio.Reader) (int64, error) {
	var read int64
	for {
		t, err := r.Read()
		if errors.Is(err, io.EOF) {
			return read, nil
		}
		if err != nil {
			return read, err
		}
		g.Add(t)
		read++
	}
}

// Len is the number of distinct triples.
func (g *Graph) Len() int { return g.n }

// Node returns the node of subject t, or nil when t is no subject here.
func (g *Graph) Node(t rdf.Term) *Node {
	if t == nil {
		return nil
	}
	return g.nodes[termKey(t)]
}

// NodeIRI returns the node of the IRI s, or nil.
func (g *Graph) NodeIRI(s string) *Node { return g.nodes["<"+s] }

// Subjects returns the subjects that have rdf:type class, in order of
// appearance.
func (g *Graph) Subjects(class string) []*Node {
	var out []*Node
	for _, n := range g.order {
		if n.Has(RDFType, class) {
			out = append(out, n)
		}
	}
	return out
}

// Triples calls fn for every triple, subject by subject in order of
// appearance. An error from fn stops the walk.
func (g *Graph) Triples(fn func(rdf.Triple) error) error {
	for _, n := range g.order {
		for _, p := range n.preds {
			pred, err := rdf.NewIRI(p)
			if err != nil {
				return fmt.Errorf("dcat: graph: predicate %q: %w", p, err)
			}
			for _, o := range n.props[p] {
				if err := fn(rdf.Triple{Subj: n.Term, Pred: pred, Obj: o}); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// Objects returns the objects of predicate p.
func (n *Node) Objects(p string) []rdf.Object {
	if n == nil {
		return nil
	}
	return n.props[p]
}

// Has reports whether n has the triple n p <o>.
func (n *Node) Has(p, o string) bool {
	for _, x := range n.Objects(p) {
		if x.Type() == rdf.TermIRI && x.String() == o {
			return true
		}
	}
	return false
}

// IRI is n's IRI, or "" for a blank node.
func (n *Node) IRI() string {
	if n.Term.Type() != rdf.TermIRI {
		return ""
	}
	return n.Term.String()
}

// Name is n's IRI, or _:label for a blank node: how messages name it.
func (n *Node) Name() string {
	if n.Term.Type() == rdf.TermBlank {
		return "_:" + n.Term.String()
	}
	return n.Term.String()
}

// IRIs returns the IRI objects of p, in order.
func (n *Node) IRIs(p string) []string {
	var out []string
	for _, o := range n.Objects(p) {
		if o.Type() == rdf.TermIRI {
			out = append(out, o.String())
		}
	}
	return out
}

// sortedNodes orders nodes by name, so output does not depend on input order.
func sortedNodes(ns []*Node) []*Node {
	sort.SliceStable(ns, func(i, j int) bool { return ns[i].Name() < ns[j].Name() })
	return ns
}
