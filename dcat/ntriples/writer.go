// Package ntriples writes (and, in reader*.go, reads) RDF 1.1 N-Triples.
package ntriples

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"github.com/katalog-se/katalog/dcat/rdfio"
	"github.com/knakk/rdf"
)

// ErrClosed is returned by Write and Close after Close.
var ErrClosed = errors.New("ntriples: writer is closed")

// Writer writes triples as N-Triples, one line each, as they come. Literal
// text is escaped as canonical N-Triples escapes it; IRIs are written as
// given and must be absolute RFC 3987 IRIs (an IRI that would need \u escapes
// is refused, not escaped). Blank node labels are made safe with
// rdfio.AppendBlankLabel.
//
// Write refuses an invalid triple with an *rdfio.InvalidTermError and writes
// nothing of it; the Writer stays usable. A Writer is not safe for
// concurrent use.
type Writer struct {
	bw     *bufio.Writer
	chk    *rdfio.Checker
	buf    []byte
	closed bool
}

var _ rdfio.Writer = (*Writer)(nil)

// NewWriter returns a Writer onto w. Close flushes; it does not close w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{
		bw:  bufio.NewWriterSize(w, 64<<10),
		chk: rdfio.NewChecker(rdfio.NTriples, false),
		buf: make([]byte, 0, 512),
	}
}

// Write writes one triple.
func (w *Writer) Write(t rdf.Triple) error {
	if w.closed {
		return ErrClosed
	}
	s, p, o, err := w.chk.Triple(t)
	if err != nil {
		return err
	}
	b := appendNode(w.buf[:0], s)
	b = append(b, ' ', '<')
	b = append(b, p.Value...)
	b = append(b, '>', ' ')
	b = appendNode(b, o)
	b = append(b, ' ', '.', '\n')
	w.buf = b
	if _, err := w.bw.Write(b); err != nil {
		return fmt.Errorf("ntriples: %w", err)
	}
	return nil
}

// Close flushes buffered output. It does not close the underlying writer.
func (w *Writer) Close() error {
	if w.closed {
		return ErrClosed
	}
	w.closed = true
	if err := w.bw.Flush(); err != nil {
		return fmt.Errorf("ntriples: %w", err)
	}
	return nil
}

// appendNode appends a checked term in N-Triples syntax.
func appendNode(b []byte, n rdfio.Node) []byte {
	switch n.Kind {
	case rdfio.IRI:
		b = append(b, '<')
		b = append(b, n.Value...)
		return append(b, '>')
	case rdfio.Blank:
		b = append(b, '_', ':')
		return rdfio.AppendBlankLabel(b, n.Value)
	}
	b = append(b, '"')
	b = rdfio.AppendNTString(b, n.Value)
	b = append(b, '"')
	if n.Lang != "" {
		b = append(b, '@')
		return append(b, n.Lang...)
	}
	if n.Datatype != "" {
		b = append(b, '^', '^', '<')
		b = append(b, n.Datatype...)
		b = append(b, '>')
	}
	return b
}
