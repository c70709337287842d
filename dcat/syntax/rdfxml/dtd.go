package rdfxml

import (
	"encoding/xml"
	"strings"
	"unicode/utf8"

	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
)

// The document type declaration, read as XML 1.0 (§2.8, §4) asks of a
// non-validating processor: the internal subset's declarations of general
// entities are used (references to them in attribute values and content
// are replaced by their replacement text, which may hold markup and
// further references), and so are its attribute-list declarations
// (default values are supplied, values of attributes declared with a
// tokenized type are normalized).
//
// What katalog does not do, it refuses rather than reads differently:
//   - External entities (SYSTEM or PUBLIC) are never fetched. Declaring
//     one is harmless; referring to one is an error (XML 1.0 lets a
//     non-validating processor skip such a reference, but the text would
//     then be missing from the graph).
//   - An external DTD subset is never read: an entity it might declare is
//     undefined, and referring to it is an error.
//   - Parameter entities may be declared, but a reference to one (%name;)
//     is an error: its replacement text could hold further declarations.
//
// Expansion is bounded: the replacement text expanded in all counts
// against maxExpansion (a constant plus a multiple of the input read so
// far), so that a "billion laughs" document, a few entities each
// referring ten times to the one before, is refused after a few
// megabytes, not after exhausting memory; entity references nest at most
// maxEntityDepth deep, and an entity that refers to itself, directly or
// not, is an error (XML 1.0 WFC: No Recursion).

// Bounds of entity expansion.
const (
	expansionBase   = 1 << 20 // bytes of replacement text any document may expand
	expansionFactor = 16      // and this many per byte of input read
	maxEntityDepth  = 64
)

// maxExpansion is the expansion budget after read bytes of input.
func maxExpansion(read int64) int64 { return expansionBase + expansionFactor*read }

// entity is a general entity declared in the internal subset.
type entity struct {
	text     []byte // replacement text (internal entities)
	external bool   // SYSTEM or PUBLIC: never read
	unparsed bool   // NDATA
	plain    bool   // text holds no '<', '&' or CR: it is character data as it is
}

// attDef is an attribute declared in an ATTLIST declaration.
type attDef struct {
	name      xml.Name // prefix in Space, as written
	tokenized bool     // a type other than CDATA: values are normalized further
	def       string   // default value, normalized
	hasDef    bool
}

// dtd is what the document type declaration declares.
type dtd struct {
	entities map[string]*entity
	attlists map[string][]attDef // by the element's qualified name as written
	external bool                // an external subset is named (and not read)
	expanded int64               // bytes of replacement text expanded
}

// entityFrame is an entity whose replacement text is being read as
// content: the input it interrupts, its name and the element depth at
// its start.
type entityFrame struct {
	in        *rdfparse.Input
	name      string
	depth     int
	line, col int // of the reference
}

func isPredefined(name string) bool {
	switch name {
	case "lt", "gt", "amp", "apos", "quot":
		return true
	}
	return false
}

// doctype reads the document type declaration at "<!DOCTYPE".
func (z *tokenizer) doctype() error {
	if z.dtd != nil {
		return z.errorf("a second document type declaration")
	}
	if z.rootSeen {
		return z.errorf("the document type declaration must come before the document element")
	}
	z.in.Skip(9)
	if !z.ws() {
		return z.unexpected("white space after <!DOCTYPE")
	}
	if _, err := z.rawName(); err != nil {
		return err
	}
	z.dtd = &dtd{entities: map[string]*entity{}}
	if z.ws() && (z.hasPrefix("SYSTEM") || z.hasPrefix("PUBLIC")) {
		if err := z.externalID(false); err != nil {
			return err
		}
		z.dtd.external = true
		z.ws()
	}
	if z.in.PeekByte() == '[' {
		z.in.Skip(1)
		if err := z.intSubset(); err != nil {
			return err
		}
		z.ws()
	}
	if z.in.PeekByte() != '>' {
		return z.unexpected("'>' to end the document type declaration")
	}
	z.in.Skip(1)
	return nil
}

