package rdfxml

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"io"
	"math/bits"
	"strings"
	"unicode/utf8"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
)

// tokenizer is a small, strict XML 1.0 tokenizer over rdfparse.Input,
// faster than encoding/xml for RDF/XML's needs. It returns the token types
// of encoding/xml's RawToken: names keep their prefixes (Name.Space is the
// prefix), an empty-element tag gives a StartElement and an EndElement,
// CharData is valid only until the next call, comments and the document
// type declaration are skipped. It checks well-formedness except for the
// matching of end tags, which the RDF/XML parser does. The internal subset
// of the document type declaration is read (dtd.go): its entities are
// expanded and its attribute defaults supplied.
type tokenizer struct {
	in       *rdfparse.Input // the document, or an entity's replacement text
	main     *rdfparse.Input // the document
	dtd      *dtd
	entities []entityFrame // entities being read as content, innermost last
	depth    int           // open elements
	rootSeen bool
	slow     bool // no fast paths (tests compare the two)

	names   rdfparse.Cache[struct{}]
	qnames  nameTable // names seen, split
	windows *[windowSlots]nameWindow
	info    *nameInfo   // the current element's name
	infos   []*nameInfo // its attributes' names
	values  rdfparse.Cache[struct{}]
	arena   *rdfparse.Arena
	attrs   []xml.Attr
	text    []byte
	val     []byte
	pending bool
	end     xml.Name
	started bool

	// The current token.
	name   xml.Name
	target string
}

// Token kinds returned by tokenizer.Next.
type tokKind uint8

const (
	tStart tokKind = iota + 1 // name, attrs
	tEnd                      // name
	tText                     // text
	tPI                       // target, text
)

// newTokenizer returns a tokenizer of in whose attribute values are
// strings of arena (a new one if nil).
func newTokenizer(in *rdfparse.Input, arena *rdfparse.Arena) *tokenizer {
	if arena == nil {
		arena = new(rdfparse.Arena)
	}
	return &tokenizer{in: in, main: in, arena: arena}
}

// byte classes in text and attribute values.
const (
	cPlain = iota
	cStop  // '<', '&', '\r', ']' in text; '<', '&', quote, white space in values
	cBad   // control characters
	cHigh  // non-ASCII: check UTF-8
)

var textClass, valClass = func() (t, v [256]uint8) {
	for i := 0; i < 0x20; i++ {
		t[i], v[i] = cBad, cBad
	}
	t['\t'], t['\n'] = cPlain, cPlain
	v['\t'], v['\n'], v['\r'] = cStop, cStop, cStop
	t['\r'] = cStop
	for i := 0x80; i < 0x100; i++ {
		t[i], v[i] = cHigh, cHigh
	}
	t['<'], t['&'], t[']'] = cStop, cStop, cStop
	v['<'], v['&'], v['"'], v['\''] = cStop, cStop, cStop, cStop
	return
}()

// errorf returns a syntax error at the current position: in the
// replacement text of an entity, at the end of the outermost reference,
// naming the entity.
func (z *tokenizer) errorf(format string, a ...any) error {
	msg := fmt.Sprintf(format, a...)
	if n := len(z.entities); n > 0 {
		// At the outermost reference.
		f := z.entities[0]
		if !strings.Contains(msg, "&"+z.entities[n-1].name+";") {
			msg += fmt.Sprintf(" (in the replacement text of &%s;)", z.entities[n-1].name)
		}
		return z.errorAt(f.line, f.col, "%s", msg)
	}
	l, c := z.main.Pos()
	return z.errorAt(l, c, "%s", msg)
}

// refPos is the position of a reference at the current position: in the
// replacement text of an entity, that of the outermost reference.
func (z *tokenizer) refPos() (line, col int) {
	if len(z.entities) > 0 {
		return z.entities[0].line, z.entities[0].col
	}
	return z.main.Pos()
}

// errorAt returns a syntax error at line and column.
func (z *tokenizer) errorAt(line, col int, format string, a ...any) error {
	return &rdfio.SyntaxError{Format: rdfio.RDFXML, Line: line, Column: col, Msg: "XML: " + fmt.Sprintf(format, a...)}
}

