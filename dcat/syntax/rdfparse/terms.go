package rdfparse

import (
	"fmt"
	"strconv"
	"unsafe"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/langtag"
)

// Well-known IRIs.
const (
	RDFNS     = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	XSDNS     = "http://www.w3.org/2001/XMLSchema#"
	XSDString = XSDNS + "string"
)

// literalLayout mirrors the fields of rdf.Literal (knakk/rdf at the pinned
// version) so that LangLiteral can build literals whose language tags
// knakk's NewLangLiteral refuses (it takes only letters, one '-', then
// letters and digits). The size guards below stop the build if the sizes
// differ; TestMirrorLayout checks each field's name, type, offset and order
// with reflect.
type literalLayout struct {
	str      string
	val      interface{}
	lang     string
	DataType rdf.IRI
}

var _ [unsafe.Sizeof(rdf.Literal{}) - unsafe.Sizeof(literalLayout{})]struct{}
var _ [unsafe.Sizeof(literalLayout{}) - unsafe.Sizeof(rdf.Literal{})]struct{}

// iriLayout mirrors rdf.IRI (one unexported string) for CheckedIRI.
type iriLayout struct{ str string }

var _ [unsafe.Sizeof(rdf.IRI{}) - unsafe.Sizeof(iriLayout{})]struct{}
var _ [unsafe.Sizeof(iriLayout{}) - unsafe.Sizeof(rdf.IRI{})]struct{}

// CheckedIRI returns s as an rdf.IRI without knakk's character scan. The
// caller must have checked what rdf.NewIRI checks: s is not empty and has
// no byte below 0x21 and none of < > " { } | ^ ` \. Readers that have
// scanned an IRI byte by byte anyway use it to skip a second scan.
func CheckedIRI(s string) rdf.IRI {
	x := iriLayout{str: s}
	return *(*rdf.IRI)(unsafe.Pointer(&x))
}

// langStringIRI is rdf:langString, the datatype of every language-tagged
// literal.
var langStringIRI = CheckedIRI(RDFNS + "langString")

// LangLiteral returns the literal lex@tag with tag exactly as given (case
// included), typed rdf:langString (langString, which callers hold so as not
// to rebuild it). The caller must have checked tag with langtag.Check: this
// is katalog's constructor for language-tagged literals, for every
// well-formed BCP 47 tag, also those knakk's rdf.NewLangLiteral refuses
// ("zh-Hant-TW", "i-klingon", "en-US-u-ca-gregory"). For tags knakk accepts
// the result equals knakk's (==).
func LangLiteral(lex, tag string, langString rdf.IRI) rdf.Literal {
	x := literalLayout{str: lex, lang: tag, DataType: langString}
	return *(*rdf.Literal)(unsafe.Pointer(&x))
}

// CheckLangTag is the language-tag policy (dcat/syntax/langtag) as the
// readers apply it: nil for a well-formed BCP 47 tag, otherwise an error
// whose text ("bad language tag %q: why") the readers put in a syntax error
// at the tag. It wraps the *langtag.Error.
func CheckLangTag(tag string) error {
	if err := langtag.Check(tag); err != nil {
		return fmt.Errorf("bad language tag %q: %w", tag, err)
	}
	return nil
}

// NewLangLiteral is rdf.NewLangLiteral under katalog's language-tag policy
// (dcat/syntax/langtag): it returns lex@tag, tag exactly as given, for
// every well-formed BCP 47 tag, and langtag.Check's *langtag.Error for any
// other tag (the empty one included, on which knakk's panics).
func NewLangLiteral(lex, tag string) (rdf.Literal, error) {
	if err := langtag.Check(tag); err != nil {
		return rdf.Literal{}, err
	}
	return LangLiteral(lex, tag, langStringIRI), nil
}

// Terms makes knakk terms, caching IRIs that recur (predicates, types,
// datatypes) and naming blank nodes so that generated labels never clash
// with labels from the document.
type Terms struct {
	cache      map[string]rdf.IRI
	gen        int
	XSDString  rdf.IRI
	LangString rdf.IRI
}

// NewTerms returns an empty Terms.
func NewTerms() *Terms {
	t := &Terms{cache: make(map[string]rdf.IRI, 64)}
	t.XSDString, _ = rdf.NewIRI(XSDString)
	t.LangString, _ = rdf.NewIRI(RDFNS + "langString")
	return t
}

// IRI returns s as an rdf.IRI, or an error for characters knakk refuses.
func (t *Terms) IRI(s string) (rdf.IRI, error) {
	if i, ok := t.cache[s]; ok {
		return i, nil
	}
	i, err := rdf.NewIRI(s)
	if err != nil {
		return i, err
	}
	if len(t.cache) < 4096 {
		t.cache[s] = i
	}
	return i, nil
}

// IRIBytes is IRI for a byte slice; cached IRIs cost no allocation.
func (t *Terms) IRIBytes(b []byte) (rdf.IRI, error) {
	if i, ok := t.cache[string(b)]; ok {
		return i, nil
	}
	return t.IRI(string(b))
}

// Blank returns the blank node labelled label in the document. Labels
// starting with "genid" are renamed ("genid_" + label) so that they never
// clash with Fresh ones.
func (t *Terms) Blank(label string) rdf.Blank {
	if len(label) >= 5 && label[:5] == "genid" {
		label = "genid_" + label
	}
	b, err := rdf.NewBlank(label)
	if err != nil {
		return t.Fresh()
	}
	return b
}

// Fresh returns a new blank node, "genid" and a number.
func (t *Terms) Fresh() rdf.Blank {
	t.gen++
	b, _ := rdf.NewBlank("genid" + strconv.Itoa(t.gen))
	return b
}

// Literal returns a literal: lang-tagged if lang is set (the caller has
// checked it with langtag.Check; it is kept as given), else typed by dt
// (xsd:string if dt is the zero IRI).
func (t *Terms) Literal(lex, lang string, dt rdf.IRI) rdf.Literal {
	if lang != "" {
		return LangLiteral(lex, lang, t.LangString)
	}
	if dt.String() == "" {
		dt = t.XSDString
	}
	return rdf.NewTypedLiteral(lex, dt)
}
