package readiness

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/katalog-se/katalog/internal/outbound"
)

// slowSource is a catalog server that waits before every answer (the
// source of issue #16 answered after 40 s), sends ETag and Last-Modified
// but ignores conditional requests, offers Turtle, and tells what each
// request did with the body:
//
//   - the first plain GET gets the catalog at once, written whole: a full
//     download;
//   - every other GET (a conditional one, or one asking for another
//     syntax) gets its headers, then the server waits: a client that
//     closes the request after the headers is counted as "closed", one that
//     reads on gets the whole body after 5 s, another full download.
type slowSource struct {
	*httptest.Server
	delay time.Duration

	mu          sync.Mutex
	full        int
	closed      int
	heads       int
	conditional int
	inFlight    int
	maxInFlight int
	requests    int
}

func newSlowSource(t testing.TB, delay time.Duration, doc string) *slowSource {
	s := &slowSource{delay: delay}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.enter()
		defer s.leave()
		time.Sleep(s.delay)
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 07 Dec 2026 08:00:00 GMT")
		ct := "application/rdf+xml"
		if strings.Contains(r.Header.Get("Accept"), "text/turtle") {
			ct = "text/turtle"
		}
		w.Header().Set("Content-Type", ct)
		if r.Method == http.MethodHead {
			s.count(&s.heads)
			return
		}
		if r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != "" {
			s.count(&s.conditional)
		}
		plain := r.Header.Get("If-None-Match") == "" && ct == "application/rdf+xml"
		if plain && s.first() {
			fmt.Fprint(w, doc)
			s.count(&s.full)
			return
		}
		w.WriteHeader(http.StatusOK)
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
			s.count(&s.closed)
		case <-time.After(5 * time.Second):
			fmt.Fprint(w, doc)
			s.count(&s.full)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *slowSource) enter() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests++
	s.inFlight++
	s.maxInFlight = max(s.maxInFlight, s.inFlight)
}

func (s *slowSource) leave() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inFlight--
}

func (s *slowSource) count(n *int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	*n++
}

// first reports whether no full download has been made yet.
func (s *slowSource) first() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.full == 0
}

func (s *slowSource) snapshot() slowSource {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slowSource{full: s.full, closed: s.closed, heads: s.heads, conditional: s.conditional, maxInFlight: s.maxInFlight, requests: s.requests}
}

// TestSlowSourceDownloadedOnce: a source that is slow to answer is
// downloaded once. The revalidation is a conditional request whose body is
// not read when the server ignores the condition, the other syntaxes are
// asked for with HEAD, and those probes run at the same time, so the check
// takes about two answers' time, not six. Before #16 the catalog was
// downloaded four times, one request after another: a source answering
// after 40 s took 160 s to judge.
//
// KATALOG_SLOW_SOURCE_DELAY (e.g. 40s) sets the server's delay, for the
// figure in the report; the test asserts counts, never times.
func TestSlowSourceDownloadedOnce(t *testing.T) {
	delay := 300 * time.Millisecond
	if v := os.Getenv("KATALOG_SLOW_SOURCE_DELAY"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatal(err)
		}
		delay = d
	}
	src := newSlowSource(t, delay, readFixture(t, "sub.rdf"))
	o := outbound.LoopbackOptions()
	o.Timeout = delay + 10*time.Second
	c := NewChecker(Options{Client: outbound.NewClient(o), SkipLinks: true, SlowAfter: delay / 2})
	start := time.Now()
	res, err := c.Check(context.Background(), src.URL+"/datasets/dcat")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("judged in %v with the server answering after %v; findings %v", time.Since(start).Round(time.Millisecond), delay, ruleIDs(res))
	src.Close() // waits for the handlers
	got := src.snapshot()
	if got.full != 1 {
		t.Errorf("%d full downloads, want 1", got.full)
	}
	if got.conditional != 1 || got.closed != 1 {
		t.Errorf("conditional requests %d, closed after the headers %d; want 1 and 1 (the revalidation, unread)", got.conditional, got.closed)
	}
	if got.heads != 3 {
		t.Errorf("%d HEAD requests, want 3 (Turtle, N-Triples, JSON-LD)", got.heads)
	}
	if got.maxInFlight < 4 {
		t.Errorf("at most %d requests in flight at once, want the 4 probes together", got.maxInFlight)
	}
	for _, r := range []string{RuleSlowResponse, RuleCachingNo304, RuleOffers} {
		if !res.Has(r) {
			t.Errorf("no %s finding: %v", r, ruleIDs(res))
		}
	}
	if res.Triples == 0 || res.Bytes != int64(len(readFixture(t, "sub.rdf"))) {
		t.Errorf("triples %d, bytes %d", res.Triples, res.Bytes)
	}
}

