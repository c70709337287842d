package rdfxml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
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
	rdfNS   = rdfparse.RDFNS
	xmlNS   = "http://www.w3.org/XML/1998/namespace"
	xmlnsNS = "http://www.w3.org/2000/xmlns/"
)

type kind uint8

const (
	kDoc        kind = iota // before the document element
	kRDF                    // inside rdf:RDF: node elements
	kNode                   // inside a node element: property elements
	kProp                   // inside a property element: text or one node element
	kCollection             // inside parseType="Collection": node elements
	kLiteral                // inside parseType="Literal": any XML
	kDone                   // after the document element
)

type binding struct{ prefix, uri string }

type frame struct {
	kind   kind
	prefix string // element name as written, to match the end tag
	local  string
	nsMark int
	base   string
	lang   string

	// kNode: the subject and the rdf:li counter.
	subj rdf.Subject
	li   int

	// kProp and kCollection: the property of the enclosing node.
	psubj    rdf.Subject
	pred     rdf.Predicate
	reify    string // rdf:ID of the statement, resolved
	datatype string
	text     []byte
	hasText  bool // any character data
	child    bool // a node element was seen
	empty    pendingEmpty

	// kCollection: the last list node.
	last rdf.Blank
	n    int

	// kLiteral: the XML literal being written.
	lit *xmlLiteral
}

// xmlLiteral is the state of a parseType="Literal" property element:
// nesting depth inside the literal and the canonical output.
type xmlLiteral struct {
	depth int
	buf   bytes.Buffer
	ns    []binding // namespaces declared in the output, per depth
	mark  []int
	names []string
}

// reset makes a reused frame that of a new element: field by field, as
// assigning a whole frame costs a bulk write barrier, and only the fields
// in use are cleared. The text and attribute buffers are kept.
func (f *frame) reset(name xml.Name, nsMark int, base, lang string) {
	f.kind = 0
	f.prefix, f.local = name.Space, name.Local
	f.nsMark = nsMark
	f.base, f.lang = base, lang
	if f.subj != nil {
		f.subj = nil
	}
	f.li = 0
	if f.psubj != nil || f.pred != nil {
		f.psubj, f.pred = nil, nil
	}
	if f.reify != "" {
		f.reify = ""
	}
	if f.datatype != "" {
		f.datatype = ""
	}
	f.text = f.text[:0]
	f.hasText, f.child = false, false
	if f.empty.set {
		f.empty.obj, f.empty.set = nil, false
		clear(f.empty.attrs)
		f.empty.attrs = f.empty.attrs[:0]
	}
	if f.n != 0 {
		f.last, f.n = rdf.Blank{}, 0
	}
	if f.lit != nil {
		f.lit = nil
	}
}

// pendingEmpty holds what an empty property element needs once it is
// known to be empty: rdf:resource or rdf:nodeID, and property attributes.
type pendingEmpty struct {
	obj   rdf.Object // resource or nodeID, or nil
	attrs []xml.Attr // property attributes (namespace resolved in Name.Space)
	set   bool       // rdf:resource or rdf:nodeID or property attributes present
}

// Reader reads RDF/XML (RDF 1.1 XML Syntax) one triple at a time without
// holding the document in memory. It implements rdfio.Reader (and
// rdfio.QuadReader: RDF/XML holds one graph); errors in the input are
// *rdfio.SyntaxError values with the line and column of the element at
// fault.
//
// The internal subset of a document type declaration is read as XML 1.0
// asks of a non-validating processor: general entities are expanded in
// attribute values and content, attribute defaults supplied. External
// entities and DTDs are never fetched: a reference to an entity they
// would declare is an error, as is a parameter entity reference; entity
// expansion is bounded (1 MiB plus 16 bytes per byte of input), so that
// entity bombs are refused. See dtd.go.
type Reader struct {
	in    *rdfparse.Input
	tok   *tokenizer
	q     rdfparse.Queue
	terms *rdfparse.Terms
	arena *rdfparse.Arena // strings and boxed terms, many to an allocation
	base  string

	ns    []binding
	stack []frame
	ids   map[string]struct{}
	iris  map[[2]string]boxedIRI
	nsGen uint64 // changes with the namespace bindings in scope
	// Caches: prefixes resolved, IRIs of local names.
	nsCache  rdfparse.Cache[nsEntry]
	iriCache rdfparse.Cache[iriEntry]
	refs     [512]refEntry // references resolved, seen twice, by hash
	refProbe [512]refEntry // references resolved, seen once
	lits     [512]litEntry // short literals made, seen twice, by hash
	litProbe [512]litEntry // short literals made, seen once
	attrNS   []string      // scratch: resolved namespace of each attribute

	rdfType, rdfFirst, rdfRest, rdfSubject, rdfPredicate, rdfObject rdf.Predicate
	rdfNil, rdfStatement                                            rdf.Object
	rdfXMLLiteral                                                   rdf.IRI
}

var (
	_ rdfio.Reader          = (*Reader)(nil)
	_ rdfio.QuadReader      = (*Reader)(nil)
	_ rdfio.QuadBatchReader = (*Reader)(nil)
)

