package sqlite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/store/storetest"
)

// TestStorageFull fills the database up to SQLite's max_page_count (the
// same SQLITE_FULL a full disk gives): the import that does not fit fails
// with catalog.ErrStorageFull and changes nothing, and once there is room
// the same import succeeds.
func TestStorageFull(t *testing.T) {
	ctx := context.Background()
	s, h, _ := openHandles(t)
	org := catalog.OrgNumber("2021006883")
	if err := s.CreateAgency(ctx, storetest.NewAgency(org), []byte("hash")); err != nil {
		t.Fatal(err)
	}
	old := storetest.NewDataset(org, "00000000-0000-4000-8000-000000000001", 1)
	if err := s.CreateDataset(ctx, old); err != nil {
		t.Fatal(err)
	}
	rev, err := s.Revision(ctx, org)
	if err != nil {
		t.Fatal(err)
	}
	var pages int
	if err := h.w.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	// The writer pool has one connection, so the pragma holds for writes.
	if _, err := h.w.ExecContext(ctx, fmt.Sprintf("PRAGMA max_page_count = %d", pages)); err != nil {
		t.Fatal(err)
	}
	var big []*catalog.Dataset
	for i := 2; i < 200; i++ {
		d := storetest.NewDataset(org, fmt.Sprintf("00000000-0000-4000-8000-%012d", i), i)
		d.Description["sv"] = strings.Repeat("lång text ", 400)
		big = append(big, d)
	}
	_, err = s.SyncDatasets(ctx, org, big)
	if !errors.Is(err, catalog.ErrStorageFull) {
		t.Fatalf("import into a full database: %v, want ErrStorageFull", err)
	}
	n, err := s.CountDatasets(ctx, org)
	if err != nil || n != 1 {
		t.Fatalf("after the refused import: %d datasets (%v), want the old 1", n, err)
	}
	if got, err := s.Revision(ctx, org); err != nil || got.Seq != rev.Seq {
		t.Fatalf("revision moved: %+v → %+v (%v)", rev, got, err)
	}
	if _, err := h.w.ExecContext(ctx, "PRAGMA max_page_count = 1073741823"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SyncDatasets(ctx, org, big); err != nil {
		t.Fatalf("import once there is room: %v", err)
	}
	if n, err := s.CountDatasets(ctx, org); err != nil || n != len(big) {
		t.Fatalf("after the import: %d datasets (%v), want %d", n, err, len(big))
	}
}

// TestClassify: with the database file removed, a failed read is
// catalog.ErrUnavailable; errors of a store whose file is in place pass
// through as they are.
func TestClassify(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	_, err := s.Agency(ctx, "2021006883")
	if !errors.Is(err, catalog.ErrNotFound) || errors.Is(s.Classify(err), catalog.ErrUnavailable) {
		t.Fatalf("not found, file in place: %v → %v", err, s.Classify(err))
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if got := s.Classify(err); !errors.Is(got, catalog.ErrUnavailable) || !errors.Is(got, catalog.ErrNotFound) {
		t.Errorf("file gone: %v, want ErrUnavailable wrapping the original", got)
	}
	if s.Classify(nil) != nil {
		t.Error("nil is not nil")
	}
}
