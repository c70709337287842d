package schedule

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/store/storetest"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		spec    string
		ok      bool
		seconds bool // accepted when the scheduler reads seconds
	}{
		{"0 3 * * *", true, true},
		{"*/15 2-3 * * 1-5", true, true},
		{"@daily", true, true},
		{"@every 2s", true, true},
		{"@every 6h", true, true},
		{"TZ=UTC 0 3 * * *", true, true},
		{"*/2 * * * * *", false, true},
		{"", false, false},
		{"* * *", false, false},
		{"61 * * * *", false, false},
		{"0 25 * * *", false, false},
		{"@sometimes", false, false},
		{"@every soon", false, false},
	}
	s := newTestScheduler(t, openStore(t, t.TempDir()+"/k.db"), nil, func(o *Options) { o.Seconds = true })
	for _, tc := range tests {
		err := Validate(tc.spec)
		if (err == nil) != tc.ok {
			t.Errorf("Validate(%q) = %v, want ok %v", tc.spec, err, tc.ok)
		}
		if err != nil && (!strings.Contains(err.Error(), "five fields") || !strings.Contains(err.Error(), tc.spec)) {
			t.Errorf("Validate(%q) error does not explain: %v", tc.spec, err)
		}
		if err := s.Validate(tc.spec); (err == nil) != tc.seconds {
			t.Errorf("Scheduler.Validate(%q) = %v, want ok %v", tc.spec, err, tc.seconds)
		}
	}
}

func TestDefaultSpec(t *testing.T) {
	const n = 300
	minutes := map[int]int{}
	for i := range n {
		org := storetest.Org(nineDigits(i))
		spec := DefaultSpec(org)
		if spec != DefaultSpec(org) {
			t.Fatalf("DefaultSpec(%s) is not stable", org)
		}
		if err := Validate(spec); err != nil {
			t.Fatalf("DefaultSpec(%s) = %q: %v", org, spec, err)
		}
		sched, _ := parse(newParser(false), spec, 0)
		next := sched.Next(time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC))
		if h := next.Hour(); h < 2 || h > 3 || !next.Equal(time.Date(2025, 3, 2, h, next.Minute(), 0, 0, time.UTC)) {
			t.Fatalf("DefaultSpec(%s) = %q runs at %v, not daily between 02:00 and 03:59", org, spec, next)
		}
		minutes[(next.Hour()-2)*60+next.Minute()]++
	}
	// 300 agencies over 120 minutes: uniform hashing fills about 110.
	if len(minutes) < 90 {
		t.Errorf("%d agencies start in only %d distinct minutes", n, len(minutes))
	}
	for m, c := range minutes {
		if c > 10 {
			t.Errorf("%d agencies start at minute %d of the window", c, m)
		}
	}
	if DefaultSpec(storetest.OrgDigg) == DefaultSpec(storetest.OrgSCB) && DefaultSpec(storetest.OrgSCB) == DefaultSpec(storetest.OrgLM) {
		t.Error("three agencies share one default minute")
	}
}

// nineDigits returns the first nine digits of the i-th made-up organisation number.
func nineDigits(i int) string { return fmt.Sprintf("2021%05d", i) }

func TestPrevActivation(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	p := newParser(true)
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04:05", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		spec string
		now  string
		want string
	}{
		{"0 3 * * *", "2025-03-02 12:00:00", "2025-03-02 03:00:00"},
		{"0 3 * * *", "2025-03-02 03:00:00", "2025-03-02 03:00:00"},
		{"0 3 * * *", "2025-03-02 02:59:59", "2025-03-01 03:00:00"},
		{"0 5 1 * *", "2025-03-20 00:00:00", "2025-03-01 05:00:00"},
		{"0 0 29 2 *", "2025-03-01 00:00:00", "2024-02-29 00:00:00"},
		{"*/2 * * * * *", "2025-03-02 12:00:03", "2025-03-02 12:00:02"},
		{"@every 2s", "2025-03-02 12:00:03", "2025-03-02 12:00:02"},
		{"@every 1h", "2025-03-02 12:59:59", "2025-03-02 12:00:00"},
	}
	for _, tc := range tests {
		sched, err := parse(p, tc.spec, 0)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := prevActivation(sched, at(tc.now))
		if !ok || !got.Equal(at(tc.want)) {
			t.Errorf("prevActivation(%q, %s) = %v, %v; want %s", tc.spec, tc.now, got, ok, tc.want)
		}
	}
	never, _ := parse(p, "0 0 30 2 *", 0)
	if got, ok := prevActivation(never, at("2025-03-01 00:00:00")); ok {
		t.Errorf("30 February happened at %v", got)
	}
}

