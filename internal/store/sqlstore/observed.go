package sqlstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/katalog-se/katalog/catalog"
)

// observedBatch is how many observed datasets one insert writes (four
// parameters each).
const observedBatch = 500

// SaveObservation implements catalog.ObservedStore.
func (s *Store) SaveObservation(ctx context.Context, o catalog.Observation, g *catalog.ObservedGraph) (*catalog.ObservedCatalog, bool, error) {
	o.At = s.stamp(o.At)
	var (
		latest *catalog.ObservedCatalog
		made   bool
	)
	err := s.tx(ctx, func(h handle) error {
		n, err := h.execCount(ctx, `INSERT INTO observations (agency, url, discovered, at, found, http_status, error)
			SELECT ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM agencies WHERE org_number = ?)
			ON CONFLICT (agency) DO UPDATE SET url = excluded.url, discovered = excluded.discovered, at = excluded.at,
				found = excluded.found, http_status = excluded.http_status, error = excluded.error`,
			string(o.Agency), o.URL, boolInt(o.Discovered), s.d.Time(o.At), boolInt(o.Found), o.HTTPStatus, o.Error, string(o.Agency))
		switch {
		case err != nil:
			return fmt.Errorf("record the observation: %w", err)
		case n == 0:
			return catalog.ErrNotFound
		}
		if latest, err = latestObserved(ctx, h, o.Agency); err != nil {
			return err
		}
		switch {
		case g == nil:
			return nil
		case latest != nil && latest.Hash == g.Hash:
			latest.LastSeen = o.At
			_, err := h.exec(ctx, "UPDATE observed_catalogs SET last_seen = ? WHERE id = ?", s.d.Time(o.At), latest.ID)
			return err
		}
		made = true
		latest, err = s.addObservedVersion(ctx, h, o, g)
		return err
	})
	if err != nil {
		return nil, false, s.errorf("save the observation of agency %s: %w", o.Agency, err)
	}
	return latest, made, nil
}

