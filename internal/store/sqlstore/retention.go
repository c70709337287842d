package sqlstore

import (
	"context"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

var _ catalog.HistoryStore = (*Store)(nil)

// PruneHistory implements catalog.HistoryStore: one statement per table,
// each ranking the rows of an agency (or a job) newest first.
func (s *Store) PruneHistory(ctx context.Context, keep int, before time.Time) (catalog.Pruned, error) {
	keep = max(keep, 1)
	cut := s.d.Time(micro(before))
	var p catalog.Pruned
	for _, q := range []struct {
		n                        *int
		table, group, when, what string
	}{
		{&p.Checks, "checks", "agency", "started", "checks"},
		{&p.Scores, "scores", "agency", "computed", "scores"},
		{&p.Runs, "job_runs", "job", "scheduled", "job runs"},
	} {
		n, err := s.exec(ctx, `DELETE FROM `+q.table+` WHERE id IN (
			SELECT id FROM (
				SELECT id, `+q.when+` AS at, ROW_NUMBER() OVER (PARTITION BY `+q.group+` ORDER BY `+q.when+` DESC, id DESC) AS rn
				FROM `+q.table+`
			) ranked WHERE rn > 1 AND (rn > ? OR at < ?))`, keep, cut)
		if err != nil {
			return p, s.errorf("prune the %s: %w", q.what, err)
		}
		*q.n = int(n)
	}
	for _, q := range []struct {
		n          *int
		stmt, what string
	}{
		{&p.Deliveries, "DELETE FROM notify_outbox WHERE state IN ('sent', 'failed') AND created < ?", "deliveries"},
		{&p.Notifications, "DELETE FROM notifications WHERE digest <> 'pending' AND at < ?", "notifications"},
		{&p.LinkCycles, "DELETE FROM link_cycles WHERE state IN ('done', 'superseded') AND created < ?", "link cycles"},
	} {
		n, err := s.exec(ctx, q.stmt, cut)
		if err != nil {
			return p, s.errorf("prune the %s: %w", q.what, err)
		}
		*q.n = int(n)
	}
	// Hosts the link queue has no work for are listed again when some comes.
	if _, err := s.exec(ctx, "DELETE FROM link_hosts WHERE NOT EXISTS (SELECT 1 FROM link_work w WHERE w.host = link_hosts.host)"); err != nil {
		return p, s.errorf("prune the link hosts: %w", err)
	}
	return p, nil
}
