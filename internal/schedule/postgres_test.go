package schedule

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/store/pgtest"
	"github.com/katalog-se/katalog/internal/store/postgres"
	"github.com/katalog-se/katalog/internal/store/storetest"
)

// pgSchema creates a schema of its own for t on the test database, or
// skips t when there is none (see pgtest).
func pgSchema(t *testing.T) string { return pgtest.Schema(t) }

// openPG opens a store handle on dsn, closed when t ends: one per
// instance, as separate processes would have.
func openPG(t *testing.T, dsn string) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(t.Context(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// tickCounter counts a Runner's runs per agency and activation.
type tickCounter struct {
	mu      sync.Mutex
	perTick map[pgRun]int
	holders map[string]int // runs per scheduler, by the runner's name
	done    chan pgRun
}

// pgRun is one run of an agency's check at an activation.
type pgRun struct {
	org  catalog.OrgNumber
	tick int64 // UnixNano: a time.Time key would hold each scheduler's *Location
}

func newTickCounter() *tickCounter {
	return &tickCounter{perTick: map[pgRun]int{}, holders: map[string]int{}, done: make(chan pgRun, 100)}
}

// runner returns a Runner, for the instance named name, that counts.
func (c *tickCounter) runner(name string) Runner {
	return func(ctx context.Context, a catalog.Agency) (Result, error) {
		tick, _ := Tick(ctx)
		r := pgRun{a.OrgNumber, tick.UnixNano()}
		c.mu.Lock()
		c.perTick[r]++
		c.holders[name]++
		c.mu.Unlock()
		time.Sleep(100 * time.Millisecond) // a run takes a while, so runs of one tick would overlap
		c.done <- r
		return Result{Ready: true}, nil
	}
}

// TestPostgresInstancesRunEachTickOnce runs two schedulers, each with its
// own connection pool, on one PostgreSQL schema, with an "@every 2s" check:
// every tick runs exactly once across them, and every run leaves one check
// record and one run-log entry.
func TestPostgresInstancesRunEachTickOnce(t *testing.T) {
	t.Parallel()
	dsn := pgSchema(t)
	first := openPG(t, dsn)
	a := storetest.NewAgency(storetest.OrgDigg)
	a.CheckSchedule = "@every 2s"
	if err := first.CreateAgency(t.Context(), a, nil); err != nil {
		t.Fatal(err)
	}

	counter := newTickCounter()
	var scheds []*Scheduler
	for i, name := range []string{"instance-a", "instance-b"} {
		store := first
		if i > 0 {
			store = openPG(t, dsn)
		}
		scheds = append(scheds, newTestScheduler(t, store, counter.runner(name), func(o *Options) {
			o.Holder = name
		}))
	}
	for _, s := range scheds {
		if err := s.Start(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	const want = 4
	got := receive(t, counter.done, want, "runs")
	for _, s := range scheds {
		stop(t, s)
	}

	counter.mu.Lock()
	defer counter.mu.Unlock()
	for r, n := range counter.perTick {
		if n != 1 {
			t.Errorf("tick %v ran %d times", time.Unix(0, r.tick), n)
		}
		if r.tick%int64(2*time.Second) != 0 {
			t.Errorf("tick %v is not a multiple of 2s", time.Unix(0, r.tick))
		}
	}
	seen := map[int64]bool{}
	for _, r := range got {
		if seen[r.tick] {
			t.Errorf("tick %v reported twice", time.Unix(0, r.tick))
		}
		seen[r.tick] = true
	}
	recs, _, err := first.Checks(t.Context(), storetest.OrgDigg, catalog.Page{})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(counter.perTick) {
		t.Errorf("%d check records for %d runs", len(recs), len(counter.perTick))
	}
	for _, r := range recs {
		if r.Trigger != catalog.TriggerSchedule || r.Status != catalog.StatusOK {
			t.Errorf("record %+v", r)
		}
	}
	t.Logf("runs per instance: %v", counter.holders)
}

// TestPostgresLeaseTakeover leaves a lease on an agency's check held by an
// instance that "crashed" (took the lease and never released it, as a
// killed process does): the surviving instance skips the check while the
// lease is valid and takes it over once it has expired.
func TestPostgresLeaseTakeover(t *testing.T) {
	t.Parallel()
	dsn := pgSchema(t)
	store := openPG(t, dsn)
	a := storetest.NewAgency(storetest.OrgSCB)
	a.CheckSchedule = "@every 1s"
	if err := store.CreateAgency(t.Context(), a, nil); err != nil {
		t.Fatal(err)
	}
	crashed := openPG(t, dsn)
	until := time.Now().Add(3 * time.Second)
	ok, err := crashed.TryLease(t.Context(), CheckJob(a.OrgNumber), "crashed", until)
	if err != nil || !ok {
		t.Fatalf("crashed instance's lease: %v, %v", ok, err)
	}
	crashed.Close() // the process is gone; its lease stays

	counter := newTickCounter()
	s := newTestScheduler(t, store, counter.runner("survivor"), func(o *Options) { o.Holder = "survivor" })
	if err := s.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	got := receive(t, counter.done, 2, "runs after the lease expired")
	stop(t, s)

	// A run is only possible once the lease has expired, so its
	// activation is no earlier than the last one before the expiry.
	earliest := until.Truncate(time.Second).UnixNano()
	for _, r := range got {
		if r.tick < earliest {
			t.Errorf("tick %v ran while the crashed instance's lease (until %v) was valid",
				time.Unix(0, r.tick), until)
		}
	}
	run, err := store.LastRun(t.Context(), CheckJob(a.OrgNumber))
	if err != nil || run.Holder != "survivor" || run.Status != catalog.StatusOK {
		t.Errorf("last run %+v, %v; want one by the survivor", run, err)
	}
}
