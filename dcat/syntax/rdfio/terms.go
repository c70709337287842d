package rdfio

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/katalog-se/katalog/dcat/syntax/iri"
	"github.com/katalog-se/katalog/dcat/syntax/langtag"
	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
	"github.com/katalog-se/katalog/dcat/syntax/xmltext"
	"github.com/knakk/rdf"
)

// Sentinel errors wrapped by *InvalidTermError when no more specific cause
// (an *iri.Error, *langtag.Error or *xmltext.Error) applies.
var (
	ErrMissingTerm   = errors.New("the term is missing")
	ErrTermKind      = errors.New("the term is of a kind not allowed in this position")
	ErrEmptyBlank    = errors.New("the blank node has no label")
	ErrInvalidUTF8   = errors.New("the text is not valid UTF-8")
	ErrLangNoTag     = errors.New("the literal has datatype rdf:langString but no language tag")
	ErrLangSetTyped  = errors.New("the literal has a language tag and a datatype other than rdf:langString")
	ErrNoNCNameSplit = errors.New("the IRI has no suffix that is an XML NCName")
)

// InvalidTermError reports a triple that a writer refuses because one of its
// terms is not valid RDF: an IRI that is not absolute or not RFC 3987, a
// malformed language tag, text that is not valid UTF-8. Nothing of the
// triple is written, and the writer stays usable.
type InvalidTermError struct {
	Format   Format
	Position string // "subject", "predicate", "object", "datatype", "language tag" or "graph"
	Value    string // the offending IRI, tag or text (text is shortened)
	Err      error  // cause
}

func (e *InvalidTermError) Error() string {
	return fmt.Sprintf("%s writer: invalid %s %q: %v", e.Format, e.Position, e.Value, e.Err)
}

// Unwrap returns the cause.
func (e *InvalidTermError) Unwrap() error { return e.Err }

// UnencodableError reports a valid triple that a syntax cannot express, e.g.
// an RDF/XML property IRI without an NCName local part, or text with a
// character XML 1.0 does not allow. Nothing of the triple is written, and
// the writer stays usable.
type UnencodableError struct {
	Format   Format
	Position string // "subject", "predicate", "object", "datatype" or "graph"
	Value    string // the offending IRI or text (text is shortened)
	Err      error  // why the syntax cannot express it
}

func (e *UnencodableError) Error() string {
	return fmt.Sprintf("%s writer cannot express %s %q: %v", e.Format, e.Position, e.Value, e.Err)
}

// Unwrap returns the reason.
func (e *UnencodableError) Unwrap() error { return e.Err }

// Kind tells IRIs, blank nodes and literals apart.
type Kind uint8

// The kinds of Term.
const (
	IRI Kind = iota + 1
	Blank
	Literal
)

// Term is a checked RDF term taken apart for writing.
type Term struct {
	Kind Kind
	// Value is the IRI, the blank node label (without "_:", not yet made
	// safe: see AppendBlankLabel) or the literal's lexical form.
	Value string
	// Lang is the literal's language tag, as given.
	Lang string
	// Datatype is the literal's datatype IRI; "" for xsd:string and for
	// language-tagged strings.
	Datatype string
}

// Checker validates triples for a writer. It remembers IRIs and tags it has
// already accepted (a bounded number), so that repeated predicates, classes
// and datatypes are checked once. A Checker is not safe for concurrent use.
type Checker struct {
	format Format
	// XMLText, when true, refuses literal text that XML 1.0 cannot hold.
	xmlText   bool
	lastGraph string
	lastSubj  string
	lastPred  string                    // the last predicate accepted: the cheapest hit
	known     *rdfparse.Cache[struct{}] // recently accepted predicate, datatype and object IRIs
	langs     map[string]struct{}
}

// maxKnown bounds a Checker's memory of accepted language tags.
const maxKnown = 4096

// NewChecker returns a Checker for the writer of format f. With xmlText,
// literals must be XML 1.0 character data (RDF/XML).
func NewChecker(f Format, xmlText bool) *Checker {
	return &Checker{format: f, xmlText: xmlText, known: &rdfparse.Cache[struct{}]{}, langs: make(map[string]struct{}, 8)}
}

// Format is the syntax of the checker's writer.
func (c *Checker) Format() Format { return c.format }

func (c *Checker) invalid(pos, v string, err error) error {
	return &InvalidTermError{Format: c.format, Position: pos, Value: shorten(v), Err: err}
}

// Unencodable returns an *UnencodableError for the checker's format.
func (c *Checker) Unencodable(pos, v string, err error) error {
	return &UnencodableError{Format: c.format, Position: pos, Value: shorten(v), Err: err}
}

