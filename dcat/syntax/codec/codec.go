// Package codec picks katalog's reader or writer for an RDF syntax, and
// guesses the syntax of input from its file name, media type or first bytes.
package codec

import (
	"bytes"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/katalog-se/katalog/dcat/syntax/jsonld"
	"github.com/katalog-se/katalog/dcat/syntax/ntriples"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
	"github.com/katalog-se/katalog/dcat/syntax/rdfxml"
	"github.com/katalog-se/katalog/dcat/syntax/turtle"
)

// NewWriter returns a streaming writer of syntax f onto w, with the prefix
// table of rdfio.DefaultPrefixes where the syntax uses one. Closing it ends
// the document; it does not close w. A writer of TriG or N-Quads writes
// the triples in the default graph.
func NewWriter(f rdfio.Format, w io.Writer) (rdfio.Writer, error) {
	switch f {
	case rdfio.RDFXML:
		return rdfxml.NewWriter(w, rdfxml.Options{}), nil
	case rdfio.Turtle:
		return turtle.NewWriter(w, turtle.Options{}), nil
	case rdfio.NTriples:
		return ntriples.NewWriter(w), nil
	case rdfio.JSONLD:
		return jsonld.NewWriter(w, jsonld.Options{}), nil
	case rdfio.TriG:
		return turtle.NewTriGWriter(w, turtle.Options{}), nil
	case rdfio.NQuads:
		return ntriples.NewQuadWriter(w), nil
	}
	return nil, fmt.Errorf("no writer for RDF format %q", f)
}

// NewQuadWriter returns a streaming writer of quads in syntax f onto w (see
// NewWriter). The writer of a syntax that holds one graph (RDF/XML, Turtle,
// N-Triples; katalog's JSON-LD writer) writes the default graph's quads
// and refuses a named graph's with an *rdfio.UnencodableError wrapping
// rdfio.ErrNamedGraph, writing nothing of it.
func NewQuadWriter(f rdfio.Format, w io.Writer) (rdfio.QuadWriter, error) {
	tw, err := NewWriter(f, w)
	if err != nil {
		return nil, err
	}
	if qw, ok := tw.(rdfio.QuadWriter); ok {
		return qw, nil
	}
	return rdfio.DefaultGraph(tw, f), nil
}

// Limits bound what a reader accepts; zero means no limit. MaxTriples
// counts every triple read, those of named graphs too.
type Limits struct {
	MaxBytes   int64
	MaxTriples int64
}

// NewReader returns a streaming reader of syntax f from r; relative IRIs
// resolve against base. JSON-LD is read with contexts embedded in the
// document only (see jsonld.Reader). Of a syntax that holds named graphs
// (TriG, N-Quads, JSON-LD) the reader returns the default graph and skips
// the named graphs' triples; NewQuadReader reads them all.
func NewReader(f rdfio.Format, r io.Reader, base string, l Limits) (rdfio.Reader, error) {
	opts := []rdfparse.Option{rdfparse.MaxBytes(l.MaxBytes), rdfparse.MaxTriples(l.MaxTriples)}
	switch f {
	case rdfio.RDFXML:
		return rdfxml.NewReader(r, base, opts...), nil
	case rdfio.Turtle:
		return turtle.NewReader(r, base, opts...), nil
	case rdfio.NTriples:
		return ntriples.NewReader(r, opts...), nil
	case rdfio.JSONLD:
		return jsonld.NewReader(r, base, opts...), nil
	case rdfio.TriG:
		return turtle.NewTriGReader(r, base, opts...), nil
	case rdfio.NQuads:
		return ntriples.NewQuadReader(r, opts...), nil
	}
	return nil, fmt.Errorf("no reader for RDF format %q (katalog reads %s)", f, formatList())
}

// NewQuadReader returns a streaming reader of the quads of a document in
// syntax f (see NewReader): a named graph's quads have its name as Ctx,
// the default graph's a nil Ctx. Every triple of a syntax that holds one
// graph (RDF/XML, Turtle, N-Triples) is in the default graph.
func NewQuadReader(f rdfio.Format, r io.Reader, base string, l Limits) (rdfio.QuadReader, error) {
	tr, err := NewReader(f, r, base, l)
	if err != nil {
		return nil, err
	}
	if qr, ok := tr.(rdfio.QuadReader); ok {
		return qr, nil
	}
	return rdfio.Quads(tr), nil
}

