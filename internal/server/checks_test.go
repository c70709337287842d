package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/outbound"
	"github.com/katalog-se/katalog/internal/readiness"
	"github.com/katalog-se/katalog/internal/schedule"
	"github.com/katalog-se/katalog/internal/score"
	"github.com/katalog-se/katalog/internal/store/sqlite"
	"github.com/katalog-se/katalog/internal/write"
	"github.com/katalog-se/katalog/schema"
)

// checksAdapter maps the scheduler's ErrRunning to the server's.
type checksAdapter struct{ s *schedule.Scheduler }

func (c checksAdapter) CheckNow(ctx context.Context, a catalog.Agency) (*catalog.CheckRecord, error) {
	rec, err := c.s.CheckNow(ctx, a)
	if errors.Is(err, schedule.ErrRunning) {
		return nil, fmt.Errorf("%w: %w", ErrCheckRunning, err)
	}
	return rec, err
}

// withChecksAndScores adds the real scheduler (running the real readiness
// check, allowed to reach loopback, links not checked) and the scoring
// service.
func withChecksAndScores(t testing.TB) func(*Deps) {
	return withChecks(t, readiness.Options{SkipLinks: true})
}

// withChecks is withChecksAndScores with the checker's options (its
// client is always the loopback one).
func withChecks(t testing.TB, opts readiness.Options) func(*Deps) {
	imp := withImporter(t)
	return func(d *Deps) {
		imp(d)
		// Checks every second: the tests lower the floor on schedules.
		v, err := schema.New(schema.WithMinCheckInterval(time.Second))
		if err != nil {
			t.Fatal(err)
		}
		d.Validator = v
		st := d.Store.(*sqlite.Store)
		opts.Client = outbound.NewClient(outbound.LoopbackOptions())
		checker := readiness.NewChecker(opts)
		scores := score.NewService(score.New(), st, score.ServiceOptions{BaseURL: exampleBase})
		sched, err := schedule.New(schedule.Options{Store: st, Resync: -1, MinInterval: time.Second,
			Runner: func(ctx context.Context, a catalog.Agency) (schedule.Result, error) {
				ac, err := checker.CheckAgency(ctx, a, readiness.Recorders{Links: d.Writes.RecordLinks, Observe: d.Writes.Observe})
				if err != nil {
					return schedule.Result{}, err
				}
				return schedule.Result{Ready: ac.Ready, Report: ac.Report, URL: ac.URL, NoEndpoint: ac.NoEndpoint()}, nil
			},
			OnCheck: func(ctx context.Context, rec catalog.CheckRecord) { d.Writes.CheckFinished(ctx, rec.Agency) },
		})
		if err != nil {
			t.Fatal(err)
		}
		d.Writes.Subscribe(write.Rescoring(scores.Enqueue))
		d.Writes.Subscribe(write.Scheduling(sched.SyncAgencies, nil))
		scores.Start()
		if err := sched.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			sched.Stop(ctx)
			scores.Stop()
		})
		d.Checks, d.CheckHistory, d.Scores, d.ScoreHistory = checksAdapter{sched}, st, scores, st
	}
}

