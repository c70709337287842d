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
// the document; it does not close w.
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
	}
	return nil, fmt.Errorf("no writer for RDF format %q", f)
}

// Limits bound what a reader accepts; zero means no limit.
type Limits struct {
	MaxBytes   int64
	MaxTriples int64
}

// NewReader returns a streaming reader of syntax f from r; relative IRIs
// resolve against base. JSON-LD is read with contexts embedded in the
// document only, and from the default graph only (see jsonld.Reader).
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
	}
	return nil, fmt.Errorf("no reader for RDF format %q (katalog reads rdfxml, turtle, ntriples and jsonld)", f)
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
		}
	}
	return sniff(head)
}

// sniff looks at the first non-blank bytes of a document.
func sniff(head []byte) (rdfio.Format, bool) {
	h := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	switch {
	case len(h) == 0:
		return "", false
	case h[0] == '<' && (bytes.HasPrefix(h, []byte("<?xml")) || bytes.HasPrefix(h, []byte("<rdf:RDF")) || bytes.HasPrefix(h, []byte("<!--")) || bytes.HasPrefix(h, []byte("<!DOCTYPE"))):
		return rdfio.RDFXML, true
	case h[0] == '{' || h[0] == '[':
		return rdfio.JSONLD, true
	case bytes.HasPrefix(h, []byte("@prefix")) || bytes.HasPrefix(h, []byte("@base")) ||
		hasPrefixFold(h, "PREFIX") || hasPrefixFold(h, "BASE"):
		return rdfio.Turtle, true
	case h[0] == '<' || bytes.HasPrefix(h, []byte("_:")):
		// N-Triples is Turtle too; a line of three terms and a dot reads as either.
		if looksLikeNTriples(h) {
			return rdfio.NTriples, true
		}
		return rdfio.Turtle, true
	case h[0] == '#':
		return rdfio.Turtle, true
	}
	return "", false
}

func hasPrefixFold(b []byte, p string) bool {
	return len(b) >= len(p) && strings.EqualFold(string(b[:len(p)]), p)
}

// looksLikeNTriples reports whether the first complete lines of h end with " ." and use no prefixed names.
func looksLikeNTriples(h []byte) bool {
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
		if !bytes.HasSuffix(l, []byte(".")) || (l[0] != '<' && !bytes.HasPrefix(l, []byte("_:"))) || bytes.Contains(l, []byte(" ;")) {
			return false
		}
		checked++
		if checked == 5 {
			break
		}
	}
	return checked > 0
}
