package processor

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/syntax/langtag"
	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
)

// converter builds the triples of one input. Triples are deduplicated (the
// Processor builds an RDF4J model, a set) and kept in first-emitted order.
type converter struct {
	// catalogName names the multi-file mode's catalog file in errors.
	catalogName string
	sch         *schema
	errs        Errors
	out         []rdf.Triple
	seen        map[string]struct{}
	blanks      int
	// publisher is the catalog's publisher, the publisher of every dataset
	// and series that names none.
	publisher rdf.Object
	// abouts records where each subject IRI was given: like the Processor,
	// one IRI may describe one resource only (agents excepted).
	abouts map[string]pointer
	// maxTriples bounds len(out); cur is the value being converted, where
	// an error about the bound points.
	maxTriples int
	cur        pointer
}

func newConverter() *converter {
	return &converter{sch: newSchema(), seen: make(map[string]struct{}), abouts: make(map[string]pointer)}
}

func (c *converter) fail(p pointer, sv, en string, a ...any) {
	e := &Error{Pointer: string(p), Message: Message{SV: fmt.Sprintf(sv, a...), EN: fmt.Sprintf(en, a...)}}
	if rest, ok := strings.CutPrefix(e.Pointer, inCatalog); ok {
		e.Pointer, e.File = rest, c.catalogName
	}
	c.errs = append(c.errs, e)
}

func (c *converter) emit(s rdf.Subject, p string, o rdf.Object) {
	t := rdf.Triple{Subj: s, Pred: mustIRI(p), Obj: o}
	k := t.Subj.Serialize(rdf.NTriples) + " " + p + " " + t.Obj.Serialize(rdf.NTriples)
	if _, ok := c.seen[k]; ok {
		return
	}
	if c.maxTriples > 0 && len(c.out) >= c.maxTriples {
		c.fail(c.cur, "ger fler än %d tripler; dela upp indata", "makes more than %d triples; split the input", c.maxTriples)
		panic(overBudget{})
	}
	c.seen[k] = struct{}{}
	c.out = append(c.out, t)
}

// mustIRI boxes an IRI that is known to be valid: a constant, or a value
// fixIRI or a vocabulary has already checked. Anything else is a bug.
func mustIRI(s string) rdf.IRI {
	i, err := rdf.NewIRI(s)
	if err != nil {
		panic(fmt.Sprintf("processor: invalid constant IRI %q: %v", s, err))
	}
	return i
}

func (c *converter) blank() rdf.Blank {
	c.blanks++
	b, _ := rdf.NewBlank("b" + strconv.Itoa(c.blanks))
	return b
}

// match is an input key resolved to a field of a class.
type match struct {
	f    *field
	lang string // the key's language suffix, or ""
}

// textKind reports whether a field takes a "-xx" language suffix.
func textKind(k valueKind) bool {
	switch k {
	case vText, vProse, vProvenance, vLiteral:
		return true
	}
	return false
}

// resolve maps an input key to a field of cls. Besides the exact key it
// accepts a language suffix ("title-sv") on text fields and, like the
// Processor, a numbered repeat ("contactPoint 2", "page 1").
func resolve(cls *class, key string) (match, bool) {
	if f := cls.field(key); f != nil {
		return match{f: f}, true
	}
	for i := range cls.fields {
		f := &cls.fields[i]
		if !textKind(f.kind) {
			continue
		}
		if tag, ok := strings.CutPrefix(key, f.key+"-"); ok {
			if lang, err := langtag.Normalize(tag); err == nil {
				return match{f: f, lang: lang}, true
			}
		}
	}
	if i := strings.LastIndexByte(key, ' '); i > 0 && i < len(key)-1 {
		base := key[:i]
		if f := cls.field(base); f != nil {
			return match{f: f}, true
		}
		// The Processor matches keys by substring: "copyrightHoldertest 2"
		// is a copyrightHolder. Take the longest field name base starts with.
		var best *field
		for j := range cls.fields {
			f := &cls.fields[j]
			if strings.HasPrefix(base, f.key) && (best == nil || len(f.key) > len(best.key)) && !textKind(f.kind) {
				best = f
			}
		}
		if best != nil {
			return match{f: best}, true
		}
	}
	return match{}, false
}

