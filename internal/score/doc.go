// Package score computes an agency's publication maturity score: how it
// publishes data for reuse (the channels of Digg's yearly survey), how good
// its metadata is (the EU Metadata Quality Assessment, in dataportal.se's
// Swedish variant), whether its feed is ready to harvest, how open its data
// is, and whether its high-value datasets meet regulation (EU) 2023/138.
//
// # Channels and publication levels
//
// A dataset's channels, rolled up per agency (any dataset counts):
//
//   - documents: a landing page, or a distribution in a document format
//     (PDF, DOC, DOCX, ODT, RTF, HTML, TXT).
//   - files: a downloadable file (a distribution that is not only an API
//     access point) in a structured format: the MQA machine-readable list
//     (proprietary spreadsheets included) plus TSV, DBF, GML and GPKG.
//   - openMachineReadable: such a file in a format that is both
//     machine-readable and non-proprietary in the MQA lists (CSV, JSON,
//     XML, RDF, GeoJSON, ODS …).
//   - api: a dcat:DataService, or a distribution with dcat:accessService.
//   - portal (agency-wide): the latest readiness check passed, or katalog
//     hosts the feed and its DCAT-AP-SE validation has no errors.
//
// The publication level of a dataset (and, from its channels, of an
// agency) climbs a ladder:
//
//	0  nothing published
//	1  documents only (PDF, web pages, landing pages)
//	2  structured files, proprietary formats included (Excel)
//	3  open machine-readable files, or an API
//	4  open machine-readable files and either an API or a harvestable feed
//	5  open machine-readable files, an API and a harvestable feed
//
// # Components and the total
//
// The total (0–100) is 100 × Σ points / Σ max over the applicable
// components; the weights are in one table (see [Weights]). The HVD
// component applies only when at least one dataset has an HVD category. The
// agency level (1–5) is the band of the total (below 20, 20, 40, 60, 80 and
// up), capped by the publication level of its channels and never below 1.
//
// # Metadata quality
//
// The MQA of data.europa.eu: 23 indicators, 405 points over Findability,
// Accessibility, Interoperability, Reusability and Contextuality. A
// dataset's MQA score is its dataset-level points plus those of its best
// distribution. The catalog score is Σ weight × share passing, where the
// population is datasets or distributions depending on the indicator,
// rounded to the point; bands are Excellent 351–405, Good 221–350,
// Sufficient 121–220, Bad 0–120. The Swedish variant (dataportal.se): an
// IANA media type in dct:format counts as format and media type, and the
// DCAT-AP SHACL indicator is replaced by DCAT-AP-SE validation. Link
// indicators use the latest link check. A zipped format ("text/csv+zip") is
// classified as the format inside the archive.
//
// Inputs that have not been produced yet (no readiness check, no
// validation, unchecked links) make the rules that need them fail with the
// evidence "not yet checked"; nothing is guessed. Every score carries
// [ModelVersion] and the time it was computed, so history stays comparable
// when the model changes.
package score
