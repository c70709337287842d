package postgres_test

import (
	"testing"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/store"
	"github.com/katalog-se/katalog/internal/store/postgres"
)

// TestStoreOpen opens the PostgreSQL store the way katalog does, through
// store.Open, and pings it.
func TestStoreOpen(t *testing.T) {
	dsn := postgres.NewSchema(t)
	s, err := store.Open(t.Context(), "postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Ping(t.Context()); err != nil {
		t.Fatal(err)
	}
	// What the service uses of it, checked by the compiler.
	var (
		_ catalog.Store       = s
		_ catalog.JobStore    = s
		_ catalog.ScoreStore  = s
		_ catalog.ReportStore = s
	)
}