// object converts one object of class cls at p and returns its subject, or
// nil when it has errors that leave it without one.
func (c *converter) object(n *node, p pointer, cls *class) rdf.Subject {
	if n.kind != kObject {
		c.fail(p, "ska vara ett objekt (%s), inte %s", "must be an object (%s), not %s", cls.name, n.kind)
		return nil
	}
	subj := c.subject(n, p, cls)
	if subj == nil {
		return nil
	}
	if cls.typ != "" {
		c.emit(subj, dcat.RDFType, mustIRI(cls.typ))
	}
	for _, e := range cls.extra {
		c.emit(subj, e[0], mustIRI(e[1]))
	}
	present := map[string]bool{}
	langs := []string{}
	for i, key := range n.keys {
		if key == "about" && cls.about != aboutNone {
			continue
		}
		kp := p.key(key)
		m, ok := resolve(cls, key)
		if !ok {
			c.fail(kp, "okänd nyckel %q i %s", "unknown key %q in %s", key, cls.name)
			continue
		}
		val := n.vals[i]
		if val.kind == kNull {
			continue
		}
		present[m.f.key] = true
		if m.lang != "" {
			langs = append(langs, m.lang)
		}
		c.value(subj, m, val, kp)
	}
	for _, f := range cls.fields {
		if f.required && !present[f.key] {
			c.fail(p, "%q saknas i %s men är obligatorisk", "%q is missing in %s but mandatory", f.key, cls.name)
		}
	}
	for _, f := range cls.fields {
		if f.kind == vPublisher && !present[f.key] && c.publisher != nil {
			c.emit(subj, f.pred, c.publisher)
		}
	}
	if cls == c.sch.catalog {
		for _, t := range c.out {
			if t.Subj == subj && t.Pred.String() == dcat.DCTermsPublisher {
				c.publisher = t.Obj
				break
			}
		}
	}
	if cls.languages {
		for _, l := range langs {
			if code, ok := languageAuthority(strings.ToLower(l)); ok {
				c.emit(subj, dcat.DCTermsLanguage, mustIRI(languageNS+code))
			}
		}
	}
	return subj
}

// subject is the node of an object: its "about" IRI, or a blank node.
func (c *converter) subject(n *node, p pointer, cls *class) rdf.Subject {
	if cls.about == aboutNone {
		return c.blank()
	}
	a := n.get("about")
	if a == nil || a.kind == kNull {
		if cls.about == aboutOptional {
			return c.blank()
		}
		c.fail(p, "\"about\" (IRI) saknas i %s men är obligatorisk", "\"about\" (an IRI) is missing in %s but mandatory", cls.name)
		return nil
	}
	ap := p.key("about")
	if a.kind != kString {
		c.fail(ap, "ska vara en IRI-sträng, inte %s", "must be an IRI string, not %s", a.kind)
		return nil
	}
	s, ok := fixIRI(a.str)
	if !ok {
		c.fail(ap, "%q är ingen giltig IRI", "%q is not a valid IRI", a.str)
		return nil
	}
	if cls.typ != nsFOAF+"Agent" {
		if prev, dup := c.abouts[s]; dup {
			c.fail(ap, "%q beskriver redan en resurs vid %s", "%q already describes the resource at %s", s, prev)
			return nil
		}
		c.abouts[s] = ap
	}
	return mustIRI(s)
}

// scalar is one input string and where it is.
type scalar struct {
	s string
	p pointer
}

// scalars returns the strings of a value: a string or number, or an array
// of them (an extension: the Processor takes only ';'-separated strings).
func (c *converter) scalars(n *node, p pointer) []scalar {
	switch n.kind {
	case kString, kNumber:
		return []scalar{{n.str, p}}
	case kArray:
		var out []scalar
		for i, it := range n.items {
			ip := p.index(i)
			switch it.kind {
			case kString, kNumber:
				out = append(out, scalar{it.str, ip})
			case kNull:
			default:
				c.fail(ip, "ska vara en sträng, inte %s", "must be a string, not %s", it.kind)
			}
		}
		return out
	}
	c.fail(p, "ska vara en sträng, inte %s", "must be a string, not %s", n.kind)
	return nil
}

