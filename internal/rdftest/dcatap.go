package rdftest

import (
	"fmt"
	"sort"
	"strings"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/iri"
)

// The DCAT-AP-SE 3.0.1 check every DCAT test shares (the mapping's, the
// feeds', the API's): a graph of triples with lookups, and the mandatory
// properties per class checked over it.

// Recorder is a list of triples with lookups (linear; fine for tests).
type Recorder struct {
	Triples []rdf.Triple
}

// Emit appends t; it matches dcat.Emit.
func (g *Recorder) Emit(t rdf.Triple) error {
	g.Triples = append(g.Triples, t)
	return nil
}

// Write appends t; with Close it makes Recorder an rdfio.Writer.
func (g *Recorder) Write(t rdf.Triple) error { return g.Emit(t) }

// Close does nothing.
func (g *Recorder) Close() error { return nil }

// Objects returns the objects of s p.
func (g *Recorder) Objects(s, p string) []rdf.Object {
	var out []rdf.Object
	for _, t := range g.Triples {
		if t.Subj.String() == s && t.Pred.String() == p {
			out = append(out, t.Obj)
		}
	}
	return out
}

// Values returns the objects of s p as strings (IRIs and lexical forms), sorted.
func (g *Recorder) Values(s, p string) []string {
	var out []string
	for _, o := range g.Objects(s, p) {
		out = append(out, o.String())
	}
	sort.Strings(out)
	return out
}

// HasIRI reports whether s p <o> is in the graph.
func (g *Recorder) HasIRI(s, p, o string) bool {
	for _, x := range g.Objects(s, p) {
		if x.Type() == rdf.TermIRI && x.String() == o {
			return true
		}
	}
	return false
}

// HasLang reports whether s p "text"@lang is in the graph.
func (g *Recorder) HasLang(s, p, text, lang string) bool {
	for _, x := range g.Objects(s, p) {
		if l, ok := x.(rdf.Literal); ok && l.String() == text && l.Lang() == lang {
			return true
		}
	}
	return false
}

// HasTyped reports whether s p "lex"^^dt is in the graph; dt
// "http://www.w3.org/2001/XMLSchema#string" is a plain literal.
func (g *Recorder) HasTyped(s, p, lex, dt string) bool {
	for _, x := range g.Objects(s, p) {
		if l, ok := x.(rdf.Literal); ok && l.String() == lex && l.Lang() == "" && l.DataType.String() == dt {
			return true
		}
	}
	return false
}

// OfType returns the subjects typed class, in order of appearance.
func (g *Recorder) OfType(class string) []rdf.Subject {
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

const rdfType = nsRDF + "type"

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
	nsDCAT + "Catalog": {
		{nsDCT + "title", 1, 0, LangText},
		{nsDCT + "description", 1, 0, LangText},
		{nsDCT + "publisher", 1, 1, IRI},
		{nsDCT + "license", 1, 1, IRI},
		{nsDCAT + "dataset", 1, 0, IRI},
	},
	nsDCAT + "Dataset": {
		{nsDCT + "title", 1, 0, LangText},
		{nsDCT + "description", 1, 0, LangText},
		{nsDCT + "publisher", 1, 1, IRI},
	},
	nsDCAT + "Distribution": {
		{nsDCAT + "accessURL", 1, 1, IRI},
		{nsDCT + "format", 1, 1, PlainText},
	},
	nsDCAT + "DataService": {
		{nsDCT + "title", 1, 0, LangText},
		{nsDCAT + "endpointURL", 1, 0, IRI},
		{nsDCT + "format", 1, 1, PlainText},
	},
	nsFOAF + "Agent": {
		{nsFOAF + "name", 1, 0, LangText},
		{nsDCT + "type", 1, 1, IRI},
	},
	nsVCard + "Organization": {
		{nsVCard + "fn", 1, 0, AnyLiteral},
		{nsVCard + "hasEmail", 1, 0, IRI},
	},
}

// CheckMandatory checks every subject typed with a class of Mandatory and
// returns one message per violation. It also checks the harvest rules that
// hold for the whole graph: no blank node anywhere, every IRI absolute and
// valid (RFC 3987), the catalog licence CC0, e-mails as mailto: IRIs,
// publishers described as foaf:Agent, contacts never a publisher's IRI.
func (g *Recorder) CheckMandatory() []string {
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
				if r.Property == nsDCAT+"dataset" && len(os) == 0 && len(g.Objects(s.String(), nsDCT+"hasPart")) > 0 {
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
	for _, a := range g.OfType(nsFOAF + "Agent") {
		agents[a.String()] = true
	}
	for _, t := range g.Triples {
		switch t.Pred.String() {
		case nsDCT + "publisher":
			if !agents[t.Obj.String()] {
				errs = append(errs, fmt.Sprintf("publisher <%s> of <%s> is not described as a foaf:Agent", t.Obj, t.Subj))
			}
		case nsDCAT + "contactPoint":
			if agents[t.Obj.String()] {
				errs = append(errs, fmt.Sprintf("contact <%s> is also a publisher", t.Obj))
			}
		case nsVCard + "hasEmail", nsFOAF + "mbox":
			if !strings.HasPrefix(t.Obj.String(), "mailto:") {
				errs = append(errs, fmt.Sprintf("e-mail <%s> is not a mailto: IRI", t.Obj))
			}
		case nsDCT + "license":
			if g.isA(t.Subj.String(), nsDCAT+"Catalog") && t.Obj.String() != "http://creativecommons.org/publicdomain/zero/1.0/" {
				errs = append(errs, fmt.Sprintf("catalog <%s> licence <%s> is not CC0", t.Subj, t.Obj))
			}
		}
	}
	return errs
}

func (g *Recorder) isA(s, class string) bool {
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
	for p, ns := range map[string]string{"dcat:": nsDCAT, "dcterms:": nsDCT, "foaf:": nsFOAF, "vcard:": nsVCard} {
		if strings.HasPrefix(s, ns) {
			return p + s[len(ns):]
		}
	}
	return s
}
