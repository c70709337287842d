package outbound

import (
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// hostLimiter bounds, per host (host:port of the URL), how many requests
// are in flight at once and how fast new ones start (a token bucket).
// It wraps a RoundTripper, so every hop of a redirect chain is counted
// against its own host; a slot is held until the response body is closed.
type hostLimiter struct {
	next  http.RoundTripper
	slots int
	rate  float64 // tokens per second; <= 0 means no rate limit
	burst float64

	mu    sync.Mutex
	hosts map[string]*hostState
}

type hostState struct {
	sem    chan struct{}
	refs   int // requests holding or waiting for this state
	tokens float64
	last   time.Time
}

func newHostLimiter(next http.RoundTripper, slots int, rate float64, burst int) *hostLimiter {
	if burst < 1 {
		burst = 1
	}
	return &hostLimiter{next: next, slots: slots, rate: rate, burst: float64(burst), hosts: map[string]*hostState{}}
}

// RoundTrip implements http.RoundTripper.
func (l *hostLimiter) RoundTrip(req *http.Request) (*http.Response, error) {
	key := strings.ToLower(req.URL.Host)
	h, delay := l.acquire(key)
	release := func() { l.release(key, h) }
	ctx := req.Context()
	if delay > 0 {
		t := time.NewTimer(delay)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			release()
			return nil, ctx.Err()
		}
	}
	select {
	case h.sem <- struct{}{}:
	case <-ctx.Done():
		release()
		return nil, ctx.Err()
	}
	free := func() { <-h.sem; release() }
	resp, err := l.next.RoundTrip(req)
	if err != nil {
		free()
		return nil, err
	}
	resp.Body = &releaseBody{ReadCloser: resp.Body, release: free}
	return resp, nil
}

// acquire registers interest in host and reserves a rate token, returning
// how long to wait for it.
func (l *hostLimiter) acquire(host string) (*hostState, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	h := l.hosts[host]
	if h == nil {
		h = &hostState{sem: make(chan struct{}, l.slots), tokens: l.burst, last: now}
		l.hosts[host] = h
	}
	h.refs++
	if l.rate <= 0 {
		return h, 0
	}
	h.refill(now, l.rate, l.burst)
	h.tokens--
	if h.tokens >= 0 {
		return h, 0
	}
	return h, time.Duration(-h.tokens / l.rate * float64(time.Second))
}

// release drops interest in host; an idle host whose bucket is full again
// is forgotten, so the map does not grow with every host ever seen.
func (l *hostLimiter) release(host string, h *hostState) {
	l.mu.Lock()
	defer l.mu.Unlock()
	h.refs--
	if h.refs > 0 {
		return
	}
	if l.rate > 0 {
		h.refill(time.Now(), l.rate, l.burst)
		if h.tokens < l.burst {
			return
		}
	}
	if l.hosts[host] == h {
		delete(l.hosts, host)
	}
}

func (h *hostState) refill(now time.Time, rate, burst float64) {
	h.tokens += now.Sub(h.last).Seconds() * rate
	if h.tokens > burst {
		h.tokens = burst
	}
	h.last = now
}

// releaseBody frees the host slot once, when the body is closed.
type releaseBody struct {
	io.ReadCloser
	once    sync.Once
	release func()
}

func (b *releaseBody) Close() error {
	err := b.ReadCloser.Close()
	b.once.Do(b.release)
	return err
}
