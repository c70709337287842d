package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// errNoChange makes write roll back and succeed: the write had nothing to do.
var errNoChange = errors.New("no change")

// writeTx is a catalog write transaction in progress: the new revision is
// seq, stamped with now.
type writeTx struct {
	handle
	seq int64
	now time.Time
	// stamp is now as the dialect stores it.
	stamp any
}

// write runs fn in one catalog write transaction. Before fn runs, it has
// bumped the catalog's revision, which serialises catalog writes; fn calls
// touch for every agency it changes. If fn fails, nothing is written; if fn
// returns errNoChange, nothing is written and write returns nil. Errors are
// classified as a write's: a disk that refuses the write gives
// catalog.ErrStorageFull (wrapped).
func (s *Store) write(ctx context.Context, fn func(tx *writeTx) error) error {
	err := s.tx(ctx, func(h handle) error {
		wt := &writeTx{handle: h}
		if err := wt.queryRow(ctx, s.d.BumpRevision(), s.d.Time(s.now())).Scan(&wt.seq, timeCol{&wt.now}); err != nil {
			return fmt.Errorf("bump revision: %w", err)
		}
		wt.stamp = s.d.Time(wt.now)
		return fn(wt)
	})
	if errors.Is(err, errNoChange) {
		return nil
	}
	return err
}

// touch sets org's revision to the transaction's. It reports whether the
// agency exists.
func (tx *writeTx) touch(ctx context.Context, org catalog.OrgNumber) (bool, error) {
	n, err := tx.execCount(ctx, "UPDATE agencies SET revision = ?, modified = ? WHERE org_number = ?",
		tx.seq, tx.stamp, string(org))
	if err != nil {
		return false, fmt.Errorf("bump revision of agency %s: %w", org, err)
	}
	return n == 1, nil
}

// exec runs one statement that writes outside the catalog (it moves no
// revision) and returns how many rows it changed.
func (s *Store) exec(ctx context.Context, query string, args ...any) (int64, error) {
	if err := s.d.Usable(); err != nil {
		return 0, err
	}
	n, err := s.w.execCount(ctx, query, args...)
	return n, s.d.Classify(err, true)
}

// writeRow runs one statement that writes outside the catalog and returns a
// row (RETURNING), scanned into dest; sql.ErrNoRows when it wrote nothing.
func (s *Store) writeRow(ctx context.Context, query string, args []any, dest ...any) error {
	if err := s.d.Usable(); err != nil {
		return err
	}
	return s.d.Classify(s.w.queryRow(ctx, query, args...).Scan(dest...), true)
}

// tx runs fn in one write transaction: all of it happens or none (an error
// from fn rolls it back and is returned). Errors are classified as a
// write's. Catalog writes go through write, which bumps the revision first.
func (s *Store) tx(ctx context.Context, fn func(h handle) error) (err error) {
	if err := s.d.Usable(); err != nil {
		return err
	}
	defer func() { err = s.d.Classify(err, true) }()
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(handle{tx, s.d}); err != nil {
		if rerr := tx.Rollback(); rerr != nil && !errors.Is(rerr, sql.ErrTxDone) {
			return errors.Join(err, rerr)
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}
