package selfcheck

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/katalog-se/katalog/internal/netfault"
	"github.com/katalog-se/katalog/internal/outbound"
	"github.com/katalog-se/katalog/internal/readiness"
)

// catalogServer serves a small DCAT-AP-SE catalog at every path; while
// hold is open, requests wait (and are counted while they do).
type catalogServer struct {
	*httptest.Server
	hold              chan struct{}
	inFlight, maxSeen atomic.Int64
	hits              atomic.Int64
}

func newCatalogServer(t *testing.T) *catalogServer {
	t.Helper()
	doc, err := os.ReadFile("../readiness/testdata/good.rdf")
	if err != nil {
		t.Fatal(err)
	}
	s := &catalogServer{hold: make(chan struct{})}
	close(s.hold)
	var mu sync.Mutex
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		n := s.inFlight.Add(1)
		defer s.inFlight.Add(-1)
		for {
			m := s.maxSeen.Load()
			if n <= m || s.maxSeen.CompareAndSwap(m, n) {
				break
			}
		}
		mu.Lock()
		hold := s.hold
		mu.Unlock()
		<-hold
		w.Header().Set("Content-Type", "application/rdf+xml")
		fmt.Fprint(w, strings.ReplaceAll(string(doc), "LINKS", "http://"+r.Host))
	}))
	t.Cleanup(s.Close)
	return s
}

// loopback is a service allowed to reach 127.0.0.1, without link checks
// or probes (fast).
func loopback(t *testing.T, opts Options) *Service {
	t.Helper()
	opts.Client = outbound.NewClient(outbound.LoopbackOptions())
	opts.AllowCIDRs = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
	opts.Checker = func(o *readiness.Options) { o.SkipLinks, o.SkipProbes = true, true }
	s := New(opts)
	t.Cleanup(s.Close)
	return s
}

func wait(t *testing.T, s *Service, id string) *Check {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		c, ok := s.Get(id)
		if !ok {
			t.Fatalf("check %s is gone", id)
		}
		if c.Status != StatusRunning {
			return c
		}
	}
	t.Fatalf("check %s did not finish", id)
	return nil
}

// TestRefusesWhatTheGuardRefuses: without an allowance, a loopback or
// private address is refused at once, before any connection (a sentinel
// listener sees none), as are localhost, user information and other
// schemes.
func TestRefusesWhatTheGuardRefuses(t *testing.T) {
	sentinel := netfault.NewAcceptCounter(t, "127.0.0.1:0")
	s := New(Options{Client: outbound.NewClient(outbound.ClientOptions{Version: "test"})})
	t.Cleanup(s.Close)
	_, port, _ := net.SplitHostPort(sentinel.Addr())
	for _, u := range []string{
		"http://127.0.0.1:" + port + "/datasets/dcat",
		"http://localhost:" + port + "/datasets/dcat",
		"http://[::1]:" + port + "/",
		"http://10.1.2.3/datasets/dcat", "http://169.254.169.254/latest/meta-data/",
		"https://user:secret@example.se/datasets/dcat", "ftp://example.se/x", "/datasets/dcat", "",
		"https://example.se/" + strings.Repeat("a", 3000),
	} {
		if _, _, err := s.Start(u, "198.51.100.7"); !errors.Is(err, ErrBadURL) {
			t.Errorf("Start(%.60s): %v, want ErrBadURL", u, err)
		}
	}
	time.Sleep(50 * time.Millisecond)
	if n := sentinel.Accepted(); n != 0 {
		t.Errorf("the sentinel saw %d connections", n)
	}
	if s.Running() != 0 {
		t.Errorf("%d checks running", s.Running())
	}
}

// TestCheckRunsAndIsKept: an allowed URL is checked in the background; the
// result has the readiness report and the validation grouped by dataset,
// and the same URL asked again within CacheFor gets the same check.
func TestCheckRunsAndIsKept(t *testing.T) {
	srv := newCatalogServer(t)
	s := loopback(t, Options{})
	c, reused, err := s.Start(srv.URL+"/datasets/dcat#frag", "198.51.100.7")
	if err != nil || reused || c.Status != StatusRunning || len(c.ID) != 24 || strings.Contains(c.URL, "#") {
		t.Fatalf("Start: %+v, reused %v, %v", c, reused, err)
	}
	done := wait(t, s, c.ID)
	if done.Status != StatusDone || done.Result == nil || done.Result.Datasets != 2 || done.Validation == nil || len(done.Validation.Groups) == 0 {
		t.Fatalf("finished check %+v (result %+v)", done, done.Result)
	}
	again, reused, err := s.Start(srv.URL+"/datasets/dcat", "203.0.113.9")
	if err != nil || !reused || again.ID != c.ID {
		t.Errorf("the same URL again: %+v, reused %v, %v", again, reused, err)
	}
	if n := srv.hits.Load(); n != 1 {
		t.Errorf("the server was asked %d times, want 1", n)
	}
}

