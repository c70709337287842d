// Package postgres is the catalog.Store on PostgreSQL, for several katalog
// instances sharing one database. It speaks to the server with pgx (a pool
// of connections) and has the same semantics as the SQLite store:
//
//   - Every catalog write is one transaction that first bumps the single
//     catalog_revision row; the row lock serialises catalog writes across
//     all instances, and the revision's Modified never goes back even when
//     the instances' clocks disagree. A write that changes nothing (a sync
//     of unchanged content, a register load of known facts) rolls back and
//     leaves the revision alone.
//   - Job tables (leases, the run log, checks, scores) are written one
//     statement at a time and bump no revision. A lease is taken by one
//     atomic upsert; the run log is unique per (job, scheduled).
//   - Times are stored as timestamptz, to the microsecond, and read in UTC.
//
// Migrations are embedded and applied on Open with goose, under a
// PostgreSQL advisory lock so that instances starting together migrate once.
// The DSN is a libpq-style URL or key=value string; its search_path (or any
// other run-time parameter) applies to every connection.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/katalog-se/katalog/catalog"
)

//go:embed migrations/*.sql
var migrations embed.FS

// PostgreSQL error codes the store tells apart.
const (
	codeUniqueViolation     = "23505"
	codeForeignKeyViolation = "23503"
)

// Store is the PostgreSQL catalog.Store. Its methods are safe for concurrent
// use, also by several processes on one database.
type Store struct {
	pool classifiedPool

	// now returns the time a write is stamped with.
	now func() time.Time

	closeOnce sync.Once
}

var (
	_ catalog.Store      = (*Store)(nil)
	_ catalog.JobStore   = (*Store)(nil)
	_ catalog.ScoreStore = (*Store)(nil)
)

// Open connects to the database dsn names (postgres://… or key=value) and
// applies the pending migrations.
func Open(ctx context.Context, dsn string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		// The parse error may quote the DSN, password included: keep only
		// that it failed.
		return nil, errors.New("postgres: open: invalid connection string")
	}
	where := fmt.Sprintf("%s:%d/%s", cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: open %s: %w", where, err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: open %s: %w", where, err)
	}
	if err := migrate(ctx, pool); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: open %s: %w", where, err)
	}
	return &Store{pool: classifiedPool{pool}, now: func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }}, nil
}

// migrate applies the embedded migrations that the database lacks, holding
// goose's advisory lock so concurrent instances do not both apply them.
func migrate(ctx context.Context, pool *pgxpool.Pool) error {
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	// Retry the lock every second for two minutes (goose's default polls
	// every five seconds).
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 120))
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	db := stdlib.OpenDBFromPool(pool)
	defer db.Close()
	p, err := goose.NewProvider(goose.DialectPostgres, db, fsys,
		goose.WithDisableGlobalRegistry(true), goose.WithSessionLocker(locker))
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// Ping checks that the database answers a query on the store's tables.
func (s *Store) Ping(ctx context.Context) error {
	var seq int64
	if err := s.pool.QueryRow(ctx, "SELECT seq FROM catalog_revision WHERE id = 1").Scan(&seq); err != nil {
		return fmt.Errorf("postgres: ping: %w", unavailable(err))
	}
	return nil
}

// Close closes the pool, waiting for connections in use to be returned;
// later calls do nothing.
func (s *Store) Close() error {
	s.closeOnce.Do(s.pool.Close)
	return nil
}

// Revision returns the revision of org's catalog, or of the whole catalog
// when org is "". ErrNotFound for an unknown agency.
func (s *Store) Revision(ctx context.Context, org catalog.OrgNumber) (catalog.Revision, error) {
	var (
		rev catalog.Revision
		err error
	)
	if org == "" {
		err = s.pool.QueryRow(ctx, "SELECT seq, modified FROM catalog_revision WHERE id = 1").Scan(&rev.Seq, &rev.Modified)
	} else {
		err = s.pool.QueryRow(ctx, "SELECT revision, modified FROM agencies WHERE org_number = $1", string(org)).Scan(&rev.Seq, &rev.Modified)
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return rev, fmt.Errorf("postgres: revision of agency %s: %w", org, catalog.ErrNotFound)
	}
	if err != nil {
		return rev, fmt.Errorf("postgres: revision of %q: %w", org, err)
	}
	rev.Modified = rev.Modified.UTC()
	return rev, nil
}

// errNoChange makes write roll back and succeed: the write had nothing to do.
var errNoChange = errors.New("no change")

// writeTx is a catalog write transaction in progress: the new revision is
// seq, stamped with now.
type writeTx struct {
	pgx.Tx
	seq int64
	now time.Time
}

// write runs fn in one transaction. Before fn runs, it has bumped the
// catalog's revision, which locks the revision row until the end: catalog
// writes of all instances run one at a time. fn calls touch for every
// agency it changes. If fn fails, nothing is written; if fn returns
// errNoChange, nothing is written and write returns nil.
func (s *Store) write(ctx context.Context, fn func(tx *writeTx) error) (err error) {
	defer func() { err = unavailable(err) }()
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() {
		if err != nil {
			// Roll back even when ctx has ended.
			_ = tx.Rollback(context.WithoutCancel(ctx))
		}
	}()
	wt := &writeTx{Tx: tx}
	// GREATEST: the stamp never goes back, whichever instance's clock is behind.
	err = tx.QueryRow(ctx, `UPDATE catalog_revision SET seq = seq + 1, modified = GREATEST(modified, $1)
		WHERE id = 1 RETURNING seq, modified`, s.now()).Scan(&wt.seq, &wt.now)
	if err != nil {
		return fmt.Errorf("bump revision: %w", err)
	}
	wt.now = wt.now.UTC()
	if err = fn(wt); err != nil {
		if errors.Is(err, errNoChange) {
			return tx.Rollback(ctx)
		}
		return err
	}
	if err = tx.Commit(ctx); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// touch sets org's revision to the transaction's. It reports whether the
// agency exists.
func (tx *writeTx) touch(ctx context.Context, org catalog.OrgNumber) (bool, error) {
	tag, err := tx.Exec(ctx, "UPDATE agencies SET revision = $1, modified = $2 WHERE org_number = $3",
		tx.seq, tx.now, string(org))
	if err != nil {
		return false, fmt.Errorf("bump revision of agency %s: %w", org, err)
	}
	return tag.RowsAffected() == 1, nil
}

// readTx starts a read-only transaction on one snapshot, for a count and a
// page that must agree.
func (s *Store) readTx(ctx context.Context) (pgx.Tx, error) {
	return s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
}

// pgCode returns the SQLSTATE of err, or "" if it is not a server error.
func pgCode(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code
	}
	return ""
}

// limit turns p into a LIMIT and an OFFSET value: no limit (NULL) when
// p.Limit is below 1.
func limitOffset(p catalog.Page) (limit *int, offset int) {
	if p.Limit < 1 {
		return nil, 0
	}
	l := p.Limit
	return &l, p.Offset()
}

// stamp returns t truncated to what is stored, in UTC, or the store's now
// when t is zero.
func (s *Store) stamp(t time.Time) time.Time {
	if t.IsZero() {
		return s.now()
	}
	return micro(t)
}

// micro returns t in UTC truncated to the microsecond, as stored.
func micro(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// optTime renders a time that may be zero: NULL when it is.
func optTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// fromOptTime reads a time that may be NULL (zero then), in UTC.
func fromOptTime(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}
