// Package processor reads the input of Digg's DCAT-AP-SE-Processor
// (github.com/diggsweden/DCAT-AP-SE-Processor) and yields DCAT-AP-SE
// triples, so that agencies that already describe their catalog for the
// Processor can import the same files unchanged.
//
// # Input
//
// Three containers hold the same blocks "dcat-catalog", "dcat-dataset",
// "dcat-datasetseries" and "dcat-dataservice":
//   - the Processor's JSON, with the blocks at the top level;
//   - an OpenAPI 3 document, JSON or YAML, with the blocks in info.x-dcat;
//   - a RAML 1.0 file, with the blocks as annotations "(dcat-dataset)".
//
// Keys follow the Processor's convertmapToDcat.json: "title-sv" is a title
// in Swedish (any BCP 47 tag may follow the key), several values share one
// string separated by ';' ("theme": "TRAN; EDUC"), a repeated object takes
// a numbered key ("contactPoint 2", "(dcat-dataset 2)"), and controlled
// values may be the Processor's short names ("Public", "CC BY 4.0",
// "NationalAuthority", "Stable", "distributor", "csv") or IRIs. As an
// extension, a block or nested object may also be a JSON/YAML array of
// objects, and a value an array of strings. WithCatalog supplies the
// catalog from a separate file (the Processor's multi-file mode).
//
// Unlike the Processor, which ignores what it does not know, NewReader
// reports every unknown key, wrong type, unknown short name and bad value
// as an *Error with a JSON pointer and a message in Swedish and English.
// Mandatory keys are those of the Processor's mandatory.json (plus a
// dataset series' description, which its cardinality file requires), and
// one about IRI may describe one resource only, as in the Processor.
//
// # Output
//
// The triples are those the Processor's RDFWorker writes: the catalog links
// datasets and series with dcat:dataset and services with dcat:service;
// objects with "about" are IRIs, periods of time, addresses, phones,
// offers, attributions, relationships, rights statements and checksums are
// blank nodes; dates are xsd:date, xsd:dateTime or xsd:gYear; byteSize is
// xsd:nonNegativeInteger, spatialResolutionInMeters xsd:decimal,
// temporalResolution xsd:duration, bbox/centroid/geometry geo:wktLiteral.
// Each language used on a catalog, dataset or distribution adds its EU
// language IRI as dcterms:language. A dataset or series without a
// publisher gets the catalog's. The triples are deduplicated and come in a
// fixed order.
//
// # Where katalog departs from the Processor
//
// Its known defects are not copied, and where its output is not
// DCAT-AP-SE 3.0.1 katalog emits the 3.0.1 form:
//   - A value without a scheme that looks like a host name ("www.x.se/a")
//     gets "https://", not "http://"; anything else must be an absolute IRI.
//     Host names are lower-cased (IRI normalisation).
//   - E-mail addresses become "mailto:" IRIs, not "mailTo:".
//   - dcatap: properties use the DCAT-AP 3 namespace http://data.europa.eu/r5r/
//     (the Processor writes http://data.europa.eu/r5r#applicableLegislation).
//   - availability becomes the EU planned-availability IRI
//     (…/planned-availability/STABLE), not the DCAT-AP 2 form
//     http://data.europa.eu/r5r/availability/stable.
//   - Data services are linked with dcat:service (the Processor uses the
//     class dcat:DataService as the property).
//   - provenance is dcterms:provenance [a dcterms:ProvenanceStatement] (the
//     Processor swaps property and class).
//   - rights are typed dcterms:RightsStatement (the Processor: odrs:RightsStatement).
//   - "adms" becomes adms:identifier [a adms:Identifier; skos:notation "…"],
//     not a bare literal.
//   - A contact point has only the type given (vcard:Organization or
//     vcard:Individual); the Processor adds vcard:Organization to both.
//   - Free text (description, attributionText, copyrightNotice, provenance,
//     offer description) is not split at ';': the Processor would make
//     several descriptions of one sentence.
//   - A dataset's or series' own publisher object is used; the Processor
//     always links the catalog's publisher and drops it.
//   - "license" on a distribution (a short name such as "CC BY 4.0") is
//     read like "licenseurl"; the Processor maps only "licenseurl" and drops
//     it. "versionInfo" (DCAT-AP-SE 2) becomes dcat:version like "version".
//   - "license" and "licenseurl" on a dataset are accepted and dropped, as
//     by the Processor: DCAT-AP has no dataset licence.
//   - Luxembourgish is "lb" (the Processor's table says "la", Latin's).
//
// What stays as the Processor has it, though DCAT-AP-SE 3.0.1 may flag it:
// a catalog licence other than CC0 (its examples use Apache-2.0), plain
// (untagged) literals for keys without a language suffix, checksum values
// as plain literals with SHA-1 as the algorithm, dcterms:format as a
// media-type literal, and INSPIRE roles in qualifiedRelation.
package processor
