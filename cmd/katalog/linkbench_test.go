package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/katalog-se/katalog/internal/store/pgtest"
)

// benchHost is one loopback link server of the benchmark: it measures the
// requests in flight and the TCP connections open at once, and counts
// requests per path.
type benchHost struct {
	addr              string
	mu                sync.Mutex
	inFlight, maxIn   int
	conns, maxConns   int
	paths             map[string]int
	requests, repeats int
}

func (h *benchHost) serve(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h.addr = ln.Addr().String()
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h.mu.Lock()
			h.inFlight++
			h.maxIn = max(h.maxIn, h.inFlight)
			h.requests++
			if h.paths[r.URL.Path]++; h.paths[r.URL.Path] > 1 {
				h.repeats++
			}
			h.mu.Unlock()
			time.Sleep(time.Millisecond)
			if strings.HasPrefix(r.URL.Path, "/gone/") {
				w.WriteHeader(http.StatusNotFound)
			}
			h.mu.Lock()
			h.inFlight--
			h.mu.Unlock()
		}),
		ConnState: func(_ net.Conn, s http.ConnState) {
			h.mu.Lock()
			defer h.mu.Unlock()
			switch s {
			case http.StateNew:
				h.conns++
				h.maxConns = max(h.maxConns, h.conns)
			case http.StateClosed, http.StateHijacked:
				h.conns--
			}
		},
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
}

// linkFeed writes a catalog of n/2 datasets, each with a distribution
// whose accessURL and downloadURL are two of n distinct URLs spread over
// hosts (every 20th is gone: 404).
func linkFeed(w io.Writer, hosts []*benchHost, n int) {
	bw := bufio.NewWriterSize(w, 256<<10)
	defer bw.Flush()
	fmt.Fprint(bw, `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dcterms="http://purl.org/dc/terms/">
  <dcat:Catalog rdf:about="https://bench.example.se/dcat"><dcterms:title xml:lang="sv">Länkar</dcterms:title></dcat:Catalog>
`)
	url := func(i int) string {
		kind := "file"
		if i%20 == 19 {
			kind = "gone"
		}
		return fmt.Sprintf("http://%s/%s/%d", hosts[i%len(hosts)].addr, kind, i)
	}
	for i := 0; i < n; i += 2 {
		fmt.Fprintf(bw, `  <dcat:Dataset rdf:about="https://bench.example.se/ds/%[1]d"><dcterms:title xml:lang="sv">D %[1]d</dcterms:title>
    <dcat:distribution><dcat:Distribution rdf:about="https://bench.example.se/ds/%[1]d/d"><dcat:accessURL rdf:resource="%[2]s"/><dcat:downloadURL rdf:resource="%[3]s"/></dcat:Distribution></dcat:distribution>
  </dcat:Dataset>
`, i, url(i), url(i+1))
	}
	fmt.Fprint(bw, "</rdf:RDF>\n")
}

