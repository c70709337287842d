package jsonld

import (
	"fmt"
	"io"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
)

// QuadWriter writes an RDF dataset as one JSON-LD document as the quads
// come, in constant memory: the default graph's node objects are items of
// the top-level "@graph" (as Writer writes them) and each named graph is
// an item of its own, a graph object
//
//	{"@id": name, "@graph": [node, …]}
//
// whose nodes are written as Writer writes nodes. Consecutive quads of one
// graph share a graph object; a graph that comes back gets another one,
// which JSON-LD merges (as it merges the node objects of one subject). A
// graph's name is written in full, an IRI or "_:label".
//
// WriteQuad refuses what Write refuses, and a graph name that is not an
// absolute IRI or a blank node, with the same errors, writing nothing of
// the quad. A QuadWriter is not safe for concurrent use.
type QuadWriter struct {
	w *Writer
	// named is true while a graph object is open; graph is its name.
	named bool
	graph rdfio.Term
	// top is true once an item of the top-level "@graph" is written.
	top bool
}

var (
	_ rdfio.QuadWriter = (*QuadWriter)(nil)
	_ rdfio.Writer     = (*QuadWriter)(nil)
)

// NewQuadWriter returns a QuadWriter onto w (see NewWriter for opts). Close
// ends the document and flushes; it does not close w.
func NewQuadWriter(w io.Writer, opts Options) *QuadWriter {
	return &QuadWriter{w: NewWriter(w, opts)}
}

// Write writes one triple in the default graph.
func (q *QuadWriter) Write(t rdf.Triple) error { return q.WriteQuad(rdf.Quad{Triple: t}) }

// WriteQuad writes one quad.
func (q *QuadWriter) WriteQuad(x rdf.Quad) error {
	w := q.w
	if err := w.Usable(); err != nil {
		return err
	}
	// Refuse a bad quad before anything of it (its graph object) is written.
	if _, _, _, err := w.Chk.Triple(x.Triple); err != nil {
		return err
	}
	var g rdfio.Term
	if x.Ctx != nil {
		var err error
		if g, err = w.Chk.Graph(x.Ctx); err != nil {
			return err
		}
		if err := w.checkFull("graph", g); err != nil {
			return err
		}
	}
	if x.Ctx != nil != q.named || x.Ctx != nil && (g.Kind != q.graph.Kind || g.Value != q.graph.Value) {
		if err := q.switchTo(x.Ctx != nil, g); err != nil {
			return err
		}
	}
	if err := w.Write(x.Triple); err != nil {
		return err
	}
	q.top = q.top || !q.named
	return nil
}

// switchTo ends the open node object and graph object, if any, and starts
// the items of the named graph g (or of the default graph).
func (q *QuadWriter) switchTo(named bool, g rdfio.Term) error {
	w := q.w
	b := w.buf[:0]
	if w.open {
		b = append(b, "]\n    }"...)
		w.open = false
	}
	if q.named {
		b = append(b, "\n    ]}"...)
		q.named = false
	}
	if q.top {
		b = append(b, ',')
	}
	if named {
		b = append(b, "\n    {\"@id\": "...)
		b = appendNodeID(b, g)
		b = append(b, ", \"@graph\": ["...)
		q.named, q.graph, q.top = true, g, true
	}
	w.buf = b
	if _, err := w.BW.Write(b); err != nil {
		return fmt.Errorf("jsonld: %w", err)
	}
	return nil
}

// Close ends the document and flushes. It does not close the underlying
// writer.
func (q *QuadWriter) Close() error {
	w := q.w
	if q.named && w.Usable() == nil {
		b := w.buf[:0]
		if w.open {
			b = append(b, "]\n    }"...)
			w.open = false
		}
		b = append(b, "\n    ]}"...)
		q.named = false
		w.buf = b
		if _, err := w.BW.Write(b); err != nil {
			return fmt.Errorf("jsonld: %w", err)
		}
	}
	return w.Close()
}
