package schedule

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/store/storetest"
)

func TestCheckNow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.db")
	store := openStore(t, path)
	a := addAgency(t, store, storetest.OrgDigg, "@yearly")
	a.HarvestURL = "https://data.example.se/dcat"
	release := make(chan struct{})
	runner := func(ctx context.Context, _ catalog.Agency) (Result, error) {
		<-release
		return Result{Ready: true, Report: []byte(`{"ready":true}`)}, nil
	}
	done := make(chan catalog.CheckRecord, 1)
	s := newTestScheduler(t, store, runner, func(o *Options) {
		o.OnCheck = func(_ context.Context, rec catalog.CheckRecord) { done <- rec }
	})

	rec, err := s.CheckNow(t.Context(), *a)
	if err != nil {
		t.Fatal(err)
	}
	if rec.ID == 0 || rec.Status != catalog.StatusRunning || rec.Trigger != catalog.TriggerManual {
		t.Errorf("started record %+v", rec)
	}
	if _, err := s.CheckNow(t.Context(), *a); !errors.Is(err, ErrRunning) {
		t.Errorf("second CheckNow while running: %v, want ErrRunning", err)
	}
	// Another instance on the same database sees the lease.
	other := newTestScheduler(t, openStore(t, path), runner, nil)
	if _, err := other.CheckNow(t.Context(), *a); !errors.Is(err, ErrRunning) {
		t.Errorf("CheckNow in another instance while running: %v, want ErrRunning", err)
	}
	close(release)
	fin := receive(t, done, 1, "finished checks")[0]
	if fin.ID != rec.ID || fin.Status != catalog.StatusOK || !fin.Ready {
		t.Errorf("finished record %+v", fin)
	}
	got, err := store.Check(t.Context(), a.OrgNumber, rec.ID)
	if err != nil || got.Status != catalog.StatusOK || string(got.Result) != `{"ready":true}` {
		t.Errorf("stored record %+v, %v", got, err)
	}
	// The lease is free again.
	if _, err := s.CheckNow(t.Context(), *a); err != nil {
		t.Errorf("CheckNow after the first finished: %v", err)
	}
	receive(t, done, 1, "finished checks")
	noURL := *a
	noURL.HarvestURL = ""
	if _, err := s.CheckNow(t.Context(), noURL); err == nil {
		t.Error("CheckNow without a harvest URL succeeded")
	}
}

// TestStartMarksInterruptedChecks: a check left "running" by an instance
// that died is marked failed when a scheduler starts.
func TestStartMarksInterruptedChecks(t *testing.T) {
	store := openStore(t, filepath.Join(t.TempDir(), "k.db"))
	a := addAgency(t, store, storetest.OrgDigg, "@yearly")
	old := &catalog.CheckRecord{Agency: a.OrgNumber, URL: "https://x.se/dcat", Trigger: catalog.TriggerSchedule,
		Status: catalog.StatusRunning, StartedAt: time.Now().Add(-2 * time.Hour)}
	if err := store.InsertCheck(t.Context(), old); err != nil {
		t.Fatal(err)
	}
	s := newTestScheduler(t, store, nil, nil)
	if err := s.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	got, err := store.Check(t.Context(), a.OrgNumber, old.ID)
	if err != nil || got.Status != catalog.StatusFailed {
		t.Errorf("a check left running by a dead instance: %+v, %v; want failed", got, err)
	}
}