// TestCheckFloor: an agency's check schedule that runs more often than the
// floor (one hour by default) is refused, with the interval it runs at.
// Before #16, "@every 1ms" was accepted, and check and score tables grew
// without bound.
func TestCheckFloor(t *testing.T) {
	tests := []struct {
		spec  string
		floor time.Duration
		every time.Duration // 0: accepted
	}{
		{"@every 1s", 0, time.Second},
		{"@every 1ms", 0, time.Second}, // cron runs it every second
		{"@every 59m", 0, 59 * time.Minute},
		{"* * * * *", 0, time.Minute},
		{"*/30 * * * *", 0, 30 * time.Minute},
		{"0,1 3 * * *", 0, time.Minute},
		{"@every 1h", 0, 0},
		{"@hourly", 0, 0},
		{"0 * * * *", 0, 0},
		{"0 3 * * *", 0, 0},
		{"@daily", 0, 0},
		{"0 5 1 1 *", 0, 0},
		{"0 0 30 2 *", 0, 0}, // never runs
		{"0 3 * * *", 48 * time.Hour, 24 * time.Hour},
		{"@every 2s", time.Second, 0},
	}
	for _, tc := range tests {
		err := ValidateCheck(tc.spec, tc.floor)
		var often *TooFrequentError
		switch {
		case tc.every == 0 && err != nil:
			t.Errorf("ValidateCheck(%q, %v) = %v, want accepted", tc.spec, tc.floor, err)
		case tc.every != 0 && (!errors.As(err, &often) || often.Interval != tc.every):
			t.Errorf("ValidateCheck(%q, %v) = %v, want too frequent (every %v)", tc.spec, tc.floor, err, tc.every)
		case tc.every != 0 && FloorError(tc.spec, tc.floor) == nil:
			t.Errorf("FloorError(%q) = nil", tc.spec)
		}
	}
	if err := ValidateCheck("@every 1s", 0); err == nil || !strings.Contains(err.Error(), `"@every 1s" runs every 1s; checks may run at most once every 1h (check.minInterval)`) {
		t.Errorf("message: %v", err)
	}
	if err := Validate("@every 1s"); err != nil {
		t.Errorf("a global job's spec has no floor: %v", err)
	}
}

// TestStoredSpecBelowFloor: a schedule stored before the floor (or under a
// lower one) is replaced by the default when the scheduler reads it.
func TestStoredSpecBelowFloor(t *testing.T) {
	store := openStore(t, t.TempDir()+"/k.db")
	addAgency(t, store, storetest.OrgDigg, "@every 1s")
	addAgency(t, store, storetest.OrgSCB, "0 4 * * *")
	s := newTestScheduler(t, store, nil, func(o *Options) { o.Seconds, o.MinInterval = false, 0 })
	if err := s.Sync(t.Context()); err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if got := s.checks[storetest.OrgDigg].spec; got != DefaultSpec(storetest.OrgDigg) {
		t.Errorf("spec below the floor runs as %q, want the default %q", got, DefaultSpec(storetest.OrgDigg))
	}
	if got := s.checks[storetest.OrgSCB].spec; got != "0 4 * * *" {
		t.Errorf("spec above the floor runs as %q", got)
	}
}

// TestRetentionJob: the scheduler registers the daily retention job, and
// its work prunes the check history to Options.Retention.
func TestRetentionJob(t *testing.T) {
	store := openStore(t, t.TempDir()+"/k.db")
	addAgency(t, store, storetest.OrgDigg, "0 4 * * *")
	now := time.Now()
	for i := range 5 {
		at := now.Add(time.Duration(i-5) * time.Hour)
		if err := store.InsertCheck(t.Context(), &catalog.CheckRecord{Agency: storetest.OrgDigg, URL: "https://a.se/dcat",
			Trigger: catalog.TriggerSchedule, Status: catalog.StatusOK, StartedAt: at, FinishedAt: at}); err != nil {
			t.Fatal(err)
		}
	}
	s := newTestScheduler(t, store, nil, func(o *Options) { o.Retention = Retention{Keep: 2, MaxAge: 24 * time.Hour} })
	if err := s.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	_, registered := s.jobs[RetentionJob]
	s.mu.Unlock()
	if !registered {
		t.Error("no retention job")
	}
	if err := s.Prune(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, n, _ := store.Checks(t.Context(), storetest.OrgDigg, catalog.Page{}); n != 2 {
		t.Errorf("%d checks after pruning to 2", n)
	}
}
