package jsonld

import (
	"fmt"
	"io"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
	"github.com/knakk/rdf"
)

// Option configures a Reader: MaxBytes or MaxTriples.
type Option = rdfparse.Option

// LimitError reports input beyond a MaxBytes or MaxTriples limit.
type LimitError = rdfparse.LimitError

// MaxBytes makes the Reader fail with a *LimitError once the input exceeds
// n bytes.
func MaxBytes(n int64) Option { return rdfparse.MaxBytes(n) }

// MaxTriples makes the Reader fail with a *LimitError rather than return
// more than n triples.
func MaxTriples(n int64) Option { return rdfparse.MaxTriples(n) }

// readState is where the Reader is in the document's outer structure.
type readState uint8

const (
	sStart     readState = iota // before the document
	sTopArray                   // in a top-level array
	sTopObject                  // in the top-level object, between entries
	sGraph                      // in the streamed @graph array of the top-level object
	sEnd                        // after the document
)

// Reader reads JSON-LD 1.1 as RDF (the "Deserialize JSON-LD to RDF"
// algorithm) one quad at a time. It implements rdfio.QuadReader and
// rdfio.Reader; errors in the input are *rdfio.SyntaxError values with the
// line and column of the JSON value at fault.
//
// ReadQuad reads the whole dataset: the default graph and named graphs (a
// node object with @graph names a graph by its @id, or a new blank node;
// graph objects as property values, @graph containers, @graph with @id or
// @index maps). Read reads the default graph: it skips the triples of
// named graphs and counts them (NamedSkipped); MaxTriples counts every
// triple read, skipped or not.
//
// Contexts must be embedded in the document: a remote context (a string
// in @context, or @import) is an error naming its IRI. JSON literals
// (@json), @id and @type maps (other than graph maps) are errors too.
// Relative IRIs without a base IRI, malformed IRIs and language tags are
// errors, where a JSON-LD processor would drop the value; keys that
// expand to no IRI are dropped, as the specification says.
//
// The Reader streams the common shape {"@context": …, "@graph": [node,
// …]} (and a top-level array of nodes): it holds one element of @graph at
// a time, so memory stays flat in the number of nodes. A document of
// another shape (@graph before @context, say) is held whole, within
// MaxBytes. Streaming decides at the top-level @graph that it is the
// default graph: an @id or property after it, which would make it a named
// graph, is an error (write them before @graph).
type Reader struct {
	lx    lexer
	q     rdfparse.Queue
	terms *rdfparse.Terms
	base  string
	state readState

	top      *context // the active context of the top level
	initial  *context
	first    bool                // no element read yet in the current array
	topKeys  map[string]struct{} // keys of the top-level object seen so far
	pending  []member            // entries of the top-level object kept for the end
	streamed bool                // @graph has been streamed
	blanks   map[string]rdf.Blank
	scopes   map[scopeKey]*context         // scoped contexts applied in the current element
	objs     rdfparse.Cache[rdf.Object]    // boxed IRIs of nodes
	preds    rdfparse.Cache[rdf.Predicate] // boxed IRIs of properties

	rdfType, rdfFirst, rdfRest       rdf.Predicate
	rdfNil                           rdf.Object
	xsdInteger, xsdDouble, xsdBoolen rdf.IRI

	skipped int64 // named-graph triples that Read skipped
	drop    int   // > 0: in a free-floating value, whose triples are dropped
}

var (
	_ rdfio.Reader     = (*Reader)(nil)
	_ rdfio.QuadReader = (*Reader)(nil)
)

// NewReader returns a Reader of JSON-LD from r. Relative IRIs resolve
// against base (which may be empty) until @base in a context changes it.
func NewReader(r io.Reader, base string, opts ...Option) *Reader {
	in, lim := rdfparse.Open(r, opts)
	x := &Reader{
		lx:    lexer{in: in},
		q:     rdfparse.NewQueue(lim),
		terms: rdfparse.NewTerms(),
		base:  base,
	}
	x.topKeys = make(map[string]struct{})
	x.initial = &context{base: base}
	x.top = x.initial
	mk := func(s string) rdf.IRI { i, _ := rdf.NewIRI(s); return i }
	x.rdfType, x.rdfFirst, x.rdfRest = mk(rdfparse.RDFNS+"type"), mk(rdfparse.RDFNS+"first"), mk(rdfparse.RDFNS+"rest")
	x.rdfNil = mk(rdfparse.RDFNS + "nil")
	x.xsdInteger, x.xsdDouble, x.xsdBoolen = mk(rdfparse.XSDNS+"integer"), mk(rdfparse.XSDNS+"double"), mk(rdfparse.XSDNS+"boolean")
	return x
}

// Read returns the next triple of the default graph, or io.EOF after the
// last one; it skips the triples of named graphs.
func (x *Reader) Read() (rdf.Triple, error) {
	for {
		q, err := x.q.NextQuad(x.fill, x.lx.in.Pos)
		if err != nil || q.Ctx == nil {
			return q.Triple, err
		}
		x.skipped++
	}
}

// ReadQuad returns the next quad, or io.EOF after the last one. The Ctx of
// a quad of the default graph is nil.
func (x *Reader) ReadQuad() (rdf.Quad, error) {
	return x.q.NextQuad(x.fill, x.lx.in.Pos)
}

// NamedSkipped returns the number of triples of named graphs that Read
// has skipped.
func (x *Reader) NamedSkipped() int64 { return x.skipped }

// syntaxErr returns a *rdfio.SyntaxError at p.
func syntaxErr(p pos, msg string) error {
	return &rdfio.SyntaxError{Format: rdfio.JSONLD, Line: p.line, Column: p.col, Msg: msg}
}

