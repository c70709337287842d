package outbound

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/katalog-se/katalog/internal/netfault"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"3", 3 * time.Second, true},
		{" 120 ", 2 * time.Minute, true},
		{"-1", 0, false},
		{"soon", 0, false},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{"Sun, 06 Nov 1994 08:49:37 GMT", 0, true},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRetryDelay(t *testing.T) {
	now := time.Now()
	tests := []struct {
		header  string
		attempt int
		want    time.Duration
	}{
		{"", 1, time.Second},
		{"", 3, 4 * time.Second},
		{"", 10, 30 * time.Second}, // capped
		{"2", 1, 2 * time.Second},
		{"3600", 1, 30 * time.Second}, // capped
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.header != "" {
			h.Set("Retry-After", tt.header)
		}
		if got := retryDelay(h, tt.attempt, time.Second, 30*time.Second, now); got != tt.want {
			t.Errorf("retryDelay(%q, %d) = %v, want %v", tt.header, tt.attempt, got, tt.want)
		}
	}
}

func TestClientUserAgentAndCap(t *testing.T) {
	var ua string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua = r.UserAgent()
		fmt.Fprint(w, "0123456789")
	}))
	defer srv.Close()
	tests := []struct {
		limit   int64
		wantErr bool
	}{{10, false}, {9, true}, {100, false}}
	for _, tt := range tests {
		o := LoopbackOptions()
		o.Version = "1.2.3"
		o.MaxBodyBytes = tt.limit
		resp, err := NewClient(o).Get(context.Background(), srv.URL, nil)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		var big *BodyTooLargeError
		if got := errors.As(err, &big); got != tt.wantErr {
			t.Errorf("limit %d: read %q, err %v", tt.limit, b, err)
		}
	}
	if ua != "katalog/1.2.3 (+https://github.com/katalog-se/katalog)" {
		t.Errorf("User-Agent = %q", ua)
	}
}

func TestClientRefusesBeforeConnecting(t *testing.T) {
	acc := netfault.NewAcceptCounter(t, "127.0.0.2:0")
	for _, allow := range [][]netip.Prefix{nil, {netip.MustParsePrefix("127.0.0.1/32")}} {
		o := LoopbackOptions()
		o.AllowCIDRs = allow
		_, err := NewClient(o).Get(context.Background(), "http://"+acc.Addr()+"/", nil)
		var be *BlockedError
		if !errors.As(err, &be) || be.Addr != netip.MustParseAddr("127.0.0.2") {
			t.Errorf("allow %v: err = %v, want a *BlockedError for 127.0.0.2", allow, err)
		}
	}
	if n := acc.Accepted(); n != 0 {
		t.Errorf("%d connections reached the listener", n)
	}
	if _, err := NewClient(LoopbackOptions()).Get(context.Background(), "file:///etc/passwd", nil); err == nil {
		t.Error("file: URL fetched")
	}
}