// eof reports the end of input: io.EOF, or the input's error.
func (z *tokenizer) eof(what string) error {
	if err := z.main.Err(); err != nil && err != io.EOF {
		return err
	}
	if what == "" {
		return io.EOF
	}
	return z.errorf("unexpected end of input in %s", what)
}

func (z *tokenizer) hasPrefix(s string) bool {
	return string(z.in.Peek(len(s))) == s
}

// Next reads the next token into z and returns its kind.
func (z *tokenizer) Next() (tokKind, error) {
	if z.pending {
		z.pending = false
		z.name = z.end
		z.depth--
		return tEnd, nil
	}
	if !z.started {
		z.started = true
		if z.hasPrefix("\xEF\xBB\xBF") {
			z.in.Skip(3)
		}
		if h := z.in.Peek(2); len(h) == 2 && (h[0] == 0xFE && h[1] == 0xFF || h[0] == 0xFF && h[1] == 0xFE) {
			return 0, z.errorf("UTF-16 input is not supported (use UTF-8)")
		}
		if z.hasPrefix("<?xml") {
			if r, _ := z.in.PeekRuneAt(5); r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '?' {
				if err := z.xmlDecl(); err != nil {
					return 0, err
				}
			}
		}
	}
	for {
		c := z.in.PeekByte()
		if c < 0 {
			if len(z.entities) > 0 {
				if err := z.popEntity(); err != nil {
					return 0, err
				}
				continue
			}
			return 0, z.eof("")
		}
		if c != '<' {
			return tText, z.charData()
		}
		h := z.in.Peek(2)
		if len(h) < 2 {
			z.in.Skip(1)
			return 0, z.eof("a tag")
		}
		switch h[1] {
		case '/':
			z.in.Skip(2)
			name, err := z.qname()
			if err != nil {
				return 0, err
			}
			z.ws()
			if z.in.PeekByte() != '>' {
				return 0, z.unexpected("'>' to close the end tag")
			}
			z.in.Skip(1)
			if n := len(z.entities); n > 0 && z.depth == z.entities[n-1].depth {
				return 0, z.errorf("end tag </%s> of an element that began outside the entity", qname(name.Space, name.Local))
			}
			z.depth--
			z.name = name
			return tEnd, nil
		case '?':
			return tPI, z.procInst()
		case '!':
			switch {
			case z.hasPrefix("<!--"):
				if err := z.comment(); err != nil {
					return 0, err
				}
				continue
			case z.hasPrefix("<![CDATA["):
				return tText, z.cdata()
			case z.hasPrefix("<!DOCTYPE"):
				if err := z.doctype(); err != nil {
					return 0, err
				}
				continue
			}
			return 0, z.errorf("unknown markup declaration")
		default:
			return tStart, z.startTag()
		}
	}
}

func (z *tokenizer) unexpected(want string) error {
	r, n := z.in.PeekRune()
	if n == 0 {
		return z.eof(want)
	}
	return z.errorf("unexpected %q, expected %s", r, want)
}

func isNameByte(c byte) bool { return nameByte[c] }

// nameByte holds the bytes that may occur in a Name (non-ASCII bytes are
// checked as characters when a name is first seen).
var nameByte = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == ':' || c >= 0x80
	}
	return t
}()

// rawName reads a Name and returns it interned.
func (z *tokenizer) rawName() (string, error) {
	buf := z.in.Buffered()
	i := 0
	for i < len(buf) && isNameByte(buf[i]) {
		i++
	}
	var b []byte
	if i < len(buf) || i == 0 {
		b = buf[:i]
	} else {
		// The name runs past the buffer: collect it.
		z.val = append(z.val[:0], buf...)
		z.in.Skip(i)
		for {
			buf = z.in.Buffered()
			j := 0
			for j < len(buf) && isNameByte(buf[j]) {
				j++
			}
			z.val = append(z.val, buf[:j]...)
			z.in.Skip(j)
			if j < len(buf) || len(buf) == 0 {
				break
			}
		}
		b, i = z.val, 0
	}
	if len(b) == 0 {
		return "", z.unexpected("a name")
	}
	if c := b[0]; c >= '0' && c <= '9' || c == '-' || c == '.' {
		return "", z.errorf("a name cannot start with %q", c)
	}
	s, _, ok := z.names.GetBytes(b)
	if !ok {
		if !utf8.Valid(b) {
			return "", z.errorf("invalid UTF-8 in a name")
		}
		for _, r := range string(b) {
			if r >= 0x80 && !rdfio.IsNCNameChar(r) {
				return "", z.errorf("character %q is not allowed in a name", r)
			}
		}
		s = string(b)
		z.names.Put(s, struct{}{})
	}
	z.in.Skip(i)
	return s, nil
}