// addObservedVersion stores g as a new version of o.Agency's catalog: the
// graph (once per hash), the datasets in place of the previous version's,
// and the version row with what it added and removed.
func (s *Store) addObservedVersion(ctx context.Context, h handle, o catalog.Observation, g *catalog.ObservedGraph) (*catalog.ObservedCatalog, error) {
	if _, err := h.exec(ctx, "INSERT INTO observed_graphs (hash, triples, body) VALUES (?, ?, ?) ON CONFLICT (hash) DO NOTHING",
		g.Hash, g.Triples, g.Gzip); err != nil {
		return nil, fmt.Errorf("store the graph: %w", err)
	}
	before, err := collect(ctx, h, func(row scanner, key *string) error { return row.Scan(key) },
		"SELECT CASE WHEN iri = '' THEN id ELSE iri END FROM observed_datasets WHERE agency = ?", string(o.Agency))
	if err != nil {
		return nil, fmt.Errorf("read the previous datasets: %w", err)
	}
	if _, err := h.exec(ctx, "DELETE FROM observed_datasets WHERE agency = ?", string(o.Agency)); err != nil {
		return nil, fmt.Errorf("drop the previous datasets: %w", err)
	}
	after, err := insertObservedDatasets(ctx, h, o.Agency, g.Datasets)
	if err != nil {
		return nil, err
	}
	v := &catalog.ObservedCatalog{Agency: o.Agency, URL: o.URL, Discovered: o.Discovered, Hash: g.Hash, Triples: g.Triples,
		Datasets: len(g.Datasets), FirstSeen: o.At, LastSeen: o.At, Added: difference(after, before), Removed: difference(before, after),
		Publishers: nonNil(g.Publishers)}
	added, _ := json.Marshal(v.Added)
	removed, _ := json.Marshal(v.Removed)
	publishers, _ := json.Marshal(v.Publishers)
	err = h.queryRow(ctx, `INSERT INTO observed_catalogs (agency, url, discovered, hash, triples, datasets, first_seen, last_seen, added, removed, publishers)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		string(o.Agency), o.URL, boolInt(o.Discovered), g.Hash, g.Triples, v.Datasets, s.d.Time(o.At), s.d.Time(o.At),
		string(added), string(removed), string(publishers)).Scan(&v.ID)
	if err != nil {
		return nil, fmt.Errorf("add the version: %w", err)
	}
	return v, nil
}

// insertObservedDatasets writes ds as org's observed datasets and returns
// their keys (IRI, or ID for a blank node).
func insertObservedDatasets(ctx context.Context, h handle, org catalog.OrgNumber, ds []catalog.Dataset) ([]string, error) {
	keys := make([]string, 0, len(ds))
	for start := 0; start < len(ds); start += observedBatch {
		batch := ds[start:min(start+observedBatch, len(ds))]
		args := make([]any, 0, 4*len(batch))
		for i := range batch {
			d := &batch[i]
			doc, err := marshalDoc(d)
			if err != nil {
				return nil, err
			}
			args = append(args, string(org), d.ID, d.IRI, string(doc))
			keys = append(keys, observedKey(d))
		}
		if _, err := h.exec(ctx, "INSERT INTO observed_datasets (agency, id, iri, doc) VALUES "+params(len(batch), 4), args...); err != nil {
			return nil, fmt.Errorf("write the datasets: %w", err)
		}
	}
	return keys, nil
}

// observedKey names an observed dataset in a version's changes: its IRI,
// or its ID when it is a blank node.
func observedKey(d *catalog.Dataset) string {
	if d.IRI != "" {
		return d.IRI
	}
	return d.ID
}

// difference returns the keys of a not in b, sorted.
func difference(a, b []string) []string {
	in := make(map[string]bool, len(b))
	for _, k := range b {
		in[k] = true
	}
	out := []string{}
	for _, k := range a {
		if !in[k] {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// observedColumns are the columns scanObserved reads.
const observedColumns = "id, agency, url, discovered, hash, triples, datasets, first_seen, last_seen, added, removed, publishers"

// scanObserved reads one catalog version.
func scanObserved(row scanner, v *catalog.ObservedCatalog) error {
	var discovered int
	var added, removed, publishers string
	if err := row.Scan(&v.ID, (*string)(&v.Agency), &v.URL, &discovered, &v.Hash, &v.Triples, &v.Datasets,
		timeCol{&v.FirstSeen}, timeCol{&v.LastSeen}, &added, &removed, &publishers); err != nil {
		return err
	}
	v.Discovered = discovered == 1
	for _, f := range []struct {
		doc string
		dst *[]string
	}{{added, &v.Added}, {removed, &v.Removed}, {publishers, &v.Publishers}} {
		if err := json.Unmarshal([]byte(f.doc), f.dst); err != nil {
			return fmt.Errorf("catalog version %d: %w", v.ID, err)
		}
	}
	return nil
}

// latestObserved returns org's newest catalog version, or nil.
func latestObserved(ctx context.Context, h handle, org catalog.OrgNumber) (*catalog.ObservedCatalog, error) {
	v, err := one(ctx, h, scanObserved, "SELECT "+observedColumns+" FROM observed_catalogs WHERE agency = ? ORDER BY id DESC LIMIT 1", string(org))
	if errors.Is(err, catalog.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("latest version: %w", err)
	}
	return v, nil
}

// LatestObservation implements catalog.ObservedStore.
func (s *Store) LatestObservation(ctx context.Context, org catalog.OrgNumber) (*catalog.Observation, error) {
	o, err := one(ctx, s.r, func(row scanner, o *catalog.Observation) error {
		var discovered, found int
		err := row.Scan((*string)(&o.Agency), &o.URL, &discovered, timeCol{&o.At}, &found, &o.HTTPStatus, &o.Error)
		o.Discovered, o.Found = discovered == 1, found == 1
		return err
	}, "SELECT agency, url, discovered, at, found, http_status, error FROM observations WHERE agency = ?", string(org))
	if err != nil {
		return nil, s.errorf("latest observation of agency %s: %w", org, err)
	}
	return o, nil
}

// ObservedCatalogs implements catalog.ObservedStore.
func (s *Store) ObservedCatalogs(ctx context.Context, org catalog.OrgNumber, p catalog.Page) ([]catalog.ObservedCatalog, int, error) {
	list, total, err := listPage(ctx, s, p, scanObserved, "SELECT count(*) FROM observed_catalogs WHERE agency = ?",
		"SELECT "+observedColumns+" FROM observed_catalogs WHERE agency = ? ORDER BY id DESC", string(org))
	if err != nil {
		return nil, 0, s.errorf("catalog versions of agency %s: %w", org, err)
	}
	return list, total, nil
}

// ObservedCatalog implements catalog.ObservedStore.
func (s *Store) ObservedCatalog(ctx context.Context, org catalog.OrgNumber, id int64) (*catalog.ObservedCatalog, error) {
	v, err := one(ctx, s.r, scanObserved, "SELECT "+observedColumns+" FROM observed_catalogs WHERE agency = ? AND id = ?", string(org), id)
	if err != nil {
		return nil, s.errorf("catalog version %d of agency %s: %w", id, org, err)
	}
	return v, nil
}

// EachObservedDataset implements catalog.ObservedStore.
func (s *Store) EachObservedDataset(ctx context.Context, org catalog.OrgNumber, fn func(*catalog.Dataset) error) error {
	rows, err := s.r.query(ctx, "SELECT id, doc FROM observed_datasets WHERE agency = ? ORDER BY id", string(org))
	if err != nil {
		return s.errorf("walk the observed datasets of %s: %w", org, err)
	}
	defer rows.Close()
	var (
		d       catalog.Dataset
		id, doc string
	)
	for rows.Next() {
		if err := rows.Scan(&id, &doc); err != nil {
			return s.errorf("walk the observed datasets of %s: %w", org, err)
		}
		d.ID, d.Agency = id, org
		if err := decodeDoc(doc, &d); err != nil {
			return s.errorf("walk the observed datasets of %s: %w", org, err)
		}
		if err := fn(&d); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return s.errorf("walk the observed datasets of %s: %w", org, err)
	}
	return nil
}

// ObservedGraph implements catalog.ObservedStore.
func (s *Store) ObservedGraph(ctx context.Context, hash string) ([]byte, error) {
	var body []byte
	if err := s.r.queryRow(ctx, "SELECT body FROM observed_graphs WHERE hash = ?", hash).Scan(&body); err != nil {
		return nil, s.errorf("observed graph %s: %w", hash, noRows(err))
	}
	return body, nil
}
