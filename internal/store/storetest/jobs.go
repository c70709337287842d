package storetest

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// JobStore is a store that also keeps leases, the run log and the check
// history.
type JobStore interface {
	catalog.Store
	catalog.JobStore
}

// RunJobs runs the suite of leases, the run log and the check history.
// newDatabase makes a new, empty database for t and returns a function that
// opens a handle on it (closed with t.Cleanup); the suite calls it twice
// where two instances share one database, as katalog processes do.
//
// Besides the interfaces' documentation it pins down that:
//
//   - of many holders trying at once, through different handles, exactly
//     one gets a lease; an expired lease is free, renewing one's own lease
//     works, releasing another's does nothing;
//   - of many StartRun calls for one job and activation, through different
//     handles, exactly one succeeds and the others get ErrConflict;
//   - check and run writes change no catalog revision (feeds keep their
//     ETags);
//   - checks list newest first by StartedAt, so a missed record inserted
//     late for an old activation does not become the latest.
func RunJobs(t *testing.T, newDatabase func(t *testing.T) func() JobStore) {
	tests := []struct {
		name string
		fn   func(t *testing.T, open func() JobStore)
	}{
		{"Lease", testLease},
		{"LeaseContention", testLeaseContention},
		{"RunLog", testRunLog},
		{"RunLogContention", testRunLogContention},
		{"CheckHistory", testCheckHistory},
		{"CheckRejects", testCheckRejects},
		{"JobWritesKeepRevision", testJobWritesKeepRevision},
		{"InterruptChecks", testInterruptChecks},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(t, newDatabase(t))
		})
	}
}

func testLease(t *testing.T, open func() JobStore) {
	s := open()
	later := time.Now().Add(time.Hour)
	steps := []struct {
		what   string
		holder string
		until  time.Time
		want   bool
	}{
		{"free lease", "a", later, true},
		{"held by another", "b", later, false},
		{"renewed by its holder", "a", later.Add(time.Minute), true},
		{"still held by another", "b", later, false},
		{"shortened to expire", "a", time.Now().Add(-time.Second), true},
		{"expired lease", "b", later, true},
		{"taken over", "a", later, false},
	}
	for _, st := range steps {
		got, err := s.TryLease(ctx(t), "check:x", st.holder, st.until)
		must(t, err)
		if got != st.want {
			t.Fatalf("%s: TryLease(%s) = %v, want %v", st.what, st.holder, got, st.want)
		}
	}
	// Other jobs are independent.
	if ok, err := s.TryLease(ctx(t), "report", "a", later); err != nil || !ok {
		t.Errorf("lease on another job: %v, %v", ok, err)
	}
	// Releasing someone else's lease does nothing.
	must(t, s.ReleaseLease(ctx(t), "check:x", "a"))
	if ok, _ := s.TryLease(ctx(t), "check:x", "a", later); ok {
		t.Error("a's release freed b's lease")
	}
	must(t, s.ReleaseLease(ctx(t), "check:x", "b"))
	if ok, err := s.TryLease(ctx(t), "check:x", "a", later); err != nil || !ok {
		t.Errorf("after release: %v, %v", ok, err)
	}
	must(t, s.ReleaseLease(ctx(t), "never", "a"))
	if _, err := s.TryLease(ctx(t), "", "a", later); err == nil {
		t.Error("lease on an empty job name granted")
	}
}

