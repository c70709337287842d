package dcat

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/internal/iri"
	"github.com/katalog-se/katalog/internal/langtag"
	"github.com/katalog-se/katalog/internal/xmltext"
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
// wraps ErrMissing, ErrInvalid or an error of internal/iri, internal/xmltext
// or internal/langtag.
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

// graph collects one resource's triples, checking every term, so that they
// can be emitted all or not at all. The first error sticks; later adds are
// ignored. Duplicate triples are dropped.
type graph struct {
	resource string
	ts       []rdf.Triple
	err      error
}

// newGraph returns a graph for about size triples.
func newGraph(resource string, size int) *graph {
	return &graph{resource: resource, ts: make([]rdf.Triple, 0, size)}
}

func (g *graph) fail(field, value string, err error) {
	if g.err == nil {
		g.err = &FieldError{Resource: g.resource, Field: field, Value: value, Err: err}
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

// node returns s, already checked, as an IRI term.
func (g *graph) node(field, s string) (rdf.IRI, bool) {
	if g.err != nil {
		return rdf.IRI{}, false
	}
	if err := iri.Check(s); err != nil {
		g.fail(field, s, err)
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
	t, err := rdf.NewIRI(s)
	if err != nil && g.err == nil {
		g.err = fmt.Errorf("dcat: bad constant IRI %q: %w", s, err)
	}
	return t
}

func (g *graph) add(s rdf.Subject, p string, o rdf.Object) {
	if g.err != nil {
		return
	}
	t := rdf.Triple{Subj: s, Pred: g.term(p), Obj: o}
	// A resource has a few dozen triples: a scan is cheaper than a set.
	for i := range g.ts {
		if g.ts[i] == t {
			return
		}
	}
	g.ts = append(g.ts, t)
}

// typ adds s rdf:type class.
func (g *graph) typ(s rdf.IRI, class string) { g.add(s, RDFType, g.term(class)) }

// link adds s p <o> after checking o; an empty o adds nothing.
func (g *graph) link(s rdf.IRI, p, field, o string) {
	if o == "" || g.err != nil {
		return
	}
	if t, ok := g.node(field, o); ok {
		g.add(s, p, t)
	}
}

// links adds s p <o> for every non-empty o; the field of the i-th is
// field/i (formatted only on failure).
func (g *graph) links(s rdf.IRI, p, field string, os []string) {
	for i, o := range os {
		o = strings.TrimSpace(o)
		if o == "" || g.err != nil {
			continue
		}
		if err := iri.Check(o); err != nil {
			g.fail(fmt.Sprintf("%s/%d", field, i), o, err)
			return
		}
		g.link(s, p, field, o)
	}
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
	if strings.TrimSpace(text) == "" || !g.text(field, text) {
		return false
	}
	if !simpleTag(tag) {
		if err := langtag.Check(tag); err != nil {
			g.fail(field, tag, fmt.Errorf("language tag: %w", err))
			return false
		}
		tag = langtag.Canonical(tag)
	}
	l, err := rdf.NewLangLiteral(text, tag)
	if err != nil {
		// knakk/rdf accepts only language-region tags ("sv", "en-GB").
		g.fail(field, tag, fmt.Errorf("language tag not supported by the RDF term model: %w", err))
		return false
	}
	g.add(s, p, l)
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
		if g.lang(s, p, field+"/"+tag, ls[tag], tag) {
			n++
		}
	}
	return n
}

// date adds s p with a datatype chosen by the form of v: "2024" is
// xsd:gYear, "2024-01-31" xsd:date, "2024-01-31T10:00:00Z" (offset or
// none, optional fraction) xsd:dateTime. Other forms are an error; "" adds
// nothing.
func (g *graph) date(s rdf.IRI, p, field, v string) {
	v = strings.TrimSpace(v)
	if v == "" || g.err != nil {
		return
	}
	lex, dt, ok := dateLiteral(v)
	if !ok {
		g.fail(field, v, fmt.Errorf("%w: want a date (2024-01-31), a year (2024) or an RFC 3339 date-time", ErrInvalid))
		return
	}
	g.typed(s, p, field, lex, dt)
}

func dateLiteral(v string) (lex, dt string, ok bool) {
	switch {
	case len(v) == 4 && allDigits(v):
		return v, XSDGYear, true
	case len(v) == 10:
		if _, err := time.Parse("2006-01-02", v); err == nil {
			return v, XSDDate, true
		}
		return "", "", false
	}
	if len(v) < 19 || v[10] != 'T' {
		return "", "", false
	}
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return t.Format(time.RFC3339Nano), XSDDateTime, true
	}
	if t, err := time.Parse("2006-01-02T15:04:05", v); err == nil {
		return t.Format("2006-01-02T15:04:05.999999999"), XSDDateTime, true
	}
	return "", "", false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
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
