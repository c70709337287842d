package validate

import (
	"encoding/binary"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
)

// A record is one fact about one node, as the session sorts it (extsort):
//
//	node   kind byte ('I' IRI, 'B' blank node), uvarint length, key
//	rank   rankInbound, rankType or rankValue
//	pred   uvarint code of a known predicate, or 0, uvarint length, IRI
//	object 'I' IRI | 'B' label | 'L' uvarint datatype code (0: uvarint
//	       length, IRI) lexical | 'G' uvarint length, language tag
//	       (lower case) lexical
//
// A node's own triple (node p o) is a rankType record for rdf:type and
// a rankValue record otherwise. A triple (s p node) whose predicate is
// one the validator follows backwards (a role predicate such as
// dcterms:publisher, or one a graph rule asks for) is also a rankInbound
// record of node, with s as the object. In a node's run of records the
// references come first, then the types, then the other values: a node's
// classes are known before its first value is checked.
const (
	rankInbound byte = iota
	rankType
	rankValue
)

// Datatypes with a one-byte code in records.
var dtCodes, dtByCode = func() (map[string]uint64, []string) {
	list := append([]string{"", xsdString, rdfLangString, rdfNS + "HTML", rdfNS + "XMLLiteral", nsXSD + "anyURI"},
		CheckedDatatypes()...)
	m := make(map[string]uint64, len(list))
	for i, dt := range list[1:] {
		m[dt] = uint64(i + 1)
	}
	return m, list
}()

const rdfNS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

// appendNode appends a node term (an IRI or a blank node) as a record's
// node or as an inbound record's object; ok is false for a literal.
func appendNode(b []byte, t rdf.Term, withLen bool) ([]byte, bool) {
	var kind byte
	var s string
	switch x := t.(type) {
	case rdf.IRI:
		kind, s = 'I', x.String()
	case rdf.Blank:
		kind, s = 'B', x.String()
	default:
		return b, false
	}
	b = append(b, kind)
	if withLen {
		b = binary.AppendUvarint(b, uint64(len(s)))
	}
	return append(b, s...), true
}

// appendPred appends a predicate: its code, or 0 and its IRI.
func appendPred(b []byte, code uint64, iri string) []byte {
	b = binary.AppendUvarint(b, code)
	if code == 0 {
		b = binary.AppendUvarint(b, uint64(len(iri)))
		b = append(b, iri...)
	}
	return b
}

// appendObject appends an object term.
func appendObject(b []byte, o rdf.Object) []byte {
	switch x := o.(type) {
	case rdf.IRI:
		return append(append(b, 'I'), x.String()...)
	case rdf.Blank:
		return append(append(b, 'B'), x.String()...)
	case rdf.Literal:
		if lang := x.Lang(); lang != "" {
			b = append(b, 'G')
			b = binary.AppendUvarint(b, uint64(len(lang)))
			for i := 0; i < len(lang); i++ {
				c := lang[i]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				b = append(b, c)
			}
			return append(b, x.String()...)
		}
		dt := x.DataType.String()
		if dt == "" {
			dt = xsdString
		}
		b = append(b, 'L')
		code := dtCodes[dt]
		b = binary.AppendUvarint(b, code)
		if code == 0 {
			b = binary.AppendUvarint(b, uint64(len(dt)))
			b = append(b, dt...)
		}
		return append(b, x.String()...)
	}
	return append(b, 'I')
}

// parsed is a record taken apart. Its byte slices point into the record.
type parsed struct {
	node     []byte // kind byte + key
	rank     byte
	predCode uint64
	pred     []byte // the IRI when predCode is 0
	obj      []byte // kind byte + rest
}

// uvarint reads a uvarint at b[i:] and returns it and the next index; it
// returns -1 for a malformed record.
func uvarint(b []byte, i int) (uint64, int) {
	if i >= len(b) {
		return 0, -1
	}
	v, n := binary.Uvarint(b[i:])
	if n <= 0 {
		return 0, -1
	}
	return v, i + n
}

// parseRecord takes a record apart; ok is false when it is malformed
// (only a damaged spill file can make one).
func parseRecord(rec []byte) (p parsed, ok bool) {
	if len(rec) < 2 {
		return p, false
	}
	n, i := uvarint(rec, 1)
	if i < 0 || uint64(len(rec)-i) < n+2 {
		return p, false
	}
	end := i + int(n)
	p.node = rec[:end]
	p.rank = rec[end]
	p.predCode, i = uvarint(rec, end+1)
	if i < 0 {
		return p, false
	}
	if p.predCode == 0 {
		n, i = uvarint(rec, i)
		if i < 0 || uint64(len(rec)-i) < n {
			return p, false
		}
		p.pred = rec[i : i+int(n)]
		i += int(n)
	}
	if i >= len(rec) {
		return p, false
	}
	p.obj = rec[i:]
	return p, true
}

// nodeKey returns the node's key as Focus.ID writes it: the IRI, or
// "_:label".
func nodeKey(node []byte) (key string, blank bool) {
	_, i := uvarint(node, 1)
	if node[0] == 'B' {
		return "_:" + string(node[i:]), true
	}
	return string(node[i:]), false
}

// decodeObject turns an encoded object into a term; its strings are
// copies.
func decodeObject(obj []byte) (rdf.Object, bool) {
	switch obj[0] {
	case 'I':
		return rdfparse.CheckedIRI(string(obj[1:])), true
	case 'B':
		b, err := rdf.NewBlank(string(obj[1:]))
		return b, err == nil
	case 'L':
		code, i := uvarint(obj, 1)
		if i < 0 {
			return nil, false
		}
		var dt string
		if code == 0 {
			n, j := uvarint(obj, i)
			if j < 0 || uint64(len(obj)-j) < n {
				return nil, false
			}
			dt, i = string(obj[j:j+int(n)]), j+int(n)
		} else if code < uint64(len(dtByCode)) {
			dt = dtByCode[code]
		} else {
			return nil, false
		}
		return rdf.NewTypedLiteral(string(obj[i:]), rdfparse.CheckedIRI(dt)), true
	case 'G':
		n, i := uvarint(obj, 1)
		if i < 0 || uint64(len(obj)-i) < n {
			return nil, false
		}
		return rdfparse.LangLiteral(string(obj[i+int(n):]), string(obj[i:i+int(n)]), langStringIRI), true
	}
	return nil, false
}

var langStringIRI = rdfparse.CheckedIRI(rdfLangString)

// decodeNode turns an encoded node (kind byte + rest) into a term.
func decodeNode(obj []byte) (rdf.Subject, bool) {
	switch obj[0] {
	case 'I':
		return rdfparse.CheckedIRI(string(obj[1:])), true
	case 'B':
		b, err := rdf.NewBlank(string(obj[1:]))
		return b, err == nil
	}
	return nil, false
}

// termLen is about the length of an encoded object.
func termLen(o rdf.Object) int {
	if l, ok := o.(rdf.Literal); ok {
		return len(l.String()) + len(l.Lang()) + 16
	}
	return len(o.String()) + 1
}
