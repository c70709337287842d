package catalog

import (
	"context"
	"time"
)

// What Sveriges dataportal says of an agency: whether it lists any of the
// agency's datasets. Unknown is never stored: it is the absence of a
// successful sync.
const (
	PortalListed    = "listed"
	PortalNotListed = "notListed"
	PortalUnknown   = "unknown"
)

// PortalStatus is what one sync of dataportal.se's SPARQL endpoint found
// for one agency.
type PortalStatus struct {
	Agency OrgNumber `json:"agency"`
	// Status is PortalListed or PortalNotListed (PortalUnknown only in
	// answers for an agency never synced).
	Status string `json:"status"`
	// CheckedAt is when the portal said so.
	CheckedAt time.Time `json:"checkedAt"`
	// OnPortal counts the datasets the portal lists for the agency's
	// publisher IRIs; InCatalogs those in its catalogs (kept in katalog and
	// its own); Missing names (by IRI) those of its catalogs the portal
	// does not list, matched by IRI or by a UUID dcterms:identifier.
	OnPortal   int      `json:"onPortal"`
	InCatalogs int      `json:"inCatalogs"`
	Missing    []string `json:"missing"`
	// Publishers are the publisher IRIs the portal was asked about.
	Publishers []string `json:"publishers"`
}

// PortalStore keeps the history of portal syncs.
type PortalStore interface {
	// SavePortalSync adds one sync's statuses (listed or not listed) in one
	// transaction; CheckedAt is stored to the microsecond. ErrNotFound if
	// an agency is absent.
	SavePortalSync(ctx context.Context, statuses []PortalStatus) error
	// LatestPortalStatus returns org's status from the newest sync that
	// reached the portal. ErrNotFound if there is none: the status is then
	// unknown.
	LatestPortalStatus(ctx context.Context, org OrgNumber) (*PortalStatus, error)
	// LatestPortalStatuses returns every synced agency's latest status,
	// ordered by agency.
	LatestPortalStatuses(ctx context.Context) ([]PortalStatus, error)
	// PortalHistory lists one page of org's statuses, newest first, with
	// the count of all.
	PortalHistory(ctx context.Context, org OrgNumber, p Page) ([]PortalStatus, int, error)
}
