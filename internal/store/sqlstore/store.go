package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// Store is the SQL store. Its methods are safe for concurrent use (on
// PostgreSQL also by several processes on one database).
type Store struct {
	d Dialect
	// wdb runs every write, rdb the reads; they are one *sql.DB unless the
	// dialect keeps readers apart (SQLite's single writer connection).
	wdb, rdb *sql.DB
	// w and r are wdb and rdb speaking the dialect.
	w, r handle
	// release runs after the handles are closed.
	release func() error

	// now returns the time a write is stamped with.
	now func() time.Time

	closeOnce sync.Once
	closeErr  error
}

var (
	_ catalog.Store            = (*Store)(nil)
	_ catalog.JobStore         = (*Store)(nil)
	_ catalog.ScoreStore       = (*Store)(nil)
	_ catalog.ReportStore      = (*Store)(nil)
	_ catalog.ImportStateStore = (*Store)(nil)
	_ catalog.ErrorClassifier  = (*Store)(nil)
)

// Config is what New needs: the dialect and the database's handles, opened
// and migrated by the dialect's package.
type Config struct {
	Dialect Dialect
	// Writer runs every write.
	Writer *sql.DB
	// Reader runs the reads; nil means Writer.
	Reader *sql.DB
	// Release, if set, runs when the store is closed, after its handles
	// are (PostgreSQL closes its connection pool).
	Release func() error
}

// SetClock makes now the clock writes are stamped with (times are stored
// to the microsecond); tests and benchmarks that need time to pass use it.
// Call it before the store is used.
func (s *Store) SetClock(now func() time.Time) {
	s.now = func() time.Time { return micro(now()) }
}

// New returns the store over c's handles; Close closes them.
func New(c Config) *Store {
	r := c.Reader
	if r == nil {
		r = c.Writer
	}
	return &Store{
		d:   c.Dialect,
		wdb: c.Writer, rdb: r,
		w: handle{c.Writer, c.Dialect}, r: handle{r, c.Dialect},
		release: c.Release,
		now:     now,
	}
}

// errorf returns the error format and args describe, prefixed with the
// database's name and classified by the dialect: every error of a store
// method is returned through it.
func (s *Store) errorf(format string, args ...any) error {
	return s.d.Classify(fmt.Errorf("%s: %w", s.d.Name(), fmt.Errorf(format, args...)), false)
}

// Classify implements catalog.ErrorClassifier for errors of any origin, told
// after the fact: while the dialect knows the database to be unusable
// (SQLite's file gone or replaced) err is wrapped with
// catalog.ErrUnavailable. The store's own errors are classified already.
func (s *Store) Classify(err error) error {
	if err == nil || errors.Is(err, catalog.ErrUnavailable) || errors.Is(err, catalog.ErrStorageFull) {
		return err
	}
	if uerr := s.d.Usable(); uerr != nil {
		return fmt.Errorf("%w (%w)", err, uerr)
	}
	return err
}

// Ping checks that the database answers a query on the store's tables.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.d.Usable(); err != nil {
		return s.errorf("ping: %w", err)
	}
	var seq int64
	if err := s.r.queryRow(ctx, "SELECT seq FROM catalog_revision WHERE id = 1").Scan(&seq); err != nil {
		return s.errorf("ping: %w", err)
	}
	return nil
}

// Close closes the database; later calls do nothing and return the first
// call's result. Calls in flight may fail.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		var errs []error
		if s.rdb != s.wdb {
			errs = append(errs, s.rdb.Close())
		}
		// The writer goes last: on SQLite, closing the last connection
		// checkpoints the WAL into the database file.
		errs = append(errs, s.wdb.Close())
		if s.release != nil {
			errs = append(errs, s.release())
		}
		if err := errors.Join(errs...); err != nil {
			s.closeErr = fmt.Errorf("%s: close: %w", s.d.Name(), err)
		}
	})
	return s.closeErr
}

// ChangedAgencies implements catalog.Store.
func (s *Store) ChangedAgencies(ctx context.Context, since int64) ([]catalog.OrgNumber, error) {
	list, err := collect(ctx, s.r, func(row scanner, org *catalog.OrgNumber) error { return row.Scan((*string)(org)) },
		"SELECT org_number FROM agencies WHERE revision > ? ORDER BY org_number", since)
	if err != nil {
		return nil, s.errorf("agencies changed since revision %d: %w", since, err)
	}
	return list, nil
}

// Revision returns the revision of org's catalog, or of the whole catalog
// when org is "". ErrNotFound for an unknown agency.
func (s *Store) Revision(ctx context.Context, org catalog.OrgNumber) (catalog.Revision, error) {
	var (
		rev catalog.Revision
		row *sql.Row
	)
	if org == "" {
		row = s.r.queryRow(ctx, "SELECT seq, modified FROM catalog_revision WHERE id = 1")
	} else {
		row = s.r.queryRow(ctx, "SELECT revision, modified FROM agencies WHERE org_number = ?", string(org))
	}
	if err := row.Scan(&rev.Seq, timeCol{&rev.Modified}); err != nil {
		return rev, s.errorf("revision of %q: %w", org, noRows(err))
	}
	return rev, nil
}
