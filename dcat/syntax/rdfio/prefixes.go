package rdfio

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/katalog-se/katalog/dcat/syntax/iri"
)

// Namespace IRIs the writers need to know about.
const (
	NSRDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	NSXSD = "http://www.w3.org/2001/XMLSchema#"
	// NSXML and NSXMLNS are the namespaces XML reserves; no other prefix
	// may be bound to them.
	NSXML   = "http://www.w3.org/XML/1998/namespace"
	NSXMLNS = "http://www.w3.org/2000/xmlns/"
	// XSDString is xsd:string, the datatype of a literal without language tag
	// or explicit datatype.
	XSDString = NSXSD + "string"
	// RDFLangString is rdf:langString, the datatype of a language-tagged string.
	RDFLangString = NSRDF + "langString"
	// RDFType is rdf:type.
	RDFType = NSRDF + "type"
)

// Prefix binds a prefix name to a namespace IRI.
type Prefix struct {
	Name string // e.g. "dcat"
	IRI  string // e.g. "http://www.w3.org/ns/dcat#"
}

// DefaultPrefixes returns the prefix table of DCAT-AP-SE 3.0.1 feeds, in
// the fixed order writers declare it. The slice is new on every call.
func DefaultPrefixes() []Prefix {
	return []Prefix{
		{"rdf", NSRDF},
		{"rdfs", "http://www.w3.org/2000/01/rdf-schema#"},
		{"xsd", NSXSD},
		{"dcat", "http://www.w3.org/ns/dcat#"},
		{"dcterms", "http://purl.org/dc/terms/"},
		{"dcatap", "http://data.europa.eu/r5r/"},
		{"foaf", "http://xmlns.com/foaf/0.1/"},
		{"vcard", "http://www.w3.org/2006/vcard/ns#"},
		{"adms", "http://www.w3.org/ns/adms#"},
		{"schema", "http://schema.org/"},
		{"owl", "http://www.w3.org/2002/07/owl#"},
		{"skos", "http://www.w3.org/2004/02/skos/core#"},
		{"locn", "http://www.w3.org/ns/locn#"},
		{"prov", "http://www.w3.org/ns/prov#"},
		{"spdx", "http://spdx.org/rdf/terms#"},
		{"odrs", "http://schema.theodi.org/odrs#"},
		{"hydra", "http://www.w3.org/ns/hydra/core#"},
		{"org", "http://www.w3.org/ns/org#"},
	}
}

// CheckPrefixes reports whether p can serve as a writer's prefix table in
// every syntax: names are ASCII [A-Za-z][A-Za-z0-9_-]*, unique, not
// starting with "xml" (any case); namespaces are absolute IRIs (RFC 3987);
// "rdf", if present, is bound to the RDF namespace.
func CheckPrefixes(p []Prefix) error {
	seen := make(map[string]bool, len(p))
	for _, x := range p {
		if !isPrefixName(x.Name) {
			return fmt.Errorf("prefix name %q: want ASCII [A-Za-z][A-Za-z0-9_-]*", x.Name)
		}
		if strings.HasPrefix(strings.ToLower(x.Name), "xml") {
			return fmt.Errorf("prefix name %q: names starting with \"xml\" are reserved", x.Name)
		}
		if seen[x.Name] {
			return fmt.Errorf("prefix name %q is bound twice", x.Name)
		}
		seen[x.Name] = true
		if err := iri.Check(x.IRI); err != nil {
			return fmt.Errorf("prefix %q: namespace %q: %w", x.Name, x.IRI, err)
		}
		if x.IRI == NSXML || x.IRI == NSXMLNS {
			return fmt.Errorf("prefix %q: the namespace %s cannot be bound", x.Name, x.IRI)
		}
		if x.Name == "rdf" && x.IRI != NSRDF {
			return fmt.Errorf("prefix \"rdf\" must be bound to %s, not %q", NSRDF, x.IRI)
		}
	}
	return nil
}

func isPrefixName(s string) bool {
	if s == "" || !isASCIILetter(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !isASCIILetter(c) && !isASCIIDigit(c) && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isASCIIDigit(c byte) bool  { return c >= '0' && c <= '9' }

// Split cuts iri into a namespace and the longest suffix that is an XML
// NCName, as RDF/XML needs for a property or typed node element. local is ""
// (and ns is iri) when no non-empty suffix is an NCName, e.g. when iri ends
// in '/', '#' or a digit-only segment.
func Split(iri string) (ns, local string) {
	// Walk back over NCName characters.
	start := len(iri)
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(iri[:start])
		if r == utf8.RuneError && size <= 1 || !IsNCNameChar(r) {
			break
		}
		start -= size
	}
	// Move forward to the first NCName start character.
	for i := start; i < len(iri); {
		r, size := utf8.DecodeRuneInString(iri[i:])
		if IsNCNameStartChar(r) {
			return iri[:i], iri[i:]
		}
		i += size
	}
	return iri, ""
}

// IsNCName reports whether s is an XML NCName (a Name without ':').
func IsNCName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size <= 1 {
				return false
			}
		}
		if i == 0 {
			if !IsNCNameStartChar(r) {
				return false
			}
		} else if !IsNCNameChar(r) {
			return false
		}
	}
	return true
}

// IsNCNameStartChar reports whether r may start an XML NCName (XML 1.0
// fifth edition NameStartChar without ':').
func IsNCNameStartChar(r rune) bool {
	switch {
	case r < 0x80:
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_'
	case r >= 0xC0 && r <= 0xD6, r >= 0xD8 && r <= 0xF6, r >= 0xF8 && r <= 0x2FF,
		r >= 0x370 && r <= 0x37D, r >= 0x37F && r <= 0x1FFF, r >= 0x200C && r <= 0x200D,
		r >= 0x2070 && r <= 0x218F, r >= 0x2C00 && r <= 0x2FEF, r >= 0x3001 && r <= 0xD7FF,
		r >= 0xF900 && r <= 0xFDCF, r >= 0xFDF0 && r <= 0xFFFD, r >= 0x10000 && r <= 0xEFFFF:
		return true
	}
	return false
}

// IsNCNameChar reports whether r may continue an XML NCName.
func IsNCNameChar(r rune) bool {
	switch {
	case r < 0x80:
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
			r == '_' || r == '-' || r == '.'
	case r == 0xB7, r >= 0x300 && r <= 0x36F, r >= 0x203F && r <= 0x2040:
		return true
	}
	return IsNCNameStartChar(r)
}

// AppendBlankLabel appends a blank node label made safe for every syntax
// (an XML NCName and a Turtle/N-Triples BLANK_NODE_LABEL): ASCII letters and
// digits are kept, except a leading digit; every other byte, '_' included,
// becomes '_' and two lower-case hex digits. The mapping is one-to-one, so
// distinct labels stay distinct.
func AppendBlankLabel(dst []byte, label string) []byte {
	const hex = "0123456789abcdef"
	for i := 0; i < len(label); i++ {
		c := label[i]
		if isASCIILetter(c) || isASCIIDigit(c) && i > 0 {
			dst = append(dst, c)
			continue
		}
		dst = append(dst, '_', hex[c>>4], hex[c&15])
	}
	return dst
}
