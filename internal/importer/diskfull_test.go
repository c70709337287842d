package importer

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
	"testing"

	"github.com/katalog-se/katalog/catalog"
)

// TestDiskFull: a temporary file's ENOSPC, EFBIG or EDQUOT, however
// wrapped, is catalog.ErrStorageFull (the server's 507) and still itself;
// other errors and nil pass as they are.
func TestDiskFull(t *testing.T) {
	for _, errno := range []syscall.Errno{syscall.ENOSPC, syscall.EFBIG, syscall.EDQUOT} {
		err := fmt.Errorf("importer: spool the source: %w", &fs.PathError{Op: "write", Path: "/tmp/x", Err: errno})
		got := diskFull(err)
		if !errors.Is(got, catalog.ErrStorageFull) || !errors.Is(got, errno) {
			t.Errorf("%v: %v, want catalog.ErrStorageFull wrapping it", errno, got)
		}
	}
	other := errors.New("importer: something else")
	if got := diskFull(other); got != other {
		t.Errorf("diskFull(%v) = %v, want it unchanged", other, got)
	}
	if got := diskFull(nil); got != nil {
		t.Errorf("diskFull(nil) = %v", got)
	}
	full := fmt.Errorf("store: %w", catalog.ErrStorageFull)
	if got := diskFull(full); got != full {
		t.Errorf("an error already ErrStorageFull was wrapped again: %v", got)
	}
}