// TestHeadRefusedProbeClosedAfterHeaders: a server that refuses HEAD is
// asked for the other syntaxes with a GET that is closed once its headers
// are in.
func TestHeadRefusedProbeClosedAfterHeaders(t *testing.T) {
	doc := readFixture(t, "sub.rdf")
	var mu sync.Mutex
	full, closed := 0, 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			w.WriteHeader(http.StatusMethodNotAllowed)
			return
		}
		if accept := r.Header.Get("Accept"); strings.HasPrefix(accept, "application/rdf+xml") {
			w.Header().Set("Content-Type", "application/rdf+xml")
			fmt.Fprint(w, doc)
			mu.Lock()
			full++
			mu.Unlock()
			return
		}
		w.Header().Set("Content-Type", r.Header.Get("Accept"))
		w.WriteHeader(http.StatusOK)
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
			mu.Lock()
			closed++
			mu.Unlock()
		case <-time.After(5 * time.Second):
			fmt.Fprint(w, doc)
		}
	}))
	t.Cleanup(srv.Close)
	c := NewChecker(Options{Client: outbound.NewClient(outbound.LoopbackOptions()), SkipLinks: true})
	res, err := c.Check(context.Background(), srv.URL+"/dcat")
	if err != nil {
		t.Fatal(err)
	}
	srv.Close() // waits for the handlers
	mu.Lock()
	defer mu.Unlock()
	if full != 1 || closed != 3 {
		t.Errorf("%d full downloads and %d probes closed after the headers; want 1 and 3", full, closed)
	}
	if len(res.Offers) != 4 {
		t.Errorf("offers %v, want RDF/XML and the three others", res.Offers)
	}
}

// TestCheckDeadline: a check that reaches Options.Timeout returns what it
// has, with a finding that says where it stopped, not an error.
func TestCheckDeadline(t *testing.T) {
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	t.Cleanup(hang.Close)
	doc := strings.ReplaceAll(readFixture(t, "links.rdf"), "LINKS", hang.URL)
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rdf+xml")
		fmt.Fprint(w, doc)
	}))
	t.Cleanup(feed.Close)
	c := NewChecker(Options{Client: outbound.NewClient(outbound.LoopbackOptions()), SkipProbes: true, Timeout: 300 * time.Millisecond})
	res, err := c.Check(context.Background(), feed.URL)
	if err != nil {
		t.Fatal(err)
	}
	f := res.finding(RuleCheckDeadline)
	if f == nil || !strings.Contains(f.Evidence, "checking the links") {
		t.Fatalf("deadline finding %+v; findings %v", f, ruleIDs(res))
	}
	if res.Triples == 0 {
		t.Error("the catalog read before the deadline is not reported")
	}

	// A source that never answers: the deadline ends the download.
	res, err = c.Check(context.Background(), hang.URL+"/dcat")
	if err != nil {
		t.Fatal(err)
	}
	if !res.Has(RuleCheckDeadline) || !res.Has(RuleTimeout) || res.Ready {
		t.Errorf("findings %v, want a timeout and the deadline", ruleIDs(res))
	}
}
