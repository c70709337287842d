// Package rdfxml writes (and, in reader*.go, reads) RDF/XML, the syntax
// dataportal.se harvests.
package rdfxml

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/knakk/rdf"
)

// Errors wrapped by the *rdfio.UnencodableError that Write returns for a
// triple RDF/XML cannot express.
var (
	// ErrReservedName means the predicate is one of the RDF names RDF/XML
	// reserves for its own syntax (rdf:li, rdf:about, rdf:Description, …).
	ErrReservedName = errors.New("the IRI is a name RDF/XML reserves for its syntax")
	// ErrReservedNamespace means the predicate's namespace is one XML
	// reserves (the xml or xmlns namespace).
	ErrReservedNamespace = errors.New("the IRI's namespace is reserved by XML")
	// ErrClosed is returned by Write and Close after Close.
	ErrClosed = errors.New("rdfxml: writer is closed")
)

// Options configure a Writer.
type Options struct {
	// Prefixes are declared on rdf:RDF and used to name property and typed
	// node elements; nil means rdfio.DefaultPrefixes(). The rdf prefix is
	// always declared. A property whose namespace is not in the table gets
	// its own declaration (xmlns:ns0) on its element.
	Prefixes []rdfio.Prefix
}

// Writer writes triples as RDF/XML as they come, in constant memory: each
// run of consecutive triples with the same subject becomes one node element,
// an rdf:Description with rdf:about or rdf:nodeID, or a typed node element
// (<dcat:Dataset rdf:about="…">) when the run starts with an rdf:type whose
// class has a prefix in the table. All table namespaces are declared on
// rdf:RDF. Output is deterministic: the same triples give the same bytes.
//
// Write refuses an invalid triple with an *rdfio.InvalidTermError and one
// RDF/XML cannot express (a predicate without an NCName local part, text
// with a character XML 1.0 forbids) with an *rdfio.UnencodableError; nothing
// of a refused triple is written and the Writer stays usable. A Writer is
// not safe for concurrent use.
type Writer struct {
	rdfio.WriterBase

	open     bool       // a node element is open
	subjKind rdfio.Kind // of the open node element
	subj     string     // IRI or raw blank label of the open node element
	endTag   string     // closes the open node element

	preds   map[string]*elem // property elements by predicate IRI
	classes map[string]*elem // typed node elements by class IRI
	buf     []byte
}

// elem is a precomputed element name. For a property, open is
// "    <qname" (with an xmlns declaration when needed) and close is
// "</qname>\n"; for a class, open is "  <qname" and close "  </qname>\n".
// err is set when the IRI cannot be an element name.
type elem struct {
	open, close string
	err         error
}

const maxElems = 4096

var _ rdfio.Writer = (*Writer)(nil)

// NewWriter returns a Writer onto w and writes the XML declaration and the
// rdf:RDF start tag (buffered). Close ends the document and flushes; it does
// not close w. If opts.Prefixes is not a valid table (rdfio.CheckPrefixes),
// every Write and Close returns that error.
func NewWriter(w io.Writer, opts Options) *Writer {
	wr := &Writer{
		WriterBase: rdfio.NewWriterBase(w, rdfio.RDFXML, true, opts.Prefixes, ErrClosed),
		preds:      make(map[string]*elem, 64),
		classes:    make(map[string]*elem, 16),
		buf:        make([]byte, 0, 1024),
	}
	if wr.OptionsErr() != nil {
		return wr
	}
	p := wr.Prefixes
	hasRDF := false
	for _, x := range p {
		hasRDF = hasRDF || x.Name == "rdf"
	}
	if !hasRDF {
		p = append([]rdfio.Prefix{{Name: "rdf", IRI: rdfio.NSRDF}}, p...)
	}
	wr.Prefixes = p
	b := append(wr.buf[:0], "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rdf:RDF"...)
	for _, x := range p {
		b = append(b, "\n    xmlns:"...)
		b = append(b, x.Name...)
		b = append(b, '=', '"')
		b = appendAttr(b, x.IRI)
		b = append(b, '"')
	}
	b = append(b, ">\n"...)
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
	pe := w.property(p.Value)
	if pe.err != nil {
		return pe.err
	}
	b := w.buf[:0]
	newSubj := !w.open || s.Kind != w.subjKind || s.Value != w.subj
	if newSubj {
		if w.open {
			b = append(b, w.endTag...)
		}
		w.open, w.subjKind, w.subj = true, s.Kind, s.Value
		var ce *elem
		if p.Value == rdfio.RDFType && o.Kind == rdfio.IRI {
			ce = w.class(o.Value)
		}
		if ce != nil {
			b = append(b, ce.open...)
			w.endTag = ce.close
		} else {
			b = append(b, "  <rdf:Description"...)
			w.endTag = "  </rdf:Description>\n"
		}
		if s.Kind == rdfio.IRI {
			b = append(b, " rdf:about=\""...)
			b = appendAttr(b, s.Value)
		} else {
			b = append(b, " rdf:nodeID=\""...)
			b = rdfio.AppendBlankLabel(b, s.Value)
		}
		b = append(b, "\">\n"...)
		if ce != nil {
			// The typed node element states the rdf:type triple.
			return w.flushBuf(b)
		}
	}
	b = append(b, pe.open...)
	switch o.Kind {
	case rdfio.IRI:
		b = append(b, " rdf:resource=\""...)
		b = appendAttr(b, o.Value)
		b = append(b, "\"/>\n"...)
		return w.flushBuf(b)
	case rdfio.Blank:
		b = append(b, " rdf:nodeID=\""...)
		b = rdfio.AppendBlankLabel(b, o.Value)
		b = append(b, "\"/>\n"...)
		return w.flushBuf(b)
	}
	if o.Lang != "" {
		b = append(b, " xml:lang=\""...)
		b = append(b, o.Lang...) // a checked tag needs no escaping
		b = append(b, '"')
	} else if o.Datatype != "" {
		b = append(b, " rdf:datatype=\""...)
		b = appendAttr(b, o.Datatype)
		b = append(b, '"')
	}
	b = append(b, '>')
	b = appendText(b, o.Value)
	b = append(b, pe.close...)
	return w.flushBuf(b)
}