// TestLimitsHoldUnder50Concurrent: 50 clients ask at once for 50 URLs; at
// most MaxRunning checks run and reach the server, the rest are refused
// with a retry time; a client runs one check at a time, and starts at
// most PerClientPerHour an hour.
func TestLimitsHoldUnder50Concurrent(t *testing.T) {
	srv := newCatalogServer(t)
	srv.hold = make(chan struct{})
	s := loopback(t, Options{MaxRunning: 4, PerClient: 1, PerClientPerHour: 3})
	var started, limited atomic.Int64
	var runningClient atomic.Value // an address whose check started
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := fmt.Sprintf("198.51.100.%d", i+1)
			_, _, err := s.Start(fmt.Sprintf("%s/datasets/dcat?n=%d", srv.URL, i), client)
			var le *LimitError
			switch {
			case err == nil:
				started.Add(1)
				runningClient.Store(client)
			case errors.As(err, &le) && le.Which == "running" && le.Retry > 0:
				limited.Add(1)
			default:
				t.Errorf("start %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
	if started.Load() != 4 || limited.Load() != 46 || s.Running() != 4 {
		t.Fatalf("started %d, limited %d, running %d; want 4, 46, 4", started.Load(), limited.Load(), s.Running())
	}
	time.Sleep(100 * time.Millisecond)
	if n := srv.maxSeen.Load(); n > 4 {
		t.Errorf("the server saw %d requests at once, want at most 4", n)
	}
	// One client, one check at a time (the slots being full or not): a
	// client whose check runs is told so, not that the slots are full.
	_, _, err := s.Start(srv.URL+"/other", runningClient.Load().(string))
	var le *LimitError
	if !errors.As(err, &le) || le.Which != "client" {
		t.Errorf("a second check of a client: %v, want the client limit", err)
	}
	close(srv.hold)
	for s.Running() > 0 {
		time.Sleep(10 * time.Millisecond)
	}
	// An IPv6 client is one /64: two addresses of it share the budget.
	for i := range 3 {
		c, _, err := s.Start(fmt.Sprintf("%s/v6/%d", srv.URL, i), fmt.Sprintf("2001:db8::%d", i+1))
		if err != nil {
			t.Fatalf("v6 start %d: %v", i, err)
		}
		wait(t, s, c.ID)
	}
	if _, _, err := s.Start(srv.URL+"/v6/last", "2001:db8::ff"); !errors.As(err, &le) || le.Which != "hourly" || le.Retry <= 0 || le.Retry > time.Hour {
		t.Errorf("a fourth check in the hour: %v, want the hourly limit", err)
	}
}

// TestKeptForALimitedTime: results older than Keep are forgotten, and at
// most MaxKept are kept.
func TestKeptForALimitedTime(t *testing.T) {
	srv := newCatalogServer(t)
	now := time.Now()
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	s := loopback(t, Options{Keep: time.Hour, CacheFor: time.Minute, MaxKept: 2, PerClientPerHour: 100, Now: clock})
	var ids []string
	for i := range 3 {
		c, _, err := s.Start(fmt.Sprintf("%s/k/%d", srv.URL, i), "198.51.100.1")
		if err != nil {
			t.Fatal(err)
		}
		wait(t, s, c.ID)
		ids = append(ids, c.ID)
		mu.Lock()
		now = now.Add(time.Second)
		mu.Unlock()
	}
	if _, ok := s.Get(ids[0]); ok {
		t.Error("the oldest of three is kept beyond MaxKept 2")
	}
	mu.Lock()
	now = now.Add(2 * time.Hour)
	mu.Unlock()
	c, _, err := s.Start(srv.URL+"/k/again", "198.51.100.1")
	if err != nil {
		t.Fatal(err)
	}
	wait(t, s, c.ID)
	if _, ok := s.Get(ids[2]); ok {
		t.Error("a check older than Keep is kept")
	}
}

// TestClientKey: the budget is kept per IPv4 address (an IPv4-mapped IPv6
// address counting as its IPv4 one) and per IPv6 /64, so one host cannot
// escape it by changing the low bits of its address.
func TestClientKey(t *testing.T) {
	for _, c := range []struct{ addr, want string }{
		{"192.0.2.7", "192.0.2.7"},
		{"::ffff:192.0.2.7", "192.0.2.7"},
		{"2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"},
		{"2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64"},
		{"not an address", "not an address"},
	} {
		if got := clientKey(c.addr); got != c.want {
			t.Errorf("clientKey(%q) = %q, want %q", c.addr, got, c.want)
		}
	}
}
