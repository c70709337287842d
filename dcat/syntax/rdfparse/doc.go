// Package rdfparse holds what katalog's RDF readers (dcat/syntax/rdfxml,
// dcat/syntax/turtle, dcat/syntax/ntriples) share: reference resolution (RFC 3986 §5),
// input and triple limits, a buffered input that tracks line and column,
// character classes of the Turtle family of grammars, and term
// construction on top of github.com/knakk/rdf.
package rdfparse
