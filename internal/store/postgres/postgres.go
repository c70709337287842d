// Package postgres opens the SQL store (internal/store/sqlstore) on
// PostgreSQL, for several katalog instances sharing one database. It holds
// what is PostgreSQL's own: the connection pool (pgx, run as database/sql
// through pgx's stdlib), the PostgreSQL dialect of the store's SQL, and the
// migrations.
//
// Catalog writes of all instances are serialised by the lock on the one
// catalog_revision row every write bumps first, and the revision's Modified
// never goes back even when the instances' clocks disagree. Job tables are
// written one statement at a time: a lease is taken by one atomic upsert;
// the run log is unique per (job, scheduled). Times are stored as
// timestamptz, to the microsecond, and read in UTC.
//
// Migrations are embedded and applied on Open with goose, under a
// PostgreSQL advisory lock so that instances starting together migrate once.
// The DSN is a libpq-style URL or key=value string; its search_path (or any
// other run-time parameter) applies to every connection, and pgxpool's
// pool_* parameters (pool_max_conns, …) size the pool.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/katalog-se/katalog/internal/store/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is the SQL store, which Open returns on PostgreSQL.
type Store = sqlstore.Store

// Open connects to the database dsn names (postgres://… or key=value) and
// applies the pending migrations.
func Open(ctx context.Context, dsn string) (*Store, error) {
	s, _, err := connect(ctx, dsn)
	return s, err
}

// connect is Open, also returning the store's database handle.
func connect(ctx context.Context, dsn string) (*Store, *sql.DB, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		// The parse error may quote the DSN, password included: keep only
		// that it failed.
		return nil, nil, errors.New("postgres: open: invalid connection string")
	}
	where := fmt.Sprintf("%s:%d/%s", cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, nil, fmt.Errorf("postgres: open %s: %w", where, err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, nil, fmt.Errorf("postgres: open %s: %w", where, err)
	}
	// The pool keeps the connections (its idle ones, health checks and
	// lifetimes); database/sql takes one from it for each use and gives it
	// straight back (no idle connections of its own), never more than the
	// pool has.
	db := stdlib.OpenDBFromPool(pool)
	db.SetMaxOpenConns(int(cfg.MaxConns))
	if err := migrate(ctx, db); err != nil {
		db.Close()
		pool.Close()
		return nil, nil, fmt.Errorf("postgres: open %s: %w", where, err)
	}
	release := func() error { pool.Close(); return nil }
	return sqlstore.New(sqlstore.Config{Dialect: dialect{}, Writer: db, Release: release}), db, nil
}

// migrate applies the embedded migrations that the database lacks, holding
// goose's advisory lock so concurrent instances do not both apply them.
func migrate(ctx context.Context, db *sql.DB) error {
	// Retry the lock every second for two minutes (goose's default polls
	// every five seconds).
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 120))
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	return sqlstore.Migrate(ctx, db, goose.DialectPostgres, migrations, "migrations", goose.WithSessionLocker(locker))
}
