package postgres_test

import (
	"testing"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/store"
	"github.com/katalog-se/katalog/internal/store/postgres"
)

// TestStoreOpen opens the PostgreSQL store the way katalog does, through
// store.Open, and checks it is every kind of store the service uses.
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
	if _, ok := s.(catalog.JobStore); !ok {
		t.Error("not a catalog.JobStore")
	}
	if _, ok := s.(catalog.ScoreStore); !ok {
		t.Error("not a catalog.ScoreStore")
	}
	if _, ok := s.(catalog.ReportStore); !ok {
		t.Error("not a catalog.ReportStore")
	}
}
