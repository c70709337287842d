package schedule

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/store/sqlite"
	"github.com/katalog-se/katalog/internal/store/storetest"
)

// waitLimit bounds every wait for the scheduler; it only keeps a broken
// scheduler from hanging the tests.
const waitLimit = 20 * time.Second

// openStore opens a store handle on the database file path.
func openStore(t *testing.T, path string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// addAgency creates an agency checked on spec.
func addAgency(t *testing.T, s *sqlite.Store, org catalog.OrgNumber, spec string) *catalog.Agency {
	t.Helper()
	a := storetest.NewAgency(org)
	a.CheckSchedule = spec
	if err := s.CreateAgency(t.Context(), a, nil); err != nil {
		t.Fatal(err)
	}
	return a
}

// newTestScheduler returns a scheduler on store, reading seconds, without
// resync, logging to t; edit adjusts the options. It is stopped at cleanup.
func newTestScheduler(t *testing.T, store Store, runner Runner, edit func(*Options)) *Scheduler {
	t.Helper()
	if runner == nil {
		runner = func(context.Context, catalog.Agency) (Result, error) { return Result{Ready: true}, nil }
	}
	opts := Options{Store: store, Runner: runner, Seconds: true, Resync: -1, MinInterval: -1, Logger: slog.New(&testHandler{t: t})}
	if edit != nil {
		edit(&opts)
	}
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
		defer cancel()
		s.Stop(ctx)
	})
	return s
}

// testHandler logs to t at Info level and up, and sends the messages it is
// asked to watch to watch.
type testHandler struct {
	t     *testing.T
	msg   string
	watch chan<- string
}

func (h *testHandler) Enabled(context.Context, slog.Level) bool { return true }

func (h *testHandler) Handle(_ context.Context, r slog.Record) error {
	if h.watch != nil && r.Message == h.msg {
		select {
		case h.watch <- r.Message:
		default:
		}
	}
	if r.Level >= slog.LevelInfo {
		var b strings.Builder
		r.Attrs(func(a slog.Attr) bool { fmt.Fprintf(&b, " %s=%v", a.Key, a.Value); return true })
		h.t.Logf("%s %s%s", r.Level, r.Message, b.String())
	}
	return nil
}

func (h *testHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *testHandler) WithGroup(string) slog.Handler      { return h }

// receive waits for n values from ch.
func receive[T any](t *testing.T, ch <-chan T, n int, what string) []T {
	t.Helper()
	var got []T
	timeout := time.After(waitLimit)
	for len(got) < n {
		select {
		case v := <-ch:
			got = append(got, v)
		case <-timeout:
			t.Fatalf("waited %v for %d %s, got %d", waitLimit, n, what, len(got))
		}
	}
	return got
}

// stop stops s, waiting for its runs.
func stop(t *testing.T, s *Scheduler) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	if err := s.Stop(ctx); err != nil {
		t.Fatal(err)
	}
}

