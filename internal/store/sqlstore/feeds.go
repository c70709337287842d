package sqlstore

import (
	"context"
	"fmt"
	"sort"

	"github.com/katalog-se/katalog/catalog"
)

// feedChunk is how many entities one statement writes (three parameters each).
const feedChunk = 500

// FeedHarvest implements catalog.FeedHarvestStore.
func (s *Store) FeedHarvest(ctx context.Context, org catalog.OrgNumber) (*catalog.FeedHarvest, error) {
	list, err := collect(ctx, s.r, func(row scanner, h *catalog.FeedHarvest) error {
		return row.Scan(&h.URL, &h.Page, &h.Pages, &h.Events, &h.Bytes, timeCol{&h.UpdatedAt})
	}, "SELECT url, page, pages, events, bytes, updated FROM feed_harvests WHERE agency = ?", string(org))
	if err != nil {
		return nil, s.errorf("feed harvest of %s: %w", org, err)
	}
	if len(list) == 0 {
		return nil, nil
	}
	return &list[0], nil
}

// FeedEntities implements catalog.FeedHarvestStore.
func (s *Store) FeedEntities(ctx context.Context, org catalog.OrgNumber, fn func(entity, graph string) error) error {
	rows, err := s.r.query(ctx, "SELECT entity, graph FROM feed_entities WHERE agency = ? ORDER BY entity", string(org))
	if err != nil {
		return s.errorf("feed entities of %s: %w", org, err)
	}
	defer rows.Close()
	for rows.Next() {
		var e, g string
		if err := rows.Scan(&e, &g); err != nil {
			return s.errorf("feed entities of %s: %w", org, err)
		}
		if err := fn(e, g); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return s.errorf("feed entities of %s: %w", org, err)
	}
	return nil
}

// SaveFeedHarvest implements catalog.FeedHarvestStore.
func (s *Store) SaveFeedHarvest(ctx context.Context, org catalog.OrgNumber, h catalog.FeedHarvest, put map[string]string, drop []string) error {
	err := s.tx(ctx, func(tx handle) error {
		if _, err := tx.exec(ctx, `INSERT INTO feed_harvests (agency, url, page, pages, events, bytes, updated)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (agency) DO UPDATE SET url = excluded.url, page = excluded.page, pages = excluded.pages,
				events = excluded.events, bytes = excluded.bytes, updated = excluded.updated`,
			string(org), h.URL, h.Page, h.Pages, h.Events, h.Bytes, s.d.Time(s.now())); err != nil {
			return fmt.Errorf("save position: %w", err)
		}
		iris := make([]string, 0, len(put))
		for iri := range put {
			iris = append(iris, iri)
		}
		sort.Strings(iris)
		for len(iris) > 0 {
			batch := iris[:min(len(iris), feedChunk)]
			iris = iris[len(batch):]
			args := make([]any, 0, 3*len(batch))
			for _, iri := range batch {
				args = append(args, string(org), iri, put[iri])
			}
			if _, err := tx.exec(ctx, "INSERT INTO feed_entities (agency, entity, graph) VALUES "+params(len(batch), 3)+
				" ON CONFLICT (agency, entity) DO UPDATE SET graph = excluded.graph", args...); err != nil {
				return fmt.Errorf("save entities: %w", err)
			}
		}
		for len(drop) > 0 {
			batch := drop[:min(len(drop), feedChunk)]
			drop = drop[len(batch):]
			args := []any{string(org)}
			for _, iri := range batch {
				args = append(args, iri)
			}
			if _, err := tx.exec(ctx, "DELETE FROM feed_entities WHERE agency = ? AND entity IN ("+params(len(batch), 1)+")", args...); err != nil {
				return fmt.Errorf("drop entities: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return s.errorf("save feed harvest of %s: %w", org, err)
	}
	return nil
}

// DropFeedHarvest implements catalog.FeedHarvestStore.
func (s *Store) DropFeedHarvest(ctx context.Context, org catalog.OrgNumber) error {
	err := s.tx(ctx, func(tx handle) error {
		if _, err := tx.exec(ctx, "DELETE FROM feed_entities WHERE agency = ?", string(org)); err != nil {
			return err
		}
		_, err := tx.exec(ctx, "DELETE FROM feed_harvests WHERE agency = ?", string(org))
		return err
	})
	if err != nil {
		return s.errorf("drop feed harvest of %s: %w", org, err)
	}
	return nil
}
