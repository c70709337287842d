// Package sqlite is the embedded catalog.Store: one SQLite file, written by
// pure Go (modernc.org/sqlite, no cgo).
//
// The database runs in WAL mode. All writes go through one connection (a
// *sql.DB with one open connection), so they queue in Go instead of failing
// with SQLITE_BUSY; reads use a pool of read-only connections that never
// block the writer nor are blocked by it. Every write is one IMMEDIATE
// transaction that also bumps the catalog's revision.
//
// Migrations are embedded and applied on Open with goose.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver

	"github.com/katalog-se/katalog/catalog"
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

// timeLayout is how times are stored: UTC, RFC 3339 with a fixed six-digit
// fraction, so stored times sort as text. Reading accepts any RFC 3339 form.
const timeLayout = "2006-01-02T15:04:05.000000Z07:00"

// Store is the SQLite catalog.Store. Its methods are safe for concurrent use.
type Store struct {
	w *sql.DB // the single writer connection
	r *sql.DB // read-only connections; the same as w for in-memory databases

	// now returns the time a write is stamped with.
	now func() time.Time
	// path and file identify the database file as opened (zero for an
	// in-memory database): a write or ping when the file is gone or
	// replaced fails with catalog.ErrUnavailable rather than writing into
	// an unlinked file that no restart will find.
	path string
	file os.FileInfo

	closeOnce sync.Once
	closeErr  error
}

var _ catalog.Store = (*Store)(nil)

// Open opens (creating if need be) the SQLite database at path and applies
// the pending migrations. path is a file name; ":memory:" gives a private
// in-memory database on one connection, for tests (there EachDataset's fn
// must not call the store).
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("sqlite: open: empty database path")
	}
	memory := path == ":memory:"
	if !memory {
		if err := checkAccess(path); err != nil {
			return nil, fmt.Errorf("sqlite: %w", err) // "open PATH: permission denied"
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
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0) // an in-memory database lives as long as its connection
	w.SetConnMaxIdleTime(0)
	s := &Store{w: w, r: w, now: func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }}

	if err := checkMode(ctx, w, memory); err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	if err := migrate(ctx, w); err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	if memory {
		return s, nil
	}

	r, err := sql.Open("sqlite", dsn(path,
		fmt.Sprintf("_busy_timeout=%d", busyTimeoutMS),
		"_foreign_keys=on",
		"_query_only=on",
		// See mmapBytes.
		fmt.Sprintf("_pragma=mmap_size(%d)", mmapBytes),
	))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: open readers of %s: %w", path, err)
	}
	r.SetMaxOpenConns(maxReaders)
	r.SetMaxIdleConns(maxReaders)
	if err := r.PingContext(ctx); err != nil {
		r.Close()
		w.Close()
		return nil, fmt.Errorf("sqlite: open readers of %s: %w", path, err)
	}
	s.r = r
	if s.file, err = os.Stat(path); err != nil {
		r.Close()
		w.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	s.path = path
	return s, nil
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

// present checks that the database file is still the one opened.
func (s *Store) present() error {
	if s.file == nil {
		return nil
	}
	fi, err := os.Stat(s.path)
	if err != nil || !os.SameFile(fi, s.file) {
		return fmt.Errorf("the database file %s is gone or was replaced: %w", s.path, catalog.ErrUnavailable)
	}
	return nil
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

// migrate applies the embedded migrations that db lacks.
func migrate(ctx context.Context, db *sql.DB) error {
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db, fsys, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// Ping checks that the database answers a query.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.present(); err != nil {
		return fmt.Errorf("sqlite: ping: %w", err)
	}
	var seq int64
	if err := s.r.QueryRowContext(ctx, "SELECT seq FROM catalog_revision WHERE id = 1").Scan(&seq); err != nil {
		return fmt.Errorf("sqlite: ping: %w", err)
	}
	return nil
}

// Close closes the database; later calls do nothing and return the first
// call's result. Calls in flight may fail.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		var errs []error
		if s.r != s.w {
			errs = append(errs, s.r.Close())
		}
		// The writer goes last: closing the last connection checkpoints the
		// WAL into the database file.
		errs = append(errs, s.w.Close())
		if err := errors.Join(errs...); err != nil {
			s.closeErr = fmt.Errorf("sqlite: close: %w", err)
		}
	})
	return s.closeErr
}

// Revision returns the revision of org's catalog, or of the whole catalog
// when org is "". ErrNotFound for an unknown agency.
func (s *Store) Revision(ctx context.Context, org catalog.OrgNumber) (catalog.Revision, error) {
	var (
		rev      catalog.Revision
		modified string
		err      error
	)
	if org == "" {
		err = s.r.QueryRowContext(ctx, "SELECT seq, modified FROM catalog_revision WHERE id = 1").Scan(&rev.Seq, &modified)
	} else {
		err = s.r.QueryRowContext(ctx, "SELECT revision, modified FROM agencies WHERE org_number = ?", string(org)).Scan(&rev.Seq, &modified)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return rev, fmt.Errorf("sqlite: revision of agency %s: %w", org, catalog.ErrNotFound)
	}
	if err != nil {
		return rev, fmt.Errorf("sqlite: revision of %q: %w", org, err)
	}
	if rev.Modified, err = parseTime(modified); err != nil {
		return rev, fmt.Errorf("sqlite: revision of %q: %w", org, err)
	}
	return rev, nil
}

// errNoChange makes write roll back and succeed: the write had nothing to do.
var errNoChange = errors.New("no change")

// writeTx is a write transaction in progress: the new revision is seq,
// stamped with now.
type writeTx struct {
	*sql.Tx
	seq   int64
	now   time.Time
	stamp string // now as stored
}

// write runs fn in one write transaction on the writer connection. Before fn
// runs, it has bumped the catalog's revision; fn calls touch for every
// agency it changes. If fn fails, nothing is written; if fn returns
// errNoChange, nothing is written and write returns nil. A disk that
// refuses the write gives catalog.ErrStorageFull (wrapped).
func (s *Store) write(ctx context.Context, fn func(tx *writeTx) error) (err error) {
	if err := s.present(); err != nil {
		return err
	}
	defer func() { err = storageError(err) }()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	wt := &writeTx{Tx: tx, now: s.now()}
	wt.stamp = formatTime(wt.now)
	err = tx.QueryRowContext(ctx,
		"UPDATE catalog_revision SET seq = seq + 1, modified = ? WHERE id = 1 RETURNING seq",
		wt.stamp).Scan(&wt.seq)
	if err != nil {
		return fmt.Errorf("bump revision: %w", err)
	}
	if err = fn(wt); err != nil {
		if errors.Is(err, errNoChange) {
			tx.Rollback()
			return nil
		}
		return err
	}
	if err = tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// touch sets org's revision to the transaction's. It reports whether the
// agency exists.
func (tx *writeTx) touch(ctx context.Context, org catalog.OrgNumber) (bool, error) {
	res, err := tx.ExecContext(ctx, "UPDATE agencies SET revision = ?, modified = ? WHERE org_number = ?",
		tx.seq, tx.stamp, string(org))
	if err != nil {
		return false, fmt.Errorf("bump revision of agency %s: %w", org, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("bump revision of agency %s: %w", org, err)
	}
	return n == 1, nil
}

// formatTime renders t as stored.
func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// parseTime reads a stored time.
func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t.UTC(), nil
}

// limitOffset turns p into SQL LIMIT and OFFSET values; a Limit below 1
// means no limit.
func limitOffset(p catalog.Page) (limit, offset int) {
	if p.Limit < 1 {
		return -1, 0
	}
	return p.Limit, p.Offset()
}
