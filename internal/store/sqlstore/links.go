package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// linkBatch is how many links one upsert statement writes (twelve
// parameters each, well within both databases' limits).
const linkBatch = 400

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
			args := make([]any, 0, 12*len(batch))
			for _, r := range batch {
				var brokenSince, lastOK any
				if r.OK {
					lastOK = stamp
				} else {
					brokenSince = stamp
				}
				args = append(args, string(org), r.URL, strings.Join(r.Kinds, ","), r.Status, boolInt(r.OK), r.Error, r.DurationMs, stamp, brokenSince, lastOK,
					r.API, optBool(r.CORS))
			}
			if _, err := h.exec(ctx, `INSERT INTO links (agency, url, kinds, status, ok, error, duration_ms, checked, broken_since, last_ok, api, cors)
				VALUES `+params(len(batch), 12)+` `+linkUpsert, args...); err != nil {
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

// linkUpsert is what an upsert of a link row does to a row already there:
// a URL known keeps its LastOK unless it works now, and its BrokenSince
// while it stays broken.
const linkUpsert = `ON CONFLICT (agency, url) DO UPDATE SET kinds = excluded.kinds, status = excluded.status, ok = excluded.ok,
	error = excluded.error, duration_ms = excluded.duration_ms, checked = excluded.checked,
	api = excluded.api, cors = excluded.cors,
	broken_since = CASE WHEN excluded.ok = 1 THEN NULL ELSE COALESCE(links.broken_since, excluded.checked) END,
	last_ok = CASE WHEN excluded.ok = 1 THEN excluded.checked ELSE links.last_ok END`

// SaveLinkCycle implements catalog.LinkQueue: the cycle's results go from
// link_work to links in the database.
func (s *Store) SaveLinkCycle(ctx context.Context, cycle int64) error {
	err := s.tx(ctx, func(h handle) error {
		var org string
		var checked time.Time
		if err := h.queryRow(ctx, "SELECT agency, checked FROM link_cycles WHERE id = ?", cycle).Scan(&org, timeCol{&checked}); err != nil {
			return noRows(err)
		}
		stamp := s.d.Time(checked)
		// The values come from the tables themselves, typed by their
		// columns (a parameter in a select list has no type in PostgreSQL).
		if _, err := h.exec(ctx, `INSERT INTO links (agency, url, kinds, status, ok, error, duration_ms, checked, broken_since, last_ok, api, cors)
			SELECT c.agency, w.url, w.kinds, w.status, w.ok, w.error, w.duration_ms, c.checked,
				CASE WHEN w.ok = 1 THEN NULL ELSE c.checked END, CASE WHEN w.ok = 1 THEN c.checked ELSE NULL END, w.api, w.cors
			FROM link_work w JOIN link_cycles c ON c.id = w.cycle
			WHERE w.cycle = ? AND w.state = 'done' `+linkUpsert, cycle); err != nil {
			return fmt.Errorf("write links: %w", err)
		}
		if _, err := h.exec(ctx, "DELETE FROM links WHERE agency = ? AND checked <> ?", org, stamp); err != nil {
			return fmt.Errorf("remove links gone from the catalog: %w", err)
		}
		return nil
	})
	if err != nil {
		return s.errorf("save the links of cycle %d: %w", cycle, err)
	}
	return nil
}

// linkColumns are the columns scanLink reads, in its order.
const linkColumns = "url, kinds, status, ok, error, duration_ms, checked, broken_since, last_ok, api, cors"

// Links implements catalog.LinkStore.
func (s *Store) Links(ctx context.Context, org catalog.OrgNumber) ([]catalog.LinkResult, error) {
	list, err := collect(ctx, s.r, scanLink, `SELECT `+linkColumns+` FROM links WHERE agency = ? ORDER BY url`, string(org))
	if err != nil {
		return nil, s.errorf("links of agency %s: %w", org, err)
	}
	return list, nil
}

// LinkPage implements catalog.LinkStore: broken first (longest broken
// first), then by URL.
func (s *Store) LinkPage(ctx context.Context, org catalog.OrgNumber, f catalog.LinkFilter, p catalog.Page) ([]catalog.LinkResult, int, error) {
	where, args := "agency = ?", []any{string(org)}
	if f.Broken != nil {
		where += " AND ok = ?"
		args = append(args, boolInt(!*f.Broken))
	}
	if f.Kind != "" {
		// kinds is a comma-separated list of names without commas.
		where += " AND ',' || kinds || ',' LIKE ?"
		args = append(args, "%,"+f.Kind+",%")
	}
	list, total, err := listPage(ctx, s, p, scanLink, "SELECT count(*) FROM links WHERE "+where,
		"SELECT "+linkColumns+" FROM links WHERE "+where+" ORDER BY ok, broken_since, url", args...)
	if err != nil {
		return nil, 0, s.errorf("links of agency %s: %w", org, err)
	}
	return list, total, nil
}

// scanLink reads the linkColumns of one row of the link table.
func scanLink(row scanner, r *catalog.LinkResult) error {
	var kinds string
	var ok int
	var cors sql.NullInt64
	var brokenSince, lastOK time.Time
	if err := row.Scan(&r.URL, &kinds, &r.Status, &ok, &r.Error, &r.DurationMs, timeCol{&r.CheckedAt}, timeCol{&brokenSince}, timeCol{&lastOK},
		&r.API, &cors); err != nil {
		return err
	}
	r.OK = ok == 1
	if kinds != "" {
		r.Kinds = strings.Split(kinds, ",")
	}
	r.BrokenSince, r.LastOK = optTime(brokenSince), optTime(lastOK)
	r.CORS = nil
	if cors.Valid {
		b := cors.Int64 == 1
		r.CORS = &b
	}
	return nil
}

// optBool is b as a nullable 0/1 column.
func optBool(b *bool) any {
	if b == nil {
		return nil
	}
	return boolInt(*b)
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
