package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// linkBatch is how many links one upsert statement writes (ten parameters
// each, well within both databases' limits).
const linkBatch = 500

// SaveLinks implements catalog.LinkStore.
func (s *Store) SaveLinks(ctx context.Context, org catalog.OrgNumber, checkedAt time.Time, results []catalog.LinkResult) error {
	checkedAt = micro(checkedAt)
	stamp := s.d.Time(checkedAt)
	err := s.tx(ctx, func(h handle) error {
		var one int
		if err := h.queryRow(ctx, "SELECT 1 FROM agencies WHERE org_number = ?", string(org)).Scan(&one); err != nil {
			return noRows(err)
		}
		for start := 0; start < len(results); start += linkBatch {
			batch := results[start:min(start+linkBatch, len(results))]
			args := make([]any, 0, 10*len(batch))
			for _, r := range batch {
				var brokenSince, lastOK any
				if r.OK {
					lastOK = stamp
				} else {
					brokenSince = stamp
				}
				args = append(args, string(org), r.URL, strings.Join(r.Kinds, ","), r.Status, boolInt(r.OK), r.Error, r.DurationMs, stamp, brokenSince, lastOK)
			}
			if _, err := h.exec(ctx, `INSERT INTO links (agency, url, kinds, status, ok, error, duration_ms, checked, broken_since, last_ok)
				VALUES `+params(len(batch), 10)+`
				ON CONFLICT (agency, url) DO UPDATE SET kinds = excluded.kinds, status = excluded.status, ok = excluded.ok,
					error = excluded.error, duration_ms = excluded.duration_ms, checked = excluded.checked,
					broken_since = CASE WHEN excluded.ok = 1 THEN NULL ELSE COALESCE(links.broken_since, excluded.checked) END,
					last_ok = CASE WHEN excluded.ok = 1 THEN excluded.checked ELSE links.last_ok END`, args...); err != nil {
				return fmt.Errorf("write links: %w", err)
			}
		}
		if _, err := h.exec(ctx, "DELETE FROM links WHERE agency = ? AND checked <> ?", string(org), stamp); err != nil {
			return fmt.Errorf("remove links gone from the catalog: %w", err)
		}
		return nil
	})
	if err != nil {
		return s.errorf("save the links of agency %s: %w", org, err)
	}
	return nil
}

// Links implements catalog.LinkStore.
func (s *Store) Links(ctx context.Context, org catalog.OrgNumber) ([]catalog.LinkResult, error) {
	list, err := collect(ctx, s.r, scanLink, `SELECT url, kinds, status, ok, error, duration_ms, checked, broken_since, last_ok
		FROM links WHERE agency = ? ORDER BY url`, string(org))
	if err != nil {
		return nil, s.errorf("links of agency %s: %w", org, err)
	}
	return list, nil
}

// scanLink reads one row of the link table.
func scanLink(row scanner, r *catalog.LinkResult) error {
	var kinds string
	var ok int
	var brokenSince, lastOK time.Time
	if err := row.Scan(&r.URL, &kinds, &r.Status, &ok, &r.Error, &r.DurationMs, timeCol{&r.CheckedAt}, timeCol{&brokenSince}, timeCol{&lastOK}); err != nil {
		return err
	}
	r.OK = ok == 1
	if kinds != "" {
		r.Kinds = strings.Split(kinds, ",")
	}
	r.BrokenSince, r.LastOK = optTime(brokenSince), optTime(lastOK)
	return nil
}

// optTime is t's address, or nil for the zero time.
func optTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
