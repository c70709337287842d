package schedule

import (
	"fmt"
	"strings"
	"testing"
	"time"

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
		sched, _ := parse(newParser(false), spec)
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
		sched, err := parse(p, tc.spec)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := prevActivation(sched, at(tc.now))
		if !ok || !got.Equal(at(tc.want)) {
			t.Errorf("prevActivation(%q, %s) = %v, %v; want %s", tc.spec, tc.now, got, ok, tc.want)
		}
	}
	never, _ := parse(p, "0 0 30 2 *")
	if got, ok := prevActivation(never, at("2025-03-01 00:00:00")); ok {
		t.Errorf("30 February happened at %v", got)
	}
}