// checks returns all of org's check records, newest first.
func checks(t *testing.T, s *sqlite.Store, org catalog.OrgNumber) []catalog.CheckRecord {
	t.Helper()
	list, _, err := s.Checks(t.Context(), org, catalog.Page{})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func TestRunsRepeatedly(t *testing.T) {
	t.Parallel()
	store := openStore(t, filepath.Join(t.TempDir(), "k.db"))
	addAgency(t, store, storetest.OrgDigg, "@every 2s")
	addAgency(t, store, storetest.OrgSCB, "0 3 1 1 *") // not due during the test
	noURL := storetest.NewAgency(storetest.OrgLM)
	noURL.HarvestURL, noURL.Homepage, noURL.CheckSchedule = "", "", "@every 2s"
	if err := store.CreateAgency(t.Context(), noURL, nil); err != nil {
		t.Fatal(err)
	}

	type call struct {
		org  catalog.OrgNumber
		url  string
		tick time.Time
	}
	calls := make(chan call, 10)
	s := newTestScheduler(t, store, func(ctx context.Context, a catalog.Agency) (Result, error) {
		tick, _ := Tick(ctx)
		calls <- call{a.OrgNumber, a.HarvestURL, tick}
		return Result{Ready: true, Report: []byte(`{"datasets":3}`)}, nil
	}, nil)
	if err := s.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := s.count(); n != 2 {
		t.Errorf("%d checks registered, want 2 (the agency without a URL or homepage has none)", n)
	}
	got := receive(t, calls, 2, "runs")
	stop(t, s)

	for i, c := range got {
		if c.org != storetest.OrgDigg || c.url != storetest.NewAgency(storetest.OrgDigg).HarvestURL {
			t.Errorf("run %d checked %s at %s", i, c.org, c.url)
		}
		if c.tick.IsZero() || c.tick.UnixNano()%int64(2*time.Second) != 0 {
			t.Errorf("run %d has tick %v, not a multiple of 2s", i, c.tick)
		}
	}
	if !got[1].tick.After(got[0].tick) {
		t.Errorf("second run's tick %v is not after the first's %v", got[1].tick, got[0].tick)
	}
	recs := checks(t, store, storetest.OrgDigg)
	if len(recs) < 2 {
		t.Fatalf("%d check records after 2 runs", len(recs))
	}
	for _, r := range recs {
		if r.Status != catalog.StatusOK || !r.Ready || r.Trigger != catalog.TriggerSchedule ||
			string(r.Result) != `{"datasets":3}` || r.FinishedAt.Before(r.StartedAt) {
			t.Errorf("record %+v", r)
		}
	}
	if len(checks(t, store, storetest.OrgSCB)) != 0 || len(checks(t, store, storetest.OrgLM)) != 0 {
		t.Error("agencies not due were checked")
	}
	run, err := store.LastRun(t.Context(), CheckJob(storetest.OrgDigg))
	if err != nil || run.Status != catalog.StatusOK || run.Holder != s.Holder() {
		t.Errorf("run log: %+v, %v", run, err)
	}
}

func TestRunOutcomes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		runner     Runner
		wantStatus string
		wantReady  bool
		wantResult string
		wantRunErr string
	}{
		{"ready", func(context.Context, catalog.Agency) (Result, error) {
			return Result{Ready: true, Report: []byte(`{"ready":true}`)}, nil
		}, catalog.StatusOK, true, `{"ready":true}`, ""},
		{"not ready", func(context.Context, catalog.Agency) (Result, error) {
			return Result{Report: []byte(`{"ready":false}`)}, nil
		}, catalog.StatusOK, false, `{"ready":false}`, ""},
		{"error", func(context.Context, catalog.Agency) (Result, error) {
			return Result{}, errors.New("connection refused")
		}, catalog.StatusFailed, false, `{"error":"connection refused"}`, "connection refused"},
		{"panic", func(context.Context, catalog.Agency) (Result, error) {
			panic("nil map")
		}, catalog.StatusFailed, false, `{"error":"panic: nil map"}`, "panic: nil map"},
		{"timeout", func(ctx context.Context, _ catalog.Agency) (Result, error) {
			<-ctx.Done()
			return Result{Report: []byte(`{"partial":true}`)}, ctx.Err()
		}, catalog.StatusFailed, false, `{"partial":true}`, "context deadline exceeded"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			store := openStore(t, filepath.Join(t.TempDir(), "k.db"))
			addAgency(t, store, storetest.OrgDigg, "@every 1s")
			ran := make(chan struct{}, 10)
			s := newTestScheduler(t, store, func(ctx context.Context, a catalog.Agency) (Result, error) {
				defer func() { ran <- struct{}{} }()
				return tc.runner(ctx, a)
			}, func(o *Options) { o.MaxRun = 300 * time.Millisecond })
			if err := s.Start(t.Context()); err != nil {
				t.Fatal(err)
			}
			receive(t, ran, 1, "runs")
			stop(t, s) // waits for the record to be written
			recs := checks(t, store, storetest.OrgDigg)
			r := recs[len(recs)-1] // the first
			if r.Status != tc.wantStatus || r.Ready != tc.wantReady || string(r.Result) != tc.wantResult {
				t.Errorf("record: status %s, ready %v, result %s", r.Status, r.Ready, r.Result)
			}
			run, err := store.LastRun(t.Context(), CheckJob(storetest.OrgDigg))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(run.Error, tc.wantRunErr) || (tc.wantRunErr == "") != (run.Error == "") {
				t.Errorf("run log error %q, want %q", run.Error, tc.wantRunErr)
			}
		})
	}
}

