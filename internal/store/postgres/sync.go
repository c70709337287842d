package postgres

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/katalog-se/katalog/catalog"
)

// DatasetHashes returns the content hash of each of org's datasets by ID.
func (s *Store) DatasetHashes(ctx context.Context, org catalog.OrgNumber) (map[string]string, error) {
	stored, err := storedDatasets(ctx, s.pool, org)
	if err != nil {
		return nil, fmt.Errorf("postgres: dataset hashes of agency %s: %w", org, err)
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

// querier is what *pgxpool.Pool and pgx.Tx share.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// storedDatasets reads the hash and timestamps of each of org's datasets.
func storedDatasets(ctx context.Context, q querier, org catalog.OrgNumber) (map[string]storedDataset, error) {
	rows, err := q.Query(ctx, "SELECT id, content_hash, created, updated FROM datasets WHERE agency = $1", string(org))
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
		st.created, st.updated = st.created.UTC(), st.updated.UTC()
		stored[id] = st
	}
	return stored, rows.Err()
}

// encoded is a dataset's canonical document and its hash.
type encoded struct {
	doc  string
	hash string
}

// SyncDatasets makes datasets the whole catalog of org in one transaction;
// see catalog.Store. Unchanged datasets are not written at all, and when
// nothing changes the transaction is rolled back, so the revision (and the
// feed's ETag) stays put. The writes go to the server as one pipelined
// batch.
func (s *Store) SyncDatasets(ctx context.Context, org catalog.OrgNumber, datasets []*catalog.Dataset) (catalog.SyncResult, error) {
	enc := make([]encoded, len(datasets))
	ids := make(map[string]bool, len(datasets))
	for i, d := range datasets {
		if d.ID == "" {
			return catalog.SyncResult{}, fmt.Errorf("postgres: sync datasets of agency %s: dataset %d has no ID", org, i)
		}
		if ids[d.ID] {
			return catalog.SyncResult{}, fmt.Errorf("postgres: sync datasets of agency %s: dataset %s appears twice: %w", org, d.ID, catalog.ErrConflict)
		}
		ids[d.ID] = true
		doc, hash, err := catalog.EncodeContent(d)
		if err != nil {
			return catalog.SyncResult{}, fmt.Errorf("postgres: sync datasets of agency %s: %w", org, err)
		}
		enc[i] = encoded{string(doc), hash}
	}
	var (
		res    catalog.SyncResult
		tx0    *writeTx
		stored map[string]storedDataset
	)
	err := s.write(ctx, func(tx *writeTx) error {
		tx0, res = tx, catalog.SyncResult{}
		ok, err := tx.touch(ctx, org)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("agency %s: %w", org, catalog.ErrNotFound)
		}
		if stored, err = storedDatasets(ctx, tx, org); err != nil {
			return err
		}
		res = plan(datasets, enc, stored, ids)
		if !res.Changed() {
			return errNoChange
		}
		return applySync(ctx, tx, org, datasets, enc, stored, res)
	})
	if err != nil {
		return catalog.SyncResult{}, fmt.Errorf("postgres: sync datasets of agency %s: %w", org, err)
	}
	stampSynced(datasets, stored, res, tx0.now)
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

// applySync sends the writes of res as one batch and checks each result:
// an added ID that another agency holds is ErrConflict.
func applySync(ctx context.Context, tx *writeTx, org catalog.OrgNumber, datasets []*catalog.Dataset,
	enc []encoded, stored map[string]storedDataset, res catalog.SyncResult) error {
	type write struct {
		what, id string
		insert   bool
	}
	var (
		b      pgx.Batch
		writes []write
	)
	for i, d := range datasets {
		old, exists := stored[d.ID]
		switch {
		case !exists:
			b.Queue(`INSERT INTO datasets (id, agency, doc, content_hash, created, updated)
				VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (id) DO NOTHING`,
				d.ID, string(org), enc[i].doc, enc[i].hash, tx.now)
			writes = append(writes, write{"add", d.ID, true})
		case old.hash != enc[i].hash:
			b.Queue(`UPDATE datasets SET doc = $1, content_hash = $2, updated = $3 WHERE id = $4 AND agency = $5`,
				enc[i].doc, enc[i].hash, tx.now, d.ID, string(org))
			writes = append(writes, write{"update", d.ID, false})
		}
	}
	for _, id := range res.Removed {
		b.Queue("DELETE FROM datasets WHERE id = $1 AND agency = $2", id, string(org))
		writes = append(writes, write{"remove", id, false})
	}
	br := tx.SendBatch(ctx, &b)
	for _, w := range writes {
		tag, err := br.Exec()
		if err != nil {
			br.Close()
			return fmt.Errorf("%s dataset %s: %w", w.what, w.id, err)
		}
		if w.insert && tag.RowsAffected() == 0 {
			br.Close()
			return fmt.Errorf("add dataset %s: the ID belongs to another agency: %w", w.id, catalog.ErrConflict)
		}
	}
	if err := br.Close(); err != nil {
		return fmt.Errorf("sync batch: %w", err)
	}
	return nil
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
