package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

var _ catalog.LinkQueue = (*Store)(nil)

// The link queue's tables are not part of the catalog: writing them bumps
// no revision. Every claim is one statement whose WHERE decides, so two
// instances never get one slot or one item.

// linkWorkBatch is how many items one insert statement queues (four
// parameters each).
const linkWorkBatch = 500

// epoch is the time a host that was never given a slot was given one.
var epoch = time.Unix(0, 0).UTC()

// StartLinkCycle implements catalog.LinkQueue.
func (s *Store) StartLinkCycle(ctx context.Context, org catalog.OrgNumber, checkedAt time.Time) (int64, error) {
	var id int64
	err := s.tx(ctx, func(h handle) error {
		if _, err := h.exec(ctx, `UPDATE link_cycles SET state = 'superseded' WHERE agency = ? AND state IN ('filling', 'open', 'finishing')`, string(org)); err != nil {
			return err
		}
		if _, err := h.exec(ctx, `DELETE FROM link_work WHERE cycle IN (SELECT id FROM link_cycles WHERE agency = ? AND state = 'superseded')`, string(org)); err != nil {
			return err
		}
		return h.queryRow(ctx, `INSERT INTO link_cycles (agency, checked, state, created)
			SELECT ?, ?, 'filling', ? WHERE EXISTS (SELECT 1 FROM agencies WHERE org_number = ?) RETURNING id`,
			string(org), s.d.Time(micro(checkedAt)), s.d.Time(s.now()), string(org)).Scan(&id)
	})
	if err != nil {
		return 0, s.errorf("start the link cycle of agency %s: %w", org, noRows(err))
	}
	return id, nil
}

