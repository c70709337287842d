package sqlstore

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// DatasetHashes returns the content hash of each of org's datasets by ID.
func (s *Store) DatasetHashes(ctx context.Context, org catalog.OrgNumber) (map[string]string, error) {
	stored, err := storedDatasets(ctx, s.r, org)
	if err != nil {
		return nil, s.errorf("dataset hashes of agency %s: %w", org, err)
	}
	hashes := make(map[string]string, len(stored))
	for id, st := range stored {
		hashes[id] = st.hash
	}
	return hashes, nil
}

// storedDataset is what a sync needs to know of a stored dataset.
type storedDataset struct {
	hash             string
	created, updated time.Time
}

// storedDatasets reads the hash and timestamps of each of org's datasets.
func storedDatasets(ctx context.Context, h handle, org catalog.OrgNumber) (map[string]storedDataset, error) {
	rows, err := h.query(ctx, "SELECT id, content_hash, created, updated FROM datasets WHERE agency = ?", string(org))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	stored := make(map[string]storedDataset)
	for rows.Next() {
		var id string
		var st storedDataset
		if err := rows.Scan(&id, &st.hash, timeCol{&st.created}, timeCol{&st.updated}); err != nil {
			return nil, err
		}
		stored[id] = st
	}
	return stored, rows.Err()
}

// encoded is a dataset's stored document and its hash.
type encoded struct {
	doc  string
	hash string
}

// SyncDatasets makes datasets the whole catalog of org in one transaction;
// see catalog.Store. Unchanged datasets are not written at all, and when
// nothing changes the transaction is rolled back, so the revision (and the
// feed's ETag) stays put. The writes go to the database as a few
// statements of many rows each.
func (s *Store) SyncDatasets(ctx context.Context, org catalog.OrgNumber, datasets []*catalog.Dataset) (catalog.SyncResult, error) {
	enc := make([]encoded, len(datasets))
	ids := make(map[string]bool, len(datasets))
	for i, d := range datasets {
		if d.ID == "" {
			return catalog.SyncResult{}, s.errorf("sync datasets of agency %s: dataset %d has no ID", org, i)
		}
		if ids[d.ID] {
			return catalog.SyncResult{}, s.errorf("sync datasets of agency %s: dataset %s appears twice: %w", org, d.ID, catalog.ErrConflict)
		}
		ids[d.ID] = true
		doc, hash, err := encodeDoc(d)
		if err != nil {
			return catalog.SyncResult{}, s.errorf("sync datasets of agency %s: %w", org, err)
		}
		enc[i] = encoded{string(doc), hash}
	}
	var (
		res    catalog.SyncResult
		now    time.Time
		stored map[string]storedDataset
	)
	err := s.write(ctx, func(tx *writeTx) error {
		now = tx.now
		ok, err := tx.touch(ctx, org)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("agency %s: %w", org, catalog.ErrNotFound)
		}
		if stored, err = storedDatasets(ctx, tx.handle, org); err != nil {
			return err
		}
		res = plan(datasets, enc, stored, ids)
		if !res.Changed() {
			return errNoChange
		}
		return applySync(ctx, tx, org, datasets, enc, stored, res)
	})
	if err != nil {
		return catalog.SyncResult{}, s.errorf("sync datasets of agency %s: %w", org, err)
	}
	stampSynced(datasets, stored, res, now)
	return res, nil
}

// plan tells which datasets a sync adds, updates, leaves and removes.
func plan(datasets []*catalog.Dataset, enc []encoded, stored map[string]storedDataset, ids map[string]bool) catalog.SyncResult {
	var res catalog.SyncResult
	for i, d := range datasets {
		old, exists := stored[d.ID]
		switch {
		case !exists:
			res.Added = append(res.Added, d.ID)
		case old.hash == enc[i].hash:
			res.Unchanged = append(res.Unchanged, d.ID)
		default:
			res.Updated = append(res.Updated, d.ID)
		}
	}
	for id := range stored {
		if !ids[id] {
			res.Removed = append(res.Removed, id)
		}
	}
	sort.Strings(res.Removed)
	return res
}

// syncChunk is how many datasets one statement of a sync writes: with six
// parameters a row it stays far below the parameters a statement may have
// (32,766 on SQLite, 65,535 on PostgreSQL).
const syncChunk = 500

