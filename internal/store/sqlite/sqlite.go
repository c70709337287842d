// Package sqlite opens the SQL store (internal/store/sqlstore) on the
// embedded database: one SQLite file, written by pure Go (modernc.org/sqlite,
// no cgo). It holds what is SQLite's own: the connections and their
// pragmas, the SQLite dialect of the store's SQL, and the migrations.
//
// The database runs in WAL mode. All writes go through one connection (a
// *sql.DB with one open connection), so they queue in Go instead of failing
// with SQLITE_BUSY; reads use a pool of read-only connections that never
// block the writer nor are blocked by it. Every catalog write is one
// IMMEDIATE transaction that also bumps the catalog's revision.
//
// Migrations are embedded and applied on Open with goose.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver

	"github.com/katalog-se/katalog/internal/store/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Tuning of the connections.
const (
	// busyTimeoutMS is how long a connection waits for a lock another
	// process holds (another katalog process on the same file, a backup)
	// before it fails with SQLITE_BUSY. Within one process writes queue for
	// the single writer connection instead.
	busyTimeoutMS = 10000
	// maxReaders bounds the pool of read-only connections.
	maxReaders = 8
	// mmapBytes is how much of the database file readers memory-map. Not
	// at all: a mapped file counts in the process's RSS (and cgroup
	// limits) page by page, so walking a 150 MB database for the national
	// feed made peak RSS grow with the catalog; read(2) through SQLite's
	// small page cache walks as fast here (see docs/benchmarks.md).
	mmapBytes = 0
)

// Store is the SQL store, which Open returns on SQLite.
type Store = sqlstore.Store

// Open opens (creating if need be) the SQLite database at path and applies
// the pending migrations. path is a file name; ":memory:" gives a private
// in-memory database on one connection, for tests (there EachDataset's fn
// must not call the store).
func Open(ctx context.Context, path string) (*Store, error) {
	s, _, err := open(ctx, path)
	return s, err
}

// handles are the database handles of an open store: the writer and the
// readers (the same for an in-memory database).
type handles struct{ w, r *sql.DB }

// open is Open, also returning the store's handles.
func open(ctx context.Context, path string) (*Store, handles, error) {
	if path == "" {
		return nil, handles{}, errors.New("sqlite: open: empty database path")
	}
	memory := path == ":memory:"
	if !memory {
		if err := checkAccess(path); err != nil {
			return nil, handles{}, fmt.Errorf("sqlite: %w", err) // "open PATH: permission denied"
		}
	}

	// synchronous=FULL: the WAL is synced at every commit, so a write the
	// API has acknowledged (201 to an agency) survives a power cut or an OS
	// crash, not only a killed process (NORMAL would be enough for that).
	// katalog's writes are few and small, so one fsync a commit costs
	// nothing that matters; reads never sync.
	// _txlock=immediate: a write transaction takes the write lock at BEGIN,
	// so it cannot fail half-way when another process wrote meanwhile.
	w, err := sql.Open("sqlite", dsn(path,
		fmt.Sprintf("_busy_timeout=%d", busyTimeoutMS),
		"_journal_mode=WAL",
		"_synchronous=FULL",
		"_foreign_keys=on",
		"_txlock=immediate",
	))
	if err != nil {
		return nil, handles{}, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0) // an in-memory database lives as long as its connection
	w.SetConnMaxIdleTime(0)
	h := handles{w: w, r: w}
	fail := func(what string, err error) (*Store, handles, error) {
		if h.r != nil && h.r != h.w {
			h.r.Close()
		}
		w.Close()
		return nil, handles{}, fmt.Errorf("sqlite: open %s%s: %w", what, path, err)
	}

	if err := checkMode(ctx, w, memory); err != nil {
		return fail("", err)
	}
	if err := sqlstore.Migrate(ctx, w, goose.DialectSQLite3, migrations, "migrations"); err != nil {
		return fail("", err)
	}
	d := &dialect{}
	if !memory {
		if h.r, err = openReaders(ctx, path); err != nil {
			return fail("readers of ", err)
		}
		if d.file, err = os.Stat(path); err != nil {
			return fail("", err)
		}
		d.path = path
	}
	return sqlstore.New(sqlstore.Config{Dialect: d, Writer: h.w, Reader: h.r}), h, nil
}

// openReaders opens the pool of read-only connections to the database at
// path.
func openReaders(ctx context.Context, path string) (*sql.DB, error) {
	r, err := sql.Open("sqlite", dsn(path,
		fmt.Sprintf("_busy_timeout=%d", busyTimeoutMS),
		"_foreign_keys=on",
		"_query_only=on",
		// See mmapBytes.
		fmt.Sprintf("_pragma=mmap_size(%d)", mmapBytes),
	))
	if err != nil {
		return nil, err
	}
	r.SetMaxOpenConns(maxReaders)
	r.SetMaxIdleConns(maxReaders)
	if err := r.PingContext(ctx); err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

// checkAccess tells, before SQLite tries, when an existing database file
// cannot be read and written: SQLite's own message for that is "unable to
// open database file" or "attempt to write a readonly database", without
// the reason. A missing file is fine (it is created).
func checkAccess(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return f.Close()
}

// dsn appends the driver parameters params to path.
func dsn(path string, params ...string) string {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + strings.Join(params, "&")
}

// checkMode connects and makes sure the pragmas took: a file database that
// cannot run in WAL mode (some network file systems) is refused rather than
// run with writers and readers blocking each other.
func checkMode(ctx context.Context, db *sql.DB, memory bool) error {
	var mode string
	if err := db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return fmt.Errorf("read journal mode: %w", err)
	}
	if !memory && !strings.EqualFold(mode, "wal") {
		return fmt.Errorf("journal mode is %q, not WAL", mode)
	}
	var fk int
	if err := db.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil {
		return fmt.Errorf("read foreign_keys: %w", err)
	}
	if fk != 1 {
		return errors.New("foreign keys are off")
	}
	return nil
}