// NewReader returns a Reader of RDF/XML from r. Relative IRIs resolve
// against base (xml:base attributes override it within their element).
func NewReader(r io.Reader, base string, opts ...Option) *Reader {
	in, lim := rdfparse.Open(r, opts)
	arena := new(rdfparse.Arena)
	x := &Reader{
		in:    in,
		tok:   newTokenizer(in, arena),
		arena: arena,
		q:     rdfparse.NewQueue(lim),
		terms: rdfparse.NewTerms(),
		base:  base,
		ids:   map[string]struct{}{},
		iris:  map[[2]string]boxedIRI{},
		stack: []frame{{kind: kDoc, base: base}},
		nsGen: 1, // 0 marks a nameInfo not yet resolved
	}
	mk := func(s string) rdf.IRI { i, _ := rdf.NewIRI(rdfNS + s); return i }
	x.rdfType, x.rdfFirst, x.rdfRest = mk("type"), mk("first"), mk("rest")
	x.rdfNil, x.rdfStatement, x.rdfXMLLiteral = mk("nil"), mk("Statement"), mk("XMLLiteral")
	x.rdfSubject, x.rdfPredicate, x.rdfObject = mk("subject"), mk("predicate"), mk("object")
	return x
}

// latin1 decodes ISO-8859-1 to UTF-8.
type latin1 struct {
	r   io.Reader
	buf []byte
	out []byte
}

func (l *latin1) Read(p []byte) (int, error) {
	if len(l.out) == 0 {
		if cap(l.buf) == 0 {
			l.buf = make([]byte, 4096)
		}
		n, err := l.r.Read(l.buf[:min(len(p)/2+1, len(l.buf))])
		l.out = l.out[:0]
		for _, b := range l.buf[:n] {
			l.out = utf8.AppendRune(l.out, rune(b))
		}
		if n == 0 {
			return 0, err
		}
	}
	n := copy(p, l.out)
	l.out = l.out[n:]
	return n, nil
}

// Read returns the next triple, or io.EOF after the last one.
func (x *Reader) Read() (rdf.Triple, error) {
	return x.q.Next(x.step, x.pos)
}

// ReadQuad returns the next triple as a quad of the default graph (RDF/XML
// holds one graph), or io.EOF after the last one.
func (x *Reader) ReadQuad() (rdf.Quad, error) {
	return x.q.NextQuad(x.step, x.pos)
}

// ReadQuads fills dst with the quads that as many calls of ReadQuad would
// return and returns how many: n > 0 and a nil error, or 0 and the error
// ReadQuad would return next (io.EOF after the last quad). It implements
// rdfio.QuadBatchReader.
func (x *Reader) ReadQuads(dst []rdf.Quad) (int, error) {
	return x.q.NextQuads(dst, x.step, x.pos)
}

// pos returns the position of the current token.
func (x *Reader) pos() (line, col int) { return x.in.MarkPos() }

func (x *Reader) errorf(format string, a ...any) error {
	line, col := x.pos()
	return &rdfio.SyntaxError{Format: rdfio.RDFXML, Line: line, Column: col, Msg: fmt.Sprintf(format, a...)}
}

func (x *Reader) emit(s rdf.Subject, p rdf.Predicate, o rdf.Object) {
	x.q.Push(s, p, o)
}

// step handles XML tokens until one or more triples are queued.
func (x *Reader) step() error {
	for {
		if err := x.token(); err != nil {
			return err
		}
		if x.q.Len() > 0 {
			return nil
		}
	}
}

// token handles one XML token.
func (x *Reader) token() error {
	top := &x.stack[len(x.stack)-1]
	switch top.kind {
	case kRDF, kNode, kCollection:
		// White space between elements is ignored here: skip it rather
		// than make a token of it.
		x.tok.skipSpace()
	}
	x.in.Mark()
	if top.kind == kNode && x.propertyFast(top) {
		return nil
	}
	kind, err := x.tok.Next()
	if err != nil {
		return x.xmlError(err)
	}
	switch kind {
	case tStart:
		if len(x.stack) > 10000 {
			return x.errorf("elements nested deeper than 10000")
		}
		return x.start(xml.StartElement{Name: x.tok.name, Attr: x.tok.attrs})
	case tEnd:
		t := x.tok.name
		if top.kind == kLiteral && top.lit.depth > 0 {
			if want := top.lit.names[len(top.lit.names)-1]; qname(t.Space, t.Local) != want {
				return x.errorf("end tag </%s> does not match <%s>", qname(t.Space, t.Local), want)
			}
			x.literalEnd(top)
			return nil
		}
		if t.Space != top.prefix || t.Local != top.local || top.kind == kDoc || top.kind == kDone {
			return x.errorf("end tag </%s> does not match <%s>", qname(t.Space, t.Local), qname(top.prefix, top.local))
		}
		return x.end()
	case tText:
		return x.chars(x.tok.text)
	case tPI:
		if top.kind == kLiteral {
			top.lit.buf.WriteString("<?")
			top.lit.buf.WriteString(x.tok.target)
			if len(x.tok.text) > 0 {
				top.lit.buf.WriteByte(' ')
				top.lit.buf.Write(x.tok.text)
			}
			top.lit.buf.WriteString("?>")
		}
	}
	return nil
}

func qname(prefix, local string) string {
	if prefix == "" {
		return local
	}
	return prefix + ":" + local
}

