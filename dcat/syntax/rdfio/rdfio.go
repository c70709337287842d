// Package rdfio names the RDF syntaxes katalog reads and writes and the
// interfaces its streaming readers and writers share. Terms and triples are
// those of github.com/knakk/rdf.
package rdfio

import (
	"fmt"
	"strings"

	"github.com/knakk/rdf"
)

// Format is an RDF syntax.
type Format string

// The syntaxes katalog reads and writes.
const (
	RDFXML   Format = "rdfxml"
	Turtle   Format = "turtle"
	NTriples Format = "ntriples"
	JSONLD   Format = "jsonld"
)

// Formats lists every syntax, RDF/XML (what dataportal.se harvests) first.
var Formats = []Format{RDFXML, Turtle, NTriples, JSONLD}

// MediaType is the syntax's IANA media type.
func (f Format) MediaType() string {
	switch f {
	case RDFXML:
		return "application/rdf+xml"
	case Turtle:
		return "text/turtle"
	case NTriples:
		return "application/n-triples"
	case JSONLD:
		return "application/ld+json"
	}
	return ""
}

// Extension is the syntax's usual file suffix, without the dot.
func (f Format) Extension() string {
	switch f {
	case RDFXML:
		return "rdf"
	case Turtle:
		return "ttl"
	case NTriples:
		return "nt"
	case JSONLD:
		return "jsonld"
	}
	return ""
}

// ParseFormat accepts a format name ("rdfxml", "turtle", …), a file suffix
// ("rdf", "ttl", "nt", "jsonld", "xml", "json") or a media type.
func ParseFormat(s string) (Format, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexByte(s, ';'); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	s = strings.TrimPrefix(s, ".")
	switch s {
	case "rdfxml", "rdf/xml", "rdf", "xml", "owl", "application/rdf+xml", "application/xml", "text/xml":
		return RDFXML, nil
	case "turtle", "ttl", "text/turtle", "application/x-turtle":
		return Turtle, nil
	case "ntriples", "n-triples", "nt", "application/n-triples", "text/plain":
		return NTriples, nil
	case "jsonld", "json-ld", "json", "application/ld+json", "application/json":
		return JSONLD, nil
	}
	return "", fmt.Errorf("unknown RDF format %q (want rdfxml, turtle, ntriples or jsonld)", s)
}

// Writer writes triples in one syntax as they come. Close flushes and ends
// the document; a Writer is unusable after Close.
type Writer interface {
	Write(t rdf.Triple) error
	Close() error
}

// Reader reads triples one at a time; Read returns io.EOF after the last.
// A syntax error is a *SyntaxError.
type Reader interface {
	Read() (rdf.Triple, error)
}

// SyntaxError locates an error in RDF input.
type SyntaxError struct {
	Format Format
	Line   int // from 1
	Column int // from 1, in characters
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s syntax error at line %d, column %d: %s", e.Format, e.Line, e.Column, e.Msg)
}
