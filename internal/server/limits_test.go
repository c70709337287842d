package server

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestTrustedProxies: X-Forwarded-For names the client only when the peer
// is a trusted proxy; otherwise every client behind one address shares it,
// and a forged header changes nothing.
func TestTrustedProxies(t *testing.T) {
	limited := func(trusted []string) *fixture {
		return newFixture(t, func(d *Deps) {
			d.RateLimitPerIP = RateLimit{Rate: 0.001, Burst: 1}
			d.TrustedProxies = trusted
		})
	}
	get := func(f *fixture, client string) int {
		return f.do("GET", "/api/v1/agencies", "", nil, "X-Forwarded-For", client).status
	}
	f := limited([]string{"127.0.0.1/32"})
	if a, b := get(f, "203.0.113.1"), get(f, "203.0.113.2"); a != 200 || b != 200 {
		t.Errorf("two clients behind a trusted proxy: %d %d, want both 200", a, b)
	}
	if again := get(f, "203.0.113.1"); again != 429 {
		t.Errorf("the first client again: %d, want 429", again)
	}
	f = limited(nil)
	if a, b := get(f, "203.0.113.1"), get(f, "203.0.113.2"); a != 200 || b != 429 {
		t.Errorf("forged X-Forwarded-For from an untrusted peer: %d %d, want 200 then 429", a, b)
	}
}

// TestTrustedProxyInAuditLog: behind a trusted proxy the audit log names
// the client, not the proxy.
func TestTrustedProxyInAuditLog(t *testing.T) {
	f := newFixture(t, func(d *Deps) { d.TrustedProxies = []string{"127.0.0.1/32"} })
	f.do("POST", "/api/v1/agencies", testAdmin, agencyBody(orgDigg, "Digg"), "X-Forwarded-For", "198.51.100.7")
	r := f.do("GET", "/api/v1/audit", testAdmin, nil)
	if !strings.Contains(string(r.body), `"remote":"198.51.100.7"`) {
		t.Errorf("audit log %s", r.body)
	}
}

// TestValidationSlots: with one validation slot, a second validation while
// the first runs is 429 with Retry-After; once it ends, the next one runs.
func TestValidationSlots(t *testing.T) {
	f := newFixture(t, func(d *Deps) { d.MaxConcurrentValidations = 1 })
	pr, pw := io.Pipe()
	t.Cleanup(func() { pw.Close() }) // before the server's Close, which waits for the request
	first := make(chan int, 1)
	go func() {
		req, _ := http.NewRequest("POST", f.srv.URL+"/api/v1/validate", pr)
		req.Header.Set("Content-Type", "application/n-triples")
		res, err := f.srv.Client().Do(req)
		if err != nil {
			first <- 0
			return
		}
		res.Body.Close()
		first <- res.StatusCode
	}()
	if _, err := io.WriteString(pw, "<https://x.se/a> <https://x.se/b> \"c\" .\n"); err != nil {
		t.Fatal(err)
	}
	// The first validation is reading its body; wait until its handler
	// holds the slot (a request sent before that could take it first).
	for deadline := time.Now().Add(30 * time.Second); len(f.api.validations) == 0; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the first validation never took the slot")
		}
	}
	busy := f.do("POST", "/api/v1/validate", "", "<https://x.se/a> <https://x.se/b> \"c\" .\n", "Content-Type", "application/n-triples")
	if busy.status != 429 || busy.header.Get("Retry-After") == "" {
		t.Fatalf("a second validation while one runs: %d %s", busy.status, busy.body)
	}
	pw.Close()
	if code := <-first; code != 200 {
		t.Errorf("the first validation: %d", code)
	}
	if r := f.do("POST", "/api/v1/validate", "", "<https://x.se/a> <https://x.se/b> \"c\" .\n", "Content-Type", "application/n-triples"); r.status != 200 {
		t.Errorf("a validation after the slot came free: %d", r.status)
	}
}
