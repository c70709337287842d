package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/katalog-se/katalog/catalog"
)

// conn is what *sql.DB and *sql.Tx share.
type conn interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// handle runs the store's queries, written with ? placeholders, on a
// *sql.DB or *sql.Tx, rebound for the dialect.
type handle struct {
	c conn
	d Dialect
}

// exec runs a statement that returns no rows.
func (h handle) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return h.c.ExecContext(ctx, h.d.Rebind(query), args...)
}

// execCount runs a statement that returns no rows and reports how many rows
// it changed.
func (h handle) execCount(ctx context.Context, query string, args ...any) (int64, error) {
	res, err := h.exec(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// query runs a query that returns rows.
func (h handle) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return h.c.QueryContext(ctx, h.d.Rebind(query), args...)
}

// queryRow runs a query that returns at most one row.
func (h handle) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return h.c.QueryRowContext(ctx, h.d.Rebind(query), args...)
}

// one reads with scan the row query selects; ErrNotFound if there is none.
func one[T any](ctx context.Context, h handle, scan func(scanner, *T) error, query string, args ...any) (*T, error) {
	v := new(T)
	if err := scan(h.queryRow(ctx, query, args...), v); err != nil {
		return nil, noRows(err)
	}
	return v, nil
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// collect runs query and reads every row it returns with scan.
func collect[T any](ctx context.Context, h handle, scan func(scanner, *T) error, query string, args ...any) ([]T, error) {
	rows, err := h.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []T
	for rows.Next() {
		list = append(list, *new(T))
		if err := scan(rows, &list[len(list)-1]); err != nil {
			return nil, err
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return list, nil
}

// noRows returns catalog.ErrNotFound for sql.ErrNoRows (a row looked up,
// or a RETURNING statement that wrote nothing), and other errors as they
// are.
func noRows(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return catalog.ErrNotFound
	}
	return err
}
