package write

import (
	"context"
	"log/slog"

	"github.com/katalog-se/katalog/catalog"
)

// Rescoring is the subscriber that has the scores follow: enqueue is
// called for every agency a change made by this process touched (another
// process's change was rescored by that process, into the same database).
func Rescoring(enqueue func(org catalog.OrgNumber)) Subscriber {
	return func(_ context.Context, e Event) {
		if !e.Local() {
			return
		}
		for _, org := range e.Agencies {
			enqueue(org)
		}
	}
}

// Snapshots is the subscriber that drops published snapshots a change made
// stale: drop gets the agencies whose hosted catalogs changed (nil: any).
func Snapshots(drop func(orgs []catalog.OrgNumber)) Subscriber {
	return func(_ context.Context, e Event) {
		if e.HostedChanged() {
			drop(e.Agencies)
		}
	}
}

// Scheduling is the subscriber that has the check schedule follow: sync
// re-reads the agencies whose own fields (harvest URL, schedule) a change
// may have touched, nil meaning all of them.
func Scheduling(sync func(ctx context.Context, orgs []catalog.OrgNumber) error, log *slog.Logger) Subscriber {
	return func(ctx context.Context, e Event) {
		if !e.AgencyFieldsChanged() {
			return
		}
		if err := sync(ctx, e.Agencies); err != nil && log != nil {
			log.WarnContext(ctx, "the check schedule did not follow a change", "kind", e.Kind, "agencies", len(e.Agencies), "err", err)
		}
	}
}
