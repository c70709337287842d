package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	"github.com/pressly/goose/v3"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/store/pgtest"
	"github.com/katalog-se/katalog/internal/store/sqlstore"
	"github.com/katalog-se/katalog/internal/store/storetest"
)

// testDSN returns the test database's DSN, or skips t.
func testDSN(t testing.TB) string { return pgtest.DSN(t) }

// newSchema creates a schema of its own for t, dropped when t ends, and
// returns a DSN whose connections use it.
func newSchema(t testing.TB) string { return pgtest.Schema(t) }

// open opens a store on dsn, closed when t ends.
func open(t testing.TB, dsn string) *Store {
	t.Helper()
	s, err := Open(context.Background(), dsn)
	return storetest.Opened(t, s, err)
}

func TestStore(t *testing.T) {
	testDSN(t)
	storetest.Run(t, func(t *testing.T) catalog.Store { return open(t, newSchema(t)) })
}

func TestJobStore(t *testing.T) {
	testDSN(t)
	storetest.RunJobs(t, func(t *testing.T) func() storetest.JobStore {
		dsn := newSchema(t)
		return func() storetest.JobStore { return open(t, dsn) }
	})
}

func TestScoreStore(t *testing.T) {
	testDSN(t)
	storetest.RunScores(t, func(t *testing.T) storetest.ScoreStore { return open(t, newSchema(t)) })
}

func TestReportStore(t *testing.T) {
	testDSN(t)
	storetest.RunReports(t, func(t *testing.T) storetest.ReportStore { return open(t, newSchema(t)) })
}

func TestLinks(t *testing.T) {
	storetest.RunLinks(t, func(t *testing.T) storetest.LinkStore { return open(t, newSchema(t)) })
}

// TestReportsImmutableInSchema checks that the schema itself, not only the
// store's API, refuses to change a stored report.
func TestReportsImmutableInSchema(t *testing.T) {
	s, db, err := connect(t.Context(), newSchema(t))
	storetest.Opened(t, s, err)
	ctx := t.Context()
	r := &catalog.ReportRecord{ID: "r1", ModelVersion: "1", Indicators: []byte(`[]`), Body: []byte(`{}`)}
	if err := s.InsertReport(ctx, r); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{"UPDATE reports SET agencies = 7", "DELETE FROM reports"} {
		if _, err := db.ExecContext(ctx, stmt); err == nil {
			t.Errorf("%s: allowed", stmt)
		}
	}
	if got, err := s.Report(ctx, "r1"); err != nil || got.Agencies != 0 {
		t.Errorf("after refused writes: %+v, %v", got, err)
	}
}

// TestLeaseAcrossHandles has two handles (two pools, as two katalog
// instances have) on one database take turns at a lease, and race for it.
func TestLeaseAcrossHandles(t *testing.T) {
	dsn := newSchema(t)
	a, b := open(t, dsn), open(t, dsn)
	ctx := t.Context()
	later := time.Now().Add(time.Hour)
	steps := []struct {
		what   string
		s      *Store
		holder string
		until  time.Time
		want   bool
	}{
		{"a takes the free lease", a, "a", later, true},
		{"b is refused a's lease", b, "b", later, false},
		{"a renews through its handle", a, "a", later.Add(time.Minute), true},
		{"a's holder name through b's handle renews too", b, "a", later, true},
		{"a lets it expire", a, "a", time.Now().Add(-time.Second), true},
		{"b takes the expired lease", b, "b", later, true},
		{"a is refused b's lease", a, "a", later, false},
	}
	for _, st := range steps {
		got, err := st.s.TryLease(ctx, "report", st.holder, st.until)
		if err != nil {
			t.Fatalf("%s: %v", st.what, err)
		}
		if got != st.want {
			t.Fatalf("%s: TryLease = %v, want %v", st.what, got, st.want)
		}
	}
	if err := a.ReleaseLease(ctx, "report", "a"); err != nil {
		t.Fatal(err)
	}
	if ok, _ := a.TryLease(ctx, "report", "a", later); ok {
		t.Fatal("a's release through its handle freed b's lease")
	}
	if err := b.ReleaseLease(ctx, "report", "b"); err != nil {
		t.Fatal(err)
	}
	if ok, err := a.TryLease(ctx, "report", "a", later); err != nil || !ok {
		t.Fatalf("after b's release: %v, %v", ok, err)
	}

	// Race: many holders on both handles at once; exactly one wins each job.
	for round := range 20 {
		job := fmt.Sprintf("check:%d", round)
		var granted atomic.Int32
		var wg sync.WaitGroup
		start := make(chan struct{})
		for h, s := range []*Store{a, b} {
			for i := range 8 {
				wg.Go(func() {
					<-start
					ok, err := s.TryLease(ctx, job, fmt.Sprintf("h%d-%d", h, i), later)
					if err != nil {
						t.Error(err)
					}
					if ok {
						granted.Add(1)
					}
				})
			}
		}
		close(start)
		wg.Wait()
		if n := granted.Load(); n != 1 {
			t.Errorf("%s: %d holders got the lease, want 1", job, n)
		}
	}
}

