package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/katalog-se/katalog/catalog"
)

// datasetColumns are the columns scanDataset reads, in its order; doc is
// third.
const datasetColumns = "id, agency, doc, created, updated"

// scanDataset sets d from the current row of rows, which has
// datasetColumns. d may hold another dataset before: everything is
// replaced, and its maps and slices are fresh. The document is decoded
// straight from the row's buffer, without a string copy.
func scanDataset(rows pgx.Rows, d *catalog.Dataset) error {
	var (
		id, agency       string
		created, updated time.Time
	)
	// nil skips doc: it is read raw below.
	if err := rows.Scan(&id, &agency, nil, &created, &updated); err != nil {
		return err
	}
	*d = catalog.Dataset{ID: id, Agency: catalog.OrgNumber(agency), CreatedAt: created.UTC(), UpdatedAt: updated.UTC()}
	return catalog.DecodeContent(string(rows.RawValues()[2]), d)
}

// CreateDataset adds d to its agency and sets d's CreatedAt and UpdatedAt.
// ErrNotFound if the agency is absent, ErrConflict if the ID is taken (by
// any agency: IDs are unique in the whole catalog).
func (s *Store) CreateDataset(ctx context.Context, d *catalog.Dataset) error {
	if d.ID == "" {
		return errors.New("postgres: create dataset: empty ID")
	}
	doc, hash, err := catalog.EncodeContent(d)
	if err != nil {
		return fmt.Errorf("postgres: create dataset: %w", err)
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
		tag, err := tx.Exec(ctx, `INSERT INTO datasets (id, agency, doc, content_hash, created, updated)
			VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (id) DO NOTHING`,
			d.ID, string(d.Agency), string(doc), hash, tx.now)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return catalog.ErrConflict
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("postgres: create dataset %s: %w", d.ID, err)
	}
	d.CreatedAt, d.UpdatedAt = tx0.now, tx0.now
	return nil
}

