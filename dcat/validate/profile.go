package validate

import (
	"github.com/knakk/rdf"

	"regexp"

	"github.com/katalog-se/katalog/catalog"
)

// Level is a property's requirement level in a profile.
type Level int

// Requirement levels. A missing mandatory property is an error, a missing
// recommended one a warning; optional properties are only checked when
// present.
const (
	Optional Level = iota
	Recommended
	Mandatory
)

// Kind is the kind of RDF term a property's values must be.
type Kind int

// Focus kinds.
const (
	// AnyKind accepts every term.
	AnyKind Kind = iota
	// IRI is an IRI (not a blank node, not a literal).
	IRI
	// Resource is an IRI or a blank node.
	Resource
	// Literal is any literal.
	Literal
	// PlainLiteral is a literal without a language tag.
	PlainLiteral
	// LangLiteral is a literal with a language tag (free text).
	LangLiteral
	// Typed is a literal whose datatype is one of Property.Datatypes.
	Typed
	// LiteralOrIRI is a literal or an IRI (dcterms:format, which
	// DCAT-AP-SE writes as an IANA media-type literal and DCAT-AP as an
	// IRI of the EU file-type list).
	LiteralOrIRI
)

// ValueSet is a controlled vocabulary or any other set of accepted values:
// the IRI of an IRI value, the lexical form of a literal. A
// *catalog.Vocabulary is one; if a ValueSet also has
// Canonical(string) (string, bool), a value that resolves to another
// canonical value (https instead of http, a missing trailing slash) is
// reported with the canonical one.
type ValueSet interface {
	Contains(v string) bool
}

// Property is one row of a class table: what a profile says about one
// property of one class.
type Property struct {
	// ID is the rule id stem, e.g. "title" for dataset.title.min.
	ID string
	// IRI is the property's IRI.
	IRI string
	// Level is mandatory, recommended or optional.
	Level Level
	// Min and Max are the cardinality; Max 0 means unbounded. A
	// mandatory property has Min ≥ 1.
	Min, Max int
	// Kind is the term kind of each value.
	Kind Kind
	// Datatypes lists the accepted datatypes when Kind is Typed.
	Datatypes []string
	// Vocab, when set, is the set of accepted values.
	Vocab ValueSet
	// VocabSeverity is the severity of a value outside Vocab (default error).
	VocabSeverity Severity
	// Deprecated, when set, holds values still accepted but deprecated
	// (reported as a warning, rule <class>.<id>.deprecated) rather than
	// as outside Vocab.
	Deprecated ValueSet
	// Pattern, when set, must match the IRI or the lexical form.
	Pattern *regexp.Regexp
	// Aliases are other IRIs whose values count as this property's
	// (e.g. org:classification under both the https namespace DCAT-AP-SE
	// writes and W3C's http one).
	Aliases []string
	// Translate asks for a Swedish and an English value (warnings
	// <class>.<id>.sv and <class>.<id>.en when one is missing).
	Translate bool
	// Target is the id of the class the value is described by (e.g. the
	// object of dcterms:publisher is an "agent"): it lets an untyped node
	// be checked by the class that the reference gives it.
	Target string
}

// Class is one table of a profile: the rules of one class.
type Class struct {
	// ID is the rule id stem, e.g. "dataset".
	ID string
	// Name is the definite noun in Swedish and English ("Datasetet", "The
	// dataset"), used in messages.
	Name catalog.LangString
	// Types are the rdf:type IRIs that make a node of this class.
	Types []string
	// NoBlank reports a blank node of this class as an error.
	NoBlank bool
	// Undescribed is the severity when a node referenced as this class has
	// no triples of its own; zero means error.
	Undescribed Severity
	// LinkOnly lists predicates that, when a node has no others, make it
	// a link to be dereferenced rather than a description to check (a
	// sub-catalog with only rdf:type): its table rules are skipped.
	LinkOnly []string
	// Properties are the class's property rules.
	Properties []Property
}

// GraphRule is a named rule a table cannot state (a pattern across
// nodes, an HVD condition, a series limit). New returns the state of
// one validation run.
type GraphRule struct {
	// Name identifies the rule in documentation; the rule ids of its
	// findings are listed in IDs.
	Name string
	// IDs are the rule ids the rule may report.
	IDs []string
	// Inbound lists predicates the rule follows backwards: a node's
	// Focus.Referrers counts the distinct nodes that point at it with
	// them (the role predicates of the tables are followed anyway).
	Inbound []string
	// IRIs lists IRI values the rule asks about with Focus.HasIRI: a node
	// keeps them past the value cap.
	IRIs []string
	// New returns a fresh RuleRun for one validation run.
	New func() RuleRun
}

// RuleRun is a graph rule's state during one validation run. Judge is
// called once for every node of the graph (subjects and the objects of
// followed predicates), complete: every triple of the node and every
// reference to it has been read, whatever their order in the document.
// Finish is called once at the end. A RuleRun that is also a TripleRun
// sees each triple first. A Focus is valid only during the call.
type RuleRun interface {
	Judge(n *Focus, r *Reporter)
	Finish(r *Reporter)
}

// TripleRun is a RuleRun that checks single triples: Triple is called for
// every distinct triple of a node, as it is read and before the node is
// judged. Only n's ID and Blank are known then.
type TripleRun interface {
	Triple(n *Focus, t rdf.Triple, r *Reporter)
}

// Profile is an application profile: class tables plus graph rules.
// A new profile version is a new Profile value, not new code.
type Profile struct {
	// Name is the profile's name, e.g. "dcat-ap-se-3.0.1".
	Name string
	// Classes are the class tables.
	Classes []Class
	// Rules are the graph-level rules.
	Rules []GraphRule
}