func (x *Reader) xmlError(err error) error {
	if err == io.EOF {
		if len(x.stack) > 1 {
			return x.errorf("unexpected end of input inside <%s>", qname(x.stack[len(x.stack)-1].prefix, x.stack[len(x.stack)-1].local))
		}
		if x.stack[0].kind == kDoc {
			return x.errorf("no document element")
		}
		return io.EOF
	}
	var le *LimitError
	if errors.As(err, &le) {
		return x.in.Err()
	}
	if _, ok := err.(*rdfio.SyntaxError); ok {
		return err
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		l, c := x.in.Pos()
		return &rdfio.SyntaxError{Format: rdfio.RDFXML, Line: l, Column: c, Msg: "XML: " + se.Msg}
	}
	return fmt.Errorf("rdfxml: reading input: %w", err)
}

func isSpace(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

func (x *Reader) chars(t []byte) error {
	top := &x.stack[len(x.stack)-1]
	switch top.kind {
	case kProp:
		if top.child {
			if !isSpace(t) {
				return x.errorf("text after the node element in property <%s>", qname(top.prefix, top.local))
			}
			return nil
		}
		if len(top.text) == 0 && len(t) > 0 && len(x.tok.text) > 0 && &t[0] == &x.tok.text[0] {
			// The usual single text token: take the tokenizer's buffer
			// rather than copy it.
			top.text, x.tok.text = x.tok.text, top.text[:0]
		} else {
			top.text = append(top.text, t...)
		}
		top.hasText = true
	case kLiteral:
		escapeText(&top.lit.buf, t)
	default:
		if !isSpace(t) {
			what := "here"
			if top.kind == kNode {
				what = "in a node element (text belongs in a property element)"
			}
			return x.errorf("unexpected text %q %s", shorten(string(t)), what)
		}
	}
	return nil
}

func shorten(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 40 {
		return s[:37] + "..."
	}
	return s
}

// nsEntry is a namespace prefix resolved while the bindings in scope
// were those of generation gen.
type nsEntry struct {
	uri string
	ok  bool
	gen uint64
}

// bind adds a namespace binding.
func (x *Reader) bind(prefix, uri string) {
	x.ns = append(x.ns, binding{prefix, uri})
	x.nsGen++
}

// unbind drops the bindings after the first n.
func (x *Reader) unbind(n int) {
	if n != len(x.ns) {
		x.ns = x.ns[:n]
		x.nsGen++
	}
}

// nsOf resolves the prefix of a name the tokenizer read, caching the
// result in its nameInfo until the bindings in scope change.
func (x *Reader) nsOf(info *nameInfo) (string, bool) {
	if info.gen == x.nsGen {
		return info.ns, info.nsOK
	}
	ns, ok := x.lookup(info.name.Space)
	info.ns, info.nsOK, info.gen = ns, ok, x.nsGen
	return ns, ok
}

// iriOf is iri for a name the tokenizer read, in namespace ns, caching
// the IRI in its nameInfo.
func (x *Reader) iriOf(info *nameInfo, ns string) (boxedIRI, error) {
	if info.hasIRI && info.iriNS == ns {
		return info.iri, nil
	}
	b, err := x.iri(ns, info.name.Local)
	if err == nil {
		info.iri, info.iriNS, info.hasIRI = b, ns, true
	}
	return b, err
}

// lookup resolves a namespace prefix in scope ("" is the default).
// Resolutions are cached until the bindings in scope change.
func (x *Reader) lookup(prefix string) (string, bool) {
	if prefix == "xml" {
		return xmlNS, true
	}
	if e, ok := x.nsCache.Get(prefix); ok && e.gen == x.nsGen {
		return e.uri, e.ok
	}
	uri, ok := "", prefix == ""
	for i := len(x.ns) - 1; i >= 0; i-- {
		if x.ns[i].prefix == prefix {
			uri, ok = x.ns[i].uri, x.ns[i].uri != "" || prefix == ""
			break
		}
	}
	x.nsCache.Put(prefix, nsEntry{uri, ok, x.nsGen})
	return uri, ok
}

// boxedIRI holds an IRI as the interfaces that triples store, so that
// recurring IRIs are boxed once.
type boxedIRI struct {
	p rdf.Predicate
	o rdf.Object
}

// iriEntry is the IRI of a local name in namespace ns.
type iriEntry struct {
	ns string
	b  boxedIRI
}

func (x *Reader) iri(ns, local string) (boxedIRI, error) {
	if e, ok := x.iriCache.Get(local); ok && e.ns == ns {
		return e.b, nil
	}
	k := [2]string{ns, local}
	if b, ok := x.iris[k]; ok {
		x.iriCache.Put(local, iriEntry{ns, b})
		return b, nil
	}
	i, err := rdf.NewIRI(ns + local)
	if err != nil {
		return boxedIRI{}, x.errorf("bad IRI <%s%s>: %v", ns, local, err)
	}
	b := boxedIRI{i, i}
	if len(x.iris) < 4096 {
		x.iris[k] = b
	}
	return b, nil
}

// resolve resolves ref against base and makes an IRI of it.
// The result is an rdf.IRI; as an interface it converts to rdf.Subject
// without allocation.
func (x *Reader) resolve(base, ref string) (rdf.Object, error) {
	o, h, ok := x.resolved(base, []byte(ref))
	if ok {
		return o, nil
	}
	return x.resolveNew(base, ref, h)
}

// resolveBytes is resolve for a reference as the input holds it: a
// reference resolved before costs no string.
func (x *Reader) resolveBytes(base string, ref []byte) (rdf.Object, error) {
	o, h, ok := x.resolved(base, ref)
	if ok {
		return o, nil
	}
	return x.resolveNew(base, x.arena.String(ref), h)
}

// resolved looks ref up among the references resolved before against
// base; it returns the IRI, or the reference's hash for resolveNew.
func (x *Reader) resolved(base string, ref []byte) (rdf.Object, uint32, bool) {
	h := hashName(ref)
	e := &x.refs[h%uint32(len(x.refs))]
	if e.matches(h, ref, base) {
		return e.o, h, true
	}
	p := &x.refProbe[h%uint32(len(x.refProbe))]
	if p.matches(h, ref, base) {
		*e = *p // seen twice: it may recur
		return p.o, h, true
	}
	return nil, h, false
}

// resolveNew resolves a reference not found by resolved (h is its hash)
// and remembers it.
func (x *Reader) resolveNew(base, ref string, h uint32) (rdf.Object, error) {
	p := &x.refProbe[h%uint32(len(x.refProbe))]
	s := ref
	abs := rdfparse.HasScheme(ref)
	if !abs {
		if base == "" {
			return nil, x.errorf("relative IRI %q and no base IRI", ref)
		}
		s = rdfparse.Resolve(base, ref)
	}
	var o rdf.Object
	switch bad, dots := iriScan(s); {
	case len(s) == 0:
		return nil, x.errorf("empty IRI")
	case bad >= 0:
		return nil, x.errorf("bad IRI <%s>: disallowed character: %q", s, rune(s[bad]))
	case dots:
		s = rdfparse.Resolve("", s)
		i, err := rdf.NewIRI(s)
		if err != nil {
			return nil, x.errorf("bad IRI <%s>: %v", s, err)
		}
		o = i
	default:
		o = x.arena.IRI(rdfparse.CheckedIRI(s))
	}
	// New references go to the probation cache; those seen twice move to
	// the main one. Most are seen once or twice (subjects, URLs) and
	// would otherwise push out those that recur (types, themes, licences).
	*p = refEntry{h: h, ref: ref, abs: abs, base: base, o: o}
	return o, nil
}

// matches reports whether e holds reference ref (hash h) resolved
// against base.
func (e *refEntry) matches(h uint32, ref []byte, base string) bool {
	return e.o != nil && e.h == h && e.ref == string(ref) && (e.abs || e.base == base)
}

// refEntry is the IRI a reference resolved to, against base unless the
// reference was absolute; h is the reference's hash (hashName), compared
// before the reference.
type refEntry struct {
	h    uint32
	abs  bool
	ref  string
	base string
	o    rdf.Object
}

// iriScan returns the index of the first byte that rdf.NewIRI refuses
// (control characters, space, < > " { } | ^ ` \), or -1; and whether s has
// a dot segment to remove ("/." followed by '/', '.' or the end of the
// path).
func iriScan(s string) (bad int, dots bool) {
	for i := 0; i < len(s); i++ {
		switch iriByte[s[i]] {
		case 0:
		case iriBad:
			return i, false
		default: // '.'
			if i > 0 && s[i-1] == '/' {
				dots = true
			}
		}
	}
	return -1, dots
}

// iriByte classifies bytes for iriScan: iriBad for those rdf.NewIRI
// refuses, iriDot for '.', 0 for the others.
var iriByte = func() (t [256]uint8) {
	for c := 0; c <= ' '; c++ {
		t[c] = iriBad
	}
	for _, c := range []byte("<>\"{}|^`\\") {
		t[c] = iriBad
	}
	t['.'] = iriDot
	return
}()

const (
	iriBad = 1 + iota
	iriDot
)

func (x *Reader) idIRI(base, id string) (rdf.IRI, error) {
	if !rdfio.IsNCName(id) {
		return rdf.IRI{}, x.errorf("rdf:ID %q is not an XML NCName", id)
	}
	o, err := x.resolve(base, "#"+id)
	if err != nil {
		return rdf.IRI{}, err
	}
	i := o.(rdf.IRI)
	if _, dup := x.ids[i.String()]; dup {
		return i, x.errorf("rdf:ID %q used twice (IRI %s)", id, i)
	}
	x.ids[i.String()] = struct{}{}
	return i, nil
}

func (x *Reader) nodeID(id string) (rdf.Blank, error) {
	if !rdfio.IsNCName(id) {
		return rdf.Blank{}, x.errorf("rdf:nodeID %q is not an XML NCName", id)
	}
	return x.terms.Blank(id), nil
}

// Names of the RDF vocabulary with a syntactic role.
func isCoreSyntaxTerm(l string) bool {
	switch l {
	case "RDF", "ID", "about", "parseType", "resource", "nodeID", "datatype":
		return true
	}
	return false
}

func isOldTerm(l string) bool {
	return l == "aboutEach" || l == "aboutEachPrefix" || l == "bagID"
}

func (x *Reader) start(t xml.StartElement) error {
	if x.stack[len(x.stack)-1].kind == kLiteral {
		return x.literalStart(t)
	}
	// The element's frame is made in place on the stack (frames are
	// large: no copies); after an error the Reader is done anyway.
	f := x.open()
	parent := &x.stack[len(x.stack)-2]
	f.reset(t.Name, len(x.ns), parent.base, parent.lang)
	// Namespace declarations first: they apply to the element's own names.
	infos := x.tok.infos
	for i, a := range t.Attr {
		switch {
		case !infos[i].xmlns:
		case a.Name.Space == "xmlns":
			if a.Name.Local == "xmlns" || a.Name.Local == "xml" && a.Value != xmlNS {
				return x.errorf("cannot declare namespace prefix %q", a.Name.Local)
			}
			x.bind(a.Name.Local, a.Value)
		default: // xmlns="…"
			x.bind("", a.Value)
		}
	}
	ns, ok := x.nsOf(x.tok.info)
	if !ok {
		return x.errorf("undeclared namespace prefix %q", t.Name.Space)
	}
	if ns == "" {
		return x.errorf("element <%s> has no namespace", t.Name.Local)
	}
	// Resolve attribute namespaces, and take xml:base and xml:lang.
	x.attrNS = x.attrNS[:0]
	for i, a := range t.Attr {
		var ans string
		switch {
		case infos[i].xmlns:
			ans = xmlnsNS
		case a.Name.Space == "":
		default:
			u, ok := x.nsOf(infos[i])
			if !ok {
				return x.errorf("undeclared namespace prefix %q", a.Name.Space)
			}
			ans = u
		}
		x.attrNS = append(x.attrNS, ans)
		if ans == xmlNS {
			switch a.Name.Local {
			case "base":
				b := a.Value
				if i := strings.IndexByte(b, '#'); i >= 0 {
					b = b[:i]
				}
				if !rdfparse.HasScheme(b) {
					if f.base == "" {
						return x.errorf("relative xml:base %q and no base IRI", a.Value)
					}
					b = rdfparse.Resolve(f.base, b)
				}
				f.base = b
			case "lang":
				// xml:lang="" takes the language away; any other value
				// must be well-formed BCP 47 (dcat/syntax/langtag).
				if a.Value != "" && a.Value != parent.lang {
					if err := rdfparse.CheckLangTag(a.Value); err != nil {
						return x.errorf("xml:lang: %v", err)
					}
				}
				f.lang = a.Value
			}
		}
	}
	switch parent.kind {
	case kDoc:
		if ns == rdfNS && t.Name.Local == "RDF" {
			f.kind = kRDF
			for i, a := range t.Attr {
				if x.attrNS[i] == rdfNS {
					return x.errorf("attribute rdf:%s is not allowed on rdf:RDF", a.Name.Local)
				}
			}
			return nil
		}
		return x.nodeElement(f, ns, t)
	case kRDF, kProp, kCollection:
		return x.nodeElement(f, ns, t)
	case kNode:
		return x.propertyElement(f, ns, t)
	}
	return x.errorf("unexpected element <%s> after the document element", qname(t.Name.Space, t.Name.Local))
}

// attribute name classification: the RDF name (legacy unqualified names
// map to rdf) or "" if not an RDF syntax attribute.
func (x *Reader) rdfAttr(i int, a xml.Attr) (string, bool) {
	ns := x.attrNS[i]
	if ns == rdfNS {
		return a.Name.Local, true
	}
	return "", false
}

// skipAttr reports attributes that carry no RDF: namespace declarations,
// xml:* and reserved names starting with "xml" (nameInfo.xmlish).
func (x *Reader) skipAttr(i int) bool {
	ns := x.attrNS[i]
	return ns == xmlnsNS || ns == xmlNS || x.tok.infos[i].xmlish
}

func (x *Reader) nodeElement(f *frame, ns string, t xml.StartElement) error {
	if ns == rdfNS && (isCoreSyntaxTerm(t.Name.Local) || isOldTerm(t.Name.Local) || t.Name.Local == "li") {
		return x.errorf("rdf:%s cannot be a node element", t.Name.Local)
	}
	var subj rdf.Subject
	for i, a := range t.Attr {
		if x.skipAttr(i) {
			continue
		}
		n, isRDF := x.rdfAttr(i, a)
		if !isRDF {
			if x.attrNS[i] == "" {
				return x.errorf("attribute %q has no namespace", a.Name.Local)
			}
			continue
		}
		switch n {
		case "about", "ID", "nodeID":
			if subj != nil {
				return x.errorf("only one of rdf:about, rdf:ID and rdf:nodeID is allowed on a node element")
			}
			var err error
			switch n {
			case "about":
				var o rdf.Object
				if o, err = x.resolve(f.base, a.Value); err == nil {
					subj = o.(rdf.Subject)
				}
			case "ID":
				subj, err = x.idIRI(f.base, a.Value)
			case "nodeID":
				subj, err = x.nodeID(a.Value)
			}
			if err != nil {
				return err
			}
		case "type":
		default:
			if isCoreSyntaxTerm(n) || isOldTerm(n) || n == "li" || n == "Description" {
				return x.errorf("attribute rdf:%s is not allowed on a node element", n)
			}
		}
	}
	if subj == nil {
		subj = x.terms.Fresh()
	}
	// Link to the parent.
	parent := &x.stack[len(x.stack)-2]
	switch parent.kind {
	case kProp:
		if parent.child {
			return x.errorf("a property element can hold only one node element")
		}
		if parent.hasText && !isSpace(parent.text) {
			return x.errorf("text and a node element in the same property element")
		}
		if parent.empty.set {
			return x.errorf("a property element with rdf:resource, rdf:nodeID or property attributes must be empty")
		}
		if parent.datatype != "" {
			return x.errorf("a property element with rdf:datatype cannot hold a node element")
		}
		parent.child = true
		x.emit(parent.psubj, parent.pred, subj.(rdf.Object))
		x.reify(parent.reify, parent.psubj, parent.pred, subj.(rdf.Object))
	case kCollection:
		b := x.terms.Fresh()
		if parent.n == 0 {
			x.emit(parent.psubj, parent.pred, b)
			x.reify(parent.reify, parent.psubj, parent.pred, b)
		} else {
			x.emit(parent.last, x.rdfRest, b)
		}
		x.emit(b, x.rdfFirst, subj.(rdf.Object))
		parent.last = b
		parent.n++
	}
	if !(ns == rdfNS && t.Name.Local == "Description") {
		typ, err := x.iriOf(x.tok.info, ns)
		if err != nil {
			return err
		}
		x.emit(subj, x.rdfType, typ.o)
	}
	// Property attributes.
	for i, a := range t.Attr {
		if x.skipAttr(i) {
			continue
		}
		n, isRDF := x.rdfAttr(i, a)
		if isRDF && n != "type" && !(n != "" && !isCoreSyntaxTerm(n) && !isOldTerm(n) && n != "li" && n != "Description") {
			continue
		}
		if err := x.propertyAttr(subj, x.attrNS[i], a, f, x.tok.infos[i]); err != nil {
			return err
		}
	}
	f.kind = kNode
	f.subj = subj
	return nil
}

// propertyAttr emits the triple of a property attribute; info is the
// nameInfo of its name, or nil.
func (x *Reader) propertyAttr(subj rdf.Subject, ns string, a xml.Attr, f *frame, info *nameInfo) error {
	if ns == rdfNS && (isCoreSyntaxTerm(a.Name.Local) || isOldTerm(a.Name.Local) || a.Name.Local == "li" || a.Name.Local == "Description") {
		return x.errorf("rdf:%s cannot be a property attribute", a.Name.Local)
	}
	var p boxedIRI
	var err error
	if info != nil {
		p, err = x.iriOf(info, ns)
	} else {
		p, err = x.iri(ns, a.Name.Local)
	}
	if err != nil {
		return err
	}
	if ns == rdfNS && a.Name.Local == "type" {
		o, err := x.resolve(f.base, a.Value)
		if err != nil {
			return err
		}
		x.emit(subj, p.p, o)
		return nil
	}
	x.emit(subj, p.p, x.arena.Literal(x.terms.Literal(a.Value, f.lang, rdf.IRI{})))
	return nil
}

func (x *Reader) reify(id string, s rdf.Subject, p rdf.Predicate, o rdf.Object) {
	if id == "" {
		return
	}
	r, err := x.terms.IRI(id)
	if err != nil {
		return
	}
	x.emit(r, x.rdfType, x.rdfStatement)
	x.emit(r, x.rdfSubject, s.(rdf.Object))
	x.emit(r, x.rdfPredicate, p.(rdf.Object))
	x.emit(r, x.rdfObject, o)
}

func (x *Reader) propertyElement(f *frame, ns string, t xml.StartElement) error {
	parent := &x.stack[len(x.stack)-2]
	local := t.Name.Local
	li := false
	if ns == rdfNS {
		switch {
		case isCoreSyntaxTerm(local) || isOldTerm(local) || local == "Description":
			return x.errorf("rdf:%s cannot be a property element", local)
		case local == "li":
			parent.li++
			local = "_" + strconv.Itoa(parent.li)
			li = true
		}
	}
	var pred boxedIRI
	var err error
	if li {
		pred, err = x.iri(ns, local)
	} else {
		pred, err = x.iriOf(x.tok.info, ns)
	}
	if err != nil {
		return err
	}
	f.psubj, f.pred = parent.subj, pred.p
	var parseType string
	hasParseType := false
	empty := &f.empty
	for i, a := range t.Attr {
		if x.skipAttr(i) {
			continue
		}
		n, isRDF := x.rdfAttr(i, a)
		if !isRDF {
			if x.attrNS[i] == "" {
				return x.errorf("attribute %q has no namespace", a.Name.Local)
			}
			empty.attrs = append(empty.attrs, xml.Attr{Name: xml.Name{Space: x.attrNS[i], Local: a.Name.Local}, Value: a.Value})
			empty.set = true
			continue
		}
		switch n {
		case "ID":
			id, err := x.idIRI(f.base, a.Value)
			if err != nil {
				return err
			}
			f.reify = id.String()
		case "datatype":
			dt, err := x.resolve(f.base, a.Value)
			if err != nil {
				return err
			}
			f.datatype = dt.String()
		case "parseType":
			parseType, hasParseType = a.Value, true
		case "resource", "nodeID":
			if empty.obj != nil {
				return x.errorf("rdf:resource and rdf:nodeID cannot both be used")
			}
			var o rdf.Object
			var err error
			if n == "resource" {
				o, err = x.resolve(f.base, a.Value)
			} else {
				o, err = x.nodeID(a.Value)
			}
			if err != nil {
				return err
			}
			empty.obj, empty.set = o, true
		default:
			if isCoreSyntaxTerm(n) || isOldTerm(n) || n == "li" || n == "Description" {
				return x.errorf("attribute rdf:%s is not allowed on a property element", n)
			}
			empty.attrs = append(empty.attrs, xml.Attr{Name: xml.Name{Space: rdfNS, Local: n}, Value: a.Value})
			empty.set = true
		}
	}
	if hasParseType {
		if empty.set || f.datatype != "" {
			return x.errorf("rdf:parseType cannot be combined with rdf:resource, rdf:nodeID, rdf:datatype or property attributes")
		}
		switch parseType {
		case "Resource":
			b := x.terms.Fresh()
			x.emit(f.psubj, f.pred, b)
			x.reify(f.reify, f.psubj, f.pred, b)
			f.kind, f.subj = kNode, b
		case "Collection":
			f.kind = kCollection
		default: // "Literal" and any other value
			f.kind = kLiteral
			f.lit = &xmlLiteral{}
		}
		return nil
	}
	if f.datatype != "" && empty.set {
		return x.errorf("rdf:datatype cannot be combined with rdf:resource, rdf:nodeID or property attributes")
	}
	f.kind = kProp
	// The usual property elements end here, without a token each for
	// their text and end tag: an empty element, and plain text followed
	// by the end tag.
	if x.tok.pending && !x.tok.slow {
		x.tok.pending = false
		x.tok.depth--
		return x.end()
	}
	if !empty.set {
		if text, ok := x.tok.textEnd(x.tok.info); ok {
			f.text = append(f.text[:0], text...)
			f.hasText = true
			return x.end()
		}
	}
	return nil
}

// open adds a frame to the stack and returns it, reusing a popped one's
// storage (its text buffer is kept for the new frame).
func (x *Reader) open() *frame {
	n := len(x.stack)
	if n < cap(x.stack) {
		x.stack = x.stack[:n+1]
	} else {
		x.stack = append(x.stack, frame{})
	}
	return &x.stack[n]
}

func (x *Reader) end() error {
	f := &x.stack[len(x.stack)-1]
	switch f.kind {
	case kLiteral:
		if f.lit.depth > 0 {
			x.literalEnd(f)
			return nil
		}
		x.emit(f.psubj, f.pred, rdf.NewTypedLiteral(f.lit.buf.String(), x.rdfXMLLiteral))
		x.reify(f.reify, f.psubj, f.pred, x.q.Last().Obj)
	case kCollection:
		if f.n == 0 {
			x.emit(f.psubj, f.pred, x.rdfNil)
			x.reify(f.reify, f.psubj, f.pred, x.rdfNil)
		} else {
			x.emit(f.last, x.rdfRest, x.rdfNil)
		}
	case kProp:
		if f.child {
			break
		}
		e := &f.empty
		if e.set {
			if f.hasText && !isSpace(f.text) {
				return x.errorf("a property element with rdf:resource, rdf:nodeID or property attributes must be empty")
			}
			o := e.obj
			if o == nil {
				o = x.terms.Fresh()
			}
			x.emit(f.psubj, f.pred, o)
			x.reify(f.reify, f.psubj, f.pred, o)
			for _, a := range e.attrs {
				if a.Name.Space == rdfNS && isCoreSyntaxTerm(a.Name.Local) {
					continue
				}
				if err := x.propertyAttr(o.(rdf.Subject), a.Name.Space, a, f, nil); err != nil {
					return err
				}
			}
			break
		}
		lit, err := x.literal(f.text, f.lang, f.datatype)
		if err != nil {
			return err
		}
		x.emit(f.psubj, f.pred, lit)
		x.reify(f.reify, f.psubj, f.pred, lit)
	}
	x.unbind(f.nsMark)
	x.stack = x.stack[:len(x.stack)-1]
	if len(x.stack) == 1 {
		x.stack[0].kind = kDone
	}
	return nil
}

// litEntry is a literal made before: its text, language tag and
// datatype, and its hash (hashName of the text) compared first.
type litEntry struct {
	h        uint32
	text     string
	lang, dt string
	o        rdf.Object
}

// maxCachedLiteral bounds the text of the literals remembered.
const maxCachedLiteral = 64

// literal returns the literal of text with language tag lang or datatype
// dt (at most one of them set). Short literals are remembered, first in a
// probation cache and, seen twice, in the main one (keywords, formats,
// dates recur), so that a recurring one costs neither its string nor its
// boxing again.
func (x *Reader) literal(text []byte, lang, dt string) (rdf.Object, error) {
	var p *litEntry
	var h uint32
	if len(text) <= maxCachedLiteral {
		h = hashName(text)
		e := &x.lits[h%uint32(len(x.lits))]
		if e.matches(h, text, lang, dt) {
			return e.o, nil
		}
		p = &x.litProbe[h%uint32(len(x.litProbe))]
		if p.matches(h, text, lang, dt) {
			*e = *p // seen twice: it may recur
			return p.o, nil
		}
	}
	var o rdf.Object
	if dt != "" {
		d, err := x.terms.IRI(dt)
		if err != nil {
			return nil, x.errorf("bad datatype IRI: %v", err)
		}
		o = x.arena.Literal(rdf.NewTypedLiteral(x.arena.String(text), d))
	} else {
		o = x.arena.Literal(x.terms.Literal(x.arena.String(text), lang, rdf.IRI{}))
	}
	if p != nil {
		*p = litEntry{h: h, text: o.(rdf.Literal).String(), lang: lang, dt: dt, o: o}
	}
	return o, nil
}

// matches reports whether e holds the literal of text (hash h) with
// language tag lang and datatype dt.
func (e *litEntry) matches(h uint32, text []byte, lang, dt string) bool {
	return e.o != nil && e.h == h && e.lang == lang && e.dt == dt && e.text == string(text)
}

// XML literals: exclusive canonical XML (without comments) of the content.

func (x *Reader) literalStart(t xml.StartElement) error {
	f := &x.stack[len(x.stack)-1]
	f.lit.depth++
	mark := len(x.ns)
	for _, a := range t.Attr {
		switch {
		case a.Name.Space == "xmlns":
			x.bind(a.Name.Local, a.Value)
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			x.bind("", a.Value)
		}
	}
	f.lit.mark = append(f.lit.mark, mark, len(f.lit.ns))
	// Namespaces visibly used: the element's prefix and attribute prefixes.
	var decl []binding
	need := func(prefix string) error {
		if prefix == "xml" {
			return nil
		}
		uri, ok := x.lookup(prefix)
		if !ok {
			return x.errorf("undeclared namespace prefix %q", prefix)
		}
		// Already declared with this value in the output?
		for i := len(f.lit.ns) - 1; i >= 0; i-- {
			if f.lit.ns[i].prefix == prefix {
				if f.lit.ns[i].uri == uri {
					return nil
				}
				break
			}
		}
		if uri == "" {
			// An empty default namespace needs xmlns="" only to undo one.
			found := false
			for i := len(f.lit.ns) - 1; i >= 0; i-- {
				if f.lit.ns[i].prefix == "" {
					found = f.lit.ns[i].uri != ""
					break
				}
			}
			if !found {
				return nil
			}
		}
		for _, d := range decl {
			if d.prefix == prefix {
				return nil
			}
		}
		decl = append(decl, binding{prefix, uri})
		return nil
	}
	if err := need(t.Name.Space); err != nil {
		return err
	}
	type attr struct{ ns, local, qn, val string }
	var attrs []attr
	for _, a := range t.Attr {
		if a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" {
			continue
		}
		var ans string
		if a.Name.Space != "" {
			if err := need(a.Name.Space); err != nil {
				return err
			}
			ans, _ = x.lookup(a.Name.Space)
		}
		attrs = append(attrs, attr{ans, a.Name.Local, qname(a.Name.Space, a.Name.Local), a.Value})
	}
	sort.Slice(decl, func(i, j int) bool { return decl[i].prefix < decl[j].prefix })
	sort.Slice(attrs, func(i, j int) bool {
		if attrs[i].ns != attrs[j].ns {
			return attrs[i].ns < attrs[j].ns
		}
		return attrs[i].local < attrs[j].local
	})
	b := &f.lit.buf
	b.WriteByte('<')
	b.WriteString(qname(t.Name.Space, t.Name.Local))
	for _, d := range decl {
		if d.prefix == "" {
			b.WriteString(` xmlns="`)
		} else {
			b.WriteString(" xmlns:")
			b.WriteString(d.prefix)
			b.WriteString(`="`)
		}
		escapeAttr(b, d.uri)
		b.WriteByte('"')
		f.lit.ns = append(f.lit.ns, d)
	}
	for _, a := range attrs {
		b.WriteByte(' ')
		b.WriteString(a.qn)
		b.WriteString(`="`)
		escapeAttr(b, a.val)
		b.WriteByte('"')
	}
	b.WriteByte('>')
	// Remember the element name for the end tag.
	f.lit.names = append(f.lit.names, qname(t.Name.Space, t.Name.Local))
	return nil
}

func (x *Reader) literalEnd(f *frame) {
	n := len(f.lit.names) - 1
	f.lit.buf.WriteString("</")
	f.lit.buf.WriteString(f.lit.names[n])
	f.lit.buf.WriteByte('>')
	f.lit.names = f.lit.names[:n]
	m := len(f.lit.mark) - 2
	x.unbind(f.lit.mark[m])
	f.lit.ns = f.lit.ns[:f.lit.mark[m+1]]
	f.lit.mark = f.lit.mark[:m]
	f.lit.depth--
}

func escapeText(b *bytes.Buffer, s []byte) {
	for _, c := range s {
		switch c {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\r':
			b.WriteString("&#xD;")
		default:
			b.WriteByte(c)
		}
	}
}

func escapeAttr(b *bytes.Buffer, s string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '"':
			b.WriteString("&quot;")
		case '\t':
			b.WriteString("&#x9;")
		case '\n':
			b.WriteString("&#xA;")
		case '\r':
			b.WriteString("&#xD;")
		default:
			b.WriteByte(c)
		}
	}
}