// nameInfo is a qualified name as written, split, with what the RDF/XML
// reader has worked out about it: its namespace while the bindings in
// scope are those of generation gen, and the IRI it makes in namespace
// iriNS. One nameInfo serves every occurrence of the name.
type nameInfo struct {
	raw    string // as written
	name   xml.Name
	ns     string
	nsOK   bool
	gen    uint64 // generation of ns; 0: not resolved
	iriNS  string
	iri    boxedIRI
	hasIRI bool
	// xmlish: as an attribute name, one reserved by XML (an unprefixed
	// name or a prefix that starts with "xml" in any case), which carries
	// no RDF.
	xmlish bool
	// xmlns: as an attribute name, a namespace declaration (xmlns or
	// xmlns:prefix).
	xmlns bool
}

// newNameInfo returns the nameInfo of name, written raw ("" for a name
// not read from the input).
func newNameInfo(raw string, name xml.Name) *nameInfo {
	return &nameInfo{raw: raw, name: name,
		xmlns: name.Space == "xmlns" || name.Space == "" && name.Local == "xmlns",
		xmlish: name.Space == "" && len(name.Local) >= 3 && strings.EqualFold(name.Local[:3], "xml") ||
			len(name.Space) >= 3 && strings.EqualFold(name.Space[:3], "xml")}
}

// maxNames bounds the names a tokenizer remembers.
const maxNames = 4096

// qname reads a QName and returns it split, with its nameInfo.
func (z *tokenizer) qname() (xml.Name, error) {
	info, err := z.qnameInfo()
	if err != nil {
		return xml.Name{}, err
	}
	return info.name, nil
}

// qnameInfo reads a QName and returns its nameInfo.
func (z *tokenizer) qnameInfo() (*nameInfo, error) {
	// Fast path: a name seen before, whole in the buffer.
	if buf := z.in.Buffered(); len(buf) > 0 {
		if info, i := z.knownName(buf); info != nil {
			z.in.Skip(i)
			return info, nil
		}
	}
	s, err := z.rawName()
	if err != nil {
		return nil, err
	}
	n, err := z.splitName(s)
	if err != nil {
		return nil, err
	}
	if info := z.qnames.get([]byte(s)); info != nil {
		return info, nil // a name that ran past the buffer
	}
	info := newNameInfo(s, n)
	z.qnames.put(s, info)
	return info, nil
}

// knownName returns the nameInfo of the name that starts buf and the
// name's length, when the name has been seen before and ends within buf;
// else nil. A name is first looked up by the 16 bytes that start buf (a
// name and what follows it recur together: "dcterms:title xm",
// "rdf:resource=\"ht"), which costs neither a scan of its bytes nor a hash
// of it; failing that, it is scanned and looked up in the name table.
func (z *tokenizer) knownName(buf []byte) (*nameInfo, int) {
	if len(buf) >= 16 {
		w0, w1 := binary.LittleEndian.Uint64(buf), binary.LittleEndian.Uint64(buf[8:])
		if z.windows == nil {
			z.windows = new([windowSlots]nameWindow)
		}
		e := &z.windows[windowSlot(w0, w1)]
		if e.info != nil && e.w0 == w0 && e.w1 == w1 {
			// The 16 bytes are those the name and the byte after it
			// were when the entry was made, unless the name is longer.
			n := len(e.info.raw)
			if n < 16 {
				return e.info, n
			}
			if n < len(buf) && string(buf[16:n]) == e.info.raw[16:] && !nameByte[buf[n]] {
				return e.info, n
			}
		}
		j := 0
		for j < len(buf) && nameByte[buf[j]] {
			j++
		}
		if j == len(buf) {
			return nil, 0
		}
		info := z.qnames.get(buf[:j])
		if info != nil {
			*e = nameWindow{w0: w0, w1: w1, info: info}
		}
		return info, j
	}
	j := 0
	for j < len(buf) && nameByte[buf[j]] {
		j++
	}
	if j == len(buf) {
		return nil, 0
	}
	return z.qnames.get(buf[:j]), j
}