// TestConcurrentOpen has instances start together on an empty schema:
// the migration lock lets one migrate and the others find it done.
func TestConcurrentOpen(t *testing.T) {
	dsn := newSchema(t)
	const n = 4
	stores := make([]*Store, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { stores[i], errs[i] = Open(t.Context(), dsn) })
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("instance %d: %v", i, errs[i])
		}
		t.Cleanup(func() { stores[i].Close() })
	}
	for i, s := range stores {
		if err := s.Ping(t.Context()); err != nil {
			t.Errorf("instance %d: %v", i, err)
		}
	}
	// All see one database: a write through one is read through another.
	a := storetest.NewAgency(storetest.OrgDigg)
	if err := stores[0].CreateAgency(t.Context(), a, []byte("hash")); err != nil {
		t.Fatal(err)
	}
	got, err := stores[n-1].Agency(t.Context(), storetest.OrgDigg)
	if err != nil {
		t.Fatal(err)
	}
	if !got.CreatedAt.Equal(a.CreatedAt) || got.Name["sv"] != a.Name["sv"] {
		t.Errorf("read back %+v, wrote %+v", got, a)
	}
}

// TestSyncUnchangedKeepsRevision pins the property feeds' ETags rest on,
// across handles: a sync of the same content bumps nothing.
func TestSyncUnchangedKeepsRevision(t *testing.T) {
	dsn := newSchema(t)
	a, b := open(t, dsn), open(t, dsn)
	ctx := t.Context()
	if err := a.CreateAgency(ctx, storetest.NewAgency(storetest.OrgSCB), nil); err != nil {
		t.Fatal(err)
	}
	batch := func() []*catalog.Dataset {
		var ds []*catalog.Dataset
		for i := range 50 {
			ds = append(ds, storetest.NewDataset(storetest.OrgSCB, fmt.Sprintf("ds-%03d", i), i))
		}
		return ds
	}
	res, err := a.SyncDatasets(ctx, storetest.OrgSCB, batch())
	if err != nil || len(res.Added) != 50 {
		t.Fatalf("first sync: %+v, %v", res, err)
	}
	before, err := b.Revision(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	res, err = b.SyncDatasets(ctx, storetest.OrgSCB, batch())
	if err != nil || res.Changed() || len(res.Unchanged) != 50 {
		t.Fatalf("second sync: %+v, %v", res, err)
	}
	for _, s := range []*Store{a, b} {
		for _, org := range []catalog.OrgNumber{"", storetest.OrgSCB} {
			after, err := s.Revision(ctx, org)
			if err != nil {
				t.Fatal(err)
			}
			if org == "" && after != before {
				t.Errorf("unchanged sync moved the revision from %+v to %+v", before, after)
			}
		}
	}
}

func TestOpenErrors(t *testing.T) {
	tests := []struct {
		name, dsn string
	}{
		{"not a DSN", "postgres://user:secret@[::1"},
		{"nobody listens", "postgres://user:secret@127.0.0.1:1/db?connect_timeout=2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Open(t.Context(), tc.dsn)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			if strings.Contains(err.Error(), "secret") {
				t.Errorf("the error shows the password: %v", err)
			}
		})
	}
}

