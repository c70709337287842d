// Package dcattest helps test DCAT output: an in-memory graph of emitted
// triples with lookups, the DCAT-AP-SE 3.0.1 mandatory-property check run
// generically over such a graph, and domain fixtures.
package dcattest

import (
	"fmt"
	"sort"
	"strings"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/internal/iri"
)

// Graph is a list of triples with lookups (linear; fine for tests).
type Graph struct {
	Triples []rdf.Triple
}

// Emit appends t; it matches dcat.Emit.
func (g *Graph) Emit(t rdf.Triple) error {
	g.Triples = append(g.Triples, t)
	return nil
}

// Write appends t; with Close it makes Graph an rdfio.Writer.
func (g *Graph) Write(t rdf.Triple) error { return g.Emit(t) }

// Close does nothing.
func (g *Graph) Close() error { return nil }

// Objects returns the objects of s p.
func (g *Graph) Objects(s, p string) []rdf.Object {
	var out []rdf.Object
	for _, t := range g.Triples {
		if t.Subj.String() == s && t.Pred.String() == p {
			out = append(out, t.Obj)
		}
	}
	return out
}

// Values returns the objects of s p as strings (IRIs and lexical forms), sorted.
func (g *Graph) Values(s, p string) []string {
	var out []string
	for _, o := range g.Objects(s, p) {
		out = append(out, o.String())
	}
	sort.Strings(out)
	return out
}

// HasIRI reports whether s p <o> is in the graph.
func (g *Graph) HasIRI(s, p, o string) bool {
	for _, x := range g.Objects(s, p) {
		if x.Type() == rdf.TermIRI && x.String() == o {
			return true
		}
	}
	return false
}

// HasLang reports whether s p "text"@lang is in the graph.
func (g *Graph) HasLang(s, p, text, lang string) bool {
	for _, x := range g.Objects(s, p) {
		if l, ok := x.(rdf.Literal); ok && l.String() == text && l.Lang() == lang {
			return true
		}
	}
	return false
}

// HasTyped reports whether s p "lex"^^dt is in the graph; dt
// "http://www.w3.org/2001/XMLSchema#string" is a plain literal.
func (g *Graph) HasTyped(s, p, lex, dt string) bool {
	for _, x := range g.Objects(s, p) {
		if l, ok := x.(rdf.Literal); ok && l.String() == lex && l.Lang() == "" && l.DataType.String() == dt {
			return true
		}
	}
	return false
}

// OfType returns the subjects typed class, in order of appearance.
func (g *Graph) OfType(class string) []rdf.Subject {
	var out []rdf.Subject
	seen := map[string]bool{}
	for _, t := range g.Triples {
		if t.Pred.String() == rdfType && t.Obj.String() == class && !seen[t.Subj.String()] {
			seen[t.Subj.String()] = true
			out = append(out, t.Subj)
		}
	}
	return out
}

const (
	rdfType   = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
	xsdString = "http://www.w3.org/2001/XMLSchema#string"
	dcat      = "http://www.w3.org/ns/dcat#"
	dct       = "http://purl.org/dc/terms/"
	foaf      = "http://xmlns.com/foaf/0.1/"
	vcard     = "http://www.w3.org/2006/vcard/ns#"
)

// Kind says what a mandatory property's values must be.
type Kind int

// Value kinds.
const (
	IRI        Kind = iota // an IRI
	LangText               // a language-tagged literal
	PlainText              // a literal without language tag (xsd:string)
	AnyLiteral             // any literal
)

// Rule is one mandatory property of a class: at least Min values (Max > 0
// bounds them) of the given Kind.
type Rule struct {
	Property string
	Min, Max int
	Kind     Kind
}

// Mandatory lists the DCAT-AP-SE 3.0.1 mandatory properties per class
// (research dcat-ap-se.md §8.2, from the profile's bundle.json).
var Mandatory = map[string][]Rule{
	dcat + "Catalog": {
		{dct + "title", 1, 0, LangText},
		{dct + "description", 1, 0, LangText},
		{dct + "publisher", 1, 1, IRI},
		{dct + "license", 1, 1, IRI},
		{dcat + "dataset", 1, 0, IRI},
	},
	dcat + "Dataset": {
		{dct + "title", 1, 0, LangText},
		{dct + "description", 1, 0, LangText},
		{dct + "publisher", 1, 1, IRI},
	},
	dcat + "Distribution": {
		{dcat + "accessURL", 1, 1, IRI},
		{dct + "format", 1, 1, PlainText},
	},
	dcat + "DataService": {
		{dct + "title", 1, 0, LangText},
		{dcat + "endpointURL", 1, 0, IRI},
		{dct + "format", 1, 1, PlainText},
	},
	foaf + "Agent": {
		{foaf + "name", 1, 0, LangText},
		{dct + "type", 1, 1, IRI},
	},
	vcard + "Organization": {
		{vcard + "fn", 1, 0, AnyLiteral},
		{vcard + "hasEmail", 1, 0, IRI},
	},
}

