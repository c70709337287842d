package dcat

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/iri"
	"github.com/katalog-se/katalog/dcat/syntax/langtag"
	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
	"github.com/katalog-se/katalog/dcat/syntax/xmltext"
	"github.com/katalog-se/katalog/dcat/syntax/xsd"
)

// Emit receives triples one at a time. An error stops the mapping and is
// returned by the emit function that called it.
type Emit func(rdf.Triple) error

// ErrMissing means a value DCAT-AP-SE 3.0.1 makes mandatory is absent.
var ErrMissing = errors.New("missing; DCAT-AP-SE 3.0.1 makes it mandatory")

// ErrInvalid is wrapped by FieldErrors for values that are neither a valid
// IRI, text nor language tag but are wrong in another way (an unknown
// date form, a negative byte size, a dangling reference).
var ErrInvalid = errors.New("invalid value")

// FieldError reports a value that cannot be written: the resource ("dataset
// 6f1c…", "agency 2021005281"), the field as a JSON path of the API body
// ("distributions/0/accessURL", "title/sv"), the value and the cause, which
// wraps ErrMissing, ErrInvalid or an error of dcat/syntax/iri, dcat/syntax/xmltext
// or dcat/syntax/langtag.
type FieldError struct {
	Resource string
	Field    string
	Value    string
	Err      error
}

// Error implements error.
func (e *FieldError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("%s: %s: %v", e.Resource, e.Field, e.Err)
	}
	return fmt.Sprintf("%s: %s: %q: %v", e.Resource, e.Field, truncate(e.Value, 120), e.Err)
}

// Unwrap returns the cause.
func (e *FieldError) Unwrap() error { return e.Err }

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utfStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func utfStart(b byte) bool { return b&0xC0 != 0x80 }

// graph collects one resource's triples, checking every input term, so
// that they can be emitted all or not at all. The first error sticks; later
// adds are ignored. Duplicate triples are dropped: they can only come from
// lists (several equal themes, keywords, languages…) or from language tags
// that differ only in form ("SV", "sv"), and from the first such value on,
// add compares each triple with those collected.
type graph struct {
	// resource is kind+id: "dataset " and the dataset's ID, built on failure only.
	kind, id string
	ts       []rdf.Triple
	err      error
	terms    terms // constant IRIs, checked and boxed once
	dedup    bool  // a duplicate may come: compare on add
	// the last subject boxed as an interface, reused while it repeats
	lastIRI  string
	lastSubj rdf.Subject
}

// maxPooledTriples bounds the graphs a Mapper keeps for reuse.
const maxPooledTriples = 1024

// graph returns an empty graph for the resource kind+id (kind ends in a
// space when id is not empty), for about size triples, from m's pool.
func (m *Mapper) graph(kind, id string, size int) *graph {
	g, _ := m.pool.Get().(*graph)
	if g == nil {
		g = &graph{ts: make([]rdf.Triple, 0, size)}
	}
	g.kind, g.id, g.terms = kind, id, m.terms
	return g
}

// release returns g to m's pool once its triples have been emitted.
func (m *Mapper) release(g *graph) {
	if cap(g.ts) > maxPooledTriples {
		return
	}
	clear(g.ts)
	*g = graph{ts: g.ts[:0]}
	m.pool.Put(g)
}

func (g *graph) fail(field, value string, err error) {
	if g.err == nil {
		g.err = &FieldError{Resource: g.kind + g.id, Field: field, Value: value, Err: err}
	}
}

// flush emits the collected triples grouped by subject (subjects in order
// of first appearance, each subject's triples in the order added, so its
// rdf:type comes first), or returns the first error. Grouping lets RDF/XML
// and Turtle write each resource as one node.
func (g *graph) flush(emit Emit) error {
	if g.err != nil {
		return g.err
	}
	var done []bool
	for i := range g.ts {
		if done != nil && done[i] {
			continue
		}
		subj := g.ts[i].Subj
		for j := i; j < len(g.ts); j++ {
			if done != nil && done[j] || g.ts[j].Subj != subj {
				continue
			}
			if j > i && done == nil {
				done = make([]bool, len(g.ts))
			}
			if done != nil {
				done[j] = true
			}
			if err := emit(g.ts[j]); err != nil {
				return err
			}
		}
	}
	return nil
}

// node checks s, an input IRI, and returns it as a term.
func (g *graph) node(field, s string) (rdf.IRI, bool) {
	if g.err != nil {
		return rdf.IRI{}, false
	}
	if err := iri.Check(s); err != nil {
		g.fail(field, s, err)
		return rdf.IRI{}, false
	}
	return g.minted(field, s)
}

// minted returns s as a term without checking it as an IRI: s is built by
// the mapper from the checked base URL (or a parsed organisation number)
// and percent-encoded IDs, which makes it valid.
func (g *graph) minted(field, s string) (rdf.IRI, bool) {
	if g.err != nil {
		return rdf.IRI{}, false
	}
	t, err := rdf.NewIRI(s)
	if err != nil {
		g.fail(field, s, err)
		return rdf.IRI{}, false
	}
	return t, true
}

