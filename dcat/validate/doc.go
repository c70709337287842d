// Package validate checks an RDF graph against an application profile,
// by default DCAT-AP-SE 3.0.1 (DCATAPSE301), and reports every finding
// with a stable rule id and a message in Swedish and English. It is what
// `katalog validate`, POST /api/v1/validate, the importer and the
// readiness checks call.
//
// # Profiles
//
// A Profile is data: class tables (Class, one Property row per property
// with its level, cardinality, term kind, datatypes, pattern and
// controlled vocabulary) plus named graph rules (GraphRule) for what a
// table cannot say. A new profile version is a new table. Table rule ids
// are <class>.<property>.<check>, with check one of min (mandatory
// missing: error), recommended (missing: warning), max, kind, lang (free
// text without a language tag), datatype, pattern, vocab, deprecated,
// canonical (a non-canonical spelling of a listed IRI), sv and en (no
// Swedish or English value: warning); plus <class>.blank, <class>.class
// (no rdf:type) and <class>.undescribed (referenced, no triples). Graph
// rules: iri.invalid, literal.langtag, catalogrecord.present,
// catalog.license.cc0, catalog.dataset.min, catalog.hasPart.depth,
// catalog.link, publisher.iri, publisher.orgnr, contact.type, the
// *.hvd.* rules and series.members.max, series.inSeries, series.class.
//
// The 3.0.1 table was written by hand from Digg's bundle (the extracted
// properties-3.0.1.json). Decisions on the spec's inconsistencies
// (research §2.6):
//
//  1. dcterms:format on a data service is M 1..1 only in the template;
//     the 3.0.1 overview, changes.md, DCAT-AP 3 and Digg's own Processor
//     make it optional. Missing is a warning (dataservice.format.recommended).
//  2. Dataset → distribution is optional (template); the HVD rule
//     dataset.hvd.distribution requires a distribution or a serving data
//     service.
//  3. Catalog dcat:dataset is M 1..n; a catalog whose datasets are in
//     dcterms:hasPart sub-catalogs satisfies it (dataportal.se lifts them),
//     one with only data services gets a warning (catalog.dataset.min).
//  4. Availability: the EU planned-availability list is the vocabulary;
//     the DCAT-AP 2 form http://data.europa.eu/r5r/availability/* is
//     accepted with a warning (deprecated), as are http://purl.org/cld/freq/*
//     frequencies and http://purl.org/adms/status/* statuses.
//  5. CC licences must be the spec's exact IRIs (http, trailing slash):
//     an https or slash-less spelling is an error (license.canonical).
//     Other licence IRIs (EU licence list, own LicenseDocuments) are
//     accepted; an unlisted one is an info finding.
//  6. org:classification is read under both https://www.w3.org/ns/org#
//     (as DCAT-AP-SE writes it) and http://www.w3.org/ns/org#.
//  7. Grunddata subjects must match https://www.dataportal.se/terminology/grunddata/.
//  8. Digg's 2.x examples get the findings 3.0.1 implies (publisher
//     dcterms:type, distribution format, language tag on foaf:name).
//  9. The Processor's mailTo: spelling fails the mailto: pattern; its
//     Apache catalog licence fails catalog.license.cc0.
//  10. dcterms:format also accepts the DCAT-AP form (an EU file-type IRI),
//     which the harvester accepts since 3.0.0; dcat:mediaType must be an
//     IANA media type (IRI under www.iana.org/assignments/media-types/ or
//     literal).
//
// Other choices: the publisher IRI pattern
// http://dataportal.se/organisation/SE<orgnr>[-suffix] is a "should"
// (warning publisher.iri); a matching IRI with a wrong Luhn digit is an
// error. Digg's recommendation 14 makes an HVD data service's foaf:page a
// warning and its contact point an error. Series: more than 50 members or
// a series in a series is an error.
//
// # Streaming and memory
//
// Validate reads triples as they stream. Triples of a node usually come
// together, so nodes live in a window: a node untouched for WithWindow
// triples (default 20000) is judged and evicted. What stays for the whole
// run: a 64-bit hash of every subject seen (about 40 bytes a node with map
// overhead), the references to nodes not seen yet, the data services'
// dcat:servesDataset targets, HVD datasets without a distribution, member
// counts per series, and the results kept (WithMaxResults caps them; the
// counts stay exact). A predicate with more than 32 values on one node (a
// catalog's dcat:dataset) keeps only its first values; the rest are judged
// as they arrive.
//
// A small document gives the same findings in any triple order. In a large
// document whose triples of one node are further apart than the window,
// the node is judged in parts: the later part skips the minimum
// cardinalities (Focus.Reopened), and a reference that arrives after the
// referenced untyped node was judged does not give it a class.
package validate