func (w *Writer) flushBuf(b []byte) error {
	w.buf = b
	if _, err := w.BW.Write(b); err != nil {
		return fmt.Errorf("rdfxml: %w", err)
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
		b = append(b, w.endTag...)
	}
	b = append(b, "</rdf:RDF>\n"...)
	if _, err := w.BW.Write(b); err != nil {
		return fmt.Errorf("rdfxml: %w", err)
	}
	if err := w.BW.Flush(); err != nil {
		return fmt.Errorf("rdfxml: %w", err)
	}
	return nil
}

// lookup finds the table prefix whose namespace is the longest one that
// leaves an NCName local part of s.
func (w *Writer) lookup(s string) (name, local string, ok bool) {
	best := -1
	for i, x := range w.Prefixes {
		if len(x.IRI) < len(s) && strings.HasPrefix(s, x.IRI) && (best < 0 || len(x.IRI) > len(w.Prefixes[best].IRI)) &&
			rdfio.IsNCName(s[len(x.IRI):]) {
			best = i
		}
	}
	if best < 0 {
		return "", "", false
	}
	return w.Prefixes[best].Name, s[len(w.Prefixes[best].IRI):], true
}

// property returns the element for predicate p, computing it once.
func (w *Writer) property(p string) *elem {
	if e, ok := w.preds[p]; ok {
		return e
	}
	e := &elem{}
	if strings.HasPrefix(p, rdfio.NSRDF) && reservedRDFName(p[len(rdfio.NSRDF):]) {
		e.err = w.Chk.Unencodable("predicate", p, ErrReservedName)
	} else if name, local, ok := w.lookup(p); ok {
		e.open = "    <" + name + ":" + local
		e.close = "</" + name + ":" + local + ">\n"
	} else {
		ns, local := rdfio.Split(p)
		switch {
		case local == "":
			e.err = w.Chk.Unencodable("predicate", p, rdfio.ErrNoNCNameSplit)
		case ns == rdfio.NSXML || ns == rdfio.NSXMLNS:
			e.err = w.Chk.Unencodable("predicate", p, ErrReservedNamespace)
		default:
			e.open = "    <ns0:" + local + " xmlns:ns0=\"" + string(appendAttr(nil, ns)) + "\""
			e.close = "</ns0:" + local + ">\n"
		}
	}
	if len(w.preds) < maxElems {
		w.preds[p] = e
	}
	return e
}

// class returns the typed node element for class c, or nil if c has no
// prefix in the table or is in the RDF namespace.
func (w *Writer) class(c string) *elem {
	if e, ok := w.classes[c]; ok {
		if e.err != nil {
			return nil
		}
		return e
	}
	e := &elem{err: ErrReservedName}
	if name, local, ok := w.lookup(c); ok && !strings.HasPrefix(c, rdfio.NSRDF) {
		e = &elem{open: "  <" + name + ":" + local, close: "  </" + name + ":" + local + ">\n"}
	}
	if len(w.classes) < maxElems {
		w.classes[c] = e
	}
	if e.err != nil {
		return nil
	}
	return e
}

// reservedRDFName reports whether local, in the RDF namespace, cannot name a
// property element (RDF/XML syntax grammar §7.2.5 and rdf:li).
func reservedRDFName(local string) bool {
	switch local {
	case "RDF", "Description", "ID", "about", "parseType", "resource", "nodeID", "datatype",
		"li", "aboutEach", "aboutEachPrefix", "bagID":
		return true
	}
	return false
}

// appendAttr appends s escaped for a double-quoted attribute value.
func appendAttr(b []byte, s string) []byte { return appendEscaped(b, s, inAttr) }

// appendText appends s escaped as element content; \r is written as a
// character reference so that XML line-end handling keeps it.
func appendText(b []byte, s string) []byte { return appendEscaped(b, s, inText) }

// Where appendEscaped writes a byte as a reference: inText in element
// content, inAttr in a double-quoted attribute value.
const (
	inText uint8 = 1 << iota
	inAttr
)

// xmlEscaped marks the bytes written as references, by where: '&', '<',
// '>' and '\r' everywhere; '"', '\t' and '\n' in attribute values only
// (attribute-value normalisation would turn the white space into spaces).
// A table lookup per byte is cheaper than a switch on it.
var xmlEscaped = [256]uint8{'&': inText | inAttr, '<': inText | inAttr, '>': inText | inAttr, '\r': inText | inAttr,
	'"': inAttr, '\t': inAttr, '\n': inAttr}

// appendEscaped appends s with the bytes that xmlEscaped marks for where
// (inText or inAttr) written as references.
func appendEscaped(b []byte, s string, where uint8) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if xmlEscaped[c]&where == 0 {
			continue
		}
		var esc string
		switch c {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\r':
			esc = "&#xD;"
		case '"':
			esc = "&quot;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			esc = "&#xA;"
		}
		b = append(b, s[start:i]...)
		b = append(b, esc...)
		start = i + 1
	}
	return append(b, s[start:]...)
}
