package schedule

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/store/storetest"
)

// TestDiscoveryRecords: a discovery check (no harvest URL) keeps a check
// record only when it has a verdict to keep: a catalog found, or none
// found while the latest check said ready. An agency that simply has no
// catalog at the conventional address has no check history.
func TestDiscoveryRecords(t *testing.T) {
	t.Parallel()
	store := openStore(t, filepath.Join(t.TempDir(), "k.db"))
	a := storetest.NewAgency(storetest.OrgDigg)
	a.HarvestURL, a.Homepage = "", "https://www.digg.se/"
	if err := store.CreateAgency(t.Context(), a, nil); err != nil {
		t.Fatal(err)
	}
	const found = "http://www.digg.se/datasets/dcat"
	none := Result{URL: "https://www.digg.se/datasets/dcat", NoEndpoint: true, Report: []byte(`{"httpStatus":404}`)}
	var next Result
	var notified []catalog.CheckRecord
	s := newTestScheduler(t, store, func(_ context.Context, got catalog.Agency) (Result, error) {
		if got.HarvestURL != "" {
			t.Errorf("runner given harvest URL %q", got.HarvestURL)
		}
		return next, nil
	}, func(o *Options) {
		o.OnCheck = func(_ context.Context, rec catalog.CheckRecord) { notified = append(notified, rec) }
	})
	if err := s.Sync(t.Context()); err != nil {
		t.Fatal(err)
	}
	if s.count() != 1 {
		t.Fatalf("%d checks registered, want the discovery check", s.count())
	}
	steps := []struct {
		name    string
		res     Result
		records int // check records after the step
		ready   bool
		url     string
	}{
		{"no catalog: no record", none, 0, false, ""},
		{"still none", none, 0, false, ""},
		{"a catalog found and ready", Result{URL: found, Ready: true, Report: []byte(`{"ready":true}`)}, 1, true, found},
		{"found again", Result{URL: found, Ready: true, Report: []byte(`{"ready":true}`)}, 2, true, found},
		{"gone: the ready verdict does not outlive it", none, 3, false, none.URL},
		{"still gone: nothing more", none, 3, false, none.URL},
	}
	for _, st := range steps {
		next = st.res
		if err := s.check(t.Context(), *a); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		recs := checks(t, store, a.OrgNumber)
		if len(recs) != st.records {
			t.Fatalf("%s: %d check records, want %d: %+v", st.name, len(recs), st.records, recs)
		}
		if len(notified) != st.records {
			t.Errorf("%s: OnCheck told of %d checks, want %d", st.name, len(notified), st.records)
		}
		if st.records == 0 {
			continue
		}
		if r := recs[0]; r.Status != catalog.StatusOK || r.Ready != st.ready || r.URL != st.url || r.Trigger != catalog.TriggerSchedule || r.FinishedAt.IsZero() {
			t.Errorf("%s: latest record %+v", st.name, r)
		}
	}
}