// externalID reads SYSTEM "uri" or PUBLIC "id" "uri" (with publicOnly,
// as in a notation, the URI may be missing after PUBLIC).
func (z *tokenizer) externalID(publicOnly bool) error {
	public := z.hasPrefix("PUBLIC")
	z.in.Skip(6)
	if !z.ws() {
		return z.unexpected("white space after SYSTEM or PUBLIC")
	}
	if _, err := z.literal("a system or public identifier"); err != nil {
		return err
	}
	if !public {
		return nil
	}
	sp := z.ws()
	if c := z.in.PeekByte(); c == '"' || c == '\'' {
		if !sp {
			return z.unexpected("white space before the system identifier")
		}
		_, err := z.literal("a system identifier")
		return err
	}
	if !publicOnly {
		return z.unexpected("a quoted system identifier")
	}
	return nil
}

// literal reads a quoted literal without interpreting it.
func (z *tokenizer) literal(what string) (string, error) {
	q := z.in.PeekByte()
	if q != '"' && q != '\'' {
		return "", z.unexpected(what + " in quotes")
	}
	z.in.Skip(1)
	b, err := z.until(string(rune(q)), what)
	return string(b), err
}

// intSubset reads the internal subset, after '[' up to and including ']'.
func (z *tokenizer) intSubset() error {
	for {
		z.ws()
		c := z.in.PeekByte()
		switch {
		case c < 0:
			return z.eof("the internal subset of the document type declaration")
		case c == ']':
			z.in.Skip(1)
			return nil
		case c == '%':
			return z.errorf("parameter entity reference in the document type declaration: katalog does not read parameter entities")
		case z.hasPrefix("<!ENTITY"):
			if err := z.entityDecl(); err != nil {
				return err
			}
		case z.hasPrefix("<!ATTLIST"):
			if err := z.attlistDecl(); err != nil {
				return err
			}
		case z.hasPrefix("<!ELEMENT"), z.hasPrefix("<!NOTATION"):
			if err := z.skipDecl(); err != nil {
				return err
			}
		case z.hasPrefix("<!--"):
			if err := z.comment(); err != nil {
				return err
			}
		case z.hasPrefix("<?"):
			if err := z.procInst(); err != nil {
				return err
			}
		default:
			return z.unexpected("a markup declaration or ']' in the internal subset")
		}
	}
}

// skipDecl skips an element type or notation declaration, which change
// nothing for a non-validating processor.
func (z *tokenizer) skipDecl() error {
	z.in.Skip(2)
	for {
		c := z.in.PeekByte()
		switch {
		case c < 0:
			return z.eof("a markup declaration")
		case c == '>':
			z.in.Skip(1)
			return nil
		case c == '"' || c == '\'':
			if _, err := z.literal("a literal"); err != nil {
				return err
			}
		case c == '%':
			return z.errorf("parameter entity reference in a markup declaration of the internal subset")
		default:
			z.in.Skip(1)
		}
	}
}

// needWS consumes white space that the grammar requires.
func (z *tokenizer) needWS(where string) error {
	if !z.ws() {
		return z.unexpected("white space " + where)
	}
	return nil
}

// entityDecl reads <!ENTITY name "value">, <!ENTITY name SYSTEM "uri"
// [NDATA n]>, or a parameter entity's <!ENTITY % name …>.
func (z *tokenizer) entityDecl() error {
	z.in.Skip(8)
	if err := z.needWS("after <!ENTITY"); err != nil {
		return err
	}
	param := false
	if z.in.PeekByte() == '%' {
		z.in.Skip(1)
		if err := z.needWS("after '%'"); err != nil {
			return err
		}
		param = true
	}
	name, err := z.rawName()
	if err != nil {
		return err
	}
	if err := z.needWS("after the entity name"); err != nil {
		return err
	}
	e := &entity{}
	switch c := z.in.PeekByte(); {
	case c == '"' || c == '\'':
		if e.text, err = z.entityValue(); err != nil {
			return err
		}
		e.plain = !strings.ContainsAny(string(e.text), "<&\r")
	case z.hasPrefix("SYSTEM") || z.hasPrefix("PUBLIC"):
		if err := z.externalID(false); err != nil {
			return err
		}
		e.external = true
		if z.ws() && z.hasPrefix("NDATA") {
			if param {
				return z.errorf("a parameter entity cannot be unparsed (NDATA)")
			}
			z.in.Skip(5)
			if err := z.needWS("after NDATA"); err != nil {
				return err
			}
			if _, err := z.rawName(); err != nil {
				return err
			}
			e.unparsed = true
		}
	default:
		return z.unexpected("an entity value in quotes, SYSTEM or PUBLIC")
	}
	z.ws()
	if z.in.PeekByte() != '>' {
		return z.unexpected("'>' to end the entity declaration")
	}
	z.in.Skip(1)
	// The first declaration binds; the predefined entities keep their
	// meaning (XML 1.0 §4.6 lets documents declare them, as themselves).
	if _, dup := z.dtd.entities[name]; !param && !dup && !isPredefined(name) {
		z.dtd.entities[name] = e
	}
	return nil
}