// term returns one of the package's IRI constants as a term. They are all
// valid, which a test checks; an invalid one still fails cleanly.
func (g *graph) term(s string) rdf.IRI {
	if t, ok := g.terms[s]; ok {
		return t.iri
	}
	t, err := rdf.NewIRI(s)
	if err != nil && g.err == nil {
		g.err = fmt.Errorf("dcat: bad constant IRI %q: %w", s, err)
	}
	return t
}

// pred returns the constant predicate p as a term.
func (g *graph) pred(p string) rdf.Predicate {
	if t, ok := g.terms[p]; ok {
		return t.pred
	}
	return g.term(p)
}

// subj returns s boxed as a subject, reusing the last one while s repeats.
func (g *graph) subj(s rdf.IRI) rdf.Subject {
	if g.lastSubj == nil || s.String() != g.lastIRI {
		g.lastIRI, g.lastSubj = s.String(), s
	}
	return g.lastSubj
}

func (g *graph) add(s rdf.IRI, p string, o rdf.Object) {
	if g.err != nil {
		return
	}
	t := rdf.Triple{Subj: g.subj(s), Pred: g.pred(p), Obj: o}
	if g.dedup {
		// A resource has a few dozen triples: a scan is cheaper than a set.
		for i := range g.ts {
			if g.ts[i] == t {
				return
			}
		}
	}
	g.ts = append(g.ts, t)
}

// typ adds s rdf:type class.
func (g *graph) typ(s rdf.IRI, class string) {
	if t, ok := g.terms[class]; ok {
		g.add(s, RDFType, t.obj)
		return
	}
	g.add(s, RDFType, g.term(class))
}

// link adds s p <o> after checking o; an empty o adds nothing. The
// constant IRIs (vocabulary terms) need no check.
func (g *graph) link(s rdf.IRI, p, field, o string) {
	g.linkAt(s, p, field, -1, o)
}

// linkAt is link for the i-th value of a list: a failure names the field
// field/i (formatted only then). i < 0 means no index.
func (g *graph) linkAt(s rdf.IRI, p, field string, i int, o string) {
	if o == "" || g.err != nil {
		return
	}
	if t, ok := g.terms[o]; ok {
		g.add(s, p, t.obj)
		return
	}
	if err := iri.Check(o); err != nil {
		if i >= 0 {
			field = fmt.Sprintf("%s/%d", field, i)
		}
		g.fail(field, o, err)
		return
	}
	if t, ok := g.minted(field, o); ok {
		g.add(s, p, t)
	}
}

// mintedLink adds s p <o> for an IRI o the mapper built (see minted).
func (g *graph) mintedLink(s rdf.IRI, p, field, o string) {
	if t, ok := g.minted(field, o); ok {
		g.add(s, p, t)
	}
}

// links adds s p <o> for every non-empty o; the field of the i-th is
// field/i (formatted only on failure).
// A value equal to an earlier one adds nothing (the list's predicate is
// used by no other triple of the subject, so only the list can repeat it).
func (g *graph) links(s rdf.IRI, p, field string, os []string) {
	for i, o := range os {
		o = strings.TrimSpace(o)
		if !repeated(os[:i], o) {
			g.linkAt(s, p, field, i, o)
		}
	}
}

// repeated reports whether o equals one of earlier, trimmed. Lists are
// short: a scan is cheaper than a set.
func repeated(earlier []string, o string) bool {
	for _, e := range earlier {
		if strings.TrimSpace(e) == o {
			return true
		}
	}
	return false
}

// text checks s as XML 1.0 text.
func (g *graph) text(field, s string) bool {
	if g.err != nil {
		return false
	}
	if err := xmltext.Check(s); err != nil {
		g.fail(field, s, err)
		return false
	}
	return true
}

// plain adds s p "text" (xsd:string); empty text adds nothing.
func (g *graph) plain(s rdf.IRI, p, field, text string) {
	if strings.TrimSpace(text) == "" || !g.text(field, text) {
		return
	}
	l, err := rdf.NewLiteral(text)
	if err != nil {
		g.fail(field, text, err)
		return
	}
	g.add(s, p, l)
}

// typed adds s p "lex"^^dt.
func (g *graph) typed(s rdf.IRI, p, field, lex, dt string) {
	if !g.text(field, lex) {
		return
	}
	g.add(s, p, rdf.NewTypedLiteral(lex, g.term(dt)))
}

// lang adds s p "text"@tag after checking both; empty text adds nothing.
func (g *graph) lang(s rdf.IRI, p, field, text, tag string) bool {
	return g.langSub(s, p, field, "", text, tag)
}

