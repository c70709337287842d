package ntriples

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

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

// Reader reads N-Triples 1.1 or N-Quads 1.1 one statement at a time. It
// implements rdfio.Reader and rdfio.QuadReader; errors in the input are
// *rdfio.SyntaxError values with the line and column of the fault.
//
// A Reader of N-Quads (NewQuadReader) reads the whole dataset with
// ReadQuad; its Read reads the default graph: it skips the quads of named
// graphs and counts them (NamedSkipped). MaxTriples counts every
// statement read, skipped or not.
type Reader struct {
	br      *bufio.Reader
	in      *rdfparse.Input
	lim     rdfparse.Limits
	terms   *rdfparse.Terms
	err     error
	quads   bool         // N-Quads: a graph label may follow the object
	format  rdfio.Format // for errors
	skipped int64        // named-graph quads that Read skipped

	buf  []byte // current line (may alias br's buffer)
	long []byte // storage for lines longer than br's buffer
	i    int    // position in buf
	line int    // line number of buf, from 1
	n    int64  // triples returned

	scratch  []byte
	lastSubj []byte
	subj     rdf.Subject
	// objs holds recurring IRIs already boxed as interfaces, so that
	// putting one into a Triple costs no allocation.
	objs *rdfparse.Cache[rdf.Object]
}

var (
	_ rdfio.Reader     = (*Reader)(nil)
	_ rdfio.QuadReader = (*Reader)(nil)
)

// NewReader returns a Reader of N-Triples from r.
func NewReader(r io.Reader, opts ...Option) *Reader {
	in, lim := rdfparse.Open(r, opts)
	return &Reader{
		br:     bufio.NewReaderSize(in, 64<<10),
		in:     in,
		lim:    lim,
		terms:  rdfparse.NewTerms(),
		objs:   &rdfparse.Cache[rdf.Object]{},
		format: rdfio.NTriples,
	}
}

// Reset makes the Reader read src from its start, with the same options
// and syntax, keeping its buffers and its caches of terms: a pool of
// Readers reads many small documents (imported datasets' published
// descriptions) without allocating about 200 KB of buffers for each.
func (r *Reader) Reset(src io.Reader) {
	r.in.Reset(src)
	r.br.Reset(r.in)
	*r = Reader{br: r.br, in: r.in, lim: r.lim, terms: r.terms, objs: r.objs, quads: r.quads, format: r.format,
		long: r.long[:0], scratch: r.scratch[:0], lastSubj: r.lastSubj[:0]}
}

// NewQuadReader returns a Reader of N-Quads from r.
func NewQuadReader(r io.Reader, opts ...Option) *Reader {
	x := NewReader(r, opts...)
	x.quads, x.format = true, rdfio.NQuads
	return x
}

// Read returns the next triple of the default graph, or io.EOF after the
// last one. Of N-Quads it skips the quads of named graphs.
func (r *Reader) Read() (rdf.Triple, error) {
	for {
		t, g, err := r.next()
		if err != nil || g == nil {
			return t, err
		}
		r.skipped++
	}
}

// ReadQuad returns the next quad, or io.EOF after the last one. The Ctx of
// a quad of the default graph (every N-Triples statement) is nil.
func (r *Reader) ReadQuad() (rdf.Quad, error) {
	t, g, err := r.next()
	return rdf.Quad{Triple: t, Ctx: g}, err
}

// NamedSkipped returns the number of quads of named graphs that Read has
// skipped.
func (r *Reader) NamedSkipped() int64 { return r.skipped }

// next reads the next statement and its graph (nil: the default graph).
func (r *Reader) next() (rdf.Triple, rdf.Context, error) {
	if r.err != nil {
		return rdf.Triple{}, nil, r.err
	}
	t, g, err := r.read()
	if err != nil {
		r.err = err
		return rdf.Triple{}, nil, err
	}
	if !r.lim.Allows(r.n + 1) {
		r.err = r.lim.TriplesError(r.line, r.col(r.i))
		return rdf.Triple{}, nil, r.err
	}
	r.n++
	return t, g, nil
}

// nextLine loads the next line into buf; io.EOF at the end.
func (r *Reader) nextLine() error {
	r.long = r.long[:0]
	for {
		b, err := r.br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			r.long = append(r.long, b...)
			continue
		}
		if len(r.long) > 0 {
			r.long = append(r.long, b...)
			b = r.long
		}
		if err != nil && (len(b) == 0 || isLimit(err)) {
			if le := (*LimitError)(nil); errors.As(err, &le) {
				c := *le
				c.Line, c.Column = r.line+1, 1
				return &c
			}
			if err != io.EOF {
				return fmt.Errorf("%s: reading line %d: %w", r.format, r.line+1, err)
			}
			return err
		}
		r.line++
		r.buf, r.i = b, 0
		return nil
	}
}

