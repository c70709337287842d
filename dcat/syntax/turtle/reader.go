package turtle

import (
	"errors"
	"fmt"
	"io"
	"strings"
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

const (
	rdfFirst = rdfparse.RDFNS + "first"
	rdfRest  = rdfparse.RDFNS + "rest"
	rdfNil   = rdfparse.RDFNS + "nil"
	rdfType  = rdfparse.RDFNS + "type"
)

// Reader reads Turtle 1.1 or TriG 1.1 one statement at a time; it parses
// one statement ahead at most (a TriG graph block is read a statement at
// a time too). It implements rdfio.Reader and rdfio.QuadReader; errors in
// the input are *rdfio.SyntaxError values with the line and column of the
// fault.
//
// A Reader of TriG (NewTriGReader) reads the whole dataset with ReadQuad;
// its Read reads the default graph: it skips the triples of named graphs
// and counts them (NamedSkipped). MaxTriples counts every triple read,
// skipped or not.
type Reader struct {
	in       *rdfparse.Input
	q        rdfparse.Queue
	terms    *rdfparse.Terms
	base     string
	prefixes map[string]string
	buf      []byte
	depth    int
	format   rdfio.Format // Turtle or TriG
	inGraph  bool         // TriG: inside a graph block's braces
	skipped  int64        // named-graph triples that Read skipped

	first, rest, nil_, typ rdf.IRI
	xsdInteger, xsdDecimal rdf.IRI
	xsdDouble, xsdBoolean  rdf.IRI
}

// maxDepth bounds the nesting of collections and blank node property lists.
const maxDepth = 1000

var (
	_ rdfio.Reader     = (*Reader)(nil)
	_ rdfio.QuadReader = (*Reader)(nil)
)

// NewReader returns a Reader of Turtle from r; relative IRIs resolve
// against base (which may be empty) until @base changes it.
func NewReader(r io.Reader, base string, opts ...Option) *Reader {
	in, lim := rdfparse.Open(r, opts)
	t := &Reader{
		in:       in,
		q:        rdfparse.NewQueue(lim),
		terms:    rdfparse.NewTerms(),
		base:     base,
		prefixes: map[string]string{},
		format:   rdfio.Turtle,
	}
	t.first, _ = rdf.NewIRI(rdfFirst)
	t.rest, _ = rdf.NewIRI(rdfRest)
	t.nil_, _ = rdf.NewIRI(rdfNil)
	t.typ, _ = rdf.NewIRI(rdfType)
	t.xsdInteger, _ = rdf.NewIRI(rdfparse.XSDNS + "integer")
	t.xsdDecimal, _ = rdf.NewIRI(rdfparse.XSDNS + "decimal")
	t.xsdDouble, _ = rdf.NewIRI(rdfparse.XSDNS + "double")
	t.xsdBoolean, _ = rdf.NewIRI(rdfparse.XSDNS + "boolean")
	return t
}

// NewTriGReader returns a Reader of TriG from r; relative IRIs resolve
// against base (which may be empty) until @base changes it.
func NewTriGReader(r io.Reader, base string, opts ...Option) *Reader {
	t := NewReader(r, base, opts...)
	t.format = rdfio.TriG
	return t
}

// Read returns the next triple of the default graph, or io.EOF after the
// last one. Of TriG it skips the triples of named graphs.
func (t *Reader) Read() (rdf.Triple, error) {
	for {
		q, err := t.q.NextQuad(t.statement, t.in.Pos)
		if err != nil || q.Ctx == nil {
			return q.Triple, err
		}
		t.skipped++
	}
}

// ReadQuad returns the next quad, or io.EOF after the last one. The Ctx of
// a quad of the default graph (every Turtle triple) is nil.
func (t *Reader) ReadQuad() (rdf.Quad, error) {
	return t.q.NextQuad(t.statement, t.in.Pos)
}

// NamedSkipped returns the number of triples of named graphs that Read
// has skipped.
func (t *Reader) NamedSkipped() int64 { return t.skipped }

type pos struct{ line, col int }

func (t *Reader) pos() pos {
	l, c := t.in.Pos()
	return pos{l, c}
}

func (t *Reader) errAt(p pos, format string, a ...any) error {
	return &rdfio.SyntaxError{Format: t.format, Line: p.line, Column: p.col, Msg: fmt.Sprintf(format, a...)}
}

func (t *Reader) errorf(format string, a ...any) error {
	return t.errAt(t.pos(), format, a...)
}

// peek returns the next rune without consuming it; -1 at the end of input.
func (t *Reader) peek() rune {
	r, _ := t.in.PeekRune()
	return r
}

// next consumes the next rune.
func (t *Reader) next() rune {
	r, n := t.in.PeekRune()
	if n > 0 {
		t.in.Skip(n)
	}
	return r
}

// peekAfter returns the rune after the next one.
func (t *Reader) peekAfter() rune {
	_, n := t.in.PeekRune()
	if n == 0 {
		return -1
	}
	r, _ := t.in.PeekRuneAt(n)
	return r
}

// inputErr turns the end of input into an error: a read or limit error if
// there is one, else a syntax error saying what was expected.
func (t *Reader) eofErr(what string) error {
	if err := t.in.Err(); err != nil && err != io.EOF {
		var le *LimitError
		if errors.As(err, &le) {
			return err
		}
		return fmt.Errorf("%s: reading input: %w", t.format, err)
	}
	return t.errorf("unexpected end of input, expected %s", what)
}

func (t *Reader) unexpected(what string) error {
	r, n := t.in.PeekRune()
	switch {
	case n == 0:
		return t.eofErr(what)
	case r == utf8.RuneError && n == 1:
		return t.errorf("invalid UTF-8, expected %s", what)
	}
	return t.errorf("unexpected %q, expected %s", r, what)
}

// ws skips white space and comments.
func (t *Reader) ws() {
	for {
		c := t.in.PeekByte()
		switch c {
		case ' ', '\t', '\n', '\r':
			t.in.Skip(1)
		case '#':
			for c != '\n' && c != '\r' && c >= 0 {
				t.in.Skip(1)
				c = t.in.PeekByte()
			}
		default:
			return
		}
	}
}

func (t *Reader) expect(c byte, what string) error {
	t.ws()
	if t.in.PeekByte() != int(c) {
		return t.unexpected(what)
	}
	t.in.Skip(1)
	return nil
}

func (t *Reader) emit(s rdf.Subject, p rdf.Predicate, o rdf.Object) error {
	if err := t.q.Check(t.in.Pos()); err != nil {
		return err
	}
	t.q.Push(s, p, o)
	return nil
}

// word peeks at a run of ASCII letters (for keywords).
func (t *Reader) word() string {
	b := t.in.Peek(8)
	i := 0
	for i < len(b) && (b[i]|0x20 >= 'a' && b[i]|0x20 <= 'z') {
		i++
	}
	return string(b[:i])
}

// keywordEnds reports whether the keyword of n bytes is followed by
// something that cannot continue a prefixed name.
func (t *Reader) keywordEnds(n int) bool {
	r, _ := t.in.PeekRuneAt(n)
	return !(rdfparse.IsPNChars(r) || r == ':' || r == '.')
}

func (t *Reader) statement() error {
	t.ws()
	c := t.in.PeekByte()
	if c < 0 {
		if err := t.in.Err(); err != nil && err != io.EOF {
			return t.eofErr("")
		}
		if t.inGraph {
			return t.errorf("unexpected end of input, expected '}' to close the graph")
		}
		return io.EOF
	}
	if t.inGraph {
		return t.graphStatement()
	}
	if c == '@' {
		p := t.pos()
		t.in.Skip(1)
		switch w := t.word(); w {
		case "prefix":
			t.in.Skip(len(w))
			if err := t.prefixDecl(); err != nil {
				return err
			}
		case "base":
			t.in.Skip(len(w))
			if err := t.baseDecl(); err != nil {
				return err
			}
		default:
			return t.errAt(p, "unknown directive @%s (want @prefix or @base)", w)
		}
		return t.expect('.', "'.' after a directive")
	}
	if c == 'p' || c == 'P' || c == 'b' || c == 'B' {
		w := t.word()
		if strings.EqualFold(w, "prefix") && t.keywordEnds(len(w)) {
			t.in.Skip(len(w))
			return t.prefixDecl()
		}
		if strings.EqualFold(w, "base") && t.keywordEnds(len(w)) {
			t.in.Skip(len(w))
			return t.baseDecl()
		}
	}
	if t.format == rdfio.TriG {
		return t.block()
	}
	if _, err := t.triples(false); err != nil {
		return err
	}
	return t.expect('.', "'.' at the end of the statement")
}

// block reads a TriG block at the top level: a graph's opening (its
// statements follow one at a time, graphStatement) or a triples statement
// of the default graph.
func (t *Reader) block() error {
	if t.in.PeekByte() == '{' {
		t.next()
		t.openGraph(nil)
		return nil
	}
	if w := t.word(); len(w) == 5 && strings.EqualFold(w, "graph") && t.keywordEnds(5) {
		t.in.Skip(5)
		t.ws()
		p := t.pos()
		var g rdf.Context
		if t.peek() == '[' {
			t.next()
			t.ws()
			if t.peek() != ']' {
				return t.errAt(p, "a graph name is an IRI or a blank node ('[]' or a label)")
			}
			t.next()
			g = t.terms.Fresh()
		} else {
			o, err := t.term(false)
			if err != nil {
				return err
			}
			g = o.(rdf.Context)
		}
		if err := t.expect('{', "'{' to open the graph"); err != nil {
			return err
		}
		t.openGraph(g)
		return nil
	}
	g, err := t.triples(true)
	if err != nil {
		return err
	}
	if g != nil {
		t.openGraph(g)
		return nil
	}
	return t.expect('.', "'.' at the end of the statement")
}

// openGraph starts reading the statements of graph g (nil: the default
// graph) after its '{'.
func (t *Reader) openGraph(g rdf.Context) {
	t.inGraph = true
	t.q.Graph = g
}

// graphStatement reads a triples statement inside a TriG graph block, with
// the '.' or '}' after it, or the block's closing '}'.
func (t *Reader) graphStatement() error {
	if t.in.PeekByte() != '}' {
		if _, err := t.triples(false); err != nil {
			return err
		}
		t.ws()
		if t.in.PeekByte() == '.' {
			t.in.Skip(1)
			return nil
		}
		if t.in.PeekByte() != '}' {
			return t.unexpected("'.' or '}' after the triples in a graph")
		}
	}
	t.in.Skip(1)
	t.inGraph = false
	t.q.Graph = nil
	return nil
}

func (t *Reader) prefixDecl() error {
	t.ws()
	name, err := t.pnPrefix()
	if err != nil {
		return err
	}
	if t.peek() != ':' {
		return t.unexpected("':' after the prefix name")
	}
	t.next()
	t.ws()
	if t.peek() != '<' {
		return t.unexpected("an IRI in angle brackets for prefix " + name + ":")
	}
	iri, err := t.iriRef()
	if err != nil {
		return err
	}
	t.prefixes[name] = iri
	return nil
}

func (t *Reader) baseDecl() error {
	t.ws()
	if t.peek() != '<' {
		return t.unexpected("an IRI in angle brackets after base")
	}
	iri, err := t.iriRef()
	if err != nil {
		return err
	}
	t.base = iri
	return nil
}

// pnPrefix reads an optional PN_PREFIX (not the colon).
func (t *Reader) pnPrefix() (string, error) {
	r := t.peek()
	if !rdfparse.IsPNCharsBase(r) {
		return "", nil
	}
	b := t.buf[:0]
	for {
		r := t.peek()
		if r == '.' {
			if a := t.peekAfter(); rdfparse.IsPNChars(a) || a == '.' {
				b = append(b, '.')
				t.next()
				continue
			}
			break
		}
		if !rdfparse.IsPNChars(r) {
			break
		}
		b = utf8.AppendRune(b, r)
		t.next()
	}
	t.buf = b
	if b[len(b)-1] == '.' {
		return "", t.errorf("a prefix name cannot end with '.'")
	}
	return string(b), nil
}

// triples reads a triples statement without its final '.'. With label
// (TriG, top level), a subject IRI or blank node ('[]' or a label)
// followed by '{' is a graph's name instead: triples consumes the '{' and
// returns it.
func (t *Reader) triples(label bool) (rdf.Context, error) {
	t.ws()
	var s rdf.Subject
	switch t.peek() {
	case '[':
		p := t.pos()
		t.next()
		t.ws()
		if t.peek() == ']' {
			t.next()
			s = t.terms.Fresh()
			break
		}
		b := t.terms.Fresh()
		if err := t.nest(p); err != nil {
			return nil, err
		}
		if err := t.predicateObjectList(b); err != nil {
			return nil, err
		}
		t.depth--
		if err := t.expect(']', "']' to close the blank node property list"); err != nil {
			return nil, err
		}
		t.ws()
		switch t.peek() {
		case '.':
			return nil, nil
		case '}':
			if t.inGraph {
				return nil, nil
			}
		}
		return nil, t.predicateObjectList(b)
	case '(':
		o, err := t.collection()
		if err != nil {
			return nil, err
		}
		s = o.(rdf.Subject)
		return nil, t.predicateObjectList(s)
	default:
		p := t.pos()
		o, err := t.term(false)
		if err != nil {
			return nil, err
		}
		subj, ok := o.(rdf.Subject)
		if !ok {
			return nil, t.errAt(p, "a literal cannot be a subject")
		}
		s = subj
	}
	if label {
		t.ws()
		if t.peek() == '{' {
			t.next()
			return s.(rdf.Context), nil
		}
	}
	return nil, t.predicateObjectList(s)
}

func (t *Reader) nest(p pos) error {
	t.depth++
	if t.depth > maxDepth {
		return t.errAt(p, "nesting deeper than %d", maxDepth)
	}
	return nil
}

func (t *Reader) predicateObjectList(s rdf.Subject) error {
	for {
		t.ws()
		p, err := t.verb()
		if err != nil {
			return err
		}
		if err := t.objectList(s, p); err != nil {
			return err
		}
		t.ws()
		if t.peek() != ';' {
			return nil
		}
		for t.peek() == ';' {
			t.next()
			t.ws()
		}
		switch t.peek() {
		case '.', ']', '}', -1:
			return nil
		}
	}
}

func (t *Reader) verb() (rdf.Predicate, error) {
	if t.peek() == 'a' {
		if a := t.peekAfter(); !(rdfparse.IsPNChars(a) || a == ':' || a == '.') || a == '.' && !t.dotContinues(1) {
			t.next()
			return t.typ, nil
		}
	}
	switch t.peek() {
	case '<', ':':
	default:
		if !rdfparse.IsPNCharsBase(t.peek()) {
			return nil, t.unexpected("a predicate (IRI, prefixed name or 'a')")
		}
	}
	p := t.pos()
	o, err := t.term(false)
	if err != nil {
		return nil, err
	}
	iri, ok := o.(rdf.IRI)
	if !ok {
		return nil, t.errAt(p, "a predicate must be an IRI")
	}
	return iri, nil
}

// dotContinues reports whether the '.' off bytes ahead continues a name.
func (t *Reader) dotContinues(off int) bool {
	r, _ := t.in.PeekRuneAt(off + 1)
	return rdfparse.IsPNChars(r) || r == ':' || r == '.' || r == '%' || r == '\\'
}

func (t *Reader) objectList(s rdf.Subject, p rdf.Predicate) error {
	for {
		t.ws()
		o, err := t.object()
		if err != nil {
			return err
		}
		if err := t.emit(s, p, o); err != nil {
			return err
		}
		t.ws()
		if t.peek() != ',' {
			return nil
		}
		t.next()
	}
}

// object reads an object, emitting the triples of nested structures.
func (t *Reader) object() (rdf.Object, error) {
	switch t.peek() {
	case '[':
		p := t.pos()
		t.next()
		b := t.terms.Fresh()
		t.ws()
		if t.peek() == ']' {
			t.next()
			return b, nil
		}
		if err := t.nest(p); err != nil {
			return nil, err
		}
		if err := t.predicateObjectList(b); err != nil {
			return nil, err
		}
		t.depth--
		if err := t.expect(']', "']' to close the blank node property list"); err != nil {
			return nil, err
		}
		return b, nil
	case '(':
		return t.collection()
	}
	return t.term(true)
}

func (t *Reader) collection() (rdf.Object, error) {
	p := t.pos()
	t.next() // (
	if err := t.nest(p); err != nil {
		return nil, err
	}
	var head, cur rdf.Blank
	for {
		t.ws()
		switch t.peek() {
		case ')':
			t.next()
			t.depth--
			if head == (rdf.Blank{}) {
				return t.nil_, nil
			}
			return head, t.emit(cur, t.rest, t.nil_)
		case -1:
			return nil, t.eofErr("')' to close the collection")
		}
		o, err := t.object()
		if err != nil {
			return nil, err
		}
		b := t.terms.Fresh()
		if head == (rdf.Blank{}) {
			head = b
		} else if err := t.emit(cur, t.rest, b); err != nil {
			return nil, err
		}
		cur = b
		if err := t.emit(b, t.first, o); err != nil {
			return nil, err
		}
	}
}

// term reads an IRI, prefixed name, blank node label or (if lit) a
// literal.
func (t *Reader) term(lit bool) (rdf.Object, error) {
	p := t.pos()
	r := t.peek()
	switch {
	case r == '<':
		s, err := t.iriRef()
		if err != nil {
			return nil, err
		}
		return t.mkIRI(p, s)
	case r == '_':
		if t.peekAfter() != ':' {
			return nil, t.unexpected("':' after '_' of a blank node label")
		}
		return t.blankLabel()
	case r == '"' || r == '\'':
		if !lit {
			return nil, t.errorf("a literal is not allowed here")
		}
		return t.literal()
	case r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.' && t.peekAfter() >= '0' && t.peekAfter() <= '9':
		if !lit {
			return nil, t.unexpected("an IRI or blank node")
		}
		return t.number()
	case r == ':' || rdfparse.IsPNCharsBase(r):
		if lit && (r == 't' || r == 'f') {
			for _, kw := range []string{"true", "false"} {
				if string(t.in.Peek(len(kw))) == kw && t.keywordEnds(len(kw)) {
					t.in.Skip(len(kw))
					return rdf.NewTypedLiteral(kw, t.xsdBoolean), nil
				}
			}
		}
		s, err := t.prefixedName()
		if err != nil {
			return nil, err
		}
		return t.mkIRI(p, s)
	}
	if lit {
		return nil, t.unexpected("an object (IRI, blank node, literal, collection or '[')")
	}
	return nil, t.unexpected("an IRI or blank node")
}

func (t *Reader) mkIRI(p pos, s string) (rdf.IRI, error) {
	iri, err := t.terms.IRI(s)
	if err != nil {
		return iri, t.errAt(p, "bad IRI <%s>: %v", s, err)
	}
	return iri, nil
}

// iriRef reads <...>, unescapes it and resolves it against the base.
func (t *Reader) iriRef() (string, error) {
	p := t.pos()
	t.next() // <
	b := t.buf[:0]
	for {
		r, n := t.in.PeekRune()
		switch {
		case n == 0:
			return "", t.eofErr("'>' to close the IRI")
		case r == '>':
			t.in.Skip(1)
			t.buf = b
			s := string(b)
			if !rdfparse.HasScheme(s) {
				if t.base == "" {
					return "", t.errAt(p, "relative IRI <%s> and no base IRI", s)
				}
				s = rdfparse.Resolve(t.base, s)
			}
			return s, nil
		case r == utf8.RuneError && n == 1:
			return "", t.errorf("invalid UTF-8 in IRI")
		case r == '\\':
			e := t.pos()
			t.in.Skip(1)
			var err error
			b, err = t.uchar(b)
			if err != nil {
				return "", err
			}
			if ru, _ := utf8.DecodeLastRune(b); !rdfparse.IsIRIChar(ru) {
				return "", t.errAt(e, "escaped character %q is not allowed in an IRI", ru)
			}
		case !rdfparse.IsIRIChar(r):
			return "", t.errorf("character %q is not allowed in an IRI", r)
		default:
			b = append(b, t.in.Peek(n)...)
			t.in.Skip(n)
		}
	}
}

// uchar reads the rest of a \u or \U escape (the backslash consumed).
func (t *Reader) uchar(b []byte) ([]byte, error) {
	p := t.pos()
	k := 0
	switch t.in.PeekByte() {
	case 'u':
		k = 4
	case 'U':
		k = 8
	default:
		return b, t.errAt(p, "bad escape (want \\u or \\U)")
	}
	h := t.in.Peek(k + 1)
	if len(h) < k+1 {
		return b, t.eofErr("hex digits of an escape")
	}
	out, err := rdfparse.AppendUCHAR(b, h[1:])
	if err != nil {
		return b, t.errAt(p, "%v", err)
	}
	t.in.Skip(k + 1)
	return out, nil
}

func (t *Reader) prefixedName() (string, error) {
	p := t.pos()
	prefix, err := t.pnPrefix()
	if err != nil {
		return "", err
	}
	if t.peek() != ':' {
		return "", t.unexpected("':' of a prefixed name")
	}
	t.next()
	ns, ok := t.prefixes[prefix]
	if !ok {
		return "", t.errAt(p, "undefined prefix %q", prefix+":")
	}
	b := append(t.buf[:0], ns...)
	first := true
	for {
		r := t.peek()
		switch {
		case r == '%':
			h := t.in.Peek(3)
			if len(h) < 3 || rdfparse.Hex(h[1]) < 0 || rdfparse.Hex(h[2]) < 0 {
				return "", t.errorf("'%%' must be followed by two hex digits in a local name")
			}
			b = append(b, h...)
			t.in.Skip(3)
		case r == '\\':
			h := t.in.Peek(2)
			if len(h) < 2 || !strings.ContainsRune("_~.-!$&'()*+,;=/?#@%", rune(h[1])) {
				return "", t.errorf("bad escape in a local name")
			}
			b = append(b, h[1])
			t.in.Skip(2)
		case r == '.' && !first:
			if !t.dotContinues(0) {
				t.buf = b
				return string(b), nil
			}
			b = append(b, '.')
			t.next()
		case r == ':' || (first && (rdfparse.IsPNCharsU(r) || r >= '0' && r <= '9')) || (!first && rdfparse.IsPNChars(r)):
			b = utf8.AppendRune(b, r)
			t.next()
		default:
			t.buf = b
			return string(b), nil
		}
		first = false
	}
}

func (t *Reader) blankLabel() (rdf.Blank, error) {
	t.in.Skip(2) // _:
	r := t.peek()
	if !(rdfparse.IsPNCharsU(r) || r >= '0' && r <= '9') || r == utf8.RuneError {
		if _, n := t.in.PeekRune(); r != utf8.RuneError || n == 1 {
			return rdf.Blank{}, t.unexpected("a blank node label")
		}
	}
	b := t.buf[:0]
	for {
		r := t.peek()
		if r == '.' {
			if a := t.peekAfter(); rdfparse.IsPNChars(a) || a == '.' {
				b = append(b, '.')
				t.next()
				continue
			}
			break
		}
		if r == utf8.RuneError {
			if _, n := t.in.PeekRune(); n == 1 {
				return rdf.Blank{}, t.errorf("invalid UTF-8 in a blank node label")
			}
		}
		if !(rdfparse.IsPNChars(r) || len(b) == 0 && rdfparse.IsPNCharsU(r)) {
			break
		}
		b = utf8.AppendRune(b, r)
		t.next()
	}
	t.buf = b
	if b[len(b)-1] == '.' {
		return rdf.Blank{}, t.errorf("a blank node label cannot end with '.'")
	}
	return t.terms.Blank(string(b)), nil
}

func (t *Reader) literal() (rdf.Object, error) {
	q := byte(t.next())
	long := false
	if h := t.in.Peek(2); len(h) == 2 && h[0] == q && h[1] == q {
		t.in.Skip(2)
		long = true
	}
	b := t.buf[:0]
	for {
		r, n := t.in.PeekRune()
		switch {
		case n == 0:
			return nil, t.eofErr("the end of the string")
		case r == utf8.RuneError && n == 1:
			return nil, t.errorf("invalid UTF-8 in string")
		case r == rune(q):
			if !long {
				t.in.Skip(1)
				goto done
			}
			if h := t.in.Peek(3); len(h) == 3 && h[1] == q && h[2] == q {
				t.in.Skip(3)
				goto done
			}
			b = append(b, q)
			t.in.Skip(1)
		case r == '\\':
			t.in.Skip(1)
			c := t.in.PeekByte()
			if v := rdfparse.ECHAR(byte(c)); c >= 0 && v >= 0 {
				b = append(b, byte(v))
				t.in.Skip(1)
				continue
			}
			var err error
			if b, err = t.uchar(b); err != nil {
				return nil, err
			}
		case (r == '\n' || r == '\r') && !long:
			return nil, t.errorf("line break in a short string (use \"\"\" or \\n)")
		default:
			b = append(b, t.in.Peek(n)...)
			t.in.Skip(n)
		}
	}
done:
	t.buf = b
	lex := string(b)
	switch t.peek() {
	case '@':
		t.next()
		lp := t.pos()
		h := t.in.Peek(256)
		i := 0
		for i < len(h) && (h[i]|0x20 >= 'a' && h[i]|0x20 <= 'z' || h[i] >= '0' && h[i] <= '9' || h[i] == '-') {
			i++
		}
		tag := string(h[:i])
		if err := rdfparse.CheckLangTag(tag); err != nil {
			return nil, t.errAt(lp, "%v", err)
		}
		t.in.Skip(i)
		return t.terms.Literal(lex, tag, rdf.IRI{}), nil
	case '^':
		if h := t.in.Peek(2); len(h) < 2 || h[1] != '^' {
			return nil, t.errorf("expected '^^' before a datatype")
		}
		t.in.Skip(2)
		dp := t.pos()
		r := t.peek()
		if r != '<' && r != ':' && !rdfparse.IsPNCharsBase(r) {
			return nil, t.unexpected("a datatype IRI")
		}
		o, err := t.term(false)
		if err != nil {
			return nil, err
		}
		dt, ok := o.(rdf.IRI)
		if !ok {
			return nil, t.errAt(dp, "a datatype must be an IRI")
		}
		return rdf.NewTypedLiteral(lex, dt), nil
	}
	return rdf.NewTypedLiteral(lex, t.terms.XSDString), nil
}

func (t *Reader) number() (rdf.Object, error) {
	p := t.pos()
	h := t.in.Peek(4000)
	i := 0
	if i < len(h) && (h[i] == '+' || h[i] == '-') {
		i++
	}
	digits := func() int {
		j := i
		for i < len(h) && h[i] >= '0' && h[i] <= '9' {
			i++
		}
		return i - j
	}
	intPart := digits()
	dt := t.xsdInteger
	frac := 0
	if i+1 < len(h) && h[i] == '.' && (h[i+1] >= '0' && h[i+1] <= '9' || (h[i+1]|0x20 == 'e' && intPart > 0)) {
		i++
		frac = digits()
		dt = t.xsdDecimal
	}
	if intPart == 0 && frac == 0 {
		return nil, t.errAt(p, "malformed number")
	}
	if i < len(h) && h[i]|0x20 == 'e' {
		j := i
		i++
		if i < len(h) && (h[i] == '+' || h[i] == '-') {
			i++
		}
		if digits() == 0 {
			i = j
			if dt == t.xsdDecimal && frac == 0 {
				return nil, t.errAt(p, "malformed number")
			}
		} else {
			dt = t.xsdDouble
		}
	}
	lex := string(h[:i])
	t.in.Skip(i)
	return rdf.NewTypedLiteral(lex, dt), nil
}
