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
// with EFBIG under a file size limit is SQLITE_IOERR_WRITE, not
// SQLITE_FULL). Other errors are returned as they are.
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
