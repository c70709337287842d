package readiness

import (
	"context"
	"fmt"
	"iter"
	"net"
	"net/http"
	"net/netip"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/katalog-se/katalog/internal/outbound"
)

// peak tracks a current and a maximum count.
type peak struct {
	mu       sync.Mutex
	cur, max int
}

func (p *peak) add(d int) {
	p.mu.Lock()
	p.cur += d
	p.max = max(p.max, p.cur)
	p.mu.Unlock()
}

func (p *peak) Max() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.max
}

// linkHost is a loopback server that measures, for itself, the most
// requests in flight and connections open at once.
type linkHost struct {
	base     string
	inFlight peak
	conns    peak
	requests atomic.Int64
}

// startLinkHosts starts n servers on 127.0.0.1 … 127.0.0.n (or ports of
// 127.0.0.1 when those addresses cannot be bound).
func startLinkHosts(t testing.TB, n int, delay time.Duration) []*linkHost {
	t.Helper()
	hosts := make([]*linkHost, n)
	for i := range hosts {
		h := &linkHost{}
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.%d:0", i+1))
		if err != nil {
			ln, err = net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
		}
		srv := &http.Server{
			Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				h.inFlight.add(1)
				defer h.inFlight.add(-1)
				h.requests.Add(1)
				if delay > 0 {
					time.Sleep(delay)
				}
				if r.URL.Path == "/broken" {
					w.WriteHeader(http.StatusNotFound)
				}
			}),
			ConnState: func(_ net.Conn, s http.ConnState) {
				switch s {
				case http.StateNew:
					h.conns.add(1)
				case http.StateClosed, http.StateHijacked:
					h.conns.add(-1)
				}
			},
		}
		go srv.Serve(ln)
		t.Cleanup(func() { srv.Close() })
		h.base = "http://" + ln.Addr().String()
		hosts[i] = h
	}
	return hosts
}

// spreadLinks yields n distinct URLs spread round-robin over hosts,
// generated on the fly; every 10th is broken.
func spreadLinks(hosts []*linkHost, n int) iter.Seq[Link] {
	return func(yield func(Link) bool) {
		for i := range n {
			path := fmt.Sprintf("/file/%d", i)
			if i%10 == 9 {
				path = "/broken"
				path += fmt.Sprintf("?%d", i)
			}
			if !yield(Link{URL: hosts[i%len(hosts)].base + path, Kind: "downloadURL"}) {
				return
			}
		}
	}
}

func loopbackClient() *outbound.Client {
	o := outbound.LoopbackOptions()
	o.AllowCIDRs = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}
	return outbound.NewClient(o)
}

// TestLinkCheckPerHostLimit checks that no host ever has more than the
// per-host limit of requests in flight or connections open, while many
// more workers than that are running.
func TestLinkCheckPerHostLimit(t *testing.T) {
	hosts := startLinkHosts(t, 10, time.Millisecond)
	var calls, last atomic.Int64
	lc := &LinkChecker{Client: loopbackClient(), Concurrency: 64, Progress: func(done, total int) {
		calls.Add(1)
		last.Store(int64(done))
	}}
	const n = 1000
	sum := lc.Run(context.Background(), spreadLinks(hosts, n), n)
	if sum.Checked != n || sum.Broken != n/10 || sum.OK != n-n/10 {
		t.Errorf("summary = %+v", sum)
	}
	if calls.Load() != n || last.Load() != n {
		t.Errorf("progress called %d times, last done %d; want %d", calls.Load(), last.Load(), n)
	}
	busy := 0
	for _, h := range hosts {
		if m := h.inFlight.Max(); m > outbound.DefaultPerHostConns {
			t.Errorf("%s had %d requests in flight at once, limit %d", h.base, m, outbound.DefaultPerHostConns)
		} else if m == outbound.DefaultPerHostConns {
			busy++
		}
		if m := h.conns.Max(); m > outbound.DefaultPerHostConns {
			t.Errorf("%s had %d connections open at once, limit %d", h.base, m, outbound.DefaultPerHostConns)
		}
		if h.requests.Load() != n/int64(len(hosts)) {
			t.Errorf("%s got %d requests, want %d", h.base, h.requests.Load(), n/len(hosts))
		}
	}
	if busy == 0 {
		t.Error("no host ever reached the limit; the test does not exercise it")
	}
}

func TestLinkCheckDedup(t *testing.T) {
	hosts := startLinkHosts(t, 1, 0)
	same := func(yield func(Link) bool) {
		for range 50 {
			if !yield(Link{URL: hosts[0].base + "/same"}) {
				return
			}
		}
	}
	sum := (&LinkChecker{Client: loopbackClient()}).Run(context.Background(), same, 50)
	if sum.Checked != 1 || hosts[0].requests.Load() != 1 {
		t.Errorf("checked %d, requests %d; want 1 and 1", sum.Checked, hosts[0].requests.Load())
	}
}

// TestLinkCheckScale is the benchmark of the report: set KATALOG_BENCH=1.
// It checks 1k, 10k and 50k links over 100 loopback hosts and prints the
// time and the peak heap in use, which must stay flat as links grow.
func TestLinkCheckScale(t *testing.T) {
	if os.Getenv("KATALOG_BENCH") == "" {
		t.Skip("set KATALOG_BENCH=1 to run")
	}
	hosts := startLinkHosts(t, 100, 0)
	client := loopbackClient()
	for _, n := range []int{1000, 10000, 50000} {
		client.CloseIdleConnections()
		runtime.GC()
		var heap atomic.Uint64
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			var ms runtime.MemStats
			tick := time.NewTicker(5 * time.Millisecond)
			defer tick.Stop()
			for {
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > heap.Load() {
					heap.Store(ms.HeapInuse)
				}
				select {
				case <-stop:
					return
				case <-tick.C:
				}
			}
		}()
		start := time.Now()
		sum := (&LinkChecker{Client: client, Concurrency: 400}).Run(context.Background(), spreadLinks(hosts, n), n)
		took := time.Since(start)
		close(stop)
		wg.Wait()
		if sum.Checked != n {
			t.Errorf("checked %d of %d", sum.Checked, n)
		}
		t.Logf("%6d links, 100 hosts, 4 conns/host: %v (%.0f links/s), peak HeapInuse %.1f MiB",
			n, took.Round(time.Millisecond), float64(n)/took.Seconds(), float64(heap.Load())/(1<<20))
	}
	for _, h := range hosts {
		if m := h.inFlight.Max(); m > outbound.DefaultPerHostConns {
			t.Errorf("%s had %d requests in flight", h.base, m)
		}
	}
}

func BenchmarkLinkCheck(b *testing.B) {
	hosts := startLinkHosts(b, 10, 0)
	lc := &LinkChecker{Client: loopbackClient(), Concurrency: 40}
	for b.Loop() {
		lc.Run(context.Background(), spreadLinks(hosts, 1000), 1000)
	}
}