// entityValue reads a quoted entity value and returns its replacement
// text: character references replaced, general entity references kept
// (they are replaced where the entity is used), line ends normalized.
func (z *tokenizer) entityValue() ([]byte, error) {
	q := byte(z.in.PeekByte())
	z.in.Skip(1)
	var out []byte
	for {
		c := z.in.PeekByte()
		switch {
		case c < 0:
			return nil, z.eof("an entity value")
		case byte(c) == q:
			z.in.Skip(1)
			return out, nil
		case c == '%':
			return nil, z.errorf("parameter entity reference in an entity value of the internal subset")
		case c == '&':
			if h := z.in.Peek(2); len(h) == 2 && h[1] == '#' {
				var err error
				if out, err = z.charRef(out); err != nil {
					return nil, err
				}
				continue
			}
			z.in.Skip(1)
			name, err := z.rawName()
			if err != nil {
				return nil, err
			}
			if z.in.PeekByte() != ';' {
				return nil, z.unexpected("';' to end the entity reference")
			}
			z.in.Skip(1)
			out = append(append(append(out, '&'), name...), ';')
		case c == '\r':
			z.in.Skip(1)
			if z.in.PeekByte() == '\n' {
				z.in.Skip(1)
			}
			out = append(out, '\n')
		case c < 0x80:
			if c < 0x20 && c != '\t' && c != '\n' {
				return nil, z.errorf("control character %q in an entity value", rune(c))
			}
			out = append(out, byte(c))
			z.in.Skip(1)
		default:
			r, n := z.in.PeekRune()
			if r == utf8.RuneError && n <= 1 || !isXMLChar(r) {
				return nil, z.errorf("invalid UTF-8 or non-XML character in an entity value")
			}
			out = append(out, z.in.Peek(n)...)
			z.in.Skip(n)
		}
	}
}

// attlistDecl reads <!ATTLIST element (name type default)*>.
func (z *tokenizer) attlistDecl() error {
	z.in.Skip(9)
	if err := z.needWS("after <!ATTLIST"); err != nil {
		return err
	}
	elem, err := z.qname()
	if err != nil {
		return err
	}
	key := qname(elem.Space, elem.Local)
	for {
		sp := z.ws()
		if z.in.PeekByte() == '>' {
			z.in.Skip(1)
			return nil
		}
		if !sp {
			return z.unexpected("white space before an attribute definition")
		}
		var d attDef
		if d.name, err = z.qname(); err != nil {
			return err
		}
		if err := z.needWS("after the attribute name"); err != nil {
			return err
		}
		if z.in.PeekByte() == '(' {
			d.tokenized = true
			if err := z.enumeration(); err != nil {
				return err
			}
		} else {
			typ, err := z.rawName()
			if err != nil {
				return err
			}
			switch typ {
			case "CDATA":
			case "ID", "IDREF", "IDREFS", "ENTITY", "ENTITIES", "NMTOKEN", "NMTOKENS":
				d.tokenized = true
			case "NOTATION":
				d.tokenized = true
				if err := z.needWS("after NOTATION"); err != nil {
					return err
				}
				if z.in.PeekByte() != '(' {
					return z.unexpected("'(' to list the notations")
				}
				if err := z.enumeration(); err != nil {
					return err
				}
			default:
				return z.errorf("unknown attribute type %q", typ)
			}
		}
		if err := z.needWS("before the attribute's default"); err != nil {
			return err
		}
		if z.in.PeekByte() == '#' {
			z.in.Skip(1)
			kw, err := z.rawName()
			if err != nil {
				return err
			}
			switch kw {
			case "REQUIRED", "IMPLIED":
			case "FIXED":
				if err := z.needWS("after #FIXED"); err != nil {
					return err
				}
				d.hasDef = true
			default:
				return z.errorf("unknown attribute default #%s", kw)
			}
		} else {
			d.hasDef = true
		}
		if d.hasDef {
			v, err := z.attrValue()
			if err != nil {
				return err
			}
			d.def = v
			if d.tokenized {
				d.def = normalizeTokens(v)
			}
		}
		if z.dtd.attlists == nil {
			z.dtd.attlists = map[string][]attDef{}
		}
		dup := false
		for _, x := range z.dtd.attlists[key] {
			dup = dup || x.name == d.name
		}
		if !dup { // the first definition binds
			z.dtd.attlists[key] = append(z.dtd.attlists[key], d)
		}
	}
}