// ReplaceDataset replaces the dataset d.ID of agency d.Agency whole. It
// keeps the creation time and sets d's CreatedAt and UpdatedAt. ErrNotFound
// if the agency has no such dataset.
func (s *Store) ReplaceDataset(ctx context.Context, d *catalog.Dataset) error {
	doc, hash, err := catalog.EncodeContent(d)
	if err != nil {
		return fmt.Errorf("postgres: replace dataset: %w", err)
	}
	var (
		tx0     *writeTx
		created time.Time
	)
	err = s.write(ctx, func(tx *writeTx) error {
		tx0 = tx
		err := tx.QueryRow(ctx, `UPDATE datasets SET doc = $1, content_hash = $2, updated = $3
			WHERE id = $4 AND agency = $5 RETURNING created`,
			string(doc), hash, tx.now, d.ID, string(d.Agency)).Scan(&created)
		if errors.Is(err, pgx.ErrNoRows) {
			return catalog.ErrNotFound
		}
		if err != nil {
			return err
		}
		_, err = tx.touch(ctx, d.Agency)
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: replace dataset %s of agency %s: %w", d.ID, d.Agency, err)
	}
	d.CreatedAt, d.UpdatedAt = created.UTC(), tx0.now
	return nil
}

// DeleteDataset removes dataset id of org. ErrNotFound if absent.
func (s *Store) DeleteDataset(ctx context.Context, org catalog.OrgNumber, id string) error {
	err := s.write(ctx, func(tx *writeTx) error {
		tag, err := tx.Exec(ctx, "DELETE FROM datasets WHERE id = $1 AND agency = $2", id, string(org))
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return catalog.ErrNotFound
		}
		_, err = tx.touch(ctx, org)
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: delete dataset %s of agency %s: %w", id, org, err)
	}
	return nil
}

// Dataset returns dataset id of org. ErrNotFound if absent, also when
// another agency has a dataset with that ID.
func (s *Store) Dataset(ctx context.Context, org catalog.OrgNumber, id string) (*catalog.Dataset, error) {
	d, err := s.oneDataset(ctx, "SELECT "+datasetColumns+" FROM datasets WHERE id = $1 AND agency = $2", id, string(org))
	if err != nil {
		return nil, fmt.Errorf("postgres: dataset %s of agency %s: %w", id, org, err)
	}
	return d, nil
}

// DatasetByID returns the dataset with ID id, of whichever agency.
// ErrNotFound if absent.
func (s *Store) DatasetByID(ctx context.Context, id string) (*catalog.Dataset, error) {
	d, err := s.oneDataset(ctx, "SELECT "+datasetColumns+" FROM datasets WHERE id = $1", id)
	if err != nil {
		return nil, fmt.Errorf("postgres: dataset %s: %w", id, err)
	}
	return d, nil
}

// oneDataset runs query, which selects datasetColumns of at most one row.
func (s *Store) oneDataset(ctx context.Context, query string, args ...any) (*catalog.Dataset, error) {
	rows, err := s.pool.Query(ctx, query, args...)
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
	d := new(catalog.Dataset)
	if err := scanDataset(rows, d); err != nil {
		return nil, err
	}
	rows.Close()
	return d, rows.Err()
}

// Datasets lists one page of org's datasets ordered by ID, and the number of
// all of org's datasets; when org is "", one page of all agencies' datasets
// ordered by agency then ID, and the number of all datasets. Count and page
// come from one snapshot. An unknown agency has none. A Limit below 1
// lists all.
func (s *Store) Datasets(ctx context.Context, org catalog.OrgNumber, p catalog.Page) ([]catalog.Dataset, int, error) {
	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("postgres: datasets of %q: %w", org, err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	limit, offset := limitOffset(p)
	count := "SELECT count(*) FROM datasets WHERE agency = $1"
	list := "SELECT " + datasetColumns + " FROM datasets WHERE agency = $1 ORDER BY id LIMIT $2 OFFSET $3"
	countArgs := []any{string(org)}
	listArgs := []any{string(org), limit, offset}
	if org == "" {
		count = "SELECT count(*) FROM datasets"
		list = "SELECT " + datasetColumns + " FROM datasets ORDER BY agency, id LIMIT $1 OFFSET $2"
		countArgs = nil
		listArgs = []any{limit, offset}
	}
	var total int
	if err := tx.QueryRow(ctx, count, countArgs...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("postgres: count datasets of %q: %w", org, err)
	}
	rows, err := tx.Query(ctx, list, listArgs...)
	if err != nil {
		return nil, 0, fmt.Errorf("postgres: datasets of %q: %w", org, err)
	}
	defer rows.Close()
	var page []catalog.Dataset
	for rows.Next() {
		page = append(page, catalog.Dataset{})
		if err := scanDataset(rows, &page[len(page)-1]); err != nil {
			return nil, 0, fmt.Errorf("postgres: datasets of %q: %w", org, err)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("postgres: datasets of %q: %w", org, err)
	}
	return page, total, nil
}

// EachDataset calls fn for every dataset of org, or of all agencies when org
// is "", ordered by agency and ID. Rows stream from one query (one
// snapshot) as the server sends them, so memory stays flat however many
// datasets there are, and writes go on meanwhile; fn may call the store
// (on another connection of the pool). fn gets the same *Dataset every
// call, refilled with fresh maps and slices: a shallow copy keeps it. An
// error from fn, or the end of ctx, stops the walk and is returned.
func (s *Store) EachDataset(ctx context.Context, org catalog.OrgNumber, fn func(*catalog.Dataset) error) error {
	var (
		rows pgx.Rows
		err  error
	)
	if org == "" {
		rows, err = s.pool.Query(ctx, "SELECT "+datasetColumns+" FROM datasets ORDER BY agency, id")
	} else {
		rows, err = s.pool.Query(ctx, "SELECT "+datasetColumns+" FROM datasets WHERE agency = $1 ORDER BY id", string(org))
	}
	if err != nil {
		return fmt.Errorf("postgres: walk datasets of %q: %w", org, err)
	}
	defer rows.Close()
	var d catalog.Dataset
	for rows.Next() {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("postgres: walk datasets of %q: %w", org, err)
		}
		if err := scanDataset(rows, &d); err != nil {
			return fmt.Errorf("postgres: walk datasets of %q: %w", org, err)
		}
		if err := fn(&d); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("postgres: walk datasets of %q: %w", org, err)
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
		err = s.pool.QueryRow(ctx, "SELECT count(*) FROM datasets").Scan(&n)
	} else {
		err = s.pool.QueryRow(ctx, "SELECT count(*) FROM datasets WHERE agency = $1", string(org)).Scan(&n)
	}
	if err != nil {
		return 0, fmt.Errorf("postgres: count datasets of %q: %w", org, err)
	}
	return n, nil
}