// CheckMandatory checks every subject typed with a class of Mandatory and
// returns one message per violation. It also checks the harvest rules that
// hold for the whole graph: no blank node anywhere, every IRI absolute and
// valid (RFC 3987), the catalog licence CC0, e-mails as mailto: IRIs,
// publishers described as foaf:Agent, contacts never a publisher's IRI.
func (g *Graph) CheckMandatory() []string {
	var errs []string
	for _, t := range g.Triples {
		for _, term := range []rdf.Term{t.Subj, t.Pred, t.Obj} {
			switch term.Type() {
			case rdf.TermBlank:
				errs = append(errs, fmt.Sprintf("blank node %s in %s", term, t.Serialize(rdf.NTriples)))
			case rdf.TermIRI:
				if err := iri.Check(term.String()); err != nil {
					errs = append(errs, fmt.Sprintf("bad IRI %q: %v", term.String(), err))
				}
			}
		}
	}
	classes := make([]string, 0, len(Mandatory))
	for c := range Mandatory {
		classes = append(classes, c)
	}
	sort.Strings(classes)
	for _, class := range classes {
		for _, s := range g.OfType(class) {
			for _, r := range Mandatory[class] {
				os := g.Objects(s.String(), r.Property)
				if r.Property == dcat+"dataset" && len(os) == 0 && len(g.Objects(s.String(), dct+"hasPart")) > 0 {
					// A parent catalog holds its datasets through its
					// sub-catalogs; dataportal.se lifts them to it.
					continue
				}
				if len(os) < r.Min || r.Max > 0 && len(os) > r.Max {
					errs = append(errs, fmt.Sprintf("%s <%s>: %d values of %s, want %d..%s", short(class), s, len(os), short(r.Property), r.Min, card(r.Max)))
				}
				for _, o := range os {
					if msg := kindProblem(r.Kind, o); msg != "" {
						errs = append(errs, fmt.Sprintf("%s <%s> %s: %s", short(class), s, short(r.Property), msg))
					}
				}
			}
		}
	}
	agents := map[string]bool{}
	for _, a := range g.OfType(foaf + "Agent") {
		agents[a.String()] = true
	}
	for _, t := range g.Triples {
		switch t.Pred.String() {
		case dct + "publisher":
			if !agents[t.Obj.String()] {
				errs = append(errs, fmt.Sprintf("publisher <%s> of <%s> is not described as a foaf:Agent", t.Obj, t.Subj))
			}
		case dcat + "contactPoint":
			if agents[t.Obj.String()] {
				errs = append(errs, fmt.Sprintf("contact <%s> is also a publisher", t.Obj))
			}
		case vcard + "hasEmail", foaf + "mbox":
			if !strings.HasPrefix(t.Obj.String(), "mailto:") {
				errs = append(errs, fmt.Sprintf("e-mail <%s> is not a mailto: IRI", t.Obj))
			}
		case dct + "license":
			if g.isA(t.Subj.String(), dcat+"Catalog") && t.Obj.String() != "http://creativecommons.org/publicdomain/zero/1.0/" {
				errs = append(errs, fmt.Sprintf("catalog <%s> licence <%s> is not CC0", t.Subj, t.Obj))
			}
		}
	}
	return errs
}

func (g *Graph) isA(s, class string) bool {
	for _, t := range g.Triples {
		if t.Subj.String() == s && t.Pred.String() == rdfType && t.Obj.String() == class {
			return true
		}
	}
	return false
}

func kindProblem(k Kind, o rdf.Object) string {
	l, isLit := o.(rdf.Literal)
	switch k {
	case IRI:
		if o.Type() != rdf.TermIRI {
			return fmt.Sprintf("%s is not an IRI", o.Serialize(rdf.NTriples))
		}
	case LangText:
		if !isLit || l.Lang() == "" {
			return fmt.Sprintf("%s has no language tag", o.Serialize(rdf.NTriples))
		}
	case PlainText:
		if !isLit || l.Lang() != "" || l.DataType.String() != xsdString {
			return fmt.Sprintf("%s is not a plain literal", o.Serialize(rdf.NTriples))
		}
	case AnyLiteral:
		if !isLit {
			return fmt.Sprintf("%s is not a literal", o.Serialize(rdf.NTriples))
		}
	}
	return ""
}

func card(max int) string {
	if max == 0 {
		return "n"
	}
	return fmt.Sprint(max)
}

func short(s string) string {
	for p, ns := range map[string]string{"dcat:": dcat, "dcterms:": dct, "foaf:": foaf, "vcard:": vcard} {
		if strings.HasPrefix(s, ns) {
			return p + s[len(ns):]
		}
	}
	return s
}