func TestHostRateLimit(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()
	o := LoopbackOptions()
	o.PerHostRate = 1000 // a token per millisecond
	o.PerHostBurst = 1
	c := NewClient(o)
	l := c.hc.Transport.(*hostLimiter)
	// Reserve tokens without waiting: the waits grow one interval each.
	_, d1 := l.acquire("h")
	_, d2 := l.acquire("h")
	_, d3 := l.acquire("h")
	if d1 != 0 || d2 <= 0 || d3 <= d2 {
		t.Errorf("waits %v %v %v, want 0 then growing", d1, d2, d3)
	}
	resp, err := c.Get(context.Background(), srv.URL+"/x", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}

// TestPublicErrorNamesNoAddress: what a failed request says in public
// names neither the refused address nor the resolver.
func TestPublicErrorNamesNoAddress(t *testing.T) {
	o := LoopbackOptions()
	o.AllowCIDRs = nil
	c := NewClient(o)
	_, err := c.Get(context.Background(), "http://127.0.0.1:9/x", nil)
	if err == nil {
		t.Fatal("loopback reached without an allowance")
	}
	if msg := PublicError(err); strings.Contains(msg, "127.0.0.1") || !strings.Contains(msg, "address not allowed") {
		t.Errorf("blocked: %q (raw: %v)", msg, err)
	}
	// A DNS failure as the resolver reports it (made here: tests send no
	// query off the machine).
	dns := &url.Error{Op: "Get", URL: "http://intranet.example/x", Err: &net.OpError{Op: "dial", Net: "tcp",
		Err: &net.DNSError{Err: "no such host", Name: "intranet.example", Server: "10.0.0.53:53", IsNotFound: true}}}
	if msg := PublicError(dns); strings.Contains(msg, "10.0.0.53") || msg != "no such host: intranet.example" {
		t.Errorf("DNS: %q", msg)
	}
}

// TestPostForm: a form POST carries its body on every attempt (a 503
// retried, a 307 followed), with the form's content type, and passes the
// guard like any request.
func TestPostForm(t *testing.T) {
	var bodies []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		bodies = append(bodies, r.Method+" "+r.URL.Path+" "+r.Header.Get("Content-Type")+" "+string(b))
		switch {
		case len(bodies) == 1:
			w.WriteHeader(http.StatusServiceUnavailable)
		case r.URL.Path == "/first":
			http.Redirect(w, r, "/second", http.StatusTemporaryRedirect)
		default:
			fmt.Fprint(w, "ok")
		}
	}))
	defer srv.Close()
	form := url.Values{"query": {"SELECT * { ?s ?p ?o }"}}
	resp, err := NewClient(LoopbackOptions()).PostForm(context.Background(), srv.URL+"/first", form, http.Header{"Accept": {"application/json"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	want := "application/x-www-form-urlencoded " + form.Encode()
	if len(bodies) != 3 || bodies[0] != "POST /first "+want || bodies[1] != "POST /first "+want || bodies[2] != "POST /second "+want {
		t.Errorf("requests seen: %q", bodies)
	}
	if resp.Retries != 1 || len(resp.Redirects) != 1 || resp.Redirects[0].Status != http.StatusTemporaryRedirect {
		t.Errorf("retries %d, redirects %+v", resp.Retries, resp.Redirects)
	}
	o := LoopbackOptions()
	o.AllowCIDRs = nil
	if _, err := NewClient(o).PostForm(context.Background(), srv.URL, form, nil); !errors.As(err, new(*BlockedError)) {
		t.Errorf("POST to loopback without the allowance: %v", err)
	}
	req, _ := http.NewRequest(http.MethodPost, srv.URL, io.NopCloser(strings.NewReader("x")))
	if _, err := NewClient(LoopbackOptions()).Do(req); err == nil {
		t.Error("a body that cannot be sent again was accepted")
	}
}

// TestGetStreamBody: a body that arrives in parts over longer than the
// client's Timeout is read whole through GetStream (only its headers are
// bounded by Timeout), while Get cuts the same body off.
func TestGetStreamBody(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
		for i := range 4 {
			fmt.Fprintf(w, "part%d;", i)
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(150 * time.Millisecond):
			}
		}
	}))
	defer srv.Close()
	o := LoopbackOptions()
	o.Timeout = 300 * time.Millisecond
	c := NewClient(o)

	resp, err := c.GetStream(t.Context(), srv.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || string(b) != "part0;part1;part2;part3;" {
		t.Errorf("GetStream: %q, %v", b, err)
	}

	resp, err = c.Get(t.Context(), srv.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	if err == nil || !IsTimeout(err) {
		t.Errorf("Get read %q past the Timeout (err %v)", b, err)
	}
}

// TestDedicated: a Dedicated client sends a host one request at a time
// over one connection of its own, and keeps the guard of the client it
// came from.
func TestDedicated(t *testing.T) {
	var (
		mu             sync.Mutex
		inFlight, most int
		addrs          = map[string]bool{}
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		inFlight++
		most = max(most, inFlight)
		addrs[r.RemoteAddr] = true
		mu.Unlock()
		time.Sleep(20 * time.Millisecond)
		mu.Lock()
		inFlight--
		mu.Unlock()
	}))
	defer srv.Close()
	c := NewClient(LoopbackOptions()).Dedicated()
	defer c.CloseIdleConnections()
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			resp, err := c.Get(t.Context(), srv.URL, nil)
			if err != nil {
				t.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		})
	}
	wg.Wait()
	if most != 1 || len(addrs) != 1 {
		t.Errorf("%d requests at once over %d connections, want 1 over 1", most, len(addrs))
	}
	o := LoopbackOptions()
	o.AllowCIDRs = nil
	if _, err := NewClient(o).Dedicated().Get(t.Context(), srv.URL, nil); !errors.As(err, new(*BlockedError)) {
		t.Errorf("a Dedicated client reached loopback without the allowance: %v", err)
	}
}
