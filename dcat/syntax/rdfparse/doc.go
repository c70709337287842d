// Package rdfparse holds what katalog's RDF readers (dcat/syntax/rdfxml,
// dcat/syntax/turtle, dcat/syntax/ntriples, dcat/syntax/jsonld) share:
// reference resolution (RFC 3986 §5), input and triple limits, a buffered
// input that tracks line and column, character classes of the Turtle family
// of grammars, and term construction on top of github.com/knakk/rdf.
//
// Term construction includes katalog's one constructor for language-tagged
// literals (LangLiteral, NewLangLiteral), which applies the language-tag
// policy of dcat/syntax/langtag and keeps every well-formed BCP 47 tag as
// given, where knakk's rdf.NewLangLiteral refuses tags with more than one
// '-'. Since rdf.Literal's and rdf.IRI's fields are unexported, the package
// builds them through mirrors of their layout (literalLayout, iriLayout)
// and unsafe. Compile-time guards stop the build if a mirror's size
// differs from knakk's type, and TestMirrorLayout checks with reflect that
// each mirror has knakk's fields: the same names, kinds, types and offsets,
// in the same order.
package rdfparse