// AddLinkWork implements catalog.LinkQueue.
func (s *Store) AddLinkWork(ctx context.Context, cycle int64, items []catalog.LinkWork) error {
	err := s.tx(ctx, func(h handle) error {
		for start := 0; start < len(items); start += linkWorkBatch {
			batch := items[start:min(start+linkWorkBatch, len(items))]
			args := make([]any, 0, 4*len(batch))
			hosts := make([]any, 0, 2*len(batch))
			seen := map[string]bool{}
			for _, it := range batch {
				args = append(args, cycle, it.URL, strings.Join(it.Kinds, ","), it.Host)
				if !seen[it.Host] {
					seen[it.Host] = true
					hosts = append(hosts, it.Host, s.d.Time(epoch))
				}
			}
			if _, err := h.exec(ctx, `INSERT INTO link_work (cycle, url, kinds, host, state) VALUES `+
				strings.ReplaceAll(params(len(batch), 4), "?)", "?, 'pending')")+` ON CONFLICT (cycle, url) DO NOTHING`, args...); err != nil {
				return fmt.Errorf("queue links: %w", err)
			}
			if _, err := h.exec(ctx, `INSERT INTO link_hosts (host, claimed) VALUES `+params(len(hosts)/2, 2)+
				` ON CONFLICT (host) DO NOTHING`, hosts...); err != nil {
				return fmt.Errorf("queue hosts: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return s.errorf("queue the links of cycle %d: %w", cycle, err)
	}
	return nil
}

// OpenLinkCycle implements catalog.LinkQueue.
func (s *Store) OpenLinkCycle(ctx context.Context, cycle int64, total int) error {
	if _, err := s.exec(ctx, `UPDATE link_cycles SET state = 'open', total = ? WHERE id = ? AND state = 'filling'`, total, cycle); err != nil {
		return s.errorf("open link cycle %d: %w", cycle, err)
	}
	return nil
}

// LinkCycle implements catalog.LinkQueue.
func (s *Store) LinkCycle(ctx context.Context, id int64) (*catalog.LinkCycle, error) {
	c, err := one(ctx, s.r, scanCycle, `SELECT id, agency, checked, total, state,
		(SELECT count(*) FROM link_work w WHERE w.cycle = c.id AND w.state = 'done') FROM link_cycles c WHERE id = ?`, id)
	if err != nil {
		return nil, s.errorf("link cycle %d: %w", id, err)
	}
	return c, nil
}

func scanCycle(row scanner, c *catalog.LinkCycle) error {
	return row.Scan(&c.ID, (*string)(&c.Agency), timeCol{&c.CheckedAt}, &c.Total, &c.State, &c.Done)
}

// ClaimLinkHost implements catalog.LinkQueue. It picks a host whose slots
// are not all held and which has pending work, longest unserved first,
// then takes the first free slot by one upsert that only an expired or
// absent slot lets through; another instance taking it first sends it on
// to the next.
func (s *Store) ClaimLinkHost(ctx context.Context, holder string, until time.Time, slots int) (string, int, bool, error) {
	now := s.d.Time(s.now())
	for range 4 {
		var host string
		var held int
		err := s.r.queryRow(ctx, `SELECT h.host, (SELECT count(*) FROM link_slots s WHERE s.host = h.host AND s.until > ?) AS held
			FROM link_hosts h
			WHERE EXISTS (SELECT 1 FROM link_work w WHERE w.host = h.host AND w.state = 'pending')
			  AND (SELECT count(*) FROM link_slots s WHERE s.host = h.host AND s.until > ?) < ?
			ORDER BY h.claimed, h.host LIMIT 1`, now, now, slots).Scan(&host, &held)
		if errors.Is(err, sql.ErrNoRows) {
			return "", 0, false, nil
		}
		if err != nil {
			return "", 0, false, s.errorf("claim a link host: %w", err)
		}
		for slot := range slots {
			n, err := s.exec(ctx, `INSERT INTO link_slots (host, slot, holder, until) VALUES (?, ?, ?, ?)
				ON CONFLICT (host, slot) DO UPDATE SET holder = excluded.holder, until = excluded.until
				WHERE link_slots.until <= ?`, host, slot, holder, s.d.Time(micro(until)), now)
			if err != nil {
				return "", 0, false, s.errorf("claim a slot of %s: %w", host, err)
			}
			if n == 1 {
				if _, err := s.exec(ctx, `UPDATE link_hosts SET claimed = ? WHERE host = ?`, now, host); err != nil {
					return "", 0, false, s.errorf("claim a slot of %s: %w", host, err)
				}
				return host, slot, true, nil
			}
		}
	}
	return "", 0, false, nil
}

// ClaimLinkWork implements catalog.LinkQueue. The outer state test makes
// an item taken by another statement meanwhile drop out (PostgreSQL
// re-reads a row it waited for).
func (s *Store) ClaimLinkWork(ctx context.Context, host, holder string, until time.Time, n int) ([]catalog.LinkWork, error) {
	if err := s.d.Usable(); err != nil {
		return nil, s.errorf("claim links of %s: %w", host, err)
	}
	list, err := collect(ctx, s.w, scanWork, `UPDATE link_work SET state = 'leased', holder = ?, until = ?, attempts = attempts + 1
		WHERE state = 'pending' AND id IN (SELECT id FROM link_work WHERE host = ? AND state = 'pending' ORDER BY id LIMIT ?)
		RETURNING id, cycle, url, kinds, host`, holder, s.d.Time(micro(until)), host, n)
	if err != nil {
		return nil, s.errorf("claim links of %s: %w", host, s.d.Classify(err, true))
	}
	return list, nil
}

func scanWork(row scanner, w *catalog.LinkWork) error {
	var kinds string
	if err := row.Scan(&w.ID, &w.Cycle, &w.URL, &kinds, &w.Host); err != nil {
		return err
	}
	if kinds != "" {
		w.Kinds = strings.Split(kinds, ",")
	}
	return nil
}

// CompleteLinkWork implements catalog.LinkQueue, in one transaction.
func (s *Store) CompleteLinkWork(ctx context.Context, holder string, done []catalog.LinkWork) error {
	done = slices.SortedFunc(slices.Values(done), func(a, b catalog.LinkWork) int { return cmp.Compare(a.ID, b.ID) })
	err := s.tx(ctx, func(h handle) error {
		for _, w := range done {
			r := w.Result
			if _, err := h.exec(ctx, `UPDATE link_work SET state = 'done', status = ?, ok = ?, error = ?, duration_ms = ?, api = ?, cors = ?
				WHERE id = ? AND holder = ? AND state = 'leased'`,
				r.Status, boolInt(r.OK), r.Error, r.DurationMs, r.API, optBool(r.CORS), w.ID, holder); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return s.errorf("complete %d links: %w", len(done), err)
	}
	return nil
}

// ReleaseLinkSlot implements catalog.LinkQueue.
func (s *Store) ReleaseLinkSlot(ctx context.Context, host string, slot int, holder string) error {
	if _, err := s.exec(ctx, `DELETE FROM link_slots WHERE host = ? AND slot = ? AND holder = ?`, host, slot, holder); err != nil {
		return s.errorf("release slot %d of %s: %w", slot, host, err)
	}
	return nil
}

// RenewLinkLeases implements catalog.LinkQueue.
func (s *Store) RenewLinkLeases(ctx context.Context, holder string, until time.Time) error {
	u := s.d.Time(micro(until))
	err := s.tx(ctx, func(h handle) error {
		for _, q := range []string{
			`UPDATE link_slots SET until = ? WHERE holder = ?`,
			`UPDATE link_cycles SET until = ? WHERE holder = ? AND state = 'finishing'`,
		} {
			if _, err := h.exec(ctx, q, u, holder); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return s.errorf("renew the link leases of %s: %w", holder, err)
	}
	return nil
}

// RenewLinkWork implements catalog.LinkQueue.
func (s *Store) RenewLinkWork(ctx context.Context, holder string, ids []int64, until time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	args := []any{s.d.Time(micro(until)), holder}
	for _, id := range ids {
		args = append(args, id)
	}
	if _, err := s.exec(ctx, `UPDATE link_work SET until = ? WHERE holder = ? AND state = 'leased' AND id IN (`+params(len(ids), 1)+`)`, args...); err != nil {
		return s.errorf("renew %d link leases of %s: %w", len(ids), holder, err)
	}
	return nil
}

// RequeueLinkWork implements catalog.LinkQueue.
func (s *Store) RequeueLinkWork(ctx context.Context) (int, error) {
	now := s.d.Time(s.now())
	var n int64
	err := s.tx(ctx, func(h handle) error {
		var err error
		if n, err = h.execCount(ctx, `UPDATE link_work SET state = 'pending', holder = '' WHERE state = 'leased' AND until <= ?`, now); err != nil {
			return err
		}
		if _, err = h.exec(ctx, `UPDATE link_cycles SET state = 'open', holder = '' WHERE state = 'finishing' AND until <= ?`, now); err != nil {
			return err
		}
		_, err = h.exec(ctx, `DELETE FROM link_slots WHERE until <= ?`, now)
		return err
	})
	if err != nil {
		return 0, s.errorf("requeue lapsed links: %w", err)
	}
	return int(n), nil
}

// ClaimLinkCycle implements catalog.LinkQueue.
func (s *Store) ClaimLinkCycle(ctx context.Context, holder string, until time.Time) (*catalog.LinkCycle, error) {
	var id int64
	err := s.writeRow(ctx, `UPDATE link_cycles SET state = 'finishing', holder = ?, until = ?
		WHERE id = (SELECT c.id FROM link_cycles c WHERE c.state = 'open'
			AND NOT EXISTS (SELECT 1 FROM link_work w WHERE w.cycle = c.id AND w.state <> 'done') ORDER BY c.id LIMIT 1)
		AND state = 'open' RETURNING id`, []any{holder, s.d.Time(micro(until))}, &id)
	if err != nil {
		return nil, s.errorf("claim a finished link cycle: %w", noRows(err))
	}
	return s.LinkCycle(ctx, id)
}

// LinkCycleResults implements catalog.LinkQueue.
func (s *Store) LinkCycleResults(ctx context.Context, cycle int64) ([]catalog.LinkResult, error) {
	list, err := collect(ctx, s.r, func(row scanner, r *catalog.LinkResult) error {
		var kinds string
		var ok int
		var cors sql.NullInt64
		if err := row.Scan(&r.URL, &kinds, &r.Status, &ok, &r.Error, &r.DurationMs, &r.API, &cors); err != nil {
			return err
		}
		r.OK = ok == 1
		if kinds != "" {
			r.Kinds = strings.Split(kinds, ",")
		}
		if cors.Valid {
			b := cors.Int64 == 1
			r.CORS = &b
		}
		return nil
	}, `SELECT url, kinds, status, ok, error, duration_ms, api, cors FROM link_work WHERE cycle = ? AND state = 'done' ORDER BY url`, cycle)
	if err != nil {
		return nil, s.errorf("results of link cycle %d: %w", cycle, err)
	}
	return list, nil
}

// CloseLinkCycle implements catalog.LinkQueue.
func (s *Store) CloseLinkCycle(ctx context.Context, cycle int64, holder string) error {
	err := s.tx(ctx, func(h handle) error {
		n, err := h.execCount(ctx, `UPDATE link_cycles SET state = 'done', holder = '' WHERE id = ? AND holder = ? AND state = 'finishing'`, cycle, holder)
		if err != nil {
			return err
		}
		if n == 0 {
			return catalog.ErrNotFound
		}
		_, err = h.exec(ctx, `DELETE FROM link_work WHERE cycle = ?`, cycle)
		return err
	})
	if err != nil {
		return s.errorf("close link cycle %d: %w", cycle, err)
	}
	return nil
}