func TestSharedStoreRunsEachTickOnce(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "k.db")
	first := openStore(t, path)
	addAgency(t, first, storetest.OrgDigg, "*/1 * * * * *")
	addAgency(t, first, storetest.OrgSCB, "@every 1s")

	type run struct {
		org  catalog.OrgNumber
		tick int64 // UnixNano: a time.Time key would hold each scheduler's *Location
	}
	var (
		mu      sync.Mutex
		perTick = map[run]int{}
		total   = make(chan struct{}, 100)
	)
	runner := func(ctx context.Context, a catalog.Agency) (Result, error) {
		tick, _ := Tick(ctx)
		mu.Lock()
		perTick[run{a.OrgNumber, tick.UnixNano()}]++
		mu.Unlock()
		time.Sleep(50 * time.Millisecond) // a run takes a while, so runs of one tick would overlap
		total <- struct{}{}
		return Result{Ready: true}, nil
	}
	var scheds []*Scheduler
	for i := range 3 {
		store := first
		if i > 0 {
			store = openStore(t, path)
		}
		scheds = append(scheds, newTestScheduler(t, store, runner, nil))
	}
	for _, s := range scheds {
		if err := s.Start(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	receive(t, total, 6, "runs")
	for _, s := range scheds {
		stop(t, s)
	}

	mu.Lock()
	defer mu.Unlock()
	for r, n := range perTick {
		if n != 1 {
			t.Errorf("%s's tick %v ran %d times", r.org, time.Unix(0, r.tick), n)
		}
	}
	for _, org := range []catalog.OrgNumber{storetest.OrgDigg, storetest.OrgSCB} {
		recs := checks(t, first, org)
		runs := 0
		for r := range perTick {
			if r.org == org {
				runs++
			}
		}
		if len(recs) != runs {
			t.Errorf("%s: %d check records for %d runs", org, len(recs), runs)
		}
	}
}

func TestSkipIfStillRunning(t *testing.T) {
	t.Parallel()
	store := openStore(t, filepath.Join(t.TempDir(), "k.db"))
	addAgency(t, store, storetest.OrgDigg, "@every 1s")
	skips := make(chan string, 10)
	release := make(chan struct{})
	started := make(chan struct{}, 10)
	var running, maxRunning, calls atomic.Int32
	s := newTestScheduler(t, store, func(ctx context.Context, _ catalog.Agency) (Result, error) {
		calls.Add(1)
		n := running.Add(1)
		defer running.Add(-1)
		if n > maxRunning.Load() {
			maxRunning.Store(n)
		}
		select {
		case started <- struct{}{}:
		default:
		}
		select {
		case <-release:
		case <-ctx.Done():
		}
		return Result{Ready: true}, nil
	}, func(o *Options) {
		o.Logger = slog.New(&testHandler{t: t, msg: "cron: skip", watch: skips})
	})
	t.Cleanup(func() { // before the scheduler stops, should the test fail
		select {
		case <-release:
		default:
			close(release)
		}
	})
	if err := s.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	receive(t, started, 1, "runs")
	receive(t, skips, 2, "skipped ticks")
	if n := calls.Load(); n != 1 {
		t.Errorf("%d runs while the first was still running", n)
	}
	close(release)
	stop(t, s)
	if m := maxRunning.Load(); m != 1 {
		t.Errorf("%d runs at once", m)
	}
	recs := checks(t, store, storetest.OrgDigg)
	if int32(len(recs)) != calls.Load() {
		t.Errorf("%d records for %d runs", len(recs), calls.Load())
	}
}

func TestMissedRun(t *testing.T) {
	t.Parallel()
	const hour = time.Hour
	tests := []struct {
		name       string
		lastRun    time.Duration // before the latest activation; <0: never ran
		wantMissed bool
	}{
		{"never ran", -1, false},
		{"ran the latest activation", 0, false},
		{"ran before the latest activation", 3 * hour, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "k.db")
			store := openStore(t, path)
			addAgency(t, store, storetest.OrgDigg, "@every 1h")
			latest := time.Now().Add(-DefaultMissedGrace).Truncate(hour)
			for _, job := range []string{CheckJob(storetest.OrgDigg), "report"} {
				if tc.lastRun < 0 {
					continue
				}
				err := store.StartRun(t.Context(), &catalog.JobRun{Job: job, Scheduled: latest.Add(-tc.lastRun),
					Holder: "earlier", Status: catalog.StatusOK})
				if err != nil {
					t.Fatal(err)
				}
			}
			var calls atomic.Int32
			runner := func(context.Context, catalog.Agency) (Result, error) { calls.Add(1); return Result{}, nil }
			var reports atomic.Int32
			// Two instances start: the missed activation is recorded once.
			for _, st := range []*sqlite.Store{store, openStore(t, path)} {
				s := newTestScheduler(t, st, runner, nil)
				if err := s.AddJob(t.Context(), "report", "@every 1h", func(context.Context) error {
					reports.Add(1)
					return nil
				}); err != nil {
					t.Fatal(err)
				}
				if err := s.Start(t.Context()); err != nil {
					t.Fatal(err)
				}
				stop(t, s)
			}

			var missed []catalog.CheckRecord
			for _, r := range checks(t, store, storetest.OrgDigg) {
				if r.Trigger == catalog.TriggerMissed {
					missed = append(missed, r)
				}
			}
			reportRun, err := store.LastRun(t.Context(), "report")
			if tc.wantMissed {
				if len(missed) != 1 || !missed[0].StartedAt.Equal(latest) || missed[0].Status != catalog.StatusMissed {
					t.Errorf("missed records %+v, want one at %v", missed, latest)
				}
				if err != nil || reportRun.Status != catalog.StatusMissed || !reportRun.Scheduled.Equal(latest) {
					t.Errorf("report's last run %+v, %v; want missed at %v", reportRun, err, latest)
				}
			} else if len(missed) != 0 {
				t.Errorf("missed records %+v, want none", missed)
			}
			if calls.Load() != 0 || reports.Load() != 0 {
				t.Errorf("missed activations caught up: %d checks, %d reports", calls.Load(), reports.Load())
			}
		})
	}
}