func shorten(s string) string {
	if len(s) <= 200 {
		return s
	}
	i := 200
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// checkIRI checks an IRI; cache says whether to remember it.
func (c *Checker) checkIRI(pos, s string, cache bool) error {
	if cache {
		if _, ok := c.known.Get(s); ok {
			return nil
		}
	}
	if err := iri.Check(s); err != nil {
		return c.invalid(pos, s, err)
	}
	if cache {
		c.known.Put(s, struct{}{})
	}
	return nil
}

// Triple checks t and takes its terms apart. The error is an
// *InvalidTermError or an *UnencodableError.
func (c *Checker) Triple(t rdf.Triple) (s, p, o Term, err error) {
	if s, err = c.subject(t.Subj); err != nil {
		return
	}
	if p, err = c.predicate(t.Pred); err != nil {
		return
	}
	o, err = c.object(t.Obj)
	return
}

// Graph checks the name of a quad's graph: an absolute IRI or a blank
// node. nil, the default graph, gives the zero Term (Kind 0). The error is
// an *InvalidTermError.
func (c *Checker) Graph(g rdf.Context) (Term, error) {
	switch v := g.(type) {
	case nil:
		return Term{}, nil
	case rdf.IRI:
		s := v.String()
		if s != c.lastGraph || s == "" {
			if err := c.checkIRI("graph", s, false); err != nil {
				return Term{}, err
			}
			c.lastGraph = s
		}
		return Term{Kind: IRI, Value: s}, nil
	case rdf.Blank:
		return c.blank("graph", v)
	}
	return Term{}, c.invalid("graph", g.String(), ErrTermKind)
}

func (c *Checker) subject(t rdf.Subject) (Term, error) {
	switch v := t.(type) {
	case rdf.IRI:
		s := v.String()
		if s != c.lastSubj || s == "" {
			if err := c.checkIRI("subject", s, false); err != nil {
				return Term{}, err
			}
			c.lastSubj = s
		}
		return Term{Kind: IRI, Value: s}, nil
	case rdf.Blank:
		return c.blank("subject", v)
	case nil:
		return Term{}, c.invalid("subject", "", ErrMissingTerm)
	}
	return Term{}, c.invalid("subject", t.String(), ErrTermKind)
}

func (c *Checker) blank(pos string, b rdf.Blank) (Term, error) {
	l := strings.TrimPrefix(b.Serialize(rdf.NTriples), "_:")
	if l == "" {
		return Term{}, c.invalid(pos, "", ErrEmptyBlank)
	}
	return Term{Kind: Blank, Value: l}, nil
}

func (c *Checker) predicate(t rdf.Predicate) (Term, error) {
	switch v := t.(type) {
	case rdf.IRI:
		s := v.String()
		if s != c.lastPred || s == "" {
			if err := c.checkIRI("predicate", s, true); err != nil {
				return Term{}, err
			}
			c.lastPred = s
		}
		return Term{Kind: IRI, Value: s}, nil
	case nil:
		return Term{}, c.invalid("predicate", "", ErrMissingTerm)
	}
	return Term{}, c.invalid("predicate", t.String(), ErrTermKind)
}

func (c *Checker) object(t rdf.Object) (Term, error) {
	switch v := t.(type) {
	case rdf.IRI:
		s := v.String()
		// Objects repeat too (classes, licences, themes): cache them.
		if err := c.checkIRI("object", s, true); err != nil {
			return Term{}, err
		}
		return Term{Kind: IRI, Value: s}, nil
	case rdf.Blank:
		return c.blank("object", v)
	case rdf.Literal:
		return c.literal(v)
	case nil:
		return Term{}, c.invalid("object", "", ErrMissingTerm)
	}
	return Term{}, c.invalid("object", t.String(), ErrTermKind)
}

func (c *Checker) literal(l rdf.Literal) (Term, error) {
	n := Term{Kind: Literal, Value: l.String(), Lang: l.Lang(), Datatype: l.DataType.String()}
	if c.xmlText {
		if err := xmltext.Check(n.Value); err != nil {
			if errors.Is(err, xmltext.ErrInvalidUTF8) {
				return Term{}, c.invalid("object", n.Value, err)
			}
			return Term{}, c.Unencodable("object", n.Value, err)
		}
	} else if !utf8.ValidString(n.Value) {
		return Term{}, c.invalid("object", n.Value, ErrInvalidUTF8)
	}
	if n.Lang != "" {
		if n.Datatype != RDFLangString && n.Datatype != "" {
			return Term{}, c.invalid("datatype", n.Datatype, ErrLangSetTyped)
		}
		n.Datatype = ""
		if _, ok := c.langs[n.Lang]; !ok {
			if err := langtag.Check(n.Lang); err != nil {
				return Term{}, c.invalid("language tag", n.Lang, err)
			}
			if len(c.langs) < maxKnown {
				c.langs[n.Lang] = struct{}{}
			}
		}
		return n, nil
	}
	switch n.Datatype {
	case XSDString, "":
		n.Datatype = ""
		return n, nil
	case RDFLangString:
		return Term{}, c.invalid("object", n.Value, ErrLangNoTag)
	}
	if err := c.checkIRI("datatype", n.Datatype, true); err != nil {
		return Term{}, err
	}
	return n, nil
}
