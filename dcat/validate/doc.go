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
// canonical (a non-canonical spelling of a listed IRI), empty (empty text,
// which counts as missing: warning), sv and en (no Swedish or English
// value: warning); plus <class>.blank, <class>.class (no rdf:type) and
// <class>.undescribed (referenced, no triples). Graph rules: iri.invalid,
// literal.langtag, literal.lexical (an ill-typed literal, on any node),
// catalogrecord.present, catalog.missing (no dcat:Catalog at all),
// catalog.license.cc0, catalog.dataset.min, catalog.hasPart.depth,
// catalog.link, publisher.iri, publisher.orgnr, contact.type, the
// *.hvd.* rules and series.members.max, series.inSeries, series.class.
//
// # Shared rules
//
// The importer, the API's schema and the mapper can refuse what the
// validator refuses, for the same reason and under the same rule id:
// CheckLiteral (the lexical space of the XSD datatypes: RuleLiteralLexical),
// CheckDate, DateDatatype and DateDatatypes (the date forms DCAT-AP-SE
// accepts), Replacement (the current IRI of a deprecated vocabulary
// value: TableRule(class, property, CheckDeprecated)), TableRule and the
// Check* and Rule* constants.
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
//  11. Dates: the 3.0.1 templates list xsd:date, xsd:dateTime and
//     xsd:gYear; xsd:gYearMonth is accepted too, as DCAT-AP 3 (whose
//     SHACL shapes allow it) and DCAT allow it. An xsd:dateTime needs no
//     time zone (XSD makes it optional; CKAN writes none).
//  12. A literal's lexical form must be in its XSD datatype's lexical space
//     (literal.lexical), as a SHACL sh:datatype check requires; leading and
//     trailing white space is accepted (XSD collapses it, as Jena does).
//     Datatypes outside CheckedDatatypes are not checked.
//  13. Empty text (a literal that is empty or white space only) counts as
//     missing: a title ""@sv is no title (dataset.title.min), and gives
//     the warning <class>.<property>.empty.
//  14. A graph is a set: a triple given twice is one value (a dcterms:issued
//     repeated in the document is not two dates).
//  15. catalog.hasPart.depth is for a catalog that is the object of another
//     catalog's dcterms:hasPart and has parts itself. Its own outbound
//     dcterms:isPartOf does not make it a part: the harvester follows
//     dcterms:hasPart from the catalog it reads.
//  16. A deprecated value (DCAT-AP 2 availability, Dublin Core frequencies,
//     ADMS statuses) is a warning that names its replacement (Replacement).
//     Digg's rekommenderat example uses
//     http://data.europa.eu/r5r/availability/experimental, a full IRI of the
//     old list, not an unknown value.
//
// Other choices: the publisher IRI pattern
// http://dataportal.se/organisation/SE<orgnr>[-suffix] is a "should"
// (warning publisher.iri); a matching IRI with a wrong Luhn digit is an
// error. Digg's recommendation 14 makes an HVD data service's foaf:page a
// warning and its contact point an error. Series: more than 50 members or
// a series in a series is an error.
//
// # Order, memory and exactness
//
// The findings of a document do not depend on the order of its triples,
// and a node is always judged whole: its triples and the references to it
// may be anywhere in the document. A Session turns each triple into
// records keyed by node: the node's own triple (rdf:type first), and, for
// the predicates the validator follows backwards (the role predicates of
// the tables, such as dcterms:publisher, and those a GraphRule lists in
// Inbound), a reference record keyed by the object. Records are kept in
// an arena in memory; past WithMemory bytes (DefaultMemory, 16 MiB) they
// are sorted by node and written to a temporary file, compressed by the
// prefix each shares with the previous one. Finish merges the files (and
// what is left in memory), fan-in 32, level by level when there are more,
// and so reads every node's records together: its references, its types,
// then its values predicate by predicate, each distinct triple once. A
// small document never touches the disk; a large one takes flat memory
// (the budget, the merge's buffers, one node at a time) and disk about
// a third the size of its N-Triples. The same records in the same order make
// the same findings, whatever the path.
//
// What is kept per node: the values of the predicates the tables name, up
// to 32 per predicate (a catalog's dcat:dataset has more; those past the
// cap are checked as they are read, and counts stay exact); the number of
// other predicates; the number of distinct nodes referring to it with
// each followed predicate. Graph rules see each node once (RuleRun.Judge)
// and keep no state per node; the results kept are capped by
// WithMaxResults (the counts stay exact).
package validate
