// Package report builds Digg's trend reports: a snapshot of every agency's
// latest maturity score, summarised as indicators (the share of agencies
// publishing data for reuse, by channel; readiness, broken links, HVD
// compliance; the MQA mean and bands), overall and per group (size class,
// department, agency type), with counts beside every share, the change
// since the previous report and over the last twelve, and the agencies
// that rose or fell a level.
//
// A report is immutable once written: [Builder.Run] stores it in the
// database (a catalog.ReportStore) and, when a directory is configured, as
// JSON, CSV and HTML files that are never overwritten. Every report is
// stamped with the scoring model's version.
//
// # The population, and like with like
//
// A report's population is the register's active agencies: those the
// register lists as no longer active (dissolved) are kept in the store but
// left out of every figure (Report.Inactive counts them). Changes are
// computed like with like: only against reports of the same model version,
// and over the agencies present in both reports. A change of population
// (the register growing from the 6 demo agencies to 337, say) is reported
// as one (Report.Population, "population 6 → 337"), and the trend lines
// break there: it is never shown as a trend.
//
// # Honest denominators
//
// Every indicator counts Count agencies out of Of, and says how many were
// left out because their input does not exist yet (Unchecked): an agency
// with no score, or, for readiness and links, one whose readiness check
// has not run. The portal indicator counts only the agencies the portal
// listed or did not list at the latest sync; the others are Unknown,
// beside it. Publishing for reuse needs a PUBLIC dataset. HVD compliance
// is counted over the agencies that have high-value datasets; the MQA mean
// over agencies that publish.
//
// # Definitions
//
// Every overall indicator carries its label, its definition and the
// question it answers (Digg's survey question, or katalog's own, said as
// such), in Swedish and English: as fields in JSON, as the last columns of
// its CSV row, and beside it in HTML.
//
// # HTML and the content security policy
//
// The HTML page is self-contained (inline CSS and SVG). Tables sort without
// a script through ?sort= links (see [HTMLOptions]); the one small inline
// script that sorts in place is allowed by adding [ScriptSource] to the
// page's script-src.
package report