// enumeration skips a parenthesized list of names, "(a|b|c)".
func (z *tokenizer) enumeration() error {
	z.in.Skip(1)
	for {
		c := z.in.PeekByte()
		switch {
		case c < 0:
			return z.eof("an enumeration")
		case c == ')':
			z.in.Skip(1)
			return nil
		case c == '|' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || isNameByte(byte(c)):
			z.in.Skip(1)
		default:
			return z.unexpected("a name, '|' or ')' in an enumeration")
		}
	}
}

// normalizeTokens is the further normalization of a value of an attribute
// declared with a type other than CDATA: no leading or trailing spaces,
// and single spaces between tokens.
func normalizeTokens(v string) string {
	return strings.Join(strings.FieldsFunc(v, func(r rune) bool { return r == ' ' }), " ")
}

// applyAttlist supplies the declared default values missing from the
// start tag of the current element and normalizes the values of
// attributes declared with a tokenized type.
func (z *tokenizer) applyAttlist(name xml.Name) {
	defs := z.dtd.attlists[qname(name.Space, name.Local)]
	for _, d := range defs {
		found := false
		for i := range z.attrs {
			if z.attrs[i].Name == d.name {
				found = true
				if d.tokenized {
					z.attrs[i].Value = normalizeTokens(z.attrs[i].Value)
				}
			}
		}
		if !found && d.hasDef {
			z.attrs = append(z.attrs, xml.Attr{Name: d.name, Value: d.def})
			z.infos = append(z.infos, newNameInfo("", d.name))
		}
	}
}

// entityRef handles the reference to general entity name (not a
// predefined one) at line and column: in an attribute value (attr) its
// replacement text is appended to dst, normalized; in content plain text
// is appended and any other is read next as input (z.in), as though it
// were part of the document.
func (z *tokenizer) entityRef(dst []byte, name string, attr bool, line, col int) ([]byte, error) {
	e, err := z.lookupEntity(name, line, col)
	if err != nil {
		return dst, err
	}
	if err := z.spend(len(e.text), line, col); err != nil {
		return dst, err
	}
	if attr {
		return z.expandAttr(dst, name, e, []string{name}, line, col)
	}
	if e.plain {
		return append(dst, e.text...), nil
	}
	if len(z.entities) >= maxEntityDepth {
		return dst, z.errorAt(line, col, "entity references nested deeper than %d", maxEntityDepth)
	}
	for _, f := range z.entities {
		if f.name == name {
			return dst, z.errorAt(line, col, "entity &%s; refers to itself", name)
		}
	}
	if len(z.entities) > 0 {
		line, col = z.entities[0].line, z.entities[0].col
	}
	z.entities = append(z.entities, entityFrame{in: z.in, name: name, depth: z.depth, line: line, col: col})
	z.in = rdfparse.NewInputBytes(e.text)
	return dst, nil
}