func TestSyncFollowsAgencies(t *testing.T) {
	t.Parallel()
	store := openStore(t, filepath.Join(t.TempDir(), "k.db"))
	a := addAgency(t, store, storetest.OrgDigg, "0 3 1 1 *")
	addAgency(t, store, storetest.OrgSCB, "not a spec")
	urls := make(chan string, 10)
	s := newTestScheduler(t, store, func(_ context.Context, a catalog.Agency) (Result, error) {
		urls <- a.HarvestURL
		return Result{Ready: true}, nil
	}, nil)
	if err := s.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	scb := s.checks[storetest.OrgSCB]
	s.mu.Unlock()
	if scb == nil || scb.spec != DefaultSpec(storetest.OrgSCB) {
		t.Errorf("agency with an unreadable spec: %+v, want the default spec", scb)
	}

	// A new schedule and URL take effect on Sync.
	a.CheckSchedule, a.HarvestURL = "@every 1s", "https://new.example.se/dcat"
	if err := store.UpdateAgency(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	if err := s.Sync(t.Context()); err != nil {
		t.Fatal(err)
	}
	if got := receive(t, urls, 1, "runs"); got[0] != a.HarvestURL {
		t.Errorf("checked %s, want the new URL %s", got[0], a.HarvestURL)
	}

	// Without a URL but with a homepage, a discovery check runs.
	a.HarvestURL = ""
	if err := store.UpdateAgency(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	if err := s.Sync(t.Context()); err != nil {
		t.Fatal(err)
	}
	if got := receive(t, urls, 1, "runs"); got[0] != "" {
		t.Errorf("the discovery check was given harvest URL %q", got[0])
	}

	// Without either there is nothing to check.
	a.Homepage = ""
	if err := store.UpdateAgency(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	if err := s.Sync(t.Context()); err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	_, ok := s.checks[storetest.OrgDigg]
	n := len(s.checks)
	s.mu.Unlock()
	if ok || n != 1 {
		t.Errorf("after the URL and homepage were removed: registered %v, %d checks", ok, n)
	}
}

func TestNewRefuses(t *testing.T) {
	store := openStore(t, filepath.Join(t.TempDir(), "k.db"))
	if _, err := New(Options{Store: store}); err == nil {
		t.Error("New without a runner succeeded")
	}
	s := newTestScheduler(t, store, nil, nil)
	for _, c := range []struct{ name, spec string }{{"report", "@whenever"}, {"", "@daily"}, {"check:x", "@daily"}} {
		if err := s.AddJob(t.Context(), c.name, c.spec, func(context.Context) error { return nil }); err == nil {
			t.Errorf("AddJob(%q, %q) succeeded", c.name, c.spec)
		}
	}
}

// TestSyncAgenciesFollowsOneAgency: SyncAgencies registers, re-registers
// and drops the checks of the agencies it is given, reading only those.
func TestSyncAgenciesFollowsOneAgency(t *testing.T) {
	t.Parallel()
	store := openStore(t, filepath.Join(t.TempDir(), "k.db"))
	addAgency(t, store, storetest.OrgDigg, "0 3 1 1 *")
	s := newTestScheduler(t, store, nil, nil)
	if err := s.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	spec := func(org catalog.OrgNumber) (string, bool) {
		s.mu.Lock()
		defer s.mu.Unlock()
		j, ok := s.checks[org]
		if !ok {
			return "", false
		}
		return j.spec, true
	}
	scb := addAgency(t, store, storetest.OrgSCB, "0 4 1 1 *")
	if _, ok := spec(storetest.OrgSCB); ok {
		t.Fatal("registered before anyone said so")
	}
	if err := s.SyncAgencies(t.Context(), []catalog.OrgNumber{storetest.OrgSCB}); err != nil {
		t.Fatal(err)
	}
	if sp, ok := spec(storetest.OrgSCB); !ok || sp != "0 4 1 1 *" {
		t.Fatalf("SCB's check: %q %v", sp, ok)
	}
	scb.CheckSchedule = "0 5 1 1 *"
	if err := store.UpdateAgency(t.Context(), scb); err != nil {
		t.Fatal(err)
	}
	if err := s.SyncAgencies(t.Context(), []catalog.OrgNumber{storetest.OrgSCB}); err != nil {
		t.Fatal(err)
	}
	if sp, _ := spec(storetest.OrgSCB); sp != "0 5 1 1 *" {
		t.Errorf("re-registered spec %q", sp)
	}
	scb.HarvestURL = ""
	if err := store.UpdateAgency(t.Context(), scb); err != nil {
		t.Fatal(err)
	}
	if err := s.SyncAgencies(t.Context(), []catalog.OrgNumber{storetest.OrgSCB}); err != nil {
		t.Fatal(err)
	}
	if _, ok := spec(storetest.OrgSCB); !ok {
		t.Error("an agency with a homepage but no harvest URL has no discovery check")
	}
	scb.Homepage = ""
	if err := store.UpdateAgency(t.Context(), scb); err != nil {
		t.Fatal(err)
	}
	if err := s.SyncAgencies(t.Context(), []catalog.OrgNumber{storetest.OrgSCB}); err != nil {
		t.Fatal(err)
	}
	if _, ok := spec(storetest.OrgSCB); ok {
		t.Error("an agency without a harvest URL or homepage keeps its check")
	}
	if _, ok := spec(storetest.OrgDigg); !ok {
		t.Error("another agency's check was dropped")
	}
}