// isLimit reports whether err is a *LimitError.
func isLimit(err error) bool {
	var le *LimitError
	return errors.As(err, &le)
}

func (r *Reader) col(i int) int {
	if i > len(r.buf) {
		i = len(r.buf)
	}
	return utf8.RuneCount(r.buf[:i]) + 1
}

func (r *Reader) errorf(i int, format string, a ...any) error {
	return &rdfio.SyntaxError{Format: r.format, Line: r.line, Column: r.col(i), Msg: fmt.Sprintf(format, a...)}
}

// skipWS skips spaces and tabs.
func (r *Reader) skipWS() {
	for r.i < len(r.buf) && (r.buf[r.i] == ' ' || r.buf[r.i] == '\t') {
		r.i++
	}
}

// atEOL skips white space and a comment and reports whether the line (or
// a lone CR-delimited part of it) is used up. A CR not followed by LF ends
// a line too; then reading continues in the same buffer.
func (r *Reader) atEOL() bool {
	for {
		r.skipWS()
		if r.i >= len(r.buf) {
			return true
		}
		switch r.buf[r.i] {
		case '#':
			// A comment runs to LF or CR.
			for r.i < len(r.buf) && r.buf[r.i] != '\n' && r.buf[r.i] != '\r' {
				r.i++
			}
			continue
		case '\n':
			r.i = len(r.buf)
			return true
		case '\r':
			r.i++
			if r.i < len(r.buf) && r.buf[r.i] != '\n' {
				// Old Mac line end: keep going in this buffer.
				r.line++
				r.buf, r.i = r.buf[r.i:], 0
				continue
			}
			continue
		}
		return false
	}
}

func (r *Reader) read() (t rdf.Triple, g rdf.Context, err error) {
	for {
		if r.buf == nil || r.atEOL() {
			if err := r.nextLine(); err != nil {
				return rdf.Triple{}, nil, err
			}
			continue
		}
		break
	}
	// Subject.
	switch r.buf[r.i] {
	case '<':
		start := r.i
		end, err := r.iriEnd()
		if err != nil {
			return t, nil, err
		}
		if r.subj != nil && bytes.Equal(r.lastSubj, r.buf[start:end]) {
			t.Subj = r.subj
		} else {
			iri, err := r.iri(start)
			if err != nil {
				return t, nil, err
			}
			r.subj, r.lastSubj = iri.(rdf.Subject), append(r.lastSubj[:0], r.buf[start:end]...)
			t.Subj = r.subj
		}
		r.i = end
	case '_':
		b, err := r.blank()
		if err != nil {
			return t, nil, err
		}
		t.Subj = b
	default:
		return t, nil, r.errorf(r.i, "expected a subject (IRI or blank node), found %s", r.found())
	}
	r.skipWS()
	// Predicate.
	if r.i >= len(r.buf) || r.buf[r.i] != '<' {
		return t, nil, r.errorf(r.i, "expected a predicate IRI, found %s", r.found())
	}
	p, err := r.iri(r.i)
	if err != nil {
		return t, nil, err
	}
	t.Pred = p.(rdf.Predicate)
	r.skipWS()
	// Object.
	if r.i >= len(r.buf) {
		return t, nil, r.errorf(r.i, "expected an object, found end of line")
	}
	switch r.buf[r.i] {
	case '<':
		o, err := r.iri(r.i)
		if err != nil {
			return t, nil, err
		}
		t.Obj = o
	case '_':
		b, err := r.blank()
		if err != nil {
			return t, nil, err
		}
		t.Obj = b
	case '"':
		l, err := r.literal()
		if err != nil {
			return t, nil, err
		}
		t.Obj = l
	default:
		return t, nil, r.errorf(r.i, "expected an object (IRI, blank node or literal), found %s", r.found())
	}
	r.skipWS()
	if r.quads && r.i < len(r.buf) && (r.buf[r.i] == '<' || r.buf[r.i] == '_') {
		if g, err = r.graphLabel(); err != nil {
			return t, nil, err
		}
		r.skipWS()
	}
	if r.i >= len(r.buf) || r.buf[r.i] != '.' {
		what := "the triple"
		if r.quads {
			what = "the statement"
		}
		return t, nil, r.errorf(r.i, "expected '.' to end %s, found %s", what, r.found())
	}
	r.i++
	if !r.atEOL() {
		return t, nil, r.errorf(r.i, "expected end of line after '.', found %s", r.found())
	}
	return t, g, nil
}

// graphLabel reads the graph label of an N-Quads statement at r.i: an
// absolute IRI or a blank node.
func (r *Reader) graphLabel() (rdf.Context, error) {
	if r.buf[r.i] == '_' {
		b, err := r.blank()
		if err != nil {
			return nil, err
		}
		return b, nil
	}
	o, err := r.iri(r.i)
	if err != nil {
		return nil, err
	}
	return o.(rdf.Context), nil
}

