// Package turtle writes (and, in reader*.go, reads) RDF 1.1 Turtle and
// its extension to datasets, TriG.
package turtle

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/knakk/rdf"
)

// ErrClosed is returned by Write, WriteQuad and Close after Close.
var ErrClosed = errors.New("turtle: writer is closed")

// Options configure a Writer.
type Options struct {
	// Prefixes are declared with @prefix at the top, in order, and used for
	// prefixed names; nil means rdfio.DefaultPrefixes().
	Prefixes []rdfio.Prefix
	// GraphKeyword makes a TriG Writer open a named graph's block with the
	// SPARQL-style keyword, GRAPH <name> {, rather than <name> {. Both
	// are TriG 1.1; Raptor 2.0.15 reads only the second.
	GraphKeyword bool
}

// Writer writes triples as Turtle as they come, in constant memory. The
// @prefix lines come once at the top; an IRI is written as a prefixed name
// when a table namespace leaves a local part that PN_LOCAL can hold (with
// '\' escapes where the grammar allows them), else as <IRI>. rdf:type is
// written "a"; consecutive triples with the same subject share it (";"),
// and with the same subject and predicate share both (","). Literals are
// short strings escaped as canonical N-Triples escapes them, with "@lang"
// or "^^datatype"; no numeric or boolean shorthand is used, so lexical
// forms are kept exactly. Output is deterministic.
//
// A TriG Writer (NewTriGWriter) writes the default graph's triples as
// Turtle statements and a named graph's as a block, <name> { … } (or GRAPH
// <name> { … }, Options.GraphKeyword), its statements indented;
// consecutive quads of one graph share a block (a graph that comes back
// gets another block, which TriG merges).
//
// Write and WriteQuad refuse an invalid statement with an
// *rdfio.InvalidTermError and write nothing of it; the Writer stays
// usable. A Turtle Writer refuses a named graph's quad with an
// *rdfio.UnencodableError. A Writer is not safe for concurrent use.
type Writer struct {
	rdfio.WriterBase

	trig      bool
	keyword   bool       // Options.GraphKeyword
	graphKind rdfio.Kind // the open graph block's name (0: none)
	graph     string

	open     bool // a statement is open
	subjKind rdfio.Kind
	subj     string
	pred     string

	names   map[string]string // predicate and datatype IRIs → written form
	buf     []byte
	scratch []byte
}

const maxNames = 4096

var (
	_ rdfio.Writer     = (*Writer)(nil)
	_ rdfio.QuadWriter = (*Writer)(nil)
)

// NewWriter returns a Writer onto w and writes the @prefix lines
// (buffered). Close ends the last statement and flushes; it does not close
// w. If opts.Prefixes is not a valid table (rdfio.CheckPrefixes), every
// Write and Close returns that error.
func NewWriter(w io.Writer, opts Options) *Writer {
	return newWriter(w, rdfio.Turtle, opts)
}

// NewTriGWriter returns a Writer of TriG onto w and writes the @prefix
// lines (buffered). Close ends the last statement and graph block and
// flushes; it does not close w. Options are those of NewWriter.
func NewTriGWriter(w io.Writer, opts Options) *Writer {
	wr := newWriter(w, rdfio.TriG, opts)
	wr.trig, wr.keyword = true, opts.GraphKeyword
	return wr
}

func newWriter(w io.Writer, f rdfio.Format, opts Options) *Writer {
	wr := &Writer{
		WriterBase: rdfio.NewWriterBase(w, f, false, opts.Prefixes, ErrClosed),
		names:      make(map[string]string, 64),
		buf:        make([]byte, 0, 1024),
	}
	if wr.OptionsErr() != nil {
		return wr
	}
	p := wr.Prefixes
	wr.Prefixes = p
	b := wr.buf[:0]
	for _, x := range p {
		b = append(b, "@prefix "...)
		b = append(b, x.Name...)
		b = append(b, ": <"...)
		b = append(b, x.IRI...)
		b = append(b, "> .\n"...)
	}
	if len(p) > 0 {
		b = append(b, '\n')
	}
	wr.buf = b
	_, _ = wr.BW.Write(b) // a write error is sticky and reported by Write or Close
	return wr
}

// Write writes one triple (in the default graph).
func (w *Writer) Write(t rdf.Triple) error {
	return w.WriteQuad(rdf.Quad{Triple: t})
}