func TestCheckAndScoreRoutes(t *testing.T) {
	f := newFixture(t, withChecksAndScores(t))
	digg := f.register(orgDigg, "Digg")
	scb := f.register(orgSCB, "SCB")
	checks := "/api/v1/agencies/" + orgDigg + "/checks"

	if r := f.do("POST", checks, digg, nil); r.status != 422 {
		t.Errorf("check without a harvestUrl: %d %s", r.status, r.body)
	}
	body := agencyBody(orgDigg, "Digg")
	body["harvestUrl"] = f.srv.URL + "/agencies/" + orgDigg + "/datasets/dcat"
	if r := f.do("PUT", "/api/v1/agencies/"+orgDigg, digg, body); r.status != 200 {
		t.Fatalf("set harvestUrl: %d %s", r.status, r.body)
	}
	if r := f.do("POST", "/api/v1/agencies/"+orgDigg+"/import", digg, importTurtle(orgDigg, "Ett"), "Content-Type", "text/turtle"); r.status != 200 {
		t.Fatalf("import: %d %s", r.status, r.body)
	}
	if r := f.do("POST", checks, scb, nil); r.status != 403 {
		t.Errorf("another agency starts a check: %d", r.status)
	}
	r := f.do("POST", checks, digg, nil)
	var started catalog.CheckRecord
	if r.status != 202 {
		t.Fatalf("start check: %d %s", r.status, r.body)
	}
	r.json(t, &started)
	if loc := r.header.Get("Location"); loc != fmt.Sprintf("%s/%d", checks, started.ID) || started.Status != catalog.StatusRunning {
		t.Errorf("started %+v at %q", started, loc)
	}
	var done catalog.CheckRecord
	deadline := time.Now().Add(20 * time.Second)
	for done.Status == "" || done.Status == catalog.StatusRunning {
		if time.Now().After(deadline) {
			t.Fatalf("the check did not finish: %+v", done)
		}
		time.Sleep(20 * time.Millisecond)
		f.do("GET", fmt.Sprintf("%s/%d", checks, started.ID), "", nil).json(t, &done)
	}
	var result struct {
		HTTPStatus int `json:"httpStatus"`
		Datasets   int
		Findings   []struct{ Rule string }
	}
	if err := json.Unmarshal(done.Result, &result); err != nil || done.Status != catalog.StatusOK || result.HTTPStatus != 200 || result.Datasets != 1 {
		t.Errorf("finished check %+v, result %+v (%v)", done, result, err)
	}
	var list listPage[catalog.CheckRecord]
	f.do("GET", checks, "", nil).json(t, &list)
	if list.Total != 1 || list.Items[0].ID != started.ID {
		t.Errorf("history %+v", list)
	}
	if r := f.do("GET", checks+"/999", "", nil); r.status != 404 {
		t.Errorf("unknown check: %d", r.status)
	}

	// The score: computed on demand, with the contract's keys, and kept.
	var sc map[string]any
	r = f.do("GET", "/api/v1/agencies/"+orgDigg+"/score", "", nil)
	if r.status != 200 {
		t.Fatalf("score: %d %s", r.status, r.body)
	}
	r.json(t, &sc)
	for _, key := range []string{"orgNumber", "modelVersion", "computedAt", "total", "level", "channels", "components"} {
		if _, ok := sc[key]; !ok {
			t.Errorf("score lacks %q", key)
		}
	}
	var hist listPage[scorePoint]
	f.do("GET", "/api/v1/agencies/"+orgDigg+"/score/history", "", nil).json(t, &hist)
	if hist.Total < 1 || hist.Items[0].ModelVersion != score.ModelVersion {
		t.Errorf("score history %+v", hist)
	}
	if r := f.do("GET", "/api/v1/agencies/2021005448/score", "", nil); r.status != 404 {
		t.Errorf("score of an unknown agency: %d", r.status)
	}
}

// TestNewAgencyIsScheduledAtOnce registers an agency with a harvestUrl and
// a schedule: its checks run without waiting for the periodic resync.
func TestNewAgencyIsScheduledAtOnce(t *testing.T) {
	f := newFixture(t, withChecksAndScores(t))
	body := agencyBody(orgDigg, "Digg")
	body["harvestUrl"] = f.srv.URL + "/agencies/" + orgDigg + "/datasets/dcat"
	body["checkSchedule"] = "@every 1s"
	if r := f.do("POST", "/api/v1/agencies", testAdmin, body); r.status != 201 {
		t.Fatalf("register: %d %s", r.status, r.body)
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		var list listPage[catalog.CheckRecord]
		f.do("GET", "/api/v1/agencies/"+orgDigg+"/checks", "", nil).json(t, &list)
		if list.Total > 0 && list.Items[0].Trigger == catalog.TriggerSchedule {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no scheduled check of the new agency: %+v", list)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
