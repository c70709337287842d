package publish_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/store/sqlite"
)

// openStore opens a fresh SQLite store in the test's temporary directory.
func openStore(t testing.TB) catalog.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "katalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
