// Package linktest starts loopback web servers for the tests of link
// checking (internal/readiness, internal/linkwork): each measures, at the
// server, what a checker does to it — requests per path, and the most
// requests in flight and connections open at once.
package linktest

import (
	"fmt"
	"iter"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/katalog-se/katalog/internal/outbound"
)

// Peak tracks a current and a maximum count.
type Peak struct {
	mu       sync.Mutex
	cur, max int
}

// Add changes the current count by d.
func (p *Peak) Add(d int) {
	p.mu.Lock()
	p.cur += d
	p.max = max(p.max, p.cur)
	p.mu.Unlock()
}

// Max is the highest count seen.
func (p *Peak) Max() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.max
}

// Host is one loopback server.
type Host struct {
	// Base is its URL without a path: http://127.0.0.1:port.
	Base string
	// InFlight counts the requests being answered, Conns the open TCP
	// connections.
	InFlight, Conns Peak

	mu    sync.Mutex
	paths map[string]int
}

// Requests returns how many requests the host had, and the most for one
// path.
func (h *Host) Requests() (total int, most int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, n := range h.paths {
		total += n
		most = max(most, n)
	}
	return total, most
}

// Start starts n servers on ports of 127.0.0.1, closed when the test ends;
// each answers after delay: 404 for a path that begins /broken, else 200.
func Start(t testing.TB, n int, delay time.Duration) []*Host {
	t.Helper()
	hosts := make([]*Host, n)
	for i := range hosts {
		h := &Host{paths: map[string]int{}}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		srv := &http.Server{
			Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				h.InFlight.Add(1)
				defer h.InFlight.Add(-1)
				h.mu.Lock()
				h.paths[r.URL.Path]++
				h.mu.Unlock()
				if delay > 0 {
					time.Sleep(delay)
				}
				if strings.HasPrefix(r.URL.Path, "/broken") {
					w.WriteHeader(http.StatusNotFound)
				}
			}),
			ConnState: func(_ net.Conn, s http.ConnState) {
				switch s {
				case http.StateNew:
					h.Conns.Add(1)
				case http.StateClosed, http.StateHijacked:
					h.Conns.Add(-1)
				}
			},
		}
		go srv.Serve(ln)
		t.Cleanup(func() { srv.Close() })
		h.Base = "http://" + ln.Addr().String()
		hosts[i] = h
	}
	return hosts
}

// Spread yields n distinct URLs spread round-robin over hosts, made as
// they are read; every 10th is broken (/broken/i, the others /file/i).
func Spread(hosts []*Host, n int) iter.Seq[string] {
	return func(yield func(string) bool) {
		for i := range n {
			path := fmt.Sprintf("/file/%d", i)
			if i%10 == 9 {
				path = fmt.Sprintf("/broken/%d", i)
			}
			if !yield(hosts[i%len(hosts)].Base + path) {
				return
			}
		}
	}
}

// Client is an outbound client that may reach 127.0.0.0/8, as the
// servers are there.
func Client() *outbound.Client {
	o := outbound.LoopbackOptions()
	o.AllowCIDRs = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}
	return outbound.NewClient(o)
}