// lookupEntity returns the internal parsed entity name refers to.
func (z *tokenizer) lookupEntity(name string, line, col int) (*entity, error) {
	var e *entity
	if z.dtd != nil {
		e = z.dtd.entities[name]
	}
	switch {
	case e == nil && z.dtd != nil && z.dtd.external:
		return nil, z.errorAt(line, col, "undefined entity &%s; (katalog does not read external DTDs)", name)
	case e == nil:
		return nil, z.errorAt(line, col, "undefined entity &%s;", name)
	case e.unparsed:
		return nil, z.errorAt(line, col, "reference to the unparsed entity &%s;", name)
	case e.external:
		return nil, z.errorAt(line, col, "reference to the external entity &%s;, which katalog does not read", name)
	}
	return e, nil
}

// spend counts n bytes of replacement text against the expansion budget.
func (z *tokenizer) spend(n int, line, col int) error {
	z.dtd.expanded += int64(n)
	if max := maxExpansion(z.main.Offset()); z.dtd.expanded > max {
		return z.errorAt(line, col, "entity expansion beyond %d bytes (%d bytes of input): refused as an entity bomb", max, z.main.Offset())
	}
	return nil
}

// expandAttr appends the replacement text of entity e, referred to in an
// attribute value, as XML 1.0 §3.3.3 normalizes it: white space becomes a
// space, character and entity references are replaced (recursively). chain
// holds the entities being expanded, e's name last.
func (z *tokenizer) expandAttr(dst []byte, name string, e *entity, chain []string, line, col int) ([]byte, error) {
	t := e.text
	for i := 0; i < len(t); {
		switch c := t[i]; c {
		case '<':
			return dst, z.errorAt(line, col, "'<' in the replacement text of &%s;, referred to in an attribute value", name)
		case '\t', '\n', '\r':
			dst = append(dst, ' ')
			i++
		case '&':
			end := strings.IndexByte(string(t[i:]), ';')
			if end < 2 {
				return dst, z.errorAt(line, col, "bad reference in the replacement text of &%s;", name)
			}
			ref := string(t[i+1 : i+end])
			i += end + 1
			if ref[0] == '#' {
				r, ok := parseCharRef(ref[1:])
				if !ok {
					return dst, z.errorAt(line, col, "bad character reference &%s; in the replacement text of &%s;", ref, name)
				}
				dst = utf8.AppendRune(dst, r)
				continue
			}
			if b, ok := predefined(ref); ok {
				dst = append(dst, b)
				continue
			}
			if len(chain) >= maxEntityDepth {
				return dst, z.errorAt(line, col, "entity references nested deeper than %d", maxEntityDepth)
			}
			for _, n := range chain {
				if n == ref {
					return dst, z.errorAt(line, col, "entity &%s; refers to itself", ref)
				}
			}
			inner, err := z.lookupEntity(ref, line, col)
			if err != nil {
				return dst, err
			}
			if err := z.spend(len(inner.text), line, col); err != nil {
				return dst, err
			}
			if dst, err = z.expandAttr(dst, ref, inner, append(chain, ref), line, col); err != nil {
				return dst, err
			}
		default:
			dst = append(dst, c)
			i++
		}
	}
	return dst, nil
}

// predefined returns the character of a predefined entity.
func predefined(name string) (byte, bool) {
	switch name {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "apos":
		return '\'', true
	case "quot":
		return '"', true
	}
	return 0, false
}

// parseCharRef parses the digits of a character reference after "&#":
// decimal, or hexadecimal after 'x'. The character must be an XML Char.
func parseCharRef(digits string) (rune, bool) {
	base := rune(10)
	if len(digits) > 0 && digits[0] == 'x' {
		base, digits = 16, digits[1:]
	}
	if digits == "" {
		return 0, false
	}
	var r rune
	for i := 0; i < len(digits); i++ {
		v := rdfparse.Hex(digits[i])
		if v < 0 || base == 10 && v > 9 {
			return 0, false
		}
		r = r*base + rune(v)
		if r > utf8.MaxRune {
			return 0, false
		}
	}
	return r, isXMLChar(r)
}

// popEntity ends the entity whose replacement text has been read: its
// elements must all have ended in it.
func (z *tokenizer) popEntity() error {
	f := z.entities[len(z.entities)-1]
	if z.depth != f.depth {
		return z.errorf("element not closed in the replacement text of &%s;", f.name)
	}
	z.entities = z.entities[:len(z.entities)-1]
	z.in = f.in
	return nil
}
