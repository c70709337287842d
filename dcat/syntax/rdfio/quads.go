package rdfio

import (
	"errors"

	"github.com/knakk/rdf"
)

// ErrNamedGraph is wrapped by the *UnencodableError of a writer whose
// syntax holds one graph when it is given a quad of a named graph.
var ErrNamedGraph = errors.New("the syntax holds one graph: a named graph cannot be written in it")

// DefaultGraph returns a QuadWriter onto w, a Writer of syntax f that holds
// one graph: it writes the quads of the default graph (nil Ctx) and refuses
// those of named graphs with an *UnencodableError (Position "graph") that
// wraps ErrNamedGraph, writing nothing of them. Close closes w.
func DefaultGraph(w Writer, f Format) QuadWriter { return defaultGraph{w, f} }

type defaultGraph struct {
	w Writer
	f Format
}

func (d defaultGraph) WriteQuad(q rdf.Quad) error {
	if q.Ctx != nil {
		return &UnencodableError{Format: d.f, Position: "graph", Value: shorten(q.Ctx.String()), Err: ErrNamedGraph}
	}
	return d.w.Write(q.Triple)
}

func (d defaultGraph) Close() error { return d.w.Close() }

// Quads returns a QuadReader of the triples r reads: each is a quad of the
// default graph (nil Ctx).
func Quads(r Reader) QuadReader { return tripleQuads{r} }

type tripleQuads struct{ r Reader }

func (t tripleQuads) ReadQuad() (rdf.Quad, error) {
	tr, err := t.r.Read()
	return rdf.Quad{Triple: tr}, err
}
