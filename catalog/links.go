package catalog

import (
	"context"
	"time"
)

// LinkResult is the latest word on one URL an agency's catalog links to
// (an accessURL, downloadURL, landingPage, endpointURL, endpointDescription,
// conformsTo or foaf:page): every link a readiness check probed is kept,
// not a sample.
type LinkResult struct {
	URL string `json:"url"`
	// Kinds are the properties the URL appeared under, as their local
	// names (accessURL, downloadURL, landingPage, endpointDescription, …),
	// sorted.
	Kinds []string `json:"kinds"`
	// Status is the HTTP status of the last probe; 0 when none came back.
	Status int  `json:"status"`
	OK     bool `json:"ok"`
	// Error says why a probe got no answer (a timeout, a refused address),
	// in words fit to publish.
	Error      string `json:"error,omitempty"`
	DurationMs int64  `json:"durationMs"`
	// API says, for an API description (an endpointDescription, or a
	// conformsTo that names an OpenAPI file) that answered, what it is:
	// "openapi 3.0.3", "swagger 2.0", "html", "json", "yaml" or "other";
	// empty for other links.
	API string `json:"api,omitempty"`
	// CORS reports, for an API description that answered, whether it
	// allows dataportal.se's origin; nil for other links.
	CORS *bool `json:"cors,omitempty"`
	// CheckedAt is when the link was last probed.
	CheckedAt time.Time `json:"checkedAt"`
	// BrokenSince is when the link was first found broken in the current
	// run of failures; nil while it works.
	BrokenSince *time.Time `json:"brokenSince,omitempty"`
	// LastOK is when the link last worked; nil if it never has.
	LastOK *time.Time `json:"lastOk,omitempty"`
}

// LinkStore keeps each agency's link table: one row per URL, with its
// history of failure kept as BrokenSince and LastOK.
type LinkStore interface {
	// SaveLinks makes results org's link table as of checkedAt, in one
	// transaction: a URL already known keeps its LastOK unless it worked
	// now, and its BrokenSince while it stays broken; URLs not among
	// results (gone from the catalog) are removed. CheckedAt of each result
	// is set to checkedAt. ErrNotFound if the agency is absent.
	SaveLinks(ctx context.Context, org OrgNumber, checkedAt time.Time, results []LinkResult) error
	// SaveLinkCycle makes the results of a cycle of the shared link queue
	// (LinkQueue) its agency's link table as of the cycle's CheckedAt, as
	// SaveLinks does, in one transaction and within the database: a table
	// of any size costs the process nothing. ErrNotFound if there is no
	// such cycle.
	SaveLinkCycle(ctx context.Context, cycle int64) error
	// Links returns org's link table ordered by URL (none for an agency
	// never checked).
	Links(ctx context.Context, org OrgNumber) ([]LinkResult, error)
	// LinkPage lists one page of org's link table, the rows f selects:
	// broken links first, longest broken first, then by URL; with the
	// count of all the rows f selects.
	LinkPage(ctx context.Context, org OrgNumber, f LinkFilter, p Page) ([]LinkResult, int, error)
}

// LinkFilter selects rows of a link table; the zero filter selects all.
type LinkFilter struct {
	// Broken, when not nil, selects the broken links (true) or the working
	// ones (false).
	Broken *bool
	// Kind, when set, selects the links found under that property
	// ("accessURL", "endpointDescription", …).
	Kind string
}
