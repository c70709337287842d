// Package score computes an agency's publication maturity score: how it
// publishes data for reuse (the channels of Digg's yearly survey), how good
// its metadata is (the EU Metadata Quality Assessment, in dataportal.se's
// Swedish variant), whether its feed is ready to harvest, how open its data
// is, and whether its high-value datasets meet regulation (EU) 2023/138.
//
// # Sources
//
// A score reads what the agency really publishes, from three sources, and
// every finding names its source and date:
//
//   - katalog: the datasets katalog hosts for the agency ("hosted in
//     katalog, last changed DATE").
//   - the agency's own catalog, as katalog last observed it where the
//     agency publishes it ("the agency's own catalog at URL, read DATE"):
//     the datasets of its latest version count when the latest attempt to
//     read it found a catalog; when that attempt failed (a 404, say), the
//     catalog does not count and the evidence says why.
//   - the portal: what Sveriges dataportal said at the latest successful
//     sync ("the portal (dataportal.se), DATE").
//
// The two dataset sources combine into one union: a dataset both list (the
// same IRI, or the same UUID identifier) counts once, as the hosted copy,
// marked AlsoInOwnCatalog. Channels, MQA, stars, openness and HVD are
// computed over the union; each channel says, per source, whether it
// shows it (ChannelEvidence); each rule over the union ends its evidence
// with the sources it was computed over ("[over hosted in katalog, last
// changed DATE (N datasets); the agency's own catalog at URL, read DATE
// (M datasets)]"), and an example taken from the own catalog says so.
//
// # Channels and publication levels
//
// The agency publishes data for reuse when at least one dataset of either
// source has dct:accessRights PUBLIC. Its channels, rolled up over its
// PUBLIC datasets (data that is not declared public is not published for
// reuse):
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
//   - portal (agency-wide): what the portal said at the last sync, listed
//     or not; nil (JSON null, "unknown") until a sync, never inferred from
//     katalog hosting a feed. Harvest readiness is its own rule
//     (readiness.harvestable), from the latest readiness check.
//
// The publication level of a dataset (and, from its channels, of an
// agency) climbs a ladder; an unknown portal status counts as not listed:
//
//	0  nothing published
//	1  documents only (PDF, web pages, landing pages)
//	2  structured files, proprietary formats included (Excel)
//	3  open machine-readable files, or an API
//	4  open machine-readable files and either an API or a portal listing
//	5  open machine-readable files, an API and a portal listing
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
// The MQA as dataportal.se computes it: the 23 indicators of
// data.europa.eu's 405-point method over Findability, Accessibility,
// Interoperability, Reusability and Contextuality, with the Swedish
// variant's two deviations: the DCAT-AP compliance indicator is shown (from
// DCAT-AP-SE validation of the hosted feed) but gives no points, so at
// most 375 points can be earned ([MQAAchievable]); and IANA media types
// count as formats, judged by the MQA's machine-readable and
// non-proprietary lists (a zipped format, "text/csv+zip", is the format
// inside). A dataset's MQA score is its dataset-level points plus those of
// its best distribution. The catalog score is Σ weight × share passing,
// where the population is datasets or distributions depending on the
// indicator, rounded to the point; bands (on the 405 scale) are Excellent
// 351–405, Good 221–350, Sufficient 121–220, Bad 0–120. Link indicators
// use the latest link check.
//
// # Stars
//
// Every distribution is rated on the 5-star model as dataportal.se rates
// it, cumulatively: ★ on the web (an access or download URL) with a format
// and an open licence (CC0, CC BY, CC BY-SA, public domain mark); ★★ in a
// machine-readable format; ★★★ in a non-proprietary one (both from the MQA
// lists); ★★★★ as RDF (RDF/XML, Turtle, N-Triples, N-Quads, TriG, JSON-LD,
// N3). The fifth star (links to other data) cannot be assessed from
// metadata. The catalog's rating is the mean over all its distributions.
// Stars are shown, not weighed into the total.
//
// Inputs that have not been produced yet (no readiness check, no
// validation, unchecked links, no portal sync) make the rules that need
// them fail with the evidence "not yet checked"; nothing is guessed. Every score carries
// [ModelVersion] and the time it was computed, so history stays comparable
// when the model changes.
package score