// nameWindow is an entry of the tokenizer's cache of names by the 16
// bytes that start them (knownName): the bytes as two little-endian words,
// and the name's nameInfo.
type nameWindow struct {
	w0, w1 uint64
	info   *nameInfo
}

const windowSlots = 512

func windowSlot(w0, w1 uint64) uint32 {
	return uint32((w0*0x9E3779B97F4A7C15 ^ w1*0xC2B2AE3D27D4EB4F) >> (64 - 9))
}

// nameTable maps names as written to their nameInfo: open addressing
// with linear probing, FNV-1a hashes, at most maxNames entries (beyond,
// names are not remembered).
type nameTable struct {
	keys  []string
	infos []*nameInfo
	n     int
}

// hashName hashes a name from its length and its first and last eight
// bytes (names are short; probing sorts out the rare collision).
func hashName(b []byte) uint32 {
	n := len(b)
	var lo, hi uint64
	if n >= 8 {
		lo = binary.LittleEndian.Uint64(b)
		hi = binary.LittleEndian.Uint64(b[n-8:])
	} else {
		for i, c := range b {
			lo |= uint64(c) << (8 * i)
		}
	}
	h := (lo*0x9E3779B97F4A7C15 ^ hi*0xC2B2AE3D27D4EB4F ^ uint64(n)) * 0x165667B19E3779F9
	return uint32(h >> 32)
}

// get returns the nameInfo of name b, or nil.
func (t *nameTable) get(b []byte) *nameInfo {
	if len(t.keys) == 0 {
		return nil
	}
	mask := uint32(len(t.keys) - 1)
	for i := hashName(b) & mask; ; i = (i + 1) & mask {
		k := t.keys[i]
		if t.infos[i] == nil {
			return nil
		}
		if k == string(b) {
			return t.infos[i]
		}
	}
}

// put adds a name not in the table.
func (t *nameTable) put(s string, info *nameInfo) {
	if t.n >= maxNames {
		return
	}
	if 2*(t.n+1) > len(t.keys) {
		old, oldInfos := t.keys, t.infos
		size := 2 * len(old)
		if size == 0 {
			size = 256
		}
		t.keys, t.infos, t.n = make([]string, size), make([]*nameInfo, size), 0
		for i, k := range old {
			if oldInfos[i] != nil {
				t.put(k, oldInfos[i])
			}
		}
	}
	mask := uint32(len(t.keys) - 1)
	i := hashName([]byte(s)) & mask
	for t.infos[i] != nil {
		i = (i + 1) & mask
	}
	t.keys[i], t.infos[i] = s, info
	t.n++
}

// splitName splits a QName at its colon.
func (z *tokenizer) splitName(s string) (xml.Name, error) {
	i := strings.IndexByte(s, ':')
	if i < 0 {
		return xml.Name{Local: s}, nil
	}
	if i == 0 || i == len(s)-1 || strings.IndexByte(s[i+1:], ':') >= 0 {
		return xml.Name{}, z.errorf("bad qualified name %q", s)
	}
	return xml.Name{Space: s[:i], Local: s[i+1:]}, nil
}

func (z *tokenizer) ws() bool {
	any := false
	for {
		switch z.in.PeekByte() {
		case ' ', '\t', '\n', '\r':
			z.in.Skip(1)
			any = true
		default:
			return any
		}
	}
}

