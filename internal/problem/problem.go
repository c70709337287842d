// Package problem is katalog's RFC 9457 problem-details type, shared by the
// JSON Schema validator, the importers and the HTTP server.
package problem

import (
	"fmt"
	"strings"
)

// MediaType is the Content-Type of a problem-details document.
const MediaType = "application/problem+json"

// TypeBase prefixes the type IRIs of katalog's problems.
const TypeBase = "https://katalog.dataportal.se/problems/"

// Problem is an RFC 9457 problem-details document with katalog's "errors"
// extension: one entry per invalid place in the input.
type Problem struct {
	Type     string       `json:"type"`
	Title    string       `json:"title"`
	Status   int          `json:"status"`
	Detail   string       `json:"detail,omitempty"`
	Instance string       `json:"instance,omitempty"`
	Errors   []FieldError `json:"errors,omitempty"`
}

// FieldError locates one error in the input: a JSON pointer (RFC 6901) for
// JSON bodies, a line and column for RDF and CSV input, or the node and
// property of an RDF graph (Focus and Path, as a validation finding has
// them).
type FieldError struct {
	Pointer string `json:"pointer,omitempty"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	// Focus and Path name the RDF node (IRI or _:label) and the property
	// IRI of a finding in a graph.
	Focus string `json:"focus,omitempty"`
	Path  string `json:"path,omitempty"`
	// Rule is the stable id of the rule the input breaks: the DCAT-AP-SE
	// validator's rule id (dcat/validate: "dataset.issued.datatype",
	// "literal.lexical", "iri.invalid") when the validator has the rule,
	// so that the API, the importer and the validator refuse the same
	// value under the same id; "api.…" for the API's own rules about the
	// shape of a body (ids, references, e-mail, cron specs).
	Rule string `json:"rule,omitempty"`
	// Detail says what is wrong, in English.
	Detail string `json:"detail"`
	// Message says it in Swedish and English.
	Message map[string]string `json:"message,omitempty"`
}

// New returns a problem of the given status with a type derived from slug.
func New(status int, slug, title, detail string) *Problem {
	return &Problem{Type: TypeBase + slug, Title: title, Status: status, Detail: detail}
}

// Error implements error so a Problem can travel as one.
func (p *Problem) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%d)", p.Title, p.Status)
	if p.Detail != "" {
		b.WriteString(": " + p.Detail)
	}
	for _, e := range p.Errors {
		b.WriteString("; ")
		if e.Pointer != "" {
			b.WriteString(e.Pointer + ": ")
		} else if e.Line > 0 {
			fmt.Fprintf(&b, "line %d, column %d: ", e.Line, e.Column)
		}
		b.WriteString(e.Detail)
	}
	return b.String()
}

// Add appends a located error and returns p for chaining.
func (p *Problem) Add(pointer, en, sv string) *Problem {
	p.Errors = append(p.Errors, FieldError{Pointer: pointer, Detail: en, Message: map[string]string{"sv": sv, "en": en}})
	return p
}

// Invalid returns the 422 problem for a body that is well-formed JSON but breaks the rules.
func Invalid(errs []FieldError) *Problem {
	p := New(422, "validation", "Invalid input", "The request body breaks one or more rules; nothing was changed.")
	p.Errors = errs
	return p
}
