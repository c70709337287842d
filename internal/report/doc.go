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
// stamped with the scoring model's version; changes are computed only
// against reports of the same model version.
//
// # Honest denominators
//
// Every indicator counts Count agencies out of Of, and says how many were
// left out because their input does not exist yet (Unchecked): an agency
// with no score, or, for readiness, the portal and links, one whose
// readiness check has not run. HVD compliance is counted over the agencies
// that have high-value datasets; the MQA mean over agencies that publish.
//
// # HTML and the content security policy
//
// The HTML page is self-contained (inline CSS and SVG). Tables sort without
// a script through ?sort= links (see [HTMLOptions]); the one small inline
// script that sorts in place is allowed by adding [ScriptSource] to the
// page's script-src.
package report
