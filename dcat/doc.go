// Package dcat is the one place where katalog's domain (package catalog)
// becomes DCAT-AP-SE 3.0.1 triples.
//
// A Mapper mints every IRI under one base URL and emits triples through a
// callback, one resource at a time, so feeds of any size stream with flat
// memory. Each emit function first builds and checks its resource whole:
// every IRI must be absolute and valid under RFC 3987 (dcat/syntax/iri), every
// literal valid XML 1.0 text (dcat/syntax/xmltext) and every language tag
// well-formed BCP 47 (dcat/syntax/langtag). A bad value is a *FieldError that
// names the resource and the field, and nothing of that resource is emitted.
// (dataportal.se aborts a whole harvest on one bad IRI, character or tag.)
//
// No blank nodes are minted: catalogs, datasets, distributions, data
// services, publishers and contact points all have IRIs.
//
// Sub-packages hold the RDF syntaxes (rdfio, rdfxml, turtle, ntriples,
// jsonld) and the feed documents built from a catalog.Store (feed).
package dcat
