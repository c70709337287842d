package write

import (
	"context"
	"time"
)

// DefaultFollowInterval is how often Follow reads the store's revision.
const DefaultFollowInterval = 5 * time.Second

// Follow reads the national catalog's revision every interval until ctx
// ends, and publishes a Remote event whenever it has moved past every
// revision this Service's own events carried: a write by another process
// on the same database (another instance, `katalog import`, `katalog
// agencies import`), naming the agencies written since. Subscribers that
// keep state in memory (the scheduler's registrations, caches) follow it;
// the writer has already updated what is kept in the database (scores).
func (s *Service) Follow(ctx context.Context, interval time.Duration) {
	if interval <= 0 {
		interval = DefaultFollowInterval
	}
	if rev, err := s.store.Revision(ctx, ""); err == nil {
		s.raise(rev.Seq)
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		rev, err := s.store.Revision(ctx, "")
		if err != nil {
			if ctx.Err() == nil {
				s.log.Warn("following the catalog's revision", "err", err)
			}
			continue
		}
		seen := s.seen.Load()
		if rev.Seq <= seen {
			continue
		}
		// The agencies written since; nil (all of them) if the store
		// cannot say now.
		orgs, err := s.store.ChangedAgencies(ctx, seen)
		if err != nil {
			s.log.Warn("following the catalog: which agencies changed", "err", err)
			orgs = nil
		}
		s.Publish(ctx, Event{Kind: Remote, Agencies: orgs, Revision: rev})
	}
}

// raise makes seq the highest revision seen, unless one higher was.
func (s *Service) raise(seq int64) {
	for {
		old := s.seen.Load()
		if seq <= old || s.seen.CompareAndSwap(old, seq) {
			return
		}
	}
}
