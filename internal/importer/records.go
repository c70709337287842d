package importer

import (
	"encoding/binary"
	"errors"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
	"github.com/katalog-se/katalog/internal/extsort"
)

// The records the assembly sorts (see assemble.go). Every record starts
// with the node it is about, so that the sorters bring a node's records
// together (by extsort.Hash of the node's bytes), and records of two
// sorted streams can be joined by node:
//
//	node   kind byte ('I' IRI, 'B' blank node), uvarint length, bytes
//	term   node | 'L' uvarint length, lexical form, uvarint length, datatype
//	       | 'G' uvarint length, lexical form, uvarint length, language tag
//	pred   uvarint length, IRI
//
// A node's records in the first sort, in this order (the rank byte after
// the node): its types (rankType, then the object), its other triples
// (rankValue, pred, object), the catalogs that list it with dcat:dataset
// (rankListed, the catalog) and the other nodes that point at it
// (rankInbound, pred, the referrer). Language tags are kept as written.
const (
	rankType byte = iota
	rankValue
	rankListed
	rankInbound
)

var errRecord = errors.New("importer: a sorted record is damaged")

// appendNode appends a subject or node object; ok is false for a literal.
func appendNode(b []byte, t rdf.Term) ([]byte, bool) {
	switch x := t.(type) {
	case rdf.IRI:
		return appendStr(append(b, 'I'), x.String()), true
	case rdf.Blank:
		return appendStr(append(b, 'B'), x.String()), true
	}
	return b, false
}

func appendStr(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// appendTerm appends an object.
func appendTerm(b []byte, o rdf.Object) []byte {
	if l, ok := o.(rdf.Literal); ok {
		if lang := l.Lang(); lang != "" {
			return appendStr(appendStr(append(b, 'G'), l.String()), lang)
		}
		dt := l.DataType.String()
		if dt == dcat.XSDString {
			dt = ""
		}
		return appendStr(appendStr(append(b, 'L'), l.String()), dt)
	}
	b, _ = appendNode(b, o)
	return b
}

// reader takes records apart.
type reader struct {
	b   []byte
	i   int
	bad bool
}

func (r *reader) str() string {
	n, k := binary.Uvarint(r.b[r.i:])
	if k <= 0 || uint64(len(r.b)-r.i-k) < n {
		r.bad = true
		r.i = len(r.b)
		return ""
	}
	r.i += k
	s := string(r.b[r.i : r.i+int(n)])
	r.i += int(n)
	return s
}

func (r *reader) byte() byte {
	if r.i >= len(r.b) {
		r.bad = true
		return 0
	}
	c := r.b[r.i]
	r.i++
	return c
}

// skipNode moves past a node and returns its bytes.
func (r *reader) skipNode() []byte {
	start := r.i
	r.byte()
	n, k := binary.Uvarint(r.b[min(r.i, len(r.b)):])
	if k <= 0 || uint64(len(r.b)-r.i-k) < n {
		r.bad = true
		r.i = len(r.b)
		return nil
	}
	r.i += k + int(n)
	return r.b[start:r.i]
}

// term reads a term; pred tells a predicate (an IRI without kind byte).
func (r *reader) term() rdf.Term {
	switch r.byte() {
	case 'I':
		return rdfparse.CheckedIRI(r.str())
	case 'B':
		b, err := rdf.NewBlank(r.str())
		if err != nil {
			r.bad = true
		}
		return b
	case 'L':
		lex, dt := r.str(), r.str()
		if dt == "" {
			dt = dcat.XSDString
		}
		return rdf.NewTypedLiteral(lex, rdfparse.CheckedIRI(dt))
	case 'G':
		lex, lang := r.str(), r.str()
		return rdfparse.LangLiteral(lex, lang, rdfparse.CheckedIRI(dcat.RDFLangString))
	}
	r.bad = true
	return nil
}

// nodeOf returns the node a record is about (its first bytes).
func nodeOf(rec []byte) ([]byte, bool) {
	r := reader{b: rec}
	n := r.skipNode()
	return n, !r.bad
}

// nodeTerm decodes a node's bytes as a term.
func nodeTerm(node []byte) (rdf.Subject, bool) {
	r := reader{b: node}
	t := r.term()
	s, ok := t.(rdf.Subject)
	return s, ok && !r.bad
}

// hashNode is the sort hash of a record about node.
func hashNode(node []byte) uint64 { return extsort.Hash(node) }

// tripleRecord is a record of a node's own triple (rankType or
// rankValue), as the T file keeps it.
func tripleRecord(b []byte, subj []byte, t rdf.Triple) []byte {
	b = append(b, subj...)
	if t.Pred.String() == dcat.RDFType {
		b = append(b, rankType)
		return appendTerm(b, t.Obj)
	}
	b = append(b, rankValue)
	b = appendStr(b, t.Pred.String())
	return appendTerm(b, t.Obj)
}

// decodeTriple reads a tripleRecord back.
func decodeTriple(rec []byte) (rdf.Triple, bool) {
	r := reader{b: rec}
	subj, ok := nodeTerm(r.skipNode())
	if !ok {
		return rdf.Triple{}, false
	}
	var t rdf.Triple
	t.Subj = subj
	switch r.byte() {
	case rankType:
		t.Pred = typePred
	case rankValue:
		t.Pred = rdfparse.CheckedIRI(r.str())
	default:
		return rdf.Triple{}, false
	}
	o := r.term()
	obj, ok := o.(rdf.Object)
	if r.bad || !ok || r.i != len(r.b) {
		return rdf.Triple{}, false
	}
	t.Obj = obj
	return t, true
}

var typePred = rdfparse.CheckedIRI(dcat.RDFType)

// pairRecord is node followed by another node: an edge (source, target)
// or an ownership (node, owner).
func pairRecord(b, node, other []byte) []byte {
	return append(append(b, node...), other...)
}

// splitPair takes a pairRecord apart.
func splitPair(rec []byte) (node, other []byte, ok bool) {
	r := reader{b: rec}
	node = r.skipNode()
	start := r.i
	r.skipNode()
	if r.bad || r.i != len(r.b) {
		return nil, nil, false
	}
	return node, rec[start:], true
}