// objects returns the objects of a value: one object, or an array of them.
func objects(n *node, p pointer) ([]*node, []pointer) {
	if n.kind != kArray {
		return []*node{n}, []pointer{p}
	}
	var ns []*node
	var ps []pointer
	for i, it := range n.items {
		if it.kind == kNull {
			continue
		}
		ns = append(ns, it)
		ps = append(ps, p.index(i))
	}
	return ns, ps
}

// value converts the value of one key of subj.
func (c *converter) value(subj rdf.Subject, m match, n *node, p pointer) {
	f := m.f
	switch f.kind {
	case vIgnored:
		return
	case vObject, vPublisher:
		ns, ps := objects(n, p)
		for i := range ns {
			if o := c.object(ns[i], ps[i], f.cls); o != nil {
				c.emit(subj, f.pred, o.(rdf.Object))
			}
		}
		return
	case vAttrib:
		ns, ps := objects(n, p)
		for i := range ns {
			c.attribution(subj, f, ns[i], ps[i])
		}
		return
	}
	for _, sc := range c.scalars(n, p) {
		c.cur = sc.p
		parts := []string{strings.TrimSpace(sc.s)}
		if f.kind != vProse && f.kind != vProvenance && f.kind != vAddress {
			parts = splitValues(sc.s)
		}
		for _, v := range parts {
			if v == "" {
				continue
			}
			if o := c.term(subj, f, m.lang, v, sc.p); o != nil {
				c.emit(subj, f.pred, o)
			}
		}
	}
}

// attribution writes an "other agent": a prov:Attribution blank node with
// the role, pointing at the agent described by the object's other keys.
func (c *converter) attribution(subj rdf.Subject, f *field, n *node, p pointer) {
	if n.kind != kObject {
		c.fail(p, "ska vara ett objekt (övrig aktör), inte %s", "must be an object (other agent), not %s", n.kind)
		return
	}
	agentNode := &node{kind: kObject}
	role := &node{kind: kObject}
	for i, k := range n.keys {
		if k == "role" {
			role.keys, role.vals = append(role.keys, k), append(role.vals, n.vals[i])
			continue
		}
		agentNode.keys, agentNode.vals = append(agentNode.keys, k), append(agentNode.vals, n.vals[i])
	}
	roleCls := &class{name: f.cls.name, typ: f.cls.typ, about: aboutNone, fields: f.cls.fields[:1]}
	b := c.object(role, p, roleCls)
	agentCls := &class{name: "agent", typ: nsFOAF + "Agent", fields: f.cls.fields[1:]}
	agent := c.object(agentNode, p, agentCls)
	if b == nil {
		return
	}
	c.emit(subj, f.pred, b.(rdf.Object))
	if agent != nil {
		c.emit(b, nsProv+"agent", agent.(rdf.Object))
	}
}