func (z *tokenizer) startTag() error {
	if !z.slow && z.startTagFast() {
		return nil
	}
	z.in.Skip(1) // <
	info, err := z.qnameInfo()
	if err != nil {
		return err
	}
	name := info.name
	z.info = info
	z.attrs, z.infos = z.attrs[:0], z.infos[:0]
	for {
		sp := z.ws()
		switch z.in.PeekByte() {
		case '>':
			z.in.Skip(1)
			z.startDone(name)
			return nil
		case '/':
			if !z.hasPrefix("/>") {
				return z.unexpected("'/>'")
			}
			z.in.Skip(2)
			z.pending, z.end = true, name
			z.startDone(name)
			return nil
		case -1:
			return z.eof("a start tag")
		}
		if !sp {
			return z.unexpected("white space before an attribute")
		}
		ainfo, err := z.qnameInfo()
		if err != nil {
			return err
		}
		an := ainfo.name
		for _, a := range z.attrs {
			if a.Name == an {
				return z.errorf("attribute %s given twice", qname(an.Space, an.Local))
			}
		}
		z.ws()
		if z.in.PeekByte() != '=' {
			return z.unexpected("'=' after the attribute name")
		}
		z.in.Skip(1)
		z.ws()
		v, err := z.attrValue()
		if err != nil {
			return err
		}
		z.attrs = append(z.attrs, xml.Attr{Name: an, Value: v})
		z.infos = append(z.infos, ainfo)
	}
}

// startTagFast reads the common start tag at once from the buffer: all
// of it buffered, names seen before, attribute values without
// references, line ends or tabs. It reports false, having consumed
// nothing, for any other, which startTag then reads byte by byte (and
// reports errors in).
func (z *tokenizer) startTagFast() bool {
	buf := z.in.Buffered() // buf[0] == '<'
	info, n := z.knownName(buf[1:])
	if info == nil {
		return false
	}
	i := 1 + n
	z.attrs, z.infos = z.attrs[:0], z.infos[:0]
	for {
		sp := i
		for i < len(buf) && (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\t' || buf[i] == '\r') {
			i++
		}
		if i >= len(buf) {
			return false
		}
		switch buf[i] {
		case '>':
			z.in.Skip(i + 1)
			z.info = info
			z.startDone(info.name)
			return true
		case '/':
			if i+1 >= len(buf) || buf[i+1] != '>' {
				return false
			}
			z.in.Skip(i + 2)
			z.info = info
			z.pending, z.end = true, info.name
			z.startDone(info.name)
			return true
		}
		if sp == i {
			return false // no white space before the attribute
		}
		ainfo, vs, ve, ok := z.fastAttr(buf, i)
		if !ok {
			return false
		}
		for _, a := range z.attrs {
			if a.Name == ainfo.name {
				return false
			}
		}
		z.attrs = append(z.attrs, xml.Attr{Name: ainfo.name, Value: z.intern(buf[vs:ve])})
		z.infos = append(z.infos, ainfo)
		i = ve + 1
	}
}

// fastAttr reads at buf[i:], for the fast paths, an attribute whose name
// has been seen before and whose value is wholly in buf, without
// references, line ends or tabs: it returns the name's nameInfo and the
// value as buf[vs:ve] (buf[ve] is the closing quote), or false.
func (z *tokenizer) fastAttr(buf []byte, i int) (ainfo *nameInfo, vs, ve int, ok bool) {
	ainfo, n := z.knownName(buf[i:])
	if ainfo == nil {
		return nil, 0, 0, false
	}
	for i += n; i < len(buf) && (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\t' || buf[i] == '\r'); i++ {
	}
	if i >= len(buf) || buf[i] != '=' {
		return nil, 0, 0, false
	}
	for i++; i < len(buf) && (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\t' || buf[i] == '\r'); i++ {
	}
	if i >= len(buf) || buf[i] != '"' && buf[i] != '\'' {
		return nil, 0, 0, false
	}
	q := buf[i]
	i++
	j := i
value:
	for j < len(buf) {
		if j+8 <= len(buf) {
			// Eight bytes at a time up to the first that is not plain.
			w := binary.LittleEndian.Uint64(buf[j:])
			m := valueStops(w)
			if m == 0 {
				j += 8
				continue
			}
			j += bits.TrailingZeros64(m) >> 3
		}
		switch valClass[buf[j]] {
		case cPlain:
			j++
		case cHigh:
			r, n := utf8.DecodeRune(buf[j:])
			if r == utf8.RuneError && n <= 1 || r == 0xFFFE || r == 0xFFFF {
				return nil, 0, 0, false
			}
			j += n
		default:
			break value
		}
	}
	if j >= len(buf) || buf[j] != q {
		return nil, 0, 0, false
	}
	return ainfo, i, j, true
}

// SWAR constants: every byte 0x01, every byte 0x80.
const (
	bytesLo = 0x0101010101010101
	bytesHi = 0x8080808080808080
)