// applySync writes what res says: the added and updated datasets as
// upserts, the removed ones as deletes, syncChunk rows a statement. An
// added ID that another agency holds is ErrConflict.
func applySync(ctx context.Context, tx *writeTx, org catalog.OrgNumber, datasets []*catalog.Dataset,
	enc []encoded, stored map[string]storedDataset, res catalog.SyncResult) error {
	var (
		args    []any
		rows    int
		written = make(map[string]bool, len(res.Added)+len(res.Updated))
	)
	flush := func() error {
		if rows == 0 {
			return nil
		}
		if err := tx.upsertDatasets(ctx, rows, args, written); err != nil {
			return err
		}
		args, rows = args[:0], 0
		return nil
	}
	for i, d := range datasets {
		if old, exists := stored[d.ID]; exists && old.hash == enc[i].hash {
			continue
		}
		args = append(args, d.ID, string(org), enc[i].doc, enc[i].hash, tx.stamp, tx.stamp)
		if rows++; rows == syncChunk {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	for _, id := range res.Added {
		if !written[id] {
			return fmt.Errorf("add dataset %s: the ID belongs to another agency: %w", id, catalog.ErrConflict)
		}
	}
	if err := tx.logChanges(ctx, syncChanges(org, datasets, enc, stored, res)...); err != nil {
		return err
	}
	for removed := res.Removed; len(removed) > 0; {
		ids := removed[:min(len(removed), syncChunk)]
		removed = removed[len(ids):]
		args := []any{string(org)}
		for _, id := range ids {
			args = append(args, id)
		}
		if _, err := tx.exec(ctx, "DELETE FROM datasets WHERE agency = ? AND id IN ("+params(len(ids), 1)+")", args...); err != nil {
			return fmt.Errorf("remove datasets: %w", err)
		}
	}
	return nil
}

// syncChanges is the history of a sync: a create or update of every
// dataset it wrote, in the order given, then a delete of every one it
// removed.
func syncChanges(org catalog.OrgNumber, datasets []*catalog.Dataset, enc []encoded, stored map[string]storedDataset, res catalog.SyncResult) []change {
	cs := make([]change, 0, len(res.Added)+len(res.Updated)+len(res.Removed))
	for i, d := range datasets {
		old, exists := stored[d.ID]
		switch {
		case !exists:
			cs = append(cs, datasetChange(org, catalog.OpCreate, d.ID, &enc[i].doc))
		case old.hash != enc[i].hash:
			cs = append(cs, datasetChange(org, catalog.OpUpdate, d.ID, &enc[i].doc))
		}
	}
	for _, id := range res.Removed {
		cs = append(cs, datasetChange(org, catalog.OpDelete, id, nil))
	}
	return cs
}

// upsertDatasets writes n datasets, args holding the six values of each,
// and marks in written the IDs it wrote. A dataset is inserted, or, if its
// agency already has its ID, updated keeping its creation time; an ID
// another agency holds is left alone (and not marked).
func (tx *writeTx) upsertDatasets(ctx context.Context, n int, args []any, written map[string]bool) error {
	rows, err := tx.query(ctx, `INSERT INTO datasets (id, agency, doc, content_hash, created, updated)
		VALUES `+params(n, 6)+`
		ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, content_hash = excluded.content_hash, updated = excluded.updated
		WHERE datasets.agency = excluded.agency
		RETURNING id`, args...)
	if err != nil {
		return fmt.Errorf("write datasets: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return fmt.Errorf("write datasets: %w", err)
		}
		written[id] = true
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("write datasets: %w", err)
	}
	return rows.Close()
}

// params returns n groups of width placeholders: "(?, ?), (?, ?)" for n 2
// and width 2, or "?, ?" for width 1 (an IN list).
func params(n, width int) string {
	one := strings.Repeat("?, ", width-1) + "?"
	if width > 1 {
		one = "(" + one + ")"
	}
	return strings.Repeat(one+", ", n-1) + one
}

// stampSynced sets the timestamps of the synced datasets: the creation time
// kept in the store, the transaction's time for what it wrote, and the
// stored update time for what it left unchanged.
func stampSynced(datasets []*catalog.Dataset, stored map[string]storedDataset, res catalog.SyncResult, now time.Time) {
	unchanged := make(map[string]bool, len(res.Unchanged))
	for _, id := range res.Unchanged {
		unchanged[id] = true
	}
	for _, d := range datasets {
		st, exists := stored[d.ID]
		switch {
		case !exists:
			d.CreatedAt, d.UpdatedAt = now, now
		case unchanged[d.ID]:
			d.CreatedAt, d.UpdatedAt = st.created, st.updated
		default:
			d.CreatedAt, d.UpdatedAt = st.created, now
		}
	}
}
