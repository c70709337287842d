package server

import (
	"sync"
	"testing"
	"time"
)

// clock is a settable time source.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func TestRateLimits(t *testing.T) {
	clk := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	f := newFixture(t, func(d *Deps) {
		d.Now = clk.now
		d.RateLimitPerIP = RateLimit{Rate: 1, Burst: 3}
		d.RateLimitPerToken = RateLimit{Rate: 1, Burst: 1}
	})
	// Per address: a burst of 3, then 429 with Retry-After, then refilled.
	for i := range 3 {
		if r := f.do("GET", "/healthz", "", nil); r.status != 200 {
			t.Fatalf("request %d: %d", i+1, r.status)
		}
	}
	r := f.do("GET", "/healthz", "", nil)
	if r.status != 429 || r.header.Get("Retry-After") != "1" {
		t.Fatalf("over the address limit: %d, Retry-After %q", r.status, r.header.Get("Retry-After"))
	}
	r.problem(t)
	clk.add(2 * time.Second)
	if r := f.do("GET", "/healthz", "", nil); r.status != 200 {
		t.Errorf("after the refill: %d", r.status)
	}
	// Per token: one request, then 429 even though the address has tokens left.
	clk.add(10 * time.Second)
	if r := f.do("GET", "/healthz", testAdmin, nil); r.status != 200 {
		t.Fatalf("first request with a token: %d", r.status)
	}
	if r := f.do("GET", "/healthz", testAdmin, nil); r.status != 429 {
		t.Errorf("over the token limit: %d", r.status)
	}
	if r := f.do("GET", "/healthz", "", nil); r.status != 200 {
		t.Errorf("the address still has requests left: %d", r.status)
	}
}

func TestLimiterForgetsIdleClients(t *testing.T) {
	clk := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	l := newLimiter(RateLimit{Rate: 10, Burst: 10}, clk.now)
	for i := range 1000 {
		l.allow(string(rune('a'+i%26)) + time.Duration(i).String())
	}
	clk.add(2 * time.Minute)
	l.allow("new")
	if n := len(l.buckets); n != 1 {
		t.Errorf("%d buckets after the idle ones refilled, want 1", n)
	}
}