// langSub is lang for the field field/sub (sub "" for field alone),
// joined only on failure.
func (g *graph) langSub(s rdf.IRI, p, field, sub, text, tag string) bool {
	if g.err != nil || strings.TrimSpace(text) == "" {
		return false
	}
	name := func() string {
		if sub == "" {
			return field
		}
		return field + "/" + sub
	}
	if err := xmltext.Check(text); err != nil {
		g.fail(name(), text, err)
		return false
	}
	if !simpleTag(tag) {
		// The language-tag policy (dcat/syntax/langtag): any well-formed
		// BCP 47 tag, published in its canonical case.
		canonical, err := langtag.Normalize(tag)
		if err != nil {
			g.fail(name(), tag, fmt.Errorf("language tag: %w", err))
			return false
		}
		tag = canonical
		// Another tag of the resource may have the same canonical form.
		g.dedup = true
	}
	// Not knakk's rdf.NewLangLiteral: it refuses well-formed tags with more
	// than one '-' ("zh-Hant-TW", "en-GB-oed"). rdfparse.LangLiteral keeps
	// the checked tag as it is.
	g.add(s, p, rdfparse.LangLiteral(text, tag, g.term(RDFLangString)))
	return true
}

// simpleTag reports whether tag is two or three lower-case ASCII letters:
// a well-formed, canonical language tag such as "sv", "en" or "sma".
func simpleTag(tag string) bool {
	if len(tag) < 2 || len(tag) > 3 {
		return false
	}
	for i := 0; i < len(tag); i++ {
		if tag[i] < 'a' || tag[i] > 'z' {
			return false
		}
	}
	return true
}

// langs adds one literal per language of ls and reports how many it added.
func (g *graph) langs(s rdf.IRI, p, field string, ls map[string]string, order []string) int {
	n := 0
	for _, tag := range order {
		if g.langSub(s, p, field, tag, ls[tag], tag) {
			n++
		}
	}
	return n
}

// date adds s p with a datatype chosen by the form of v, as the validator
// reads dates (xsd.DateDatatype, validate.DateDatatype): "2024" is xsd:gYear, "2024-05"
// xsd:gYearMonth, "2024-01-31" xsd:date, "2024-01-31T10:00:00" with an
// optional fraction and time zone xsd:dateTime. The lexical form is
// published as given. Other forms are an error; "" adds nothing.
func (g *graph) date(s rdf.IRI, p, field, v string) {
	v = strings.TrimSpace(v)
	if v == "" || g.err != nil {
		return
	}
	dt, ok := xsd.DateDatatype(v)
	if !ok {
		g.fail(field, v, fmt.Errorf("%w: want a date (2024-01-31), a year (2024), a month (2024-01) or a date-time (2024-01-31T10:00:00, optionally with a time zone)", ErrInvalid))
		return
	}
	g.typed(s, p, field, v, dt)
}

// dateTime formats t as an xsd:dateTime in UTC to the second.
func dateTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05Z")
}

// mailto returns the mailto: IRI of an e-mail address (RFC 6068): a
// leading "mailto:" is dropped, and every character outside unreserved and
// RFC 6068's some-delims is percent-encoded as UTF-8 ('%' as %25, '?' as
// %3F, an '@' inside the local part as %40, non-ASCII too).
func mailto(addr string) (string, error) {
	a := strings.TrimSpace(addr)
	if len(a) >= 7 && strings.EqualFold(a[:7], "mailto:") {
		a = a[7:]
	}
	at := strings.LastIndexByte(a, '@')
	if at <= 0 || at == len(a)-1 {
		return "", fmt.Errorf("%w: not an e-mail address (want local@domain)", ErrInvalid)
	}
	var b strings.Builder
	b.Grow(len(a) + 16)
	b.WriteString("mailto:")
	mailEscape(&b, a[:at])
	b.WriteByte('@')
	mailEscape(&b, a[at+1:])
	return b.String(), nil
}

func mailEscape(b *strings.Builder, s string) {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9',
			strings.IndexByte("-._~!$'()*+,;:", c) >= 0:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
}

// telIRI returns a tel: IRI (RFC 3966, global form) for a phone number.
// Visual separators (space, '-', '.', '(', ')') are dropped; "00" and a
// leading "0" (a Swedish national number) become "+" and "+46".
func telIRI(phone string) (string, error) {
	var digits strings.Builder
	p := strings.TrimSpace(phone)
	if len(p) >= 4 && strings.EqualFold(p[:4], "tel:") {
		p = p[4:]
	}
	plus := strings.HasPrefix(p, "+")
	if plus {
		p = p[1:]
	}
	for _, r := range p {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r == ' ' || r == '-' || r == '.' || r == '(' || r == ')' || r == '\u00a0':
		default:
			return "", fmt.Errorf("%w: %q is not allowed in a phone number", ErrInvalid, r)
		}
	}
	d := digits.String()
	switch {
	case len(d) < 3:
		return "", fmt.Errorf("%w: a phone number needs digits", ErrInvalid)
	case plus:
		return "tel:+" + d, nil
	case strings.HasPrefix(d, "00"):
		return "tel:+" + d[2:], nil
	case strings.HasPrefix(d, "0"):
		return "tel:+46" + d[1:], nil
	}
	return "tel:+" + d, nil
}