// zeroBytes has the high bit of the lowest zero byte of v set, and none
// below it (bits above it may be set too).
func zeroBytes(v uint64) uint64 { return (v - bytesLo) &^ v & bytesHi }

// valueStops has the high bit of the first byte of w (little-endian) that
// is not cPlain in valClass set, and none below it: a control character,
// a non-ASCII byte, a quote, '<' or '&'.
func valueStops(w uint64) uint64 {
	return w&bytesHi | (w-0x20*bytesLo)&^w&bytesHi |
		zeroBytes(w^('"'*bytesLo)) | zeroBytes(w^('\''*bytesLo)) |
		zeroBytes(w^('<'*bytesLo)) | zeroBytes(w^('&'*bytesLo))
}

// textEnd reads, when the buffer holds them whole, character data
// without references, CRs or ']' and the end tag of the element named
// info right after it: it returns the text (valid until the next token)
// and true, having consumed both; else false, having consumed nothing.
// Outside entities only.
func (z *tokenizer) textEnd(info *nameInfo) ([]byte, bool) {
	if len(z.entities) > 0 || z.slow || info.raw == "" {
		return nil, false
	}
	buf := z.in.Buffered()
	i := 0
scan:
	for i < len(buf) {
		switch textClass[buf[i]] {
		case cPlain:
			i++
		case cHigh:
			r, n := utf8.DecodeRune(buf[i:])
			if r == utf8.RuneError && n <= 1 || r == 0xFFFE || r == 0xFFFF {
				return nil, false
			}
			i += n
		default:
			break scan
		}
	}
	e := i + 2 + len(info.raw)
	if e >= len(buf) || buf[i] != '<' || buf[i+1] != '/' || string(buf[i+2:e]) != info.raw || buf[e] != '>' {
		return nil, false
	}
	text := buf[:i]
	z.in.Skip(e + 1)
	z.depth--
	return text, true
}

// skipSpace consumes white space followed by '<' when the buffer holds
// both, outside entities and before any pending end tag: white space the
// reader would ignore as a text token of its own. It consumes nothing
// otherwise (text that is not all white space is a token, reported where
// it starts).
func (z *tokenizer) skipSpace() {
	if z.slow || z.pending || len(z.entities) > 0 || !z.started {
		return
	}
	buf := z.in.Buffered()
	i := 0
	for i < len(buf) && (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\t' || buf[i] == '\r') {
		i++
	}
	if i > 0 && i < len(buf) && buf[i] == '<' {
		z.in.Skip(i)
	}
}

// startDone ends the start tag of element name: declared attribute
// defaults are supplied.
func (z *tokenizer) startDone(name xml.Name) {
	z.name = name
	z.depth++
	z.rootSeen = true
	if z.dtd != nil && z.dtd.attlists != nil {
		z.applyAttlist(name)
	}
}

// intern returns b as a string, sharing the strings of short values that
// recur (rdf:resource of types, formats, licences).
func (z *tokenizer) intern(b []byte) string {
	if len(b) > 100 {
		return z.arena.String(b)
	}
	if s, _, ok := z.values.GetBytes(b); ok {
		return s
	}
	s := z.arena.String(b)
	z.values.Put(s, struct{}{})
	return s
}

func (z *tokenizer) attrValue() (string, error) {
	q := z.in.PeekByte()
	if q != '"' && q != '\'' {
		return "", z.unexpected("a quoted attribute value")
	}
	z.in.Skip(1)
	z.val = z.val[:0]
	for {
		buf := z.in.Buffered()
		if len(buf) == 0 {
			return "", z.eof("an attribute value")
		}
		i := 0
		for i < len(buf) && valClass[buf[i]] == cPlain {
			i++
		}
		if i == len(buf) {
			z.val = append(z.val, buf...)
			z.in.Skip(i)
			continue
		}
		c := buf[i]
		switch valClass[c] {
		case cHigh:
			z.val = append(z.val, buf[:i]...)
			z.in.Skip(i)
			r, n := z.in.PeekRune()
			if r == utf8.RuneError && n <= 1 || r == 0xFFFE || r == 0xFFFF {
				return "", z.errorf("invalid UTF-8 or non-XML character")
			}
			z.val = append(z.val, z.in.Peek(n)...)
			z.in.Skip(n)
			continue
		case cBad:
			z.in.Skip(i)
			return "", z.errorf("control character %q in an attribute value", c)
		}
		z.val = append(z.val, buf[:i]...)
		z.in.Skip(i)
		switch c {
		case byte(q):
			z.in.Skip(1)
			return z.intern(z.val), nil
		case '"', '\'':
			z.val = append(z.val, c)
			z.in.Skip(1)
		case '\t', '\n':
			z.val = append(z.val, ' ')
			z.in.Skip(1)
		case '\r':
			z.in.Skip(1)
			if z.in.PeekByte() == '\n' {
				z.in.Skip(1)
			}
			z.val = append(z.val, ' ')
		case '<':
			return "", z.errorf("'<' in an attribute value")
		case '&':
			var err error
			if z.val, err = z.reference(z.val, true); err != nil {
				return "", err
			}
		}
	}
}