func syntaxErrf(p pos, format string, a ...any) error {
	return syntaxErr(p, fmt.Sprintf(format, a...))
}

// fill reads the next element of the document and queues its triples.
// An error after the input was cut by MaxBytes is reported as the limit.
func (x *Reader) fill() error {
	err := x.step()
	if _, ok := err.(*rdfio.SyntaxError); ok {
		if le := x.lx.inputErr(); le != nil {
			return le
		}
	}
	return err
}

// emit queues a triple in the current graph and stops the Reader early
// beyond MaxTriples. In a free-floating value it does nothing.
func (x *Reader) emit(s rdf.Subject, p rdf.Predicate, o rdf.Object, at pos) error {
	if x.drop > 0 {
		return nil
	}
	x.q.Push(s, p, o)
	return x.q.Check(at.line, at.col)
}

// inGraph runs read with g (nil: the default graph) as the graph that
// triples go to, then restores the graph.
func (x *Reader) inGraph(g rdf.Context, read func() error) error {
	prev := x.q.Graph
	x.q.Graph = g
	err := read()
	x.q.Graph = prev
	return err
}

// step reads one step of the outer structure of the document.
func (x *Reader) step() error {
	switch x.state {
	case sStart:
		k, err := x.lx.next()
		if err != nil {
			return err
		}
		switch k {
		case tBeginArr:
			x.state, x.first = sTopArray, true
			return nil
		case tBeginObj:
			x.state, x.first = sTopObject, true
			return nil
		case tEOF:
			return syntaxErr(x.lx.at, "empty input: a JSON-LD document is a JSON object or array")
		}
		return x.lx.unexpected("a JSON object or array (a JSON-LD document)")
	case sTopArray, sGraph:
		more, err := x.arrayNext()
		if err != nil {
			return err
		}
		if !more {
			if x.state == sGraph {
				x.state, x.streamed = sTopObject, true
				return nil
			}
			x.state = sEnd
			return nil
		}
		v, err := x.lx.parseValue(1)
		if err != nil {
			return err
		}
		clear(x.scopes)
		return x.element(&v, x.top, 0)
	case sTopObject:
		return x.topEntry()
	}
	k, err := x.lx.next()
	if err != nil {
		return err
	}
	if k != tEOF {
		return x.lx.unexpected("the end of input after the JSON-LD document")
	}
	return io.EOF
}

// arrayNext reads up to the next element of the array being streamed:
// it reports false after its closing ']'.
func (x *Reader) arrayNext() (bool, error) {
	k, err := x.lx.peek()
	if err != nil {
		return false, err
	}
	if x.first {
		x.first = false
		if k == tEndArr {
			x.lx.next()
			return false, nil
		}
		return true, nil
	}
	x.lx.next()
	switch k {
	case tComma:
		return true, nil
	case tEndArr:
		return false, nil
	}
	return false, x.lx.unexpected("',' or ']' in an array")
}

// topEntry reads one entry of the top-level object, or its end.
func (x *Reader) topEntry() error {
	k, err := x.lx.next()
	if err != nil {
		return err
	}
	switch {
	case k == tEndObj:
		x.state = sEnd
		return x.topEnd()
	case x.first:
	case k == tComma:
		if k, err = x.lx.next(); err != nil {
			return err
		}
	default:
		return x.lx.unexpected("',' or '}' in an object")
	}
	x.first = false
	if k != tString {
		return x.lx.unexpected("a string key in an object")
	}
	key, at := x.lx.text, x.lx.at
	if _, dup := x.topKeys[key]; dup {
		return syntaxErrf(at, "duplicate key %q in an object", key)
	}
	x.topKeys[key] = struct{}{}
	if err := x.lx.expect(tColon, "':' after an object key"); err != nil {
		return err
	}
	if key == "@context" {
		v, err := x.lx.parseValue(1)
		if err != nil {
			return err
		}
		if x.streamed {
			return syntaxErrf(at, "@context after @graph: the context must come first")
		}
		x.top, err = x.processContext(x.top, &v, true)
		return err
	}
	exp, err := x.expandKey(x.top, key, at)
	if err != nil {
		return err
	}
	if exp == "@graph" && len(x.pending) == 0 && x.top != x.initial {
		// The common shape: stream the elements of @graph.
		k, err := x.lx.peek()
		if err != nil {
			return err
		}
		if k == tBeginArr {
			x.lx.next()
			x.state, x.first = sGraph, true
			return nil
		}
	}
	v, err := x.lx.parseValue(1)
	if err != nil {
		return err
	}
	if x.streamed {
		if exp != "" && exp != "@graph" && (isKeyword(exp) || isIRI(exp)) {
			return syntaxErrf(at, "%q after @graph in the top-level object makes @graph a named graph, but katalog has read it as the default graph: write %q before @graph", key, key)
		}
		return nil
	}
	x.pending = append(x.pending, member{key: key, at: at, val: v})
	return nil
}

// topEnd processes the top-level object held in x.pending.
func (x *Reader) topEnd() error {
	if x.streamed || len(x.pending) == 0 {
		return nil
	}
	obj := value{kind: jObject, at: x.pending[0].at, obj: x.pending}
	x.pending = nil
	var graph *value
	for i := range obj.obj {
		m := &obj.obj[i]
		exp, err := x.expandKey(x.top, m.key, m.at)
		if err != nil {
			return err
		}
		switch {
		case exp == "@graph":
			graph = &m.val
		case exp == "" || !isKeyword(exp) && !isIRI(exp):
		default:
			// Not only @graph: the object is a node, whose @graph is a
			// named graph.
			return x.element(&obj, x.top, 0)
		}
	}
	if graph == nil {
		return nil
	}
	return x.element(graph, x.top, 0)
}
