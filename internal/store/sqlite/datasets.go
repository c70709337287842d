package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/katalog-se/katalog/catalog"
)

// datasetColumns are the columns scanDataset reads, in its order.
const datasetColumns = "id, agency, doc, created, updated"

// datasetRow holds the raw columns of one dataset row; one datasetRow is
// reused for every row of a walk.
type datasetRow struct {
	// doc is a string, not sql.RawBytes: the driver hands over the string it
	// made, and decoded texts are slices of it instead of copies.
	id, agency, doc, created, updated string
}

// scan reads the datasetColumns of the current row of rows.
func (r *datasetRow) scan(rows *sql.Rows) error {
	return rows.Scan(&r.id, &r.agency, &r.doc, &r.created, &r.updated)
}

// into sets d from the row.
func (r *datasetRow) into(d *catalog.Dataset) (err error) {
	d.ID, d.Agency = r.id, catalog.OrgNumber(r.agency)
	if d.CreatedAt, err = parseTime(r.created); err != nil {
		return err
	}
	if d.UpdatedAt, err = parseTime(r.updated); err != nil {
		return err
	}
	return decodeDoc(r.doc, d)
}

// CreateDataset adds d to its agency and sets d's CreatedAt and UpdatedAt.
// ErrNotFound if the agency is absent, ErrConflict if the ID is taken (by
// any agency: IDs are unique in the whole catalog).
func (s *Store) CreateDataset(ctx context.Context, d *catalog.Dataset) error {
	if d.ID == "" {
		return errors.New("sqlite: create dataset: empty ID")
	}
	doc, hash, err := encodeDoc(d)
	if err != nil {
		return fmt.Errorf("sqlite: create dataset: %w", err)
	}
	var tx0 *writeTx
	err = s.write(ctx, func(tx *writeTx) error {
		tx0 = tx
		ok, err := tx.touch(ctx, d.Agency)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("agency %s: %w", d.Agency, catalog.ErrNotFound)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO datasets (id, agency, doc, content_hash, created, updated)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
			d.ID, string(d.Agency), string(doc), hash, tx.stamp, tx.stamp)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n == 0 {
			return catalog.ErrConflict
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("sqlite: create dataset %s: %w", d.ID, err)
	}
	d.CreatedAt, d.UpdatedAt = tx0.now, tx0.now
	return nil
}

// ReplaceDataset replaces the dataset d.ID of agency d.Agency whole. It
// keeps the creation time and sets d's CreatedAt and UpdatedAt. ErrNotFound
// if the agency has no such dataset.
func (s *Store) ReplaceDataset(ctx context.Context, d *catalog.Dataset) error {
	doc, hash, err := encodeDoc(d)
	if err != nil {
		return fmt.Errorf("sqlite: replace dataset: %w", err)
	}
	var tx0 *writeTx
	var created string
	err = s.write(ctx, func(tx *writeTx) error {
		tx0 = tx
		err := tx.QueryRowContext(ctx, `UPDATE datasets SET doc = ?, content_hash = ?, updated = ?
			WHERE id = ? AND agency = ? RETURNING created`,
			string(doc), hash, tx.stamp, d.ID, string(d.Agency)).Scan(&created)
		if errors.Is(err, sql.ErrNoRows) {
			return catalog.ErrNotFound
		}
		if err != nil {
			return err
		}
		_, err = tx.touch(ctx, d.Agency)
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: replace dataset %s of agency %s: %w", d.ID, d.Agency, err)
	}
	if d.CreatedAt, err = parseTime(created); err != nil {
		return fmt.Errorf("sqlite: replace dataset %s: %w", d.ID, err)
	}
	d.UpdatedAt = tx0.now
	return nil
}

// DeleteDataset removes dataset id of org. ErrNotFound if absent.
func (s *Store) DeleteDataset(ctx context.Context, org catalog.OrgNumber, id string) error {
	err := s.write(ctx, func(tx *writeTx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM datasets WHERE id = ? AND agency = ?", id, string(org))
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n == 0 {
			return catalog.ErrNotFound
		}
		_, err = tx.touch(ctx, org)
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: delete dataset %s of agency %s: %w", id, org, err)
	}
	return nil
}

// Dataset returns dataset id of org. ErrNotFound if absent, also when
// another agency has a dataset with that ID.
func (s *Store) Dataset(ctx context.Context, org catalog.OrgNumber, id string) (*catalog.Dataset, error) {
	d, err := s.oneDataset(ctx, "SELECT "+datasetColumns+" FROM datasets WHERE id = ? AND agency = ?", id, string(org))
	if err != nil {
		return nil, fmt.Errorf("sqlite: dataset %s of agency %s: %w", id, org, err)
	}
	return d, nil
}

// DatasetByID returns the dataset with ID id, of whichever agency.
// ErrNotFound if absent.
func (s *Store) DatasetByID(ctx context.Context, id string) (*catalog.Dataset, error) {
	d, err := s.oneDataset(ctx, "SELECT "+datasetColumns+" FROM datasets WHERE id = ?", id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: dataset %s: %w", id, err)
	}
	return d, nil
}

// oneDataset runs query, which selects datasetColumns of at most one row.
func (s *Store) oneDataset(ctx context.Context, query string, args ...any) (*catalog.Dataset, error) {
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, err
		}
		return nil, catalog.ErrNotFound
	}
	var r datasetRow
	if err := r.scan(rows); err != nil {
		return nil, err
	}
	d := new(catalog.Dataset)
	if err := r.into(d); err != nil {
		return nil, err
	}
	return d, rows.Close()
}

// DatasetHash returns the content hash of dataset id of org: the hex SHA-256
// of its canonical document, which leaves out ID, agency and timestamps. Two
// datasets with equal content have equal hashes, so an import can skip the
// unchanged ones. ErrNotFound if absent.
func (s *Store) DatasetHash(ctx context.Context, org catalog.OrgNumber, id string) (string, error) {
	var hash string
	err := s.r.QueryRowContext(ctx, "SELECT content_hash FROM datasets WHERE id = ? AND agency = ?", id, string(org)).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("sqlite: hash of dataset %s of agency %s: %w", id, org, catalog.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("sqlite: hash of dataset %s of agency %s: %w", id, org, err)
	}
	return hash, nil
}

// Datasets lists one page of org's datasets ordered by ID, and the number of
// all of org's datasets; when org is "", one page of all agencies' datasets
// ordered by agency then ID (the index on (agency, id) serves both), and the
// number of all datasets. Count and page come from one read snapshot. An
// unknown agency has none. A Limit below 1 lists all.
func (s *Store) Datasets(ctx context.Context, org catalog.OrgNumber, p catalog.Page) ([]catalog.Dataset, int, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: datasets of %q: %w", org, err)
	}
	defer tx.Rollback()
	count := "SELECT count(*) FROM datasets WHERE agency = ?"
	list := "SELECT " + datasetColumns + " FROM datasets WHERE agency = ? ORDER BY id LIMIT ? OFFSET ?"
	args := []any{string(org)}
	if org == "" {
		count = "SELECT count(*) FROM datasets"
		list = "SELECT " + datasetColumns + " FROM datasets ORDER BY agency, id LIMIT ? OFFSET ?"
		args = nil
	}
	var total int
	if err := tx.QueryRowContext(ctx, count, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqlite: count datasets of %q: %w", org, err)
	}
	limit, offset := limitOffset(p)
	rows, err := tx.QueryContext(ctx, list, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: datasets of %q: %w", org, err)
	}
	defer rows.Close()
	var (
		page []catalog.Dataset
		r    datasetRow
	)
	for rows.Next() {
		if err := r.scan(rows); err != nil {
			return nil, 0, fmt.Errorf("sqlite: datasets of %q: %w", org, err)
		}
		page = append(page, catalog.Dataset{})
		if err := r.into(&page[len(page)-1]); err != nil {
			return nil, 0, fmt.Errorf("sqlite: datasets of %q: %w", org, err)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("sqlite: datasets of %q: %w", org, err)
	}
	return page, total, nil
}

// EachDataset calls fn for every dataset of org, or of all agencies when org
// is "", ordered by agency and ID. It streams rows from one read snapshot,
// so memory stays flat however many datasets there are, and writes go on
// meanwhile. fn gets the same *Dataset every call, refilled: copy what you
// keep (its maps and slices are fresh each call, so a shallow copy is enough).
// An error from fn, or the end of ctx, stops the walk and is returned.
func (s *Store) EachDataset(ctx context.Context, org catalog.OrgNumber, fn func(*catalog.Dataset) error) error {
	var (
		rows *sql.Rows
		err  error
	)
	if org == "" {
		rows, err = s.r.QueryContext(ctx, "SELECT "+datasetColumns+" FROM datasets ORDER BY agency, id")
	} else {
		rows, err = s.r.QueryContext(ctx, "SELECT "+datasetColumns+" FROM datasets WHERE agency = ? ORDER BY id", string(org))
	}
	if err != nil {
		return fmt.Errorf("sqlite: walk datasets of %q: %w", org, err)
	}
	defer rows.Close()
	var (
		r datasetRow
		d catalog.Dataset
	)
	for rows.Next() {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("sqlite: walk datasets of %q: %w", org, err)
		}
		if err := r.scan(rows); err != nil {
			return fmt.Errorf("sqlite: walk datasets of %q: %w", org, err)
		}
		if err := r.into(&d); err != nil {
			return fmt.Errorf("sqlite: walk datasets of %q: %w", org, err)
		}
		if err := fn(&d); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: walk datasets of %q: %w", org, err)
	}
	return nil
}

// CountDatasets counts org's datasets, or all datasets when org is "". An
// unknown agency has none.
func (s *Store) CountDatasets(ctx context.Context, org catalog.OrgNumber) (int, error) {
	var (
		n   int
		err error
	)
	if org == "" {
		err = s.r.QueryRowContext(ctx, "SELECT count(*) FROM datasets").Scan(&n)
	} else {
		err = s.r.QueryRowContext(ctx, "SELECT count(*) FROM datasets WHERE agency = ?", string(org)).Scan(&n)
	}
	if err != nil {
		return 0, fmt.Errorf("sqlite: count datasets of %q: %w", org, err)
	}
	return n, nil
}
