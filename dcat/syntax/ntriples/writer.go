// Package ntriples writes (and, in reader*.go, reads) RDF 1.1 N-Triples
// and its extension to datasets, N-Quads.
package ntriples

import (
	"errors"
	"fmt"
	"io"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/knakk/rdf"
)

// ErrClosed is returned by Write, WriteQuad and Close after Close.
var ErrClosed = errors.New("ntriples: writer is closed")

// Writer writes triples as N-Triples (or quads as N-Quads), one line
// each, as they come. Literal text is escaped as canonical N-Triples
// escapes it; IRIs are written as given and must be absolute RFC 3987 IRIs
// (an IRI that would need \u escapes is refused, not escaped). Blank node
// labels are made safe with rdfio.AppendBlankLabel; a graph's blank label
// is made safe in the same way, so that one label names one node.
//
// Write and WriteQuad refuse an invalid statement with an
// *rdfio.InvalidTermError and write nothing of it; the Writer stays
// usable. An N-Triples Writer refuses a named graph's quad with an
// *rdfio.UnencodableError. A Writer is not safe for concurrent use.
type Writer struct {
	rdfio.WriterBase
	buf   []byte
	quads bool
}

var (
	_ rdfio.Writer     = (*Writer)(nil)
	_ rdfio.QuadWriter = (*Writer)(nil)
)

// NewWriter returns a Writer of N-Triples onto w. Close flushes; it does
// not close w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{
		WriterBase: rdfio.NewWriterBase(w, rdfio.NTriples, false, nil, ErrClosed),
		buf:        make([]byte, 0, 512),
	}
}

// NewQuadWriter returns a Writer of N-Quads onto w: a quad of a named
// graph is written with its graph label, one of the default graph as an
// N-Triples line. Close flushes; it does not close w.
func NewQuadWriter(w io.Writer) *Writer {
	return &Writer{
		WriterBase: rdfio.NewWriterBase(w, rdfio.NQuads, false, nil, ErrClosed),
		buf:        make([]byte, 0, 512),
		quads:      true,
	}
}

// Write writes one triple (in the default graph).
func (w *Writer) Write(t rdf.Triple) error {
	return w.WriteQuad(rdf.Quad{Triple: t})
}

// WriteQuad writes one quad.
func (w *Writer) WriteQuad(q rdf.Quad) error {
	s, p, o, g, err := w.Quad(q, w.quads)
	if err != nil {
		return err
	}
	b := appendNode(w.buf[:0], s)
	b = append(b, ' ', '<')
	b = append(b, p.Value...)
	b = append(b, '>', ' ')
	b = appendNode(b, o)
	if g.Kind != 0 {
		b = append(b, ' ')
		b = appendNode(b, g)
	}
	b = append(b, ' ', '.', '\n')
	w.buf = b
	if _, err := w.BW.Write(b); err != nil {
		return fmt.Errorf("ntriples: %w", err)
	}
	return nil
}

// Close flushes buffered output. It does not close the underlying writer.
func (w *Writer) Close() error {
	if err := w.Closing(); err != nil {
		return err
	}
	if err := w.BW.Flush(); err != nil {
		return fmt.Errorf("ntriples: %w", err)
	}
	return nil
}

// appendNode appends a checked term in N-Triples syntax.
func appendNode(b []byte, n rdfio.Term) []byte {
	switch n.Kind {
	case rdfio.IRI:
		b = append(b, '<')
		b = append(b, n.Value...)
		return append(b, '>')
	case rdfio.Blank:
		b = append(b, '_', ':')
		return rdfio.AppendBlankLabel(b, n.Value)
	}
	b = rdfio.AppendNTLiteral(b, n.Value, n.Lang)
	if n.Lang == "" && n.Datatype != "" {
		b = append(b, '^', '^', '<')
		b = append(b, n.Datatype...)
		b = append(b, '>')
	}
	return b
}
