package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"sync"
	"time"
)

// Request kinds, and how many of every 100 requests are of each. Every
// write changes its agency's feed, so the next feed GET of it is rebuilt.
const (
	kindFeed     = "feed GET"
	kindFeed304  = "feed GET, If-None-Match"
	kindAPIRead  = "API read"
	kindAPIWrite = "API write (dataset PUT)"
)

// kinds is read-only: the mix of requests.
var kinds = []struct {
	name   string
	weight int
}{
	{kindFeed, 10},
	{kindFeed304, 35},
	{kindAPIRead, 50},
	{kindAPIWrite, 5},
}

// stats are one request kind's outcomes.
type stats struct {
	latencies []time.Duration
	status    map[int]int
	errors    int
	firstErr  string
}

// results are all kinds' stats and the run's wall time.
type results struct {
	byKind  map[string]*stats
	elapsed time.Duration
}

// errors counts the failed requests of all kinds.
func (r results) errors() int {
	n := 0
	for _, s := range r.byKind {
		n += s.errors
	}
	return n
}

// client is one simulated client's state: its ETags per feed.
type loadClient struct {
	http  *http.Client
	urls  []string
	next  int
	etags map[string]string
	rng   *rand.Rand
	stats map[string]*stats
	seq   int
}

// load runs c.clients clients for c.duration and merges their stats.
func load(ctx context.Context, hc *http.Client, c config, targets []target) results {
	ctx, cancel := context.WithTimeout(ctx, c.duration)
	defer cancel()
	var (
		mu  sync.Mutex
		all = results{byKind: map[string]*stats{}}
		wg  sync.WaitGroup
	)
	for _, k := range kinds {
		all.byKind[k.name] = &stats{status: map[int]int{}}
	}
	start := time.Now()
	for i := range c.clients {
		wg.Go(func() {
			lc := &loadClient{http: hc, urls: c.urls, next: i, etags: map[string]string{},
				rng: rand.New(rand.NewPCG(uint64(i), 42)), stats: map[string]*stats{}}
			for ctx.Err() == nil {
				lc.one(ctx, targets)
			}
			mu.Lock()
			defer mu.Unlock()
			for name, s := range lc.stats {
				m := all.byKind[name]
				m.latencies = append(m.latencies, s.latencies...)
				for code, n := range s.status {
					m.status[code] += n
				}
				m.errors += s.errors
				if m.firstErr == "" {
					m.firstErr = s.firstErr
				}
			}
		})
	}
	wg.Wait()
	all.elapsed = time.Since(start)
	for _, s := range all.byKind {
		slices.Sort(s.latencies)
	}
	return all
}

// base returns the next instance's base URL, round-robin.
func (lc *loadClient) base() string {
	u := lc.urls[lc.next%len(lc.urls)]
	lc.next++
	return u
}

// one sends one request of a kind drawn by weight.
func (lc *loadClient) one(ctx context.Context, targets []target) {
	t := targets[lc.rng.IntN(len(targets))]
	d := t.datasets[lc.rng.IntN(len(t.datasets))]
	n := lc.rng.IntN(100)
	kind := kinds[len(kinds)-1].name
	for _, k := range kinds {
		if n < k.weight {
			kind = k.name
			break
		}
		n -= k.weight
	}
	feed := "/agencies/" + t.org + "/datasets/dcat"
	var (
		req  *http.Request
		want = []int{http.StatusOK}
	)
	switch kind {
	case kindFeed:
		req, _ = http.NewRequestWithContext(ctx, "GET", lc.base()+feed, nil)
	case kindFeed304:
		req, _ = http.NewRequestWithContext(ctx, "GET", lc.base()+feed, nil)
		if tag := lc.etags[feed]; tag != "" {
			req.Header.Set("If-None-Match", tag)
		}
		want = []int{http.StatusOK, http.StatusNotModified} // 200 when a write changed the feed
	case kindAPIRead:
		path := "/api/v1/agencies/" + t.org + "/datasets/" + d.id
		if lc.rng.IntN(3) == 0 {
			path = fmt.Sprintf("/api/v1/agencies/%s/datasets?limit=20&page=%d", t.org, 1+lc.rng.IntN(50))
		}
		req, _ = http.NewRequestWithContext(ctx, "GET", lc.base()+path, nil)
	case kindAPIWrite:
		lc.seq++
		body := map[string]any{}
		for k, v := range d.body {
			body[k] = v
		}
		body["description"] = map[string]string{"sv": fmt.Sprintf("Beskrivning, ändrad under lasttestet (%d).", lc.seq)}
		b, _ := json.Marshal(body)
		req, _ = http.NewRequestWithContext(ctx, "PUT", lc.base()+"/api/v1/agencies/"+t.org+"/datasets/"+d.id, bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+t.token)
	}
	s := lc.stats[kind]
	if s == nil {
		s = &stats{status: map[int]int{}}
		lc.stats[kind] = s
	}
	begin := time.Now()
	res, err := lc.http.Do(req)
	if err == nil {
		_, err = io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
	took := time.Since(begin)
	if ctx.Err() != nil {
		return // cut off by the end of the run: not counted
	}
	if err != nil {
		s.errors++
		if s.firstErr == "" {
			s.firstErr = err.Error()
		}
		return
	}
	s.latencies = append(s.latencies, took)
	s.status[res.StatusCode]++
	if !slices.Contains(want, res.StatusCode) {
		s.errors++
		if s.firstErr == "" {
			s.firstErr = fmt.Sprintf("%s %s: %d", req.Method, req.URL.Path, res.StatusCode)
		}
	}
	if (kind == kindFeed || kind == kindFeed304) && res.Header.Get("ETag") != "" {
		lc.etags[feed] = res.Header.Get("ETag")
	}
}
