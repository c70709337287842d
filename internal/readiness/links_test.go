package readiness

import (
	"context"
	"iter"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/katalog-se/katalog/internal/linktest"
	"github.com/katalog-se/katalog/internal/outbound"
)

// spreadLinks yields n links of linktest.Spread's URLs.
func spreadLinks(hosts []*linktest.Host, n int) iter.Seq[Link] {
	return func(yield func(Link) bool) {
		for u := range linktest.Spread(hosts, n) {
			if !yield(Link{URL: u, Kind: "downloadURL"}) {
				return
			}
		}
	}
}

// TestLinkCheckPerHostLimit checks that no host ever has more than the
// per-host limit of requests in flight or connections open, while many
// more workers than that are running.
func TestLinkCheckPerHostLimit(t *testing.T) {
	hosts := linktest.Start(t, 10, time.Millisecond)
	var calls, last atomic.Int64
	lc := &LinkChecker{Client: linktest.Client(), Concurrency: 64, Progress: func(done, total int) {
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
		if m := h.InFlight.Max(); m > outbound.DefaultPerHostConns {
			t.Errorf("%s had %d requests in flight at once, limit %d", h.Base, m, outbound.DefaultPerHostConns)
		} else if m == outbound.DefaultPerHostConns {
			busy++
		}
		if m := h.Conns.Max(); m > outbound.DefaultPerHostConns {
			t.Errorf("%s had %d connections open at once, limit %d", h.Base, m, outbound.DefaultPerHostConns)
		}
		if got, _ := h.Requests(); int64(got) != n/int64(len(hosts)) {
			t.Errorf("%s got %d requests, want %d", h.Base, got, n/len(hosts))
		}
	}
	if busy == 0 {
		t.Error("no host ever reached the limit; the test does not exercise it")
	}
}

func TestLinkCheckDedup(t *testing.T) {
	hosts := linktest.Start(t, 1, 0)
	same := func(yield func(Link) bool) {
		for range 50 {
			if !yield(Link{URL: hosts[0].Base + "/same"}) {
				return
			}
		}
	}
	sum := (&LinkChecker{Client: linktest.Client()}).Run(context.Background(), same, 50)
	if got, _ := hosts[0].Requests(); sum.Checked != 1 || got != 1 {
		t.Errorf("checked %d, requests %d; want 1 and 1", sum.Checked, got)
	}
}

// TestLinkCheckScale is the benchmark of the report: set KATALOG_BENCH=1.
// It checks 1k, 10k and 50k links over 100 loopback hosts and prints the
// time and the peak heap in use, which must stay flat as links grow.
func TestLinkCheckScale(t *testing.T) {
	if os.Getenv("KATALOG_BENCH") == "" {
		t.Skip("set KATALOG_BENCH=1 to run")
	}
	hosts := linktest.Start(t, 100, 0)
	client := linktest.Client()
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
		if m := h.InFlight.Max(); m > outbound.DefaultPerHostConns {
			t.Errorf("%s had %d requests in flight", h.Base, m)
		}
	}
}

func BenchmarkLinkCheck(b *testing.B) {
	hosts := linktest.Start(b, 10, 0)
	lc := &LinkChecker{Client: linktest.Client(), Concurrency: 40}
	for b.Loop() {
		lc.Run(context.Background(), spreadLinks(hosts, 1000), 1000)
	}
}
