// Package jsonld reads and writes JSON-LD for DCAT feeds: a streaming
// writer (1.0 and 1.1 compatible) and a reader of JSON-LD 1.1 documents with
// embedded contexts (see Reader).
package jsonld

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/knakk/rdf"
)

// Errors wrapped by the *rdfio.UnencodableError that Write returns.
var (
	// ErrSchemeIsPrefix means an IRI's scheme is a prefix name of the
	// context ("dcat:x" with prefix dcat), so JSON-LD would expand it as a
	// compact IRI.
	ErrSchemeIsPrefix = errors.New("the IRI's scheme is a prefix of the @context, so JSON-LD would read it as a compact IRI")
	// ErrClosed is returned by Write and Close after Close.
	ErrClosed = errors.New("jsonld: writer is closed")
)

// Options configure a Writer.
type Options struct {
	// Prefixes make up the @context written at the top and are used for
	// compact IRIs in keys, @type values and datatypes; nil means
	// rdfio.DefaultPrefixes(). Only namespaces ending in '/', '#', ':',
	// '?', '[', ']' or '@' are used for compaction (JSON-LD 1.1 prefix rule).
	Prefixes []rdfio.Prefix
}

// Writer writes triples as a JSON-LD document as they come, in constant
// memory:
//
//	{"@context": {prefix: namespace, …}, "@graph": [node, …]}
//
// Each run of consecutive triples with the same subject becomes one node
// object with "@id"; rdf:type with an IRI object goes to "@type"; every
// property value is an array of {"@id": …} or {"@value": …, "@language" or
// "@type": …} (never native numbers or booleans, so lexical forms are
// kept). Subject and object IRIs are written in full; keys, @type values
// and datatypes compacted with the prefix table. A property that comes
// back after another in the same run starts a new node object for the same
// subject, so no object repeats a key. Output is deterministic.
//
// Write refuses an invalid triple with an *rdfio.InvalidTermError, and one
// JSON-LD cannot express with this context (an IRI whose scheme is a prefix
// name) with an *rdfio.UnencodableError; nothing of a refused triple is
// written and the Writer stays usable. A Writer is not safe for concurrent
// use.
type Writer struct {
	rdfio.WriterBase
	compactable []rdfio.Prefix // the table entries usable for compact IRIs
	names       map[string]struct{}

	open     bool
	subjKind rdfio.Kind
	subj     string
	key      string              // the open property's key
	used     map[string]struct{} // keys of the open node object
	first    bool                // no node object written yet

	compact map[string]string // key/type/datatype IRI → compacted form
	buf     []byte
}

const maxCompact = 4096

var _ rdfio.Writer = (*Writer)(nil)