// formatList names every syntax for messages: "rdfxml, turtle, … or nquads".
func formatList() string {
	all := rdfio.AllFormats()
	names := make([]string, len(all))
	for i, f := range all {
		names[i] = string(f)
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// Detect guesses the syntax of input from, in order, its media type, its
// file name's suffix and its first bytes (head). It reports false when none
// of them tells.
func Detect(name, mediaType string, head []byte) (rdfio.Format, bool) {
	if mediaType != "" {
		mt := strings.ToLower(strings.TrimSpace(strings.SplitN(mediaType, ";", 2)[0]))
		// Generic types say little: fall through to the other clues.
		if mt != "text/plain" && mt != "application/octet-stream" && mt != "application/json" && mt != "application/xml" && mt != "text/xml" {
			if f, err := rdfio.ParseFormat(mt); err == nil {
				return f, true
			}
		}
	}
	if ext := strings.ToLower(path.Ext(name)); ext != "" {
		switch ext {
		case ".rdf", ".owl", ".xml":
			return rdfio.RDFXML, true
		case ".ttl":
			return rdfio.Turtle, true
		case ".nt":
			return rdfio.NTriples, true
		case ".jsonld", ".json":
			return rdfio.JSONLD, true
		case ".trig":
			return rdfio.TriG, true
		case ".nq":
			return rdfio.NQuads, true
		}
	}
	return sniff(head)
}

// sniff looks at the first non-blank bytes of a document. TriG is told
// from Turtle by a graph block ('{' outside IRIs, strings and comments),
// N-Quads from N-Triples by a line of four terms.
func sniff(head []byte) (rdfio.Format, bool) {
	h := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	turtleOrTriG := func() (rdfio.Format, bool) {
		if hasGraphBlock(h) {
			return rdfio.TriG, true
		}
		return rdfio.Turtle, true
	}
	switch {
	case len(h) == 0:
		return "", false
	case h[0] == '<' && (bytes.HasPrefix(h, []byte("<?xml")) || bytes.HasPrefix(h, []byte("<rdf:RDF")) || bytes.HasPrefix(h, []byte("<!--")) || bytes.HasPrefix(h, []byte("<!DOCTYPE"))):
		return rdfio.RDFXML, true
	case h[0] == '{':
		// A JSON object starts with a key or ends at once; a TriG
		// default graph block with a term.
		if rest := bytes.TrimLeft(h[1:], " \t\r\n"); len(rest) > 0 && rest[0] != '"' && rest[0] != '}' {
			return rdfio.TriG, true
		}
		return rdfio.JSONLD, true
	case h[0] == '[':
		return rdfio.JSONLD, true
	case bytes.HasPrefix(h, []byte("@prefix")) || bytes.HasPrefix(h, []byte("@base")) ||
		hasPrefixFold(h, "PREFIX") || hasPrefixFold(h, "BASE") || hasPrefixFold(h, "GRAPH"):
		return turtleOrTriG()
	case h[0] == '<' || bytes.HasPrefix(h, []byte("_:")):
		// N-Triples is Turtle too; a line of three terms and a dot reads as either.
		if quads, ok := looksLikeNTriples(h); ok {
			if quads {
				return rdfio.NQuads, true
			}
			return rdfio.NTriples, true
		}
		return turtleOrTriG()
	case h[0] == '#':
		return turtleOrTriG()
	}
	return "", false
}

func hasPrefixFold(b []byte, p string) bool {
	return len(b) >= len(p) && strings.EqualFold(string(b[:len(p)]), p)
}

// looksLikeNTriples reports whether the first complete lines of h are
// N-Triples or N-Quads statements (terms and a final '.', no prefixed
// names), and whether any has a fourth term, a graph label.
func looksLikeNTriples(h []byte) (quads, ok bool) {
	lines := bytes.Split(h, []byte("\n"))
	checked := 0
	for i, l := range lines {
		if i == len(lines)-1 && len(lines) > 1 {
			break // possibly cut off
		}
		l = bytes.TrimSpace(l)
		if len(l) == 0 || l[0] == '#' {
			continue
		}
		n := ntTerms(l)
		if n < 3 || n > 4 {
			return false, false
		}
		quads = quads || n == 4
		checked++
		if checked == 5 {
			break
		}
	}
	return quads, checked > 0
}

// ntTerms counts the terms of an N-Triples or N-Quads line ending in '.'
// (and perhaps a comment): IRIs, blank node labels and literals with their
// tag or datatype; -1 if the line is not of that form.
func ntTerms(l []byte) int {
	n := 0
	i := 0
	for {
		for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
			i++
		}
		if i >= len(l) {
			return -1
		}
		switch l[i] {
		case '.':
			rest := bytes.TrimSpace(l[i+1:])
			if len(rest) > 0 && rest[0] != '#' {
				return -1
			}
			return n
		case '<':
			j := bytes.IndexByte(l[i:], '>')
			if j < 0 {
				return -1
			}
			i += j + 1
		case '_':
			if i+1 >= len(l) || l[i+1] != ':' {
				return -1
			}
			for i < len(l) && l[i] != ' ' && l[i] != '\t' && l[i] != '<' && l[i] != '"' {
				i++
			}
			// A label may end in '.' only as the statement's end.
			if l[i-1] == '.' {
				i--
			}
		case '"':
			i++
			for i < len(l) && l[i] != '"' {
				if l[i] == '\\' {
					i++
				}
				i++
			}
			if i >= len(l) {
				return -1
			}
			i++
			switch {
			case i < len(l) && l[i] == '@':
				for i < len(l) && l[i] != ' ' && l[i] != '\t' && l[i] != '.' && l[i] != '<' && l[i] != '_' {
					i++
				}
			case i+2 < len(l) && l[i] == '^' && l[i+1] == '^' && l[i+2] == '<':
				j := bytes.IndexByte(l[i:], '>')
				if j < 0 {
					return -1
				}
				i += j + 1
			}
		default:
			return -1
		}
		n++
	}
}

// hasGraphBlock reports whether Turtle-like text has a '{' outside IRIs,
// strings and comments: a TriG graph block.
func hasGraphBlock(h []byte) bool {
	for i := 0; i < len(h); i++ {
		switch c := h[i]; c {
		case '{':
			return true
		case '<':
			j := bytes.IndexAny(h[i+1:], ">\n")
			if j < 0 {
				return false
			}
			i += j + 1
		case '#':
			j := bytes.IndexByte(h[i:], '\n')
			if j < 0 {
				return false
			}
			i += j
		case '"', '\'':
			q := []byte{c}
			if bytes.HasPrefix(h[i:], []byte{c, c, c}) {
				q = []byte{c, c, c}
			}
			i += len(q)
			for i < len(h) && !bytes.HasPrefix(h[i:], q) {
				if h[i] == '\\' {
					i++
				}
				i++
			}
			i += len(q) - 1
		}
	}
	return false
}