// term converts one scalar value of field f to an RDF object, or reports
// why it cannot and returns nil.
func (c *converter) term(subj rdf.Subject, f *field, lang, v string, p pointer) rdf.Object {
	bad := func(sv, en string) rdf.Object {
		c.fail(p, "%q: "+sv, "%q: "+en, v)
		return nil
	}
	switch f.kind {
	case vText, vProse, vLiteral:
		if lang != "" && f.key != "value" {
			l, err := rdfparse.NewLangLiteral(v, lang)
			if err != nil {
				return bad("ogiltig språkkod", "invalid language tag")
			}
			return l
		}
		return rdf.NewTypedLiteral(v, mustIRI(dcat.XSDString))
	case vIRI:
		s, ok := fixIRI(v)
		if !ok {
			return bad("är ingen giltig IRI", "is not a valid IRI")
		}
		return mustIRI(s)
	case vVocab, vContactType:
		s, ok := f.vocab.resolve(v)
		if !ok {
			return bad(fmt.Sprintf("är inget giltigt värde för %s", f.vocab.name), fmt.Sprintf("is not a supported value of %s", f.vocab.name))
		}
		return mustIRI(s)
	case vDate:
		dt := dateType(v)
		if dt == "" {
			return bad("är inget datum (ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM-DDThh:mm:ss eller ÅÅÅÅ)", "is not a date (YYYY-MM-DD, YYYY-MM-DDThh:mm:ss or YYYY)")
		}
		return rdf.NewTypedLiteral(v, mustIRI(dt))
	case vYear:
		if yearRE.MatchString(v) {
			return rdf.NewTypedLiteral(v, mustIRI(dcat.XSDGYear))
		}
		return rdf.NewTypedLiteral(v, mustIRI(dcat.XSDString))
	case vDuration:
		if !validDuration(v) {
			return bad("är ingen varaktighet (t.ex. P1Y)", "is not a duration (such as P1Y)")
		}
		return rdf.NewTypedLiteral(v, mustIRI(xsdDuration))
	case vDecimal:
		if !decimalRE.MatchString(v) {
			return bad("är inget decimaltal", "is not a decimal number")
		}
		return rdf.NewTypedLiteral(v, mustIRI(xsdDecimal))
	case vCount:
		if !countRE.MatchString(v) {
			return bad("är inget icke-negativt heltal", "is not a non-negative integer")
		}
		return rdf.NewTypedLiteral(v, mustIRI(dcat.XSDNonNegativeInteger))
	case vWKT:
		if !wktRE.MatchString(v) {
			return bad("är ingen WKT-geometri", "is not a WKT geometry")
		}
		return rdf.NewTypedLiteral(v, mustIRI(geoWKT))
	case vFormat:
		if a := formatAlias(v); a != "" {
			v = a
		}
		if !mediaRE.MatchString(v) {
			return bad("är ingen mediatyp", "is not a media type")
		}
		return rdf.NewTypedLiteral(v, mustIRI(dcat.XSDString))
	case vEmail:
		s, ok := mailto(v)
		if !ok {
			return bad("är ingen e-postadress", "is not an e-mail address")
		}
		return mustIRI(s)
	case vPhone:
		s, ok := tel(v)
		if !ok {
			return bad("är inget telefonnummer", "is not a phone number")
		}
		b := c.blank()
		c.emit(b, dcat.RDFType, mustIRI(dcat.VCardVoice))
		c.emit(b, dcat.VCardHasValue, mustIRI(s))
		return b
	case vAddress:
		return c.address(v, p)
	case vADMSID:
		b := c.blank()
		c.emit(b, dcat.RDFType, mustIRI(nsADMS+"Identifier"))
		c.emit(b, nsSKOS+"notation", rdf.NewTypedLiteral(v, mustIRI(dcat.XSDString)))
		return b
	case vProvenance:
		b := c.blank()
		c.emit(b, dcat.RDFType, mustIRI(nsDCT+"ProvenanceStatement"))
		var d rdf.Object = rdf.NewTypedLiteral(v, mustIRI(dcat.XSDString))
		if lang != "" {
			if l, err := rdfparse.NewLangLiteral(v, lang); err == nil {
				d = l
			}
		}
		c.emit(b, nsDCT+"description", d)
		return b
	}
	return bad("kan inte konverteras", "cannot be converted")
}

// address converts "street; postal code; locality; country".
func (c *converter) address(v string, p pointer) rdf.Object {
	parts := strings.Split(v, ";")
	if len(parts) != 4 {
		c.fail(p, "%q: en adress ska ha fyra delar: gatuadress; postnummer; ort; land", "%q: an address must have four parts: street; postal code; locality; country", v)
		return nil
	}
	b := c.blank()
	c.emit(b, dcat.RDFType, mustIRI(nsVCard+"Address"))
	for i, pred := range []string{"street-address", "postal-code", "locality", "country-name"} {
		if s := strings.TrimSpace(parts[i]); s != "" {
			c.emit(b, nsVCard+pred, rdf.NewTypedLiteral(s, mustIRI(dcat.XSDString)))
		}
	}
	return b
}
