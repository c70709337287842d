package sqlite

import (
	"errors"
	"fmt"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/katalog-se/katalog/catalog"
)

// storageError wraps err with catalog.ErrStorageFull when SQLite reports
// that it could not write to its disk: SQLITE_FULL (no space left, or
// max_page_count reached) or an I/O error while writing (a write refused
// with EFBIG under a file size limit is an I/O error, not SQLITE_FULL).
// Write paths use it; other errors are returned as they are.
func storageError(err error) error {
	var se *sqlite.Error
	if err == nil || errors.Is(err, catalog.ErrStorageFull) || !errors.As(err, &se) {
		return err
	}
	switch code := se.Code(); {
	case code&0xff == sqlite3.SQLITE_FULL, code&0xff == sqlite3.SQLITE_IOERR:
		return fmt.Errorf("%w: %w", catalog.ErrStorageFull, err)
	}
	return err
}

// Classify implements catalog.ErrorClassifier for errors of any store
// method, reads included: the database file gone or replaced, or SQLite
// unable to open or read it (SQLITE_CANTOPEN, SQLITE_NOTADB, an I/O error
// outside a write), is catalog.ErrUnavailable; what storageError
// classified stays as it is.
func (s *Store) Classify(err error) error {
	if err == nil || errors.Is(err, catalog.ErrUnavailable) || errors.Is(err, catalog.ErrStorageFull) {
		return err
	}
	if perr := s.present(); perr != nil {
		return fmt.Errorf("%w (%w)", err, perr)
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_IOERR:
			return fmt.Errorf("%w: %w", catalog.ErrUnavailable, err)
		}
	}
	return err
}
