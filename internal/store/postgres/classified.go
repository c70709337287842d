package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// The types below put every error of the pool, its rows, rows and
// transactions through unavailable, so that each store method, read or
// write, reports a lost database as catalog.ErrUnavailable (503) and a full
// disk as catalog.ErrStorageFull (507) without classifying on its own.
// pgx.ErrNoRows and server errors such as unique violations pass through
// as they are.

// classifiedPool is a pgxpool.Pool whose errors are classified.
type classifiedPool struct{ *pgxpool.Pool }

// Exec is pgxpool.Pool.Exec, its error classified.
func (p classifiedPool) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	tag, err := p.Pool.Exec(ctx, sql, args...)
	return tag, unavailable(err)
}

// Query is pgxpool.Pool.Query, its errors classified.
func (p classifiedPool) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	r, err := p.Pool.Query(ctx, sql, args...)
	if err != nil {
		return r, unavailable(err)
	}
	return classifiedRows{r}, nil
}

// QueryRow is pgxpool.Pool.QueryRow, its error classified.
func (p classifiedPool) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	return classifiedRow{p.Pool.QueryRow(ctx, sql, args...)}
}

// Begin is pgxpool.Pool.Begin, its errors classified.
func (p classifiedPool) Begin(ctx context.Context) (pgx.Tx, error) {
	tx, err := p.Pool.Begin(ctx)
	if err != nil {
		return nil, unavailable(err)
	}
	return classifiedTx{tx}, nil
}

// BeginTx is pgxpool.Pool.BeginTx, its errors classified.
func (p classifiedPool) BeginTx(ctx context.Context, opts pgx.TxOptions) (pgx.Tx, error) {
	tx, err := p.Pool.BeginTx(ctx, opts)
	if err != nil {
		return nil, unavailable(err)
	}
	return classifiedTx{tx}, nil
}

type classifiedRow struct{ pgx.Row }

func (r classifiedRow) Scan(dest ...any) error { return unavailable(r.Row.Scan(dest...)) }

type classifiedRows struct{ pgx.Rows }

func (r classifiedRows) Err() error             { return unavailable(r.Rows.Err()) }
func (r classifiedRows) Scan(dest ...any) error { return unavailable(r.Rows.Scan(dest...)) }

type classifiedTx struct{ pgx.Tx }

func (t classifiedTx) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	tag, err := t.Tx.Exec(ctx, sql, args...)
	return tag, unavailable(err)
}

func (t classifiedTx) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	r, err := t.Tx.Query(ctx, sql, args...)
	if err != nil {
		return r, unavailable(err)
	}
	return classifiedRows{r}, nil
}

func (t classifiedTx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	return classifiedRow{t.Tx.QueryRow(ctx, sql, args...)}
}

func (t classifiedTx) Commit(ctx context.Context) error { return unavailable(t.Tx.Commit(ctx)) }

func (t classifiedTx) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	return classifiedBatch{t.Tx.SendBatch(ctx, b)}
}

type classifiedBatch struct{ pgx.BatchResults }

func (b classifiedBatch) Exec() (pgconn.CommandTag, error) {
	tag, err := b.BatchResults.Exec()
	return tag, unavailable(err)
}

func (b classifiedBatch) Close() error { return unavailable(b.BatchResults.Close()) }