// TestErrorsWrapped checks that a missing agency is catalog.ErrNotFound
// through the foreign key as well as through lookups.
func TestErrorsWrapped(t *testing.T) {
	s := open(t, newSchema(t))
	ctx := t.Context()
	err := s.InsertScore(ctx, &catalog.ScoreRecord{Agency: storetest.OrgLM, ModelVersion: "1", Score: []byte(`{}`)})
	if !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("InsertScore of an unknown agency: %v", err)
	}
	err = s.InsertCheck(ctx, &catalog.CheckRecord{Agency: storetest.OrgLM, Trigger: catalog.TriggerManual, Status: catalog.StatusRunning})
	if !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("InsertCheck of an unknown agency: %v", err)
	}
}

// TestPoolSettings checks that the DSN's pool parameters size the pool
// database/sql draws its connections from, and that database/sql keeps no
// idle connections of its own.
func TestPoolSettings(t *testing.T) {
	dsn := newSchema(t)
	sep := "&"
	if !strings.Contains(dsn, "?") {
		sep = "?"
	}
	if !strings.Contains(dsn, "://") {
		sep = " "
	}
	s, db, err := connect(t.Context(), dsn+sep+"pool_max_conns=3")
	storetest.Opened(t, s, err)
	if n := db.Stats().MaxOpenConnections; n != 3 {
		t.Errorf("database/sql may open %d connections, want the pool's 3", n)
	}
	if err := s.Ping(t.Context()); err != nil {
		t.Fatal(err)
	}
	if idle := db.Stats().Idle; idle != 0 {
		t.Errorf("database/sql keeps %d idle connections, want none (the pool keeps them)", idle)
	}
}

func TestObserved(t *testing.T) {
	storetest.RunObserved(t, func(t *testing.T) catalog.Store { return open(t, newSchema(t)) })
}

func TestTokens(t *testing.T) {
	storetest.RunTokens(t, func(t *testing.T) catalog.Store { return open(t, newSchema(t)) })
}

func TestChanges(t *testing.T) {
	storetest.RunChanges(t, func(t *testing.T) catalog.Store { return open(t, newSchema(t)) })
}

// TestHistoryBackfill: a database written before the history existed gets
// one, from the agencies and datasets it holds.
func TestHistoryBackfill(t *testing.T) {
	testDSN(t)
	ctx := context.Background()
	dsn := newSchema(t)
	s := open(t, dsn)
	storetest.SeedBackfill(t, s)
	s.Close()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := sqlstore.Migrations(db, goose.DialectPostgres, migrations, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(ctx, 14); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("DELETE FROM changes"); err != nil {
		t.Fatal(err)
	}
	storetest.CheckBackfill(t, open(t, dsn))
}

func TestHistory(t *testing.T) {
	testDSN(t)
	storetest.RunHistory(t, func(t *testing.T) storetest.HistoryStore { return open(t, newSchema(t)) })
}

func TestLinkQueue(t *testing.T) {
	testDSN(t)
	storetest.RunLinkQueue(t, func(t *testing.T) func() storetest.LinkQueueStore {
		dsn := newSchema(t)
		return func() storetest.LinkQueueStore { return open(t, dsn) }
	})
}

func TestNotify(t *testing.T) {
	testDSN(t)
	storetest.RunNotify(t, func(t *testing.T) func() storetest.NotifyStore {
		dsn := newSchema(t)
		return func() storetest.NotifyStore { return open(t, dsn) }
	})
}
