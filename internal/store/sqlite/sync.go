package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sort"

	"github.com/katalog-se/katalog/catalog"
)

// DatasetHashes returns the content hash of each of org's datasets by ID.
func (s *Store) DatasetHashes(ctx context.Context, org catalog.OrgNumber) (map[string]string, error) {
	stored, err := storedDatasets(ctx, s.r, org)
	if err != nil {
		return nil, fmt.Errorf("sqlite: dataset hashes of agency %s: %w", org, err)
	}
	hashes := make(map[string]string, len(stored))
	for id, st := range stored {
		hashes[id] = st.hash
	}
	return hashes, nil
}

// storedDataset is what a sync needs to know of a stored dataset.
type storedDataset struct{ hash, created, updated string }

// querier is what *sql.DB and *sql.Tx share.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// storedDatasets reads the hash and timestamps of each of org's datasets.
func storedDatasets(ctx context.Context, q querier, org catalog.OrgNumber) (map[string]storedDataset, error) {
	rows, err := q.QueryContext(ctx, "SELECT id, content_hash, created, updated FROM datasets WHERE agency = ?", string(org))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	stored := make(map[string]storedDataset)
	for rows.Next() {
		var id string
		var st storedDataset
		if err := rows.Scan(&id, &st.hash, &st.created, &st.updated); err != nil {
			return nil, err
		}
		stored[id] = st
	}
	return stored, rows.Err()
}

// SyncDatasets makes datasets the whole catalog of org in one transaction;
// see catalog.Store. Unchanged datasets are not written at all, and when
// nothing changes the transaction is rolled back, so the revision (and the
// feed's ETag) stays put.
func (s *Store) SyncDatasets(ctx context.Context, org catalog.OrgNumber, datasets []*catalog.Dataset) (catalog.SyncResult, error) {
	type encoded struct {
		doc  []byte
		hash string
	}
	enc := make([]encoded, len(datasets))
	ids := make(map[string]bool, len(datasets))
	for i, d := range datasets {
		if d.ID == "" {
			return catalog.SyncResult{}, fmt.Errorf("sqlite: sync datasets of agency %s: dataset %d has no ID", org, i)
		}
		if ids[d.ID] {
			return catalog.SyncResult{}, fmt.Errorf("sqlite: sync datasets of agency %s: dataset %s appears twice: %w", org, d.ID, catalog.ErrConflict)
		}
		ids[d.ID] = true
		doc, hash, err := encodeDoc(d)
		if err != nil {
			return catalog.SyncResult{}, fmt.Errorf("sqlite: sync datasets of agency %s: %w", org, err)
		}
		enc[i] = encoded{doc, hash}
	}
	var res catalog.SyncResult
	var tx0 *writeTx
	var stored map[string]storedDataset
	err := s.write(ctx, func(tx *writeTx) error {
		tx0, res = tx, catalog.SyncResult{}
		ok, err := tx.touch(ctx, org)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("agency %s: %w", org, catalog.ErrNotFound)
		}
		stored, err = storedDatasets(ctx, tx, org)
		if err != nil {
			return err
		}
		insert, err := tx.PrepareContext(ctx, `INSERT INTO datasets (id, agency, doc, content_hash, created, updated)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`)
		if err != nil {
			return err
		}
		defer insert.Close()
		update, err := tx.PrepareContext(ctx, `UPDATE datasets SET doc = ?, content_hash = ?, updated = ?
			WHERE id = ? AND agency = ?`)
		if err != nil {
			return err
		}
		defer update.Close()
		for i, d := range datasets {
			old, exists := stored[d.ID]
			switch {
			case !exists:
				r, err := insert.ExecContext(ctx, d.ID, string(org), string(enc[i].doc), enc[i].hash, tx.stamp, tx.stamp)
				if err != nil {
					return fmt.Errorf("add dataset %s: %w", d.ID, err)
				}
				if n, err := r.RowsAffected(); err != nil || n == 0 {
					return fmt.Errorf("add dataset %s: the ID belongs to another agency: %w", d.ID, catalog.ErrConflict)
				}
				res.Added = append(res.Added, d.ID)
			case old.hash == enc[i].hash:
				res.Unchanged = append(res.Unchanged, d.ID)
			default:
				if _, err := update.ExecContext(ctx, string(enc[i].doc), enc[i].hash, tx.stamp, d.ID, string(org)); err != nil {
					return fmt.Errorf("update dataset %s: %w", d.ID, err)
				}
				res.Updated = append(res.Updated, d.ID)
			}
		}
		for id := range stored {
			if !ids[id] {
				res.Removed = append(res.Removed, id)
			}
		}
		sort.Strings(res.Removed)
		for _, id := range res.Removed {
			if _, err := tx.ExecContext(ctx, "DELETE FROM datasets WHERE id = ? AND agency = ?", id, string(org)); err != nil {
				return fmt.Errorf("remove dataset %s: %w", id, err)
			}
		}
		if !res.Changed() {
			return errNoChange
		}
		return nil
	})
	if err != nil {
		return catalog.SyncResult{}, fmt.Errorf("sqlite: sync datasets of agency %s: %w", org, err)
	}
	if err := stampSynced(datasets, stored, res, tx0); err != nil {
		return catalog.SyncResult{}, fmt.Errorf("sqlite: sync datasets of agency %s: %w", org, err)
	}
	return res, nil
}

// stampSynced sets the timestamps of the synced datasets: the creation time
// kept in the store, the transaction's time for what it wrote, and the
// stored update time for what it left unchanged.
func stampSynced(datasets []*catalog.Dataset, stored map[string]storedDataset, res catalog.SyncResult, tx *writeTx) (err error) {
	unchanged := make(map[string]bool, len(res.Unchanged))
	for _, id := range res.Unchanged {
		unchanged[id] = true
	}
	for _, d := range datasets {
		st, exists := stored[d.ID]
		if !exists {
			d.CreatedAt, d.UpdatedAt = tx.now, tx.now
			continue
		}
		if d.CreatedAt, err = parseTime(st.created); err != nil {
			return err
		}
		if !unchanged[d.ID] {
			d.UpdatedAt = tx.now
		} else if d.UpdatedAt, err = parseTime(st.updated); err != nil {
			return err
		}
	}
	return nil
}
