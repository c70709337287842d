package catalog

import (
	"context"
	"time"
)

// States of a link cycle: the links of one check of one agency, queued
// for the link workers of every instance.
const (
	// CycleFilling: the check is still queueing its links.
	CycleFilling = "filling"
	// CycleOpen: every link is queued; the cycle ends when all are done.
	CycleOpen = "open"
	// CycleFinishing: one instance is recording the cycle's results.
	CycleFinishing = "finishing"
	// CycleDone: the results are the agency's link table.
	CycleDone = "done"
	// CycleSuperseded: a newer check of the agency queued its own links.
	CycleSuperseded = "superseded"
)

// LinkCycle is the links of one check of an agency in the shared queue.
type LinkCycle struct {
	ID     int64
	Agency OrgNumber
	// CheckedAt is the check's time: the link table is recorded as of it.
	CheckedAt time.Time
	// Total is how many links were queued; Done how many are checked.
	Total, Done int
	State       string
}

// LinkWork is one queued link: a URL of a cycle, the properties it was
// found under, its host (host:port, lower case), and, once checked, its
// result (Result.URL and Kinds repeat the item's).
type LinkWork struct {
	ID     int64
	Cycle  int64
	URL    string
	Kinds  []string
	Host   string
	Result LinkResult
}

// LinkQueue is the shared link queue in the store: instances queue the
// links of their checks and take turns checking them, at most slots
// connections per host across all of them.
type LinkQueue interface {
	// StartLinkCycle starts a cycle for org's check at checkedAt, state
	// filling, and supersedes the agency's earlier cycles not yet done
	// (their remaining work is dropped: the new check has the same links).
	StartLinkCycle(ctx context.Context, org OrgNumber, checkedAt time.Time) (int64, error)
	// AddLinkWork queues items (URL, Kinds, Host) in the cycle; a URL
	// already queued in it is left as it is.
	AddLinkWork(ctx context.Context, cycle int64, items []LinkWork) error
	// OpenLinkCycle says every link of the cycle is queued (total of them).
	OpenLinkCycle(ctx context.Context, cycle int64, total int) error
	// LinkCycle returns a cycle with its count of done items. ErrNotFound
	// if there is none.
	LinkCycle(ctx context.Context, id int64) (*LinkCycle, error)
	// ClaimLinkHost gives holder, until the given time, one of the slots
	// of a host with pending work whose slots (numbered below slots) are
	// not all held; hosts take turns, the one given a slot longest ago
	// first. ok is false when there is none.
	ClaimLinkHost(ctx context.Context, holder string, until time.Time, slots int) (host string, slot int, ok bool, err error)
	// ClaimLinkWork leases to holder, until the given time, at most n
	// pending items of host, oldest first.
	ClaimLinkWork(ctx context.Context, host, holder string, until time.Time, n int) ([]LinkWork, error)
	// CompleteLinkWork stores the results of items holder leased (a lease
	// lost meanwhile stores nothing: the item is someone else's now).
	CompleteLinkWork(ctx context.Context, holder string, done []LinkWork) error
	// ReleaseLinkSlot gives up holder's slot of host.
	ReleaseLinkSlot(ctx context.Context, host string, slot int, holder string) error
	// RenewLinkLeases extends until the given time holder's slots and the
	// cycles it is finishing.
	RenewLinkLeases(ctx context.Context, holder string, until time.Time) error
	// RenewLinkWork extends until the given time holder's leases of the
	// items ids (those it is still checking: an item whose check went
	// wrong is left to lapse and be checked again).
	RenewLinkWork(ctx context.Context, holder string, ids []int64, until time.Time) error
	// RequeueLinkWork makes items whose lease has lapsed pending again and
	// cycles whose finishing has lapsed open again; it returns how many
	// items it requeued.
	RequeueLinkWork(ctx context.Context) (int, error)
	// ClaimLinkCycle gives holder, until the given time, an open cycle
	// whose items are all done, to record it (state finishing).
	// ErrNotFound when there is none.
	ClaimLinkCycle(ctx context.Context, holder string, until time.Time) (*LinkCycle, error)
	// LinkCycleResults returns the results of a cycle's items, by URL.
	LinkCycleResults(ctx context.Context, cycle int64) ([]LinkResult, error)
	// CloseLinkCycle marks a cycle holder finished done and drops its items.
	CloseLinkCycle(ctx context.Context, cycle int64, holder string) error
}