// TestBenchLinkQueue is the benchmark of docs/benchmarks.md (set
// KATALOG_BENCH=1; PostgreSQL from KATALOG_TEST_POSTGRES_DSN): one check
// queues 100,000 link URLs over 1,000 loopback hosts, and two `katalog
// serve` instances on one PostgreSQL database check them with their
// default settings (32 link workers each, 4 connections per host across
// both, 10 requests per second per connection). It reports the time, the
// instances' peak memory (VmHWM) and what the hosts saw, and fails if a
// host ever had more than 4 requests in flight or 4 connections open, if a
// URL was requested twice, or if the link table is not whole. Bounded by
// 20 minutes. KATALOG_BENCH_LINKS and KATALOG_BENCH_HOSTS change the size.
func TestBenchLinkQueue(t *testing.T) {
	if os.Getenv("KATALOG_BENCH") == "" {
		t.Skip("set KATALOG_BENCH=1 to run")
	}
	n, nHosts := envInt(t, "KATALOG_BENCH_LINKS", 100_000), envInt(t, "KATALOG_BENCH_HOSTS", 1000)
	dsn := pgtest.Schema(t)
	hosts := make([]*benchHost, nHosts)
	for i := range hosts {
		hosts[i] = &benchHost{paths: map[string]int{}}
		hosts[i].serve(t)
	}
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rdf+xml")
		if r.Method == http.MethodGet && strings.HasPrefix(r.Header.Get("Accept"), "application/rdf+xml") && r.Header.Get("If-None-Match") == "" {
			linkFeed(w, hosts, n)
		}
	}))
	defer feed.Close()

	bin := buildBinary(t)
	t.Setenv("KATALOG_CHECK_ALLOW_CIDRS", "127.0.0.0/8")
	t.Setenv("KATALOG_CHECK_TIMEOUT", "20m")
	t.Setenv("KATALOG_TEMP_DIR", t.TempDir())
	a := start(t, bin, dsn, "--no-demo")
	b := start(t, bin, dsn, "--no-demo")
	peakOfA, peakOfB := watchPeak(a.cmd.Process.Pid), watchPeak(b.cmd.Process.Pid)
	const org = "2021006883"
	if code, body := a.do(t, "POST", "/api/v1/agencies", map[string]any{"orgNumber": org, "name": map[string]string{"sv": "Digg"},
		"harvestUrl": feed.URL + "/datasets/dcat"}); code != 201 {
		t.Fatalf("register: %d %s", code, body)
	}
	began := time.Now()
	code, body := a.do(t, "POST", "/api/v1/agencies/"+org+"/checks", nil)
	if code != 202 {
		t.Fatalf("check: %d %s", code, body)
	}
	var rec struct {
		ID     int64
		Status string
		Result json.RawMessage
	}
	json.Unmarshal(body, &rec)
	for deadline := time.Now().Add(20 * time.Minute); ; time.Sleep(time.Second) {
		_, body := a.do(t, "GET", fmt.Sprintf("/api/v1/agencies/%s/checks/%d", org, rec.ID), nil)
		json.Unmarshal(body, &rec)
		if rec.Status != "running" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the check did not end in 20 minutes")
		}
	}
	took := time.Since(began)
	var res struct {
		Links struct{ Checked, OK, Broken int }
	}
	json.Unmarshal(rec.Result, &res)
	var table struct{ Total int }
	_, body = a.do(t, "GET", "/api/v1/agencies/"+org+"/links?limit=1&broken=true", nil)
	json.Unmarshal(body, &table)
	broken := table.Total
	_, body = a.do(t, "GET", "/api/v1/agencies/"+org+"/links?limit=1", nil)
	json.Unmarshal(body, &table)

	requests, repeats, maxIn, maxConns, full := 0, 0, 0, 0, 0
	for _, h := range hosts {
		h.mu.Lock()
		requests += h.requests
		repeats += h.repeats
		maxIn, maxConns = max(maxIn, h.maxIn), max(maxConns, h.maxConns)
		if h.maxIn == 4 {
			full++
		}
		h.mu.Unlock()
	}
	checkedA, checkedB := linksChecked(t, a), linksChecked(t, b)
	peakA, peakB := peakOfA(), peakOfB()
	t.Logf("%d links over %d hosts, 2 instances on PostgreSQL: check done in %v (%.0f links/s); link table %d rows, %d broken; report %+v",
		n, nHosts, took.Round(time.Second), float64(n)/took.Seconds(), table.Total, broken, res.Links)
	t.Logf("at the hosts: %d requests, %d repeated URLs, at most %d in flight and %d connections open at one host (%d hosts reached 4)",
		requests, repeats, maxIn, maxConns, full)
	t.Logf("instance A checked %d links, peak RSS %.1f MB; instance B checked %d, peak RSS %.1f MB",
		checkedA, float64(peakA)/(1<<20), checkedB, float64(peakB)/(1<<20))
	logs := a.stderr.String() + b.stderr.String()
	t.Logf("logged: %d failed completions (retried), %d failed claims, %d requeued", strings.Count(logs, "complete links"),
		strings.Count(logs, "claim links")+strings.Count(logs, "claim a link host"), strings.Count(logs, "queued again"))
	if table.Total != n || broken != n/20 || res.Links.Checked != n {
		t.Errorf("link table %d rows (%d broken), report %+v; want %d (%d broken)", table.Total, broken, res.Links, n, n/20)
	}
	if maxIn > 4 || maxConns > 4 {
		t.Errorf("a host had %d requests in flight and %d connections open at once, limit 4", maxIn, maxConns)
	}
	if repeats != 0 || requests != n {
		t.Errorf("%d requests for %d URLs, %d repeated", requests, n, repeats)
	}
	if checkedA == 0 || checkedB == 0 || checkedA+checkedB != n {
		t.Errorf("instances checked %d and %d links, want both and %d together", checkedA, checkedB, n)
	}
}

// linksChecked reads katalog_links_checked_total from an instance.
func linksChecked(t *testing.T, p *proc) int {
	res, err := http.Get("http://" + p.addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "katalog_links_checked_total "); ok {
			f, _ := strconv.ParseFloat(v, 64)
			return int(f)
		}
	}
	return 0
}

func envInt(t *testing.T, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return n
}
