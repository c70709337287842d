package sqlstore

import (
	"context"

	"github.com/katalog-se/katalog/catalog"
)

// Overview queries: what a page listing every agency needs, in one
// statement each, without the score documents.

// LatestScoreTotals returns every agency's newest score without its
// document (Score is nil), ordered by agency: the totals and levels of a
// list of all agencies.
func (s *Store) LatestScoreTotals(ctx context.Context) ([]catalog.ScoreRecord, error) {
	list, err := collect(ctx, s.r, scanScoreOnly, `SELECT s.id, s.agency, s.model_version, s.computed, s.total, s.level
		FROM agencies AS a JOIN scores AS s
		ON s.id = (SELECT id FROM scores WHERE agency = a.org_number ORDER BY computed DESC, id DESC LIMIT 1)
		ORDER BY a.org_number`)
	if err != nil {
		return nil, s.errorf("latest score totals: %w", err)
	}
	return list, nil
}

// DatasetCounts counts the hosted datasets of every agency that has any.
func (s *Store) DatasetCounts(ctx context.Context) (map[catalog.OrgNumber]int, error) {
	type count struct {
		org string
		n   int
	}
	list, err := collect(ctx, s.r, func(row scanner, c *count) error { return row.Scan(&c.org, &c.n) },
		"SELECT agency, count(*) FROM datasets GROUP BY agency")
	if err != nil {
		return nil, s.errorf("dataset counts: %w", err)
	}
	out := make(map[catalog.OrgNumber]int, len(list))
	for _, c := range list {
		out[catalog.OrgNumber(c.org)] = c.n
	}
	return out, nil
}
