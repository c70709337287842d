package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// datasetColumns are the columns scanDataset reads, in its order.
const datasetColumns = "id, agency, doc, created, updated"

// datasetRow scans rows of datasetColumns; a walk reuses one for every row.
type datasetRow struct {
	// doc is a string, not sql.RawBytes: the driver hands over the string
	// it made, and decoded texts are slices of it instead of copies.
	doc  string
	dest [5]any
}

// scan sets d from one row. d may hold another dataset before: everything
// is replaced, and its maps and slices are fresh.
func (r *datasetRow) scan(row scanner, d *catalog.Dataset) error {
	r.dest = [5]any{&d.ID, (*string)(&d.Agency), &r.doc, timeCol{&d.CreatedAt}, timeCol{&d.UpdatedAt}}
	if err := row.Scan(r.dest[:]...); err != nil {
		return err
	}
	return decodeDoc(r.doc, d)
}

// scanDataset sets d from one row of datasetColumns; see datasetRow.scan.
func scanDataset(row scanner, d *catalog.Dataset) error {
	var r datasetRow
	return r.scan(row, d)
}

// CreateDataset adds d to its agency and sets d's CreatedAt and UpdatedAt.
// ErrNotFound if the agency is absent, ErrConflict if the ID is taken (by
// any agency: IDs are unique in the whole catalog).
func (s *Store) CreateDataset(ctx context.Context, d *catalog.Dataset) error {
	if d.ID == "" {
		return s.errorf("create dataset: empty ID")
	}
	doc, hash, err := encodeDoc(d)
	if err != nil {
		return s.errorf("create dataset: %w", err)
	}
	var now time.Time
	err = s.write(ctx, func(tx *writeTx) error {
		now = tx.now
		ok, err := tx.touch(ctx, d.Agency)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("agency %s: %w", d.Agency, catalog.ErrNotFound)
		}
		n, err := tx.execCount(ctx, `INSERT INTO datasets (id, agency, doc, content_hash, created, updated)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
			d.ID, string(d.Agency), string(doc), hash, tx.stamp, tx.stamp)
		if err != nil {
			return err
		}
		if n == 0 {
			return catalog.ErrConflict
		}
		doc := string(doc)
		return tx.logChanges(ctx, datasetChange(d.Agency, catalog.OpCreate, d.ID, &doc))
	})
	if err != nil {
		return s.errorf("create dataset %s: %w", d.ID, err)
	}
	d.CreatedAt, d.UpdatedAt = now, now
	return nil
}

// ReplaceDataset replaces the dataset d.ID of agency d.Agency whole. It
// keeps the creation time and sets d's CreatedAt and UpdatedAt. ErrNotFound
// if the agency has no such dataset.
func (s *Store) ReplaceDataset(ctx context.Context, d *catalog.Dataset) error {
	doc, hash, err := encodeDoc(d)
	if err != nil {
		return s.errorf("replace dataset: %w", err)
	}
	var created, now time.Time
	err = s.write(ctx, func(tx *writeTx) error {
		now = tx.now
		err := tx.queryRow(ctx, `UPDATE datasets SET doc = ?, content_hash = ?, updated = ?
			WHERE id = ? AND agency = ? RETURNING created`,
			string(doc), hash, tx.stamp, d.ID, string(d.Agency)).Scan(timeCol{&created})
		if err != nil {
			return noRows(err)
		}
		if _, err = tx.touch(ctx, d.Agency); err != nil {
			return err
		}
		doc := string(doc)
		return tx.logChanges(ctx, datasetChange(d.Agency, catalog.OpUpdate, d.ID, &doc))
	})
	if err != nil {
		return s.errorf("replace dataset %s of agency %s: %w", d.ID, d.Agency, err)
	}
	d.CreatedAt, d.UpdatedAt = created, now
	return nil
}

// DeleteDataset removes dataset id of org. ErrNotFound if absent.
func (s *Store) DeleteDataset(ctx context.Context, org catalog.OrgNumber, id string) error {
	err := s.write(ctx, func(tx *writeTx) error {
		n, err := tx.execCount(ctx, "DELETE FROM datasets WHERE id = ? AND agency = ?", id, string(org))
		if err != nil {
			return err
		}
		if n == 0 {
			return catalog.ErrNotFound
		}
		if _, err = tx.touch(ctx, org); err != nil {
			return err
		}
		return tx.logChanges(ctx, datasetChange(org, catalog.OpDelete, id, nil))
	})
	if err != nil {
		return s.errorf("delete dataset %s of agency %s: %w", id, org, err)
	}
	return nil
}

// Dataset returns dataset id of org. ErrNotFound if absent, also when
// another agency has a dataset with that ID.
func (s *Store) Dataset(ctx context.Context, org catalog.OrgNumber, id string) (*catalog.Dataset, error) {
	d, err := one(ctx, s.r, scanDataset, "SELECT "+datasetColumns+" FROM datasets WHERE id = ? AND agency = ?", id, string(org))
	if err != nil {
		return nil, s.errorf("dataset %s of agency %s: %w", id, org, err)
	}
	return d, nil
}

// DatasetByID returns the dataset with ID id, of whichever agency.
// ErrNotFound if absent.
func (s *Store) DatasetByID(ctx context.Context, id string) (*catalog.Dataset, error) {
	d, err := one(ctx, s.r, scanDataset, "SELECT "+datasetColumns+" FROM datasets WHERE id = ?", id)
	if err != nil {
		return nil, s.errorf("dataset %s: %w", id, err)
	}
	return d, nil
}

// DatasetHash returns the content hash of dataset id of org (see
// catalog.Dataset.ContentHash). ErrNotFound if absent.
func (s *Store) DatasetHash(ctx context.Context, org catalog.OrgNumber, id string) (string, error) {
	var hash string
	err := s.r.queryRow(ctx, "SELECT content_hash FROM datasets WHERE id = ? AND agency = ?", id, string(org)).Scan(&hash)
	if err != nil {
		return "", s.errorf("hash of dataset %s of agency %s: %w", id, org, noRows(err))
	}
	return hash, nil
}

// Datasets lists one page of org's datasets ordered by ID, and the number of
// all of org's datasets; when org is "", one page of all agencies' datasets
// ordered by agency then ID (the index on (agency, id) serves both), and the
// number of all datasets. Count and page come from one snapshot. An unknown
// agency has none. A Limit below 1 lists all.
func (s *Store) Datasets(ctx context.Context, org catalog.OrgNumber, p catalog.Page) ([]catalog.Dataset, int, error) {
	var (
		page  []catalog.Dataset
		total int
		err   error
	)
	if org == "" {
		page, total, err = listPage(ctx, s, p, scanDataset, "SELECT count(*) FROM datasets",
			"SELECT "+datasetColumns+" FROM datasets ORDER BY agency, id")
	} else {
		page, total, err = listPage(ctx, s, p, scanDataset, "SELECT count(*) FROM datasets WHERE agency = ?",
			"SELECT "+datasetColumns+" FROM datasets WHERE agency = ? ORDER BY id", string(org))
	}
	if err != nil {
		return nil, 0, s.errorf("datasets of %q: %w", org, err)
	}
	return page, total, nil
}

// EachDataset calls fn for every dataset of org, or of all agencies when org
// is "", ordered by agency and ID. Rows stream from one query (one read
// snapshot), so memory stays flat however many datasets there are, and
// writes go on meanwhile; on PostgreSQL fn may call the store (on another
// connection). fn gets the same *Dataset every call, refilled: copy what you
// keep (its maps and slices are fresh each call, so a shallow copy is
// enough). An error from fn, or the end of ctx, stops the walk and is
// returned.
func (s *Store) EachDataset(ctx context.Context, org catalog.OrgNumber, fn func(*catalog.Dataset) error) error {
	var (
		rows *sql.Rows
		err  error
	)
	if org == "" {
		rows, err = s.r.query(ctx, "SELECT "+datasetColumns+" FROM datasets ORDER BY agency, id")
	} else {
		rows, err = s.r.query(ctx, "SELECT "+datasetColumns+" FROM datasets WHERE agency = ? ORDER BY id", string(org))
	}
	if err != nil {
		return s.errorf("walk datasets of %q: %w", org, err)
	}
	defer rows.Close()
	var (
		r datasetRow
		d catalog.Dataset
	)
	for rows.Next() {
		if err := ctx.Err(); err != nil {
			return s.errorf("walk datasets of %q: %w", org, err)
		}
		if err := r.scan(rows, &d); err != nil {
			return s.errorf("walk datasets of %q: %w", org, err)
		}
		if err := fn(&d); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return s.errorf("walk datasets of %q: %w", org, err)
	}
	return nil
}

// CountDatasets counts org's datasets, or all datasets when org is "". An
// unknown agency has none.
func (s *Store) CountDatasets(ctx context.Context, org catalog.OrgNumber) (int, error) {
	var row *sql.Row
	if org == "" {
		row = s.r.queryRow(ctx, "SELECT count(*) FROM datasets")
	} else {
		row = s.r.queryRow(ctx, "SELECT count(*) FROM datasets WHERE agency = ?", string(org))
	}
	var n int
	if err := row.Scan(&n); err != nil {
		return 0, s.errorf("count datasets of %q: %w", org, err)
	}
	return n, nil
}
