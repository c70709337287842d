// Package check runs katalog's harvest-readiness checks: it fetches an
// agency's DCAT endpoint the way Sveriges dataportal (dataportal.se) would,
// judges what it finds against Digg's harvesting rules, and checks the
// links the catalog points to.
//
// All outbound HTTP of katalog goes through the package's Client: a
// net/http client whose dialer refuses private, loopback, link-local and
// other non-public addresses (checked on the resolved address of every
// connection, redirects included, so DNS rebinding cannot pass), that
// follows at most five redirects, caps bodies, limits concurrency and rate
// per host and retries 429 and 503 responses honouring Retry-After.
//
// A Checker turns one URL into a Result whose JSON is the contract of
// `katalog check --json`. Result.Ready is true when no finding has
// severity "error".
//
// A check costs the agency one download: the catalog is read as it
// streams, and each triple goes at once to the counts, the DCAT-AP-SE
// validation session, the observed-graph sink and the link spool (the
// last two spool to temporary files), so memory does not grow with the
// catalog. The revalidation is a conditional GET whose body is closed
// unread if the server ignores the condition; the other syntaxes are asked
// for with HEAD (or a GET closed after its headers); those probes and the
// link checks run at the same time; Options.Timeout bounds the whole check
// and a check that reaches it says where it stopped (RuleCheckDeadline).
//
// Every accessURL, downloadURL, landingPage, endpointURL,
// endpointDescription, dcterms:conformsTo and foaf:page is probed. API
// descriptions (endpointDescription, and conformsTo that names an OpenAPI
// file) are fetched as dataportal.se does, with its Origin, and judged by
// content (SniffAPIDescription): only an OpenAPI 3 or Swagger 2 document in
// JSON or YAML with CORS for the portal is verified; the findings say what
// each of the others is (a web page such as Swagger UI, other JSON, a 404).
//
// CheckAgency is the scheduler's check of an agency: of its harvest URL
// or, when it has registered none, a discovery at the portal's
// conventional address under its homepage (catalog.ConventionURLs). It
// keeps, through the write path, the links it probed and an observation
// of the agency's own catalog: the graph exactly as published (the main
// document and the sub-catalogs read), in canonical form and content-
// addressed (dcat/syntax/canon), with its datasets as dcat.Mapper.Unmap
// reads them. A discovery that finds nothing is "no own catalog at the
// conventional address", not a broken catalog (AgencyCheck.NoEndpoint).
package readiness
