package rdfio

import (
	"bufio"
	"fmt"
	"io"

	"github.com/knakk/rdf"
)

// WriterBase is what every streaming writer of katalog shares: the buffered
// output, the term checker, the prefix table and the open/closed state.
// Writers embed it and call Usable at the start of Write and Closing at the
// start of Close.
type WriterBase struct {
	BW       *bufio.Writer
	Chk      *Checker
	Prefixes []Prefix
	optErr   error
	closed   bool
	errClose error
}

// NewWriterBase prepares the shared state of a writer of syntax f onto w.
// prefixes nil means DefaultPrefixes(); an invalid table makes every Write
// and Close fail. errClosed is what Write and Close return after Close.
// xmlText makes the checker refuse characters XML 1.0 cannot hold.
func NewWriterBase(w io.Writer, f Format, xmlText bool, prefixes []Prefix, errClosed error) WriterBase {
	if prefixes == nil {
		prefixes = DefaultPrefixes()
	}
	b := WriterBase{BW: bufio.NewWriterSize(w, 64<<10), Chk: NewChecker(f, xmlText), Prefixes: prefixes, errClose: errClosed}
	if err := CheckPrefixes(prefixes); err != nil {
		b.optErr = fmt.Errorf("%s: invalid Options.Prefixes: %w", f, err)
	}
	return b
}

// OptionsErr is the error of an invalid prefix table, or nil.
func (b *WriterBase) OptionsErr() error { return b.optErr }

// Usable returns the error a Write must return before doing anything: an
// invalid prefix table or a closed writer.
func (b *WriterBase) Usable() error {
	if b.optErr != nil {
		return b.optErr
	}
	if b.closed {
		return b.errClose
	}
	return nil
}

// Closing is Usable for Close; it marks the writer closed.
func (b *WriterBase) Closing() error {
	if err := b.Usable(); err != nil {
		return err
	}
	b.closed = true
	return nil
}

// Quad is the start of a quad writer's WriteQuad: it returns Usable's
// error, or checks q and takes its terms apart (Checker.Triple and
// Checker.Graph); a quad in a named graph is refused with ErrNamedGraph
// unless the syntax has named graphs (named).
func (b *WriterBase) Quad(q rdf.Quad, named bool) (s, p, o, g Term, err error) {
	if err = b.Usable(); err != nil {
		return
	}
	if s, p, o, err = b.Chk.Triple(q.Triple); err != nil {
		return
	}
	if g, err = b.Chk.Graph(q.Ctx); err != nil {
		return
	}
	if g.Kind != 0 && !named {
		err = b.Chk.Unencodable("graph", g.Value, ErrNamedGraph)
	}
	return
}