func (r *Reader) found() string {
	if r.i >= len(r.buf) || r.buf[r.i] == '\n' || r.buf[r.i] == '\r' {
		return "end of line"
	}
	c, _ := utf8.DecodeRune(r.buf[r.i:])
	return fmt.Sprintf("%q", c)
}

// iriEnd returns the index after the '>' of the IRIREF at r.i, without
// decoding it.
func (r *Reader) iriEnd() (int, error) {
	j := bytes.IndexByte(r.buf[r.i+1:], '>')
	if j < 0 {
		return 0, r.errorf(r.i, "IRI not closed with '>'")
	}
	return r.i + 2 + j, nil
}

// iriByte classifies the bytes of an IRIREF: iriEnd for '>', iriBad for
// those N-Triples forbids, iriSpecial for '\\' and non-ASCII bytes (which
// need decoding or checking), iriPlain for the rest.
var iriByte = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c == '>':
			t[c] = iriEnd
		case c <= 0x20 || c == '<' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' || c == '`':
			t[c] = iriBad
		case c == '\\' || c >= utf8.RuneSelf:
			t[c] = iriSpecial
		}
	}
	return t
}()

const (
	iriPlain uint8 = iota
	iriEnd
	iriBad
	iriSpecial
)

// iri reads the IRIREF at start (buf[start] == '<'), which must be absolute.
// The result is an rdf.IRI boxed as an rdf.Object; it converts to
// rdf.Subject and rdf.Predicate without allocation, and recurring IRIs
// come from a cache.
func (r *Reader) iri(start int) (rdf.Object, error) {
	i := start + 1
	plain := true
scan:
	for ; i < len(r.buf); i++ {
		switch iriByte[r.buf[i]] {
		case iriEnd:
			break scan
		case iriBad:
			return nil, r.errorf(i, "character %q is not allowed in an IRI", rune(r.buf[i]))
		case iriSpecial:
			plain = false
		}
	}
	if i >= len(r.buf) {
		return nil, r.errorf(start, "IRI not closed with '>'")
	}
	raw := r.buf[start+1 : i]
	r.i = i + 1
	if plain {
		if _, o, ok := r.objs.GetBytes(raw); ok {
			return o, nil
		}
	} else {
		var err error
		raw, err = r.unescapeIRI(start+1, raw)
		if err != nil {
			return nil, err
		}
	}
	if !rdfparse.HasScheme(raw) {
		return nil, r.errorf(start, "relative IRI <%s> (%s IRIs must be absolute)", raw, r.formatName())
	}
	// Recurring IRIs were found in objs above; a miss is most likely an
	// IRI seen once, not worth Terms' map.
	if plain {
		// The scan above refused every byte rdf.NewIRI refuses.
		var o rdf.Object = rdfparse.CheckedIRI(string(raw))
		r.objs.Put(o.String(), o)
		return o, nil
	}
	iri, err := rdf.NewIRI(string(raw))
	if err != nil {
		return nil, r.errorf(start, "bad IRI <%s>: %v", raw, err)
	}
	return iri, nil
}

func (r *Reader) unescapeIRI(at int, raw []byte) ([]byte, error) {
	out := r.scratch[:0]
	for k := 0; k < len(raw); k++ {
		c := raw[k]
		if c >= utf8.RuneSelf {
			ru, n := utf8.DecodeRune(raw[k:])
			if ru == utf8.RuneError && n <= 1 {
				return nil, r.errorf(at+k, "invalid UTF-8 in IRI")
			}
			out = append(out, raw[k:k+n]...)
			k += n - 1
			continue
		}
		if c != '\\' {
			out = append(out, c)
			continue
		}
		n := 0
		if k+1 < len(raw) {
			switch raw[k+1] {
			case 'u':
				n = 4
			case 'U':
				n = 8
			}
		}
		if n == 0 || k+2+n > len(raw) {
			return nil, r.errorf(at+k, "bad escape in IRI (only \\u and \\U are allowed)")
		}
		l := len(out)
		var err error
		out, err = rdfparse.AppendUCHAR(out, raw[k+2:k+2+n])
		if err != nil {
			return nil, r.errorf(at+k, "%v", err)
		}
		if ru, _ := utf8.DecodeRune(out[l:]); !rdfparse.IsIRIChar(ru) {
			return nil, r.errorf(at+k, "escaped character %q is not allowed in an IRI", ru)
		}
		k += 1 + n
	}
	r.scratch = out
	return out, nil
}

// blank reads a BLANK_NODE_LABEL at r.i.
func (r *Reader) blank() (rdf.Blank, error) {
	start := r.i
	if r.i+1 >= len(r.buf) || r.buf[r.i+1] != ':' {
		return rdf.Blank{}, r.errorf(r.i, "expected '_:' to start a blank node label")
	}
	i := r.i + 2
	first := true
	for i < len(r.buf) {
		c, n := rune(r.buf[i]), 1
		if c >= utf8.RuneSelf {
			c, n = utf8.DecodeRune(r.buf[i:])
			if c == utf8.RuneError && n == 1 {
				return rdf.Blank{}, r.errorf(i, "invalid UTF-8 in a blank node label")
			}
		}
		ok := false
		if first {
			ok = rdfparse.IsPNCharsU(c) || c >= '0' && c <= '9'
		} else {
			ok = rdfparse.IsPNChars(c) || c == '.'
		}
		if !ok {
			break
		}
		first = false
		i += n
	}
	for i > start+2 && r.buf[i-1] == '.' {
		i--
	}
	if i == start+2 {
		return rdf.Blank{}, r.errorf(i, "empty or invalid blank node label")
	}
	r.i = i
	return r.terms.Blank(string(r.buf[start+2 : i])), nil
}

// literal reads a literal at r.i (buf[r.i] == '"').
func (r *Reader) literal() (rdf.Literal, error) {
	start := r.i
	i := r.i + 1
	plain := true
	for ; i < len(r.buf); i++ {
		c := r.buf[i]
		if c == '"' {
			break
		}
		if c == '\\' {
			plain = false
			i++
			continue
		}
		if c == '\n' || c == '\r' {
			return rdf.Literal{}, r.errorf(i, "line break in a string (write \\n or \\r)")
		}
		if c >= utf8.RuneSelf {
			plain = false
		}
	}
	if i >= len(r.buf) {
		return rdf.Literal{}, r.errorf(start, "string not closed with '\"'")
	}
	raw := r.buf[start+1 : i]
	r.i = i + 1
	var lex string
	if plain {
		lex = string(raw)
	} else {
		out := r.scratch[:0]
		for k := 0; k < len(raw); k++ {
			c := raw[k]
			if c >= utf8.RuneSelf {
				ru, n := utf8.DecodeRune(raw[k:])
				if ru == utf8.RuneError && n <= 1 {
					return rdf.Literal{}, r.errorf(start+1+k, "invalid UTF-8 in string")
				}
				out = append(out, raw[k:k+n]...)
				k += n - 1
				continue
			}
			if c != '\\' {
				out = append(out, c)
				continue
			}
			if k+1 >= len(raw) {
				return rdf.Literal{}, r.errorf(start+1+k, "bad escape at end of string")
			}
			e := raw[k+1]
			if v := rdfparse.ECHAR(e); v >= 0 {
				out = append(out, byte(v))
				k++
				continue
			}
			n := 0
			switch e {
			case 'u':
				n = 4
			case 'U':
				n = 8
			default:
				return rdf.Literal{}, r.errorf(start+1+k, "unknown escape \\%c in string", e)
			}
			if k+2+n > len(raw) {
				return rdf.Literal{}, r.errorf(start+1+k, "short \\%c escape", e)
			}
			var err error
			out, err = rdfparse.AppendUCHAR(out, raw[k+2:k+2+n])
			if err != nil {
				return rdf.Literal{}, r.errorf(start+1+k, "%v", err)
			}
			k += 1 + n
		}
		lex = string(out)
		r.scratch = out
	}
	if r.i < len(r.buf) {
		switch r.buf[r.i] {
		case '@':
			j := r.i + 1
			for j < len(r.buf) && (rdfparse.Hex(r.buf[j]) >= 0 || r.buf[j]|0x20 >= 'a' && r.buf[j]|0x20 <= 'z' || r.buf[j] == '-') {
				j++
			}
			tag := string(r.buf[r.i+1 : j])
			if err := rdfparse.CheckLangTag(tag); err != nil {
				return rdf.Literal{}, r.errorf(r.i, "%v", err)
			}
			r.i = j
			return r.terms.Literal(lex, tag, rdf.IRI{}), nil
		case '^':
			if r.i+2 >= len(r.buf) || r.buf[r.i+1] != '^' || r.buf[r.i+2] != '<' {
				return rdf.Literal{}, r.errorf(r.i, "expected '^^<' before a datatype IRI")
			}
			dt, err := r.iri(r.i + 2)
			if err != nil {
				return rdf.Literal{}, err
			}
			return rdf.NewTypedLiteral(lex, dt.(rdf.IRI)), nil
		}
	}
	return rdf.NewTypedLiteral(lex, r.terms.XSDString), nil
}

// formatName is the syntax's name for messages.
func (r *Reader) formatName() string {
	if r.quads {
		return "N-Quads"
	}
	return "N-Triples"
}
