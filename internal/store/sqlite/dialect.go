package sqlite

import (
	"errors"
	"fmt"
	"os"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/katalog-se/katalog/catalog"
)

// timeLayout is how times are stored: UTC, RFC 3339 with a fixed six-digit
// fraction, so stored times sort as text. Reading accepts any RFC 3339 form.
const timeLayout = "2006-01-02T15:04:05.000000Z07:00"

// dialect is SQLite's sqlstore.Dialect. path and file identify the database
// file as opened (zero for an in-memory database): a write or ping when the
// file is gone or replaced fails with catalog.ErrUnavailable rather than
// writing into an unlinked file that no restart will find.
type dialect struct {
	path string
	file os.FileInfo
}

// Name implements sqlstore.Dialect.
func (*dialect) Name() string { return "sqlite" }

// Rebind implements sqlstore.Dialect: SQLite takes ? as it is.
func (*dialect) Rebind(query string) string { return query }

// BumpRevision implements sqlstore.Dialect. SQLite has one writer, so the
// stamp is the writer's clock.
func (*dialect) BumpRevision() string {
	return "UPDATE catalog_revision SET seq = seq + 1, modified = ? WHERE id = 1 RETURNING seq, modified"
}

// Time implements sqlstore.Dialect: times are text in timeLayout.
func (*dialect) Time(t time.Time) any { return t.UTC().Format(timeLayout) }

// OptTime implements sqlstore.Dialect: no time is the empty text.
func (d *dialect) OptTime(t time.Time) any {
	if t.IsZero() {
		return ""
	}
	return d.Time(t)
}

// Usable implements sqlstore.Dialect: the database file must still be the
// one opened.
func (d *dialect) Usable() error {
	if d.file == nil {
		return nil
	}
	fi, err := os.Stat(d.path)
	if err != nil || !os.SameFile(fi, d.file) {
		return fmt.Errorf("the database file %s is gone or was replaced: %w", d.path, catalog.ErrUnavailable)
	}
	return nil
}

// Classify implements sqlstore.Dialect. A write SQLite could not put on its
// disk, SQLITE_FULL (no space left, or max_page_count reached) or an I/O
// error while writing (a write refused with EFBIG under a file size limit
// is an I/O error, not SQLITE_FULL), is catalog.ErrStorageFull. Any error
// while the database file is gone or replaced, and SQLite unable to open
// or read the file (SQLITE_CANTOPEN, SQLITE_NOTADB, an I/O error outside a
// write), is catalog.ErrUnavailable. A unique violation is
// catalog.ErrConflict.
func (d *dialect) Classify(err error, write bool) error {
	if err == nil || errors.Is(err, catalog.ErrUnavailable) || errors.Is(err, catalog.ErrStorageFull) {
		return err
	}
	code := errorCode(err)
	if write && (code&0xff == sqlite3.SQLITE_FULL || code&0xff == sqlite3.SQLITE_IOERR) {
		return fmt.Errorf("%w: %w", catalog.ErrStorageFull, err)
	}
	if uerr := d.Usable(); uerr != nil {
		return fmt.Errorf("%w (%w)", err, uerr)
	}
	switch {
	case code&0xff == sqlite3.SQLITE_CANTOPEN, code&0xff == sqlite3.SQLITE_NOTADB, code&0xff == sqlite3.SQLITE_IOERR:
		return fmt.Errorf("%w: %w", catalog.ErrUnavailable, err)
	case (code == sqlite3.SQLITE_CONSTRAINT_UNIQUE || code == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY) &&
		!errors.Is(err, catalog.ErrConflict):
		return fmt.Errorf("%w: %w", catalog.ErrConflict, err)
	}
	return err
}

// errorCode returns SQLite's extended result code in err, or 0 if err is
// not SQLite's.
func errorCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()
	}
	return 0
}