// reference decodes a character or entity reference at '&' and appends
// its character or replacement text to dst (in an attribute value, attr,
// normalized). In content the replacement text of an entity with markup
// or references becomes the input (entityRef).
func (z *tokenizer) reference(dst []byte, attr bool) ([]byte, error) {
	if h := z.in.Peek(2); len(h) == 2 && h[1] == '#' {
		return z.charRef(dst)
	}
	line, col := z.refPos()
	z.in.Skip(1)
	if c := z.in.PeekByte(); c < 0 || c == ';' || !isNameByte(byte(c)) {
		return dst, z.errorAt(line, col, "'&' must start a reference such as &amp;")
	}
	name, err := z.rawName()
	if err != nil {
		return dst, err
	}
	if z.in.PeekByte() != ';' {
		return dst, z.errorAt(line, col, "entity reference &%s without ';'", name)
	}
	z.in.Skip(1)
	if b, ok := predefined(name); ok {
		return append(dst, b), nil
	}
	return z.entityRef(dst, name, attr, line, col)
}

// charRef decodes a character reference at "&#".
func (z *tokenizer) charRef(dst []byte) ([]byte, error) {
	h := z.in.Peek(16)
	end := bytes.IndexByte(h, ';')
	if end < 3 {
		return dst, z.errorf("bad character reference")
	}
	ref := h[1:end]
	r, ok := parseCharRef(string(ref[1:]))
	if !ok {
		return dst, z.errorf("bad character reference &%s; (or not an XML character)", ref)
	}
	z.in.Skip(end + 1)
	return utf8.AppendRune(dst, r), nil
}

func isXMLChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

func (z *tokenizer) charData() error {
	z.text = z.text[:0]
	for {
		buf := z.in.Buffered()
		if len(buf) == 0 {
			if len(z.entities) > 0 {
				// Text goes on after the entity's replacement text.
				if err := z.popEntity(); err != nil {
					return err
				}
				continue
			}
			if err := z.eof(""); err != io.EOF {
				return err
			}
			return nil
		}
		i := 0
	scan:
		for i < len(buf) {
			switch textClass[buf[i]] {
			case cPlain:
				i++
			case cHigh:
				// Whole characters in the buffer are checked here; one
				// cut by the buffer's end below.
				r, n := utf8.DecodeRune(buf[i:])
				if r == utf8.RuneError && n <= 1 || r == 0xFFFE || r == 0xFFFF {
					break scan
				}
				i += n
			default:
				break scan
			}
		}
		z.text = append(z.text, buf[:i]...)
		z.in.Skip(i)
		if i == len(buf) {
			continue
		}
		c := buf[i]
		switch textClass[c] {
		case cHigh:
			r, n := z.in.PeekRune()
			if r == utf8.RuneError && n <= 1 || r == 0xFFFE || r == 0xFFFF {
				return z.errorf("invalid UTF-8 or non-XML character")
			}
			z.text = append(z.text, z.in.Peek(n)...)
			z.in.Skip(n)
			continue
		case cBad:
			return z.errorf("control character %q in text", c)
		}
		switch c {
		case '<':
			return nil
		case '\r':
			z.in.Skip(1)
			if len(z.entities) > 0 {
				// A CR in replacement text came from a character
				// reference: it is data, not a line end.
				z.text = append(z.text, '\r')
				continue
			}
			if z.in.PeekByte() == '\n' {
				z.in.Skip(1)
			}
			z.text = append(z.text, '\n')
		case ']':
			if z.hasPrefix("]]>") {
				return z.errorf("']]>' in text")
			}
			z.text = append(z.text, c)
			z.in.Skip(1)
		case '&':
			var err error
			if z.text, err = z.reference(z.text, false); err != nil {
				return err
			}
		}
	}
}