func testLeaseContention(t *testing.T, open func() JobStore) {
	handles := []JobStore{open(), open()}
	const rounds, perHandle = 10, 4
	until := time.Now().Add(time.Hour)
	for round := range rounds {
		job := fmt.Sprintf("check:%d", round)
		var granted atomic.Int32
		var wg sync.WaitGroup
		start := make(chan struct{})
		for h, s := range handles {
			for i := range perHandle {
				wg.Go(func() {
					<-start
					ok, err := s.TryLease(ctx(t), job, fmt.Sprintf("h%d-%d", h, i), until)
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

func testRunLog(t *testing.T, open func() JobStore) {
	s, other := open(), open()
	if _, err := s.LastRun(ctx(t), "report"); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("LastRun of a job that never ran: %v", err)
	}
	t0 := time.Date(2025, 3, 1, 2, 17, 0, 0, time.UTC)
	first := &catalog.JobRun{Job: "report", Scheduled: t0, Holder: "a", Status: catalog.StatusRunning}
	must(t, s.StartRun(ctx(t), first))
	if first.ID == 0 || first.StartedAt.IsZero() {
		t.Errorf("StartRun set ID %d, StartedAt %v", first.ID, first.StartedAt)
	}
	dup := &catalog.JobRun{Job: "report", Scheduled: t0.In(time.FixedZone("CET", 3600)), Holder: "b", Status: catalog.StatusRunning}
	wantErr(t, "second run of one activation", other.StartRun(ctx(t), dup), catalog.ErrConflict)
	must(t, s.StartRun(ctx(t), &catalog.JobRun{Job: "check:x", Scheduled: t0, Status: catalog.StatusMissed}))

	first.Status, first.FinishedAt, first.Error = catalog.StatusFailed, t0.Add(time.Minute), "boom"
	must(t, s.FinishRun(ctx(t), first))
	got, err := other.LastRun(ctx(t), "report")
	must(t, err)
	if got.ID != first.ID || got.Status != catalog.StatusFailed || got.Error != "boom" || got.Holder != "a" ||
		!got.Scheduled.Equal(t0) || !got.StartedAt.Equal(first.StartedAt) || !got.FinishedAt.Equal(first.FinishedAt) {
		t.Errorf("LastRun = %+v, want %+v", got, first)
	}

	// The latest activation wins, whatever the order of insertion.
	for _, d := range []time.Duration{48 * time.Hour, 24 * time.Hour} {
		must(t, s.StartRun(ctx(t), &catalog.JobRun{Job: "report", Scheduled: t0.Add(d), Holder: "a", Status: catalog.StatusOK}))
	}
	if got, err := s.LastRun(ctx(t), "report"); err != nil || !got.Scheduled.Equal(t0.Add(48*time.Hour)) {
		t.Errorf("LastRun after three runs = %+v, %v", got, err)
	}
	wantErr(t, "FinishRun of an unknown run", s.FinishRun(ctx(t), &catalog.JobRun{ID: 9999, Status: catalog.StatusOK}), catalog.ErrNotFound)
	for _, bad := range []*catalog.JobRun{
		{Scheduled: t0, Status: catalog.StatusOK},
		{Job: "report", Status: catalog.StatusOK},
		{Job: "report", Scheduled: t0.Add(time.Hour), Status: "done"},
	} {
		if err := s.StartRun(ctx(t), bad); err == nil {
			t.Errorf("StartRun(%+v) succeeded", bad)
		}
	}
}

func testRunLogContention(t *testing.T, open func() JobStore) {
	handles := []JobStore{open(), open()}
	scheduled := time.Date(2025, 3, 1, 3, 0, 0, 0, time.UTC)
	var started atomic.Int32
	var wg sync.WaitGroup
	start := make(chan struct{})
	for h, s := range handles {
		for i := range 4 {
			wg.Go(func() {
				<-start
				err := s.StartRun(ctx(t), &catalog.JobRun{Job: "check:x", Scheduled: scheduled,
					Holder: fmt.Sprintf("h%d-%d", h, i), Status: catalog.StatusRunning})
				switch {
				case err == nil:
					started.Add(1)
				case !errors.Is(err, catalog.ErrConflict):
					t.Error(err)
				}
			})
		}
	}
	close(start)
	wg.Wait()
	if n := started.Load(); n != 1 {
		t.Errorf("%d runs of one activation started, want 1", n)
	}
}

// newCheck returns a running scheduled check of org started at t.
func newCheck(org catalog.OrgNumber, t time.Time) *catalog.CheckRecord {
	return &catalog.CheckRecord{Agency: org, URL: "https://www.example.se/" + string(org) + "/dcat.rdf",
		Trigger: catalog.TriggerSchedule, Status: catalog.StatusRunning, StartedAt: t}
}

// sameCheck fails t unless got equals want.
func sameCheck(t *testing.T, what string, got, want *catalog.CheckRecord) {
	t.Helper()
	if got.ID != want.ID || got.Agency != want.Agency || got.URL != want.URL || got.Trigger != want.Trigger ||
		got.Status != want.Status || got.Ready != want.Ready || !got.StartedAt.Equal(want.StartedAt) ||
		!got.FinishedAt.Equal(want.FinishedAt) || jsonOf(got.Result) != jsonOf(want.Result) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}

func testCheckHistory(t *testing.T, open func() JobStore) {
	s := open()
	createAgency(t, s, OrgDigg)
	createAgency(t, s, OrgSCB)
	if _, err := s.LatestCheck(ctx(t), OrgDigg); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("LatestCheck without checks: %v", err)
	}
	if list, total, err := s.Checks(ctx(t), OrgDigg, catalog.Page{Number: 1, Limit: 10}); err != nil || len(list) != 0 || total != 0 {
		t.Errorf("Checks without checks: %v, %d, %v", list, total, err)
	}

	t0 := time.Date(2025, 3, 1, 2, 17, 0, 123456789, time.UTC)
	var recs []*catalog.CheckRecord
	for i := range 5 {
		r := newCheck(OrgDigg, t0.Add(time.Duration(i)*24*time.Hour))
		must(t, s.InsertCheck(ctx(t), r))
		if r.ID == 0 || r.StartedAt.Nanosecond()%1000 != 0 {
			t.Fatalf("InsertCheck set ID %d, StartedAt %v", r.ID, r.StartedAt)
		}
		recs = append(recs, r)
	}
	must(t, s.InsertCheck(ctx(t), newCheck(OrgSCB, t0)))

	// Running, then finished with a result.
	got, err := s.Check(ctx(t), OrgDigg, recs[4].ID)
	must(t, err)
	sameCheck(t, "running check", got, recs[4])
	recs[4].Status, recs[4].Ready = catalog.StatusOK, true
	recs[4].FinishedAt = recs[4].StartedAt.Add(1500 * time.Millisecond)
	recs[4].Result = json.RawMessage(`{"ready":true,"datasets":3,"title":"å"}`)
	must(t, s.UpdateCheck(ctx(t), recs[4]))
	got, err = s.Check(ctx(t), OrgDigg, recs[4].ID)
	must(t, err)
	sameCheck(t, "finished check", got, recs[4])
	if _, err := s.Check(ctx(t), OrgSCB, recs[4].ID); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("check under another agency: %v", err)
	}
	wrong := *recs[3]
	wrong.Agency = OrgSCB
	wantErr(t, "UpdateCheck under another agency", s.UpdateCheck(ctx(t), &wrong), catalog.ErrNotFound)

	// A missed activation recorded late, for an earlier time, is not the latest.
	missed := &catalog.CheckRecord{Agency: OrgDigg, URL: recs[0].URL, Trigger: catalog.TriggerMissed,
		Status: catalog.StatusMissed, StartedAt: t0.Add(12 * time.Hour), FinishedAt: t0.Add(12 * time.Hour)}
	must(t, s.InsertCheck(ctx(t), missed))
	latest, err := s.LatestCheck(ctx(t), OrgDigg)
	must(t, err)
	sameCheck(t, "LatestCheck", latest, recs[4])

	// Newest first, paged; the count is org's alone.
	want := []int64{recs[4].ID, recs[3].ID, recs[2].ID, recs[1].ID, missed.ID, recs[0].ID}
	pages := []struct {
		page catalog.Page
		want []int64
	}{
		{catalog.Page{Number: 1, Limit: 4}, want[:4]},
		{catalog.Page{Number: 2, Limit: 4}, want[4:]},
		{catalog.Page{Number: 3, Limit: 4}, nil},
		{catalog.Page{}, want},
	}
	for _, p := range pages {
		list, total, err := s.Checks(ctx(t), OrgDigg, p.page)
		must(t, err)
		if total != 6 {
			t.Errorf("page %+v: total %d, want 6", p.page, total)
		}
		var ids []int64
		for _, r := range list {
			ids = append(ids, r.ID)
		}
		if fmt.Sprint(ids) != fmt.Sprint(p.want) {
			t.Errorf("page %+v: IDs %v, want %v", p.page, ids, p.want)
		}
	}
}

func testCheckRejects(t *testing.T, open func() JobStore) {
	s := open()
	createAgency(t, s, OrgDigg)
	now := time.Now()
	wantErr(t, "check of an unknown agency", s.InsertCheck(ctx(t), newCheck(OrgSCB, now)), catalog.ErrNotFound)
	for _, c := range []struct {
		what string
		edit func(r *catalog.CheckRecord)
	}{
		{"unknown trigger", func(r *catalog.CheckRecord) { r.Trigger = "cron" }},
		{"unknown status", func(r *catalog.CheckRecord) { r.Status = "done" }},
		{"result not JSON", func(r *catalog.CheckRecord) { r.Result = json.RawMessage("{ready") }},
	} {
		r := newCheck(OrgDigg, now)
		c.edit(r)
		if err := s.InsertCheck(ctx(t), r); err == nil {
			t.Errorf("InsertCheck with %s succeeded", c.what)
		}
	}
	r := newCheck(OrgDigg, time.Time{})
	must(t, s.InsertCheck(ctx(t), r))
	if r.StartedAt.IsZero() || r.StartedAt.Location() != time.UTC {
		t.Errorf("zero StartedAt became %v", r.StartedAt)
	}
	r.Status = "done"
	if err := s.UpdateCheck(ctx(t), r); err == nil {
		t.Error("UpdateCheck with an unknown status succeeded")
	}
	r.Status, r.Result = catalog.StatusFailed, json.RawMessage("nope")
	if err := s.UpdateCheck(ctx(t), r); err == nil {
		t.Error("UpdateCheck with a result not JSON succeeded")
	}
	got, err := s.Check(ctx(t), OrgDigg, r.ID)
	must(t, err)
	if got.Status != catalog.StatusRunning || got.Result != nil {
		t.Errorf("rejected updates changed the check: %+v", got)
	}
	wantErr(t, "UpdateCheck of an unknown check", s.UpdateCheck(ctx(t), &catalog.CheckRecord{ID: 9999, Agency: OrgDigg, Status: catalog.StatusOK}), catalog.ErrNotFound)
}

func testJobWritesKeepRevision(t *testing.T, open func() JobStore) {
	s := open()
	createAgency(t, s, OrgDigg)
	global, agency := revision(t, s, ""), revision(t, s, OrgDigg)
	_, err := s.TryLease(ctx(t), "check:"+string(OrgDigg), "a", time.Now().Add(time.Minute))
	must(t, err)
	run := &catalog.JobRun{Job: "check:" + string(OrgDigg), Scheduled: time.Now(), Holder: "a", Status: catalog.StatusRunning}
	must(t, s.StartRun(ctx(t), run))
	r := newCheck(OrgDigg, time.Now())
	must(t, s.InsertCheck(ctx(t), r))
	r.Status = catalog.StatusOK
	must(t, s.UpdateCheck(ctx(t), r))
	run.Status = catalog.StatusOK
	must(t, s.FinishRun(ctx(t), run))
	must(t, s.ReleaseLease(ctx(t), "check:"+string(OrgDigg), "a"))
	if g, a := revision(t, s, ""), revision(t, s, OrgDigg); g != global || a != agency {
		t.Errorf("job writes changed revisions: %+v→%+v, %+v→%+v", global, g, agency, a)
	}
}

func testInterruptChecks(t *testing.T, open func() JobStore) {
	s := open()
	createAgency(t, s, OrgDigg)
	base := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	rec := func(started time.Time, status string) *catalog.CheckRecord {
		r := &catalog.CheckRecord{Agency: OrgDigg, URL: "https://x.se/dcat", Trigger: catalog.TriggerSchedule, Status: status, StartedAt: started}
		must(t, s.InsertCheck(ctx(t), r))
		return r
	}
	stale := rec(base, catalog.StatusRunning)
	fresh := rec(base.Add(time.Hour), catalog.StatusRunning)
	done := rec(base, catalog.StatusOK)
	n, err := s.InterruptChecks(ctx(t), base.Add(30*time.Minute), base.Add(2*time.Hour))
	must(t, err)
	if n != 1 {
		t.Errorf("InterruptChecks marked %d, want 1", n)
	}
	got, err := s.Check(ctx(t), OrgDigg, stale.ID)
	must(t, err)
	if got.Status != catalog.StatusFailed || got.Ready || !got.FinishedAt.Equal(base.Add(2*time.Hour)) || len(got.Result) == 0 {
		t.Errorf("stale check after InterruptChecks: %+v", got)
	}
	for _, r := range []*catalog.CheckRecord{fresh, done} {
		got, err := s.Check(ctx(t), OrgDigg, r.ID)
		must(t, err)
		if got.Status != r.Status {
			t.Errorf("check %d: status %s, want %s left alone", r.ID, got.Status, r.Status)
		}
	}
}