// NewWriter returns a Writer onto w and writes the document start and the
// @context (buffered). Close ends the document and flushes; it does not
// close w. If opts.Prefixes is not a valid table (rdfio.CheckPrefixes),
// every Write and Close returns that error.
func NewWriter(w io.Writer, opts Options) *Writer {
	wr := &Writer{
		WriterBase: rdfio.NewWriterBase(w, rdfio.JSONLD, false, opts.Prefixes, ErrClosed),
		names:      make(map[string]struct{}, 32),
		used:       make(map[string]struct{}, 32),
		compact:    make(map[string]string, 64),
		buf:        make([]byte, 0, 1024),
		first:      true,
	}
	if wr.OptionsErr() != nil {
		return wr
	}
	p := wr.Prefixes
	b := append(wr.buf[:0], "{\n  \"@context\": {"...)
	for i, x := range p {
		wr.names[x.Name] = struct{}{}
		if strings.ContainsRune("/#:?[]@", rune(x.IRI[len(x.IRI)-1])) {
			wr.compactable = append(wr.compactable, x)
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n    "...)
		b = appendString(b, x.Name)
		b = append(b, ": "...)
		b = appendString(b, x.IRI)
	}
	b = append(b, "\n  },\n  \"@graph\": ["...)
	wr.buf = b
	_, _ = wr.BW.Write(b) // a write error is sticky and reported by Write or Close
	return wr
}

// Write writes one triple.
func (w *Writer) Write(t rdf.Triple) error {
	if err := w.Usable(); err != nil {
		return err
	}
	s, p, o, err := w.Chk.Triple(t)
	if err != nil {
		return err
	}
	// Work out every written form before writing anything.
	if err := w.checkFull("subject", s); err != nil {
		return err
	}
	var key string
	isType := p.Value == rdfio.RDFType && o.Kind == rdfio.IRI
	if isType {
		key = "@type"
	} else if key, err = w.compactIRI("predicate", p.Value); err != nil {
		return err
	}
	var typeVal, dt string
	switch {
	case isType:
		typeVal, err = w.compactIRI("object", o.Value)
	case o.Kind == rdfio.Literal && o.Datatype != "":
		dt, err = w.compactIRI("datatype", o.Datatype)
	default:
		err = w.checkFull("object", o)
	}
	if err != nil {
		return err
	}

	b := w.buf[:0]
	sameSubj := w.open && s.Kind == w.subjKind && s.Value == w.subj
	switch {
	case sameSubj && key == w.key:
		b = append(b, ", "...)
	case sameSubj:
		if _, dup := w.used[key]; !dup {
			b = append(b, "],\n      "...)
			b = appendString(b, key)
			b = append(b, ": ["...)
			break
		}
		fallthrough
	default:
		if w.open {
			b = append(b, "]\n    },"...)
		}
		if w.first {
			w.first = false
		}
		b = append(b, "\n    {\n      \"@id\": "...)
		b = appendNodeID(b, s)
		b = append(b, ",\n      "...)
		b = appendString(b, key)
		b = append(b, ": ["...)
		clear(w.used)
	}
	w.open, w.subjKind, w.subj, w.key = true, s.Kind, s.Value, key
	w.used[key] = struct{}{}
	switch {
	case isType:
		b = appendString(b, typeVal)
	case o.Kind == rdfio.Literal:
		b = append(b, "{\"@value\": "...)
		b = appendString(b, o.Value)
		if o.Lang != "" {
			b = append(b, ", \"@language\": "...)
			b = appendString(b, o.Lang)
		} else if dt != "" {
			b = append(b, ", \"@type\": "...)
			b = appendString(b, dt)
		}
		b = append(b, '}')
	default:
		b = append(b, "{\"@id\": "...)
		b = appendNodeID(b, o)
		b = append(b, '}')
	}
	w.buf = b
	if _, err := w.BW.Write(b); err != nil {
		return fmt.Errorf("jsonld: %w", err)
	}
	return nil
}

// Close ends the document and flushes. It does not close the underlying
// writer.
func (w *Writer) Close() error {
	if err := w.Closing(); err != nil {
		return err
	}
	b := w.buf[:0]
	if w.open {
		b = append(b, "]\n    }\n  ]\n}\n"...)
	} else {
		b = append(b, "]\n}\n"...)
	}
	if _, err := w.BW.Write(b); err != nil {
		return fmt.Errorf("jsonld: %w", err)
	}
	if err := w.BW.Flush(); err != nil {
		return fmt.Errorf("jsonld: %w", err)
	}
	return nil
}

// checkFull refuses an IRI to be written in full that JSON-LD would
// expand as a compact IRI.
func (w *Writer) checkFull(pos string, n rdfio.Term) error {
	if n.Kind != rdfio.IRI {
		return nil
	}
	i := strings.IndexByte(n.Value, ':')
	if _, ok := w.names[n.Value[:i]]; ok && !strings.HasPrefix(n.Value[i+1:], "//") {
		return w.Chk.Unencodable(pos, n.Value, ErrSchemeIsPrefix)
	}
	return nil
}

// compactIRI returns s as a compact IRI with the longest table namespace,
// or in full.
func (w *Writer) compactIRI(pos, s string) (string, error) {
	if c, ok := w.compact[s]; ok {
		return c, nil
	}
	best := -1
	for i, x := range w.compactable {
		if strings.HasPrefix(s, x.IRI) && !strings.HasPrefix(s[len(x.IRI):], "//") &&
			(best < 0 || len(x.IRI) > len(w.compactable[best].IRI)) {
			best = i
		}
	}
	c := s
	if best >= 0 {
		c = w.compactable[best].Name + ":" + s[len(w.compactable[best].IRI):]
	} else if err := w.checkFull(pos, rdfio.Term{Kind: rdfio.IRI, Value: s}); err != nil {
		return "", err
	}
	if len(w.compact) < maxCompact {
		w.compact[s] = c
	}
	return c, nil
}

// appendNodeID appends an IRI or "_:label" as a JSON string.
func appendNodeID(b []byte, n rdfio.Term) []byte {
	if n.Kind == rdfio.Blank {
		b = append(b, '"', '_', ':')
		b = rdfio.AppendBlankLabel(b, n.Value)
		return append(b, '"')
	}
	return appendString(b, n.Value)
}

// appendString appends s, valid UTF-8, as a JSON string. N-Triples'
// escapes (rdfio.AppendNTString: \" \\ \n \r \t \b \f and \u00XX) are
// JSON's too.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	b = rdfio.AppendNTString(b, s)
	return append(b, '"')
}