// until consumes input up to and including the delimiter and returns what
// came before it, with line ends normalised.
func (z *tokenizer) until(delim, what string) ([]byte, error) {
	z.val = z.val[:0]
	for {
		buf := z.in.Buffered()
		if len(buf) == 0 {
			return nil, z.eof(what)
		}
		if i := bytes.Index(buf, []byte(delim)); i >= 0 {
			z.val = append(z.val, buf[:i]...)
			z.in.Skip(i + len(delim))
			break
		}
		// Keep the last len(delim)-1 bytes: the delimiter may straddle.
		k := len(buf) - len(delim) + 1
		if k <= 0 {
			if len(z.in.Peek(len(delim))) < len(delim) {
				return nil, z.eof(what)
			}
			continue
		}
		z.val = append(z.val, buf[:k]...)
		z.in.Skip(k)
	}
	if !utf8.Valid(z.val) {
		return nil, z.errorf("invalid UTF-8 in %s", what)
	}
	for _, r := range string(z.val) {
		if !isXMLChar(r) {
			return nil, z.errorf("character %q is not allowed in XML", r)
		}
	}
	if bytes.IndexByte(z.val, '\r') >= 0 {
		z.val = bytes.ReplaceAll(z.val, []byte("\r\n"), []byte("\n"))
		z.val = bytes.ReplaceAll(z.val, []byte("\r"), []byte("\n"))
	}
	return z.val, nil
}

func (z *tokenizer) comment() error {
	z.in.Skip(4)
	b, err := z.until("--", "a comment")
	if err != nil {
		return err
	}
	_ = b
	if z.in.PeekByte() != '>' {
		return z.errorf("'--' is not allowed in a comment")
	}
	z.in.Skip(1)
	return nil
}

func (z *tokenizer) cdata() error {
	z.in.Skip(9)
	b, err := z.until("]]>", "a CDATA section")
	if err != nil {
		return err
	}
	z.text = append(z.text[:0], b...)
	return nil
}

func (z *tokenizer) procInst() error {
	z.in.Skip(2)
	target, err := z.rawName()
	if err != nil {
		return err
	}
	if strings.EqualFold(target, "xml") {
		return z.errorf("the XML declaration must come first")
	}
	if !z.ws() && !z.hasPrefix("?>") {
		return z.unexpected("white space after the processing instruction target")
	}
	b, err := z.until("?>", "a processing instruction")
	if err != nil {
		return err
	}
	z.target = target
	z.text = append(z.text[:0], b...)
	return nil
}

func (z *tokenizer) xmlDecl() error {
	z.in.Skip(5)
	b, err := z.until("?>", "the XML declaration")
	if err != nil {
		return err
	}
	decl := string(b)
	if !strings.Contains(decl, "version") {
		return z.errorf("the XML declaration has no version")
	}
	i := strings.Index(decl, "encoding")
	if i < 0 {
		return nil
	}
	rest := strings.TrimLeft(decl[i+len("encoding"):], " \t\r\n")
	rest = strings.TrimLeft(strings.TrimPrefix(rest, "="), " \t\r\n")
	if len(rest) < 2 || rest[0] != '"' && rest[0] != '\'' {
		return z.errorf("bad encoding declaration")
	}
	j := strings.IndexByte(rest[1:], rest[0])
	if j < 0 {
		return z.errorf("bad encoding declaration")
	}
	switch enc := strings.ToLower(rest[1 : 1+j]); enc {
	case "utf-8", "utf8", "us-ascii", "ascii":
	case "iso-8859-1", "latin1", "iso_8859-1", "l1":
		z.in.Wrap(func(r io.Reader) io.Reader { return &latin1{r: r} })
	default:
		return z.errorf("unsupported encoding %q (use UTF-8)", rest[1:1+j])
	}
	return nil
}
