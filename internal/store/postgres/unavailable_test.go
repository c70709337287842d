package postgres

import (
	"context"
	"errors"
	"net/url"
	"testing"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/netfault"
	"github.com/katalog-se/katalog/internal/store/storetest"
)

// TestDatabaseAwayIsUnavailable cuts the connection to PostgreSQL under an
// open store: writes and pings fail with catalog.ErrUnavailable (the
// service answers 503), nothing half-written remains, and the store works
// again when the database is back.
func TestDatabaseAwayIsUnavailable(t *testing.T) {
	dsn := newSchema(t)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Skip("the DSN is not a URL")
	}
	p, err := netfault.Listen(u.Host)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	u.Host = p.Addr()
	s := open(t, u.String())
	ctx := context.Background()
	if err := s.CreateAgency(ctx, storetest.NewAgency(storetest.OrgDigg), nil); err != nil {
		t.Fatal(err)
	}
	p.Cut()
	if err := s.Ping(ctx); !errors.Is(err, catalog.ErrUnavailable) {
		t.Errorf("Ping with the database away: %v, want ErrUnavailable", err)
	}
	err = s.CreateDataset(ctx, storetest.NewDataset(storetest.OrgDigg, "00000000-0000-4000-8000-000000000001", 1))
	if !errors.Is(err, catalog.ErrUnavailable) {
		t.Errorf("a write with the database away: %v, want ErrUnavailable", err)
	}
	p.Restore()
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("Ping after the database came back: %v", err)
	}
	if n, err := s.CountDatasets(ctx, storetest.OrgDigg); err != nil || n != 0 {
		t.Errorf("after the outage: %d datasets, %v; the refused write must not be there", n, err)
	}
	if err := s.CreateDataset(ctx, storetest.NewDataset(storetest.OrgDigg, "00000000-0000-4000-8000-000000000001", 1)); err != nil {
		t.Errorf("a write after the database came back: %v", err)
	}
}
