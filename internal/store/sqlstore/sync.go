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

// SyncDatasets makes datasets the whole catalog of org in one transaction;
// see catalog.Store. Unchanged datasets are not written at all, and when
// nothing changes the transaction is rolled back, so the revision (and the
// feed's ETag) stays put. The writes go to the database as a few
// statements of many rows each.
func (s *Store) SyncDatasets(ctx context.Context, org catalog.OrgNumber, datasets []*catalog.Dataset) (catalog.SyncResult, error) {
	for i, d := range datasets {
		if d.ID == "" {
			return catalog.SyncResult{}, s.errorf("sync datasets of agency %s: dataset %d has no ID", org, i)
		}
	}
	return s.SyncDatasetStream(ctx, org, func(yield func(*catalog.Dataset) error) error {
		for _, d := range datasets {
			if err := yield(d); err != nil {
				return err
			}
		}
		return nil
	}, catalog.SyncOptions{AllowRemovals: true})
}

// syncChunk is how many datasets one statement of a sync writes: with six
// parameters a row it stays far below the parameters a statement may have
// (32,766 on SQLite, 65,535 on PostgreSQL).
const syncChunk = 500

// SyncDatasetStream makes the datasets each yields the whole catalog of
// org in one transaction; see catalog.Store. Each dataset is encoded and
// compared with the stored one's hash as it comes; the added and changed
// ones are written syncChunk to a statement (with their history), so
// memory holds one batch, the stored hashes and the IDs seen. The
// removals come last: refused without opts.AllowRemovals
// (*catalog.RemovalsError, nothing written), else deleted with their
// history. When nothing changes the transaction is rolled back.
func (s *Store) SyncDatasetStream(ctx context.Context, org catalog.OrgNumber, each func(yield func(*catalog.Dataset) error) error, opts catalog.SyncOptions) (catalog.SyncResult, error) {
	var res catalog.SyncResult
	err := s.write(ctx, func(tx *writeTx) error {
		res = catalog.SyncResult{}
		ok, err := tx.touch(ctx, org)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("agency %s: %w", org, catalog.ErrNotFound)
		}
		stored, err := storedDatasets(ctx, tx.handle, org)
		if err != nil {
			return err
		}
		b := &syncBatch{tx: tx, org: org, seen: make(map[string]bool, len(stored))}
		err = each(func(d *catalog.Dataset) error {
			return b.add(ctx, d, stored, &res)
		})
		if err == nil {
			err = b.flush(ctx)
		}
		if err != nil {
			return err
		}
		for id := range stored {
			if !b.seen[id] {
				res.Removed = append(res.Removed, id)
			}
		}
		sort.Strings(res.Removed)
		if len(res.Removed) > 0 && !opts.AllowRemovals {
			return &catalog.RemovalsError{IDs: res.Removed}
		}
		if !res.Changed() {
			return errNoChange
		}
		return removeSynced(ctx, tx, org, res.Removed)
	})
	if err != nil {
		return catalog.SyncResult{}, s.errorf("sync datasets of agency %s: %w", org, err)
	}
	return res, nil
}

// syncBatch collects the rows and history of the datasets a sync writes,
// up to syncChunk at a time.
type syncBatch struct {
	tx      *writeTx
	org     catalog.OrgNumber
	seen    map[string]bool
	args    []any
	rows    int
	added   []string // IDs of the batch's new datasets
	changes []change
}

// add plans one dataset: new, changed (both written) or unchanged, and
// stamps its times as the store will have them.
func (b *syncBatch) add(ctx context.Context, d *catalog.Dataset, stored map[string]storedDataset, res *catalog.SyncResult) error {
	if d.ID == "" {
		return fmt.Errorf("a dataset has no ID")
	}
	if b.seen[d.ID] {
		return fmt.Errorf("dataset %s appears twice: %w", d.ID, catalog.ErrConflict)
	}
	b.seen[d.ID] = true
	doc, hash, err := hashDoc(d)
	if err != nil {
		return err
	}
	old, exists := stored[d.ID]
	switch {
	case !exists:
		res.Added = append(res.Added, d.ID)
		b.added = append(b.added, d.ID)
		d.CreatedAt, d.UpdatedAt = b.tx.now, b.tx.now
	case old.hash == hash:
		res.Unchanged = append(res.Unchanged, d.ID)
		d.CreatedAt, d.UpdatedAt = old.created, old.updated
		return nil
	default:
		res.Updated = append(res.Updated, d.ID)
		d.CreatedAt, d.UpdatedAt = old.created, b.tx.now
	}
	if doc == nil {
		if doc, err = marshalDoc(d); err != nil {
			return err
		}
	}
	op := catalog.OpUpdate
	if !exists {
		op = catalog.OpCreate
	}
	docStr := string(doc)
	b.args = append(b.args, d.ID, string(b.org), docStr, hash, b.tx.stamp, b.tx.stamp)
	b.changes = append(b.changes, datasetChange(b.org, op, d.ID, &docStr))
	if b.rows++; b.rows == syncChunk {
		return b.flush(ctx)
	}
	return nil
}

// flush writes the batch: the rows as one upsert, then their history. An
// added ID that another agency holds is ErrConflict.
func (b *syncBatch) flush(ctx context.Context) error {
	if b.rows == 0 {
		return nil
	}
	written := make(map[string]bool, b.rows)
	if err := b.tx.upsertDatasets(ctx, b.rows, b.args, written); err != nil {
		return err
	}
	for _, id := range b.added {
		if !written[id] {
			return fmt.Errorf("add dataset %s: the ID belongs to another agency: %w", id, catalog.ErrConflict)
		}
	}
	if err := b.tx.logChanges(ctx, b.changes...); err != nil {
		return err
	}
	clear(b.args)
	b.args, b.rows, b.added, b.changes = b.args[:0], 0, b.added[:0], b.changes[:0]
	return nil
}

// removeSynced deletes the removed datasets, with a delete in the history
// for each.
func removeSynced(ctx context.Context, tx *writeTx, org catalog.OrgNumber, removed []string) error {
	cs := make([]change, 0, len(removed))
	for _, id := range removed {
		cs = append(cs, datasetChange(org, catalog.OpDelete, id, nil))
	}
	if err := tx.logChanges(ctx, cs...); err != nil {
		return err
	}
	for len(removed) > 0 {
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