// WriteQuad writes one quad.
func (w *Writer) WriteQuad(q rdf.Quad) error {
	s, p, o, g, err := w.Quad(q, w.trig)
	if err != nil {
		return err
	}
	b := w.buf[:0]
	if g.Kind != w.graphKind || g.Value != w.graph {
		b = w.endGraph(b)
		if g.Kind != 0 {
			if w.keyword {
				b = append(b, "GRAPH "...)
			}
			b = w.appendNode(b, g)
			b = append(b, " {\n"...)
		}
		w.graphKind, w.graph = g.Kind, g.Value
	}
	indent := ""
	if w.graphKind != 0 {
		indent = "    "
	}
	switch {
	case w.open && s.Kind == w.subjKind && s.Value == w.subj && p.Value == w.pred:
		b = append(b, ", "...)
	case w.open && s.Kind == w.subjKind && s.Value == w.subj:
		b = append(b, " ;\n    "...)
		b = append(b, indent...)
		b = w.appendPred(b, p.Value)
		b = append(b, ' ')
	default:
		if w.open {
			b = append(b, " .\n"...)
		}
		b = append(b, indent...)
		b = w.appendNode(b, s)
		b = append(b, ' ')
		b = w.appendPred(b, p.Value)
		b = append(b, ' ')
	}
	w.open, w.subjKind, w.subj, w.pred = true, s.Kind, s.Value, p.Value
	b = w.appendNode(b, o)
	w.buf = b
	if _, err := w.BW.Write(b); err != nil {
		return fmt.Errorf("%s: %w", w.Chk.Format(), err)
	}
	return nil
}

// endGraph appends the end of the open statement and graph block.
func (w *Writer) endGraph(b []byte) []byte {
	if w.open {
		b = append(b, " .\n"...)
		w.open = false
	}
	if w.graphKind != 0 {
		b = append(b, "}\n"...)
		w.graphKind, w.graph = 0, ""
	}
	return b
}

// Close ends the last statement and graph block and flushes. It does not
// close the underlying writer.
func (w *Writer) Close() error {
	if err := w.Closing(); err != nil {
		return err
	}
	if b := w.endGraph(w.buf[:0]); len(b) > 0 {
		if _, err := w.BW.Write(b); err != nil {
			return fmt.Errorf("%s: %w", w.Chk.Format(), err)
		}
	}
	if err := w.BW.Flush(); err != nil {
		return fmt.Errorf("%s: %w", w.Chk.Format(), err)
	}
	return nil
}

func (w *Writer) appendPred(b []byte, p string) []byte {
	if p == rdfio.RDFType {
		return append(b, 'a')
	}
	return append(b, w.cachedName(p)...)
}

// cachedName is name for IRIs that repeat (predicates, datatypes).
func (w *Writer) cachedName(s string) string {
	if n, ok := w.names[s]; ok {
		return n
	}
	n := string(w.appendIRI(nil, s))
	if len(w.names) < maxNames {
		w.names[s] = n
	}
	return n
}

func (w *Writer) appendNode(b []byte, n rdfio.Term) []byte {
	switch n.Kind {
	case rdfio.IRI:
		return w.appendIRI(b, n.Value)
	case rdfio.Blank:
		b = append(b, '_', ':')
		return rdfio.AppendBlankLabel(b, n.Value)
	}
	b = rdfio.AppendNTLiteral(b, n.Value, n.Lang)
	if n.Lang == "" && n.Datatype != "" {
		b = append(b, '^', '^')
		b = append(b, w.cachedName(n.Datatype)...)
	}
	return b
}

// appendIRI appends s as a prefixed name if it can be one, else as <s>.
func (w *Writer) appendIRI(b []byte, s string) []byte {
	best := -1
	for i, x := range w.Prefixes {
		if strings.HasPrefix(s, x.IRI) && (best < 0 || len(x.IRI) > len(w.Prefixes[best].IRI)) {
			var ok bool
			if w.scratch, ok = appendLocal(w.scratch[:0], s[len(x.IRI):]); ok {
				best = i
			}
		}
	}
	if best >= 0 {
		x := w.Prefixes[best]
		b = append(b, x.Name...)
		b = append(b, ':')
		b, _ = appendLocal(b, s[len(x.IRI):])
		return b
	}
	b = append(b, '<')
	b = append(b, s...)
	return append(b, '>')
}

// appendLocal appends local as a Turtle PN_LOCAL, escaping with '\' the
// characters PN_LOCAL_ESC allows where they are not allowed bare. It
// reports false if local cannot be a PN_LOCAL (a character outside
// PN_CHARS) or would need an escaped leading or trailing '.', which
// rdflib 6 cannot read.
func appendLocal(dst []byte, local string) ([]byte, bool) {
	for i := 0; i < len(local); {
		r, size := utf8.DecodeRuneInString(local[i:])
		first, last := i == 0, i+size == len(local)
		switch {
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == ':':
			dst = append(dst, byte(r))
		case r == '.' && (first || last):
			// PN_LOCAL allows "\." here, but rdflib 6 fails on a trailing one.
			return dst, false
		case r == '-' || r == '.':
			if r == '-' && first {
				dst = append(dst, '\\')
			}
			dst = append(dst, byte(r))
		case r == '%':
			if i+2 < len(local) && isHex(local[i+1]) && isHex(local[i+2]) {
				dst = append(dst, local[i:i+3]...)
				i += 3
				continue
			}
			dst = append(dst, '\\', '%')
		case r < utf8.RuneSelf && strings.IndexByte("~!$&'()*+,;=/?#@", byte(r)) >= 0:
			dst = append(dst, '\\', byte(r))
		case r >= utf8.RuneSelf && (rdfio.IsNCNameStartChar(r) || !first && rdfio.IsNCNameChar(r)):
			dst = append(dst, local[i:i+size]...)
		default:
			return dst, false
		}
		i += size
	}
	return dst, true
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'f' }
