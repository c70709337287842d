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
	// TriG and NQuads are the syntaxes of RDF datasets: a default graph
	// and named graphs.
	TriG   Format = "trig"
	NQuads Format = "nquads"
)

// Formats lists the syntaxes feeds are served in, RDF/XML (what
// dataportal.se harvests) first. Each holds one graph (JSON-LD can hold
// named graphs too; katalog's JSON-LD writer writes one graph).
var Formats = []Format{RDFXML, Turtle, NTriples, JSONLD}

// DatasetFormats lists the syntaxes of RDF datasets, which katalog reads
// and writes with named graphs (rdfio.QuadReader, rdfio.QuadWriter).
var DatasetFormats = []Format{TriG, NQuads}

// AllFormats returns every syntax katalog reads and writes: Formats, then
// DatasetFormats. The slice is new on every call.
func AllFormats() []Format {
	return append(append(make([]Format, 0, len(Formats)+len(DatasetFormats)), Formats...), DatasetFormats...)
}

// NamedGraphs reports whether the syntax can hold named graphs: TriG,
// N-Quads and JSON-LD.
func (f Format) NamedGraphs() bool { return f == TriG || f == NQuads || f == JSONLD }

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
	case TriG:
		return "application/trig"
	case NQuads:
		return "application/n-quads"
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
	case TriG:
		return "trig"
	case NQuads:
		return "nq"
	}
	return ""
}

// ParseFormat accepts a format name ("rdfxml", "turtle", …), a file suffix
// ("rdf", "ttl", "nt", "jsonld", "xml", "json", "trig", "nq") or a media
// type.
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
	case "trig", "application/trig", "application/x-trig":
		return TriG, nil
	case "nquads", "n-quads", "nq", "application/n-quads", "text/x-nquads":
		return NQuads, nil
	}
	return "", fmt.Errorf("unknown RDF format %q (want rdfxml, turtle, ntriples, jsonld, trig or nquads)", s)
}

// Writer writes triples in one syntax as they come. Close flushes and ends
// the document; a Writer is unusable after Close.
type Writer interface {
	Write(t rdf.Triple) error
	Close() error
}

// Reader reads triples one at a time; Read returns io.EOF after the last.
// A syntax error is a *SyntaxError.
//
// The Reader of a dataset syntax (TriG, N-Quads, JSON-LD) reads the
// default graph: Read skips the triples of named graphs, as Jena does when
// it reads a dataset into one graph. Its QuadReader view reads them all.
type Reader interface {
	Read() (rdf.Triple, error)
}

// QuadReader reads the quads of an RDF dataset one at a time; ReadQuad
// returns io.EOF after the last. A quad of the default graph has a nil
// Ctx; the Ctx of a named graph's quad is its name, an rdf.IRI or an
// rdf.Blank. A syntax error is a *SyntaxError.
type QuadReader interface {
	ReadQuad() (rdf.Quad, error)
}

// QuadBatchReader is a QuadReader that can also return quads in bulk, as
// PipeQuadReader takes them: ReadQuads fills dst with the quads that as
// many calls of ReadQuad would return and returns how many, n > 0 with a
// nil error, or 0 with the error ReadQuad would return next (io.EOF after
// the last quad).
type QuadBatchReader interface {
	QuadReader
	ReadQuads(dst []rdf.Quad) (n int, err error)
}

// QuadWriter writes quads in one syntax as they come; a quad with a nil
// Ctx belongs to the default graph. Close flushes and ends the document;
// a QuadWriter is unusable after Close. The writer of a syntax without
// named graphs refuses a named graph's quad with an *UnencodableError.
type QuadWriter interface {
	WriteQuad(q rdf.Quad) error
	Close() error
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
