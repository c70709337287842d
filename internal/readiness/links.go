package readiness

import (
	"context"
	"hash/maphash"
	"iter"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/outbound"
)

// Link is one URL a catalog points to and the property it came from
// ("accessURL", "downloadURL", "landingPage", "endpointDescription").
type Link struct {
	URL  string `json:"url"`
	Kind string `json:"kind,omitempty"`
}

// LinkResult is the outcome of checking one link.
type LinkResult struct {
	Link
	OK     bool   `json:"ok"`
	Status int    `json:"status,omitempty"` // final HTTP status, 0 when none
	Error  string `json:"error,omitempty"`
	// CORS reports, for endpointDescription links, whether the response
	// allows the portal's origin (Access-Control-Allow-Origin).
	CORS *bool `json:"cors,omitempty"`
	// Kinds are every property the URL appeared under (Kind among them),
	// sorted; set in LinkSummary.All.
	Kinds      []string `json:"-"`
	DurationMs int64    `json:"-"`
}

// LinkSummary counts checked links and keeps a sample of the bad ones.
type LinkSummary struct {
	Checked int `json:"checked"`
	OK      int `json:"ok"`
	Broken  int `json:"broken"`
	// Skipped counts links that are not http(s) URLs (ftp:, mailto: …).
	Skipped int `json:"skipped,omitempty"`
	// BrokenSample holds the first broken links (at most SampleSize).
	BrokenSample []LinkResult `json:"brokenSample,omitempty"`
	// NoCORS counts working endpointDescription links served without
	// CORS for the portal; NoCORSSample holds the first of them.
	NoCORS       int      `json:"noCors,omitempty"`
	NoCORSSample []string `json:"noCorsSample,omitempty"`
	// All holds every checked link's result, in no particular order, when
	// LinkChecker.KeepAll is set. It is not part of the stored report: the
	// agency's link table keeps it (see Table).
	All []LinkResult `json:"-"`
}

// Table is All as the rows of an agency's link table.
func (s LinkSummary) Table() []catalog.LinkResult {
	out := make([]catalog.LinkResult, len(s.All))
	for i, r := range s.All {
		out[i] = catalog.LinkResult{URL: r.URL, Kinds: r.Kinds, Status: r.Status, OK: r.OK, Error: r.Error, DurationMs: r.DurationMs}
	}
	return out
}

// DefaultPortalOrigin is the origin whose CORS access is checked.
const DefaultPortalOrigin = "https://www.dataportal.se"

// LinkChecker checks links with bounded concurrency through an outbound.Client,
// whose per-host limits keep any one server from being flooded. It
// streams: memory does not grow with the number of responses, only by
// 8 bytes per distinct URL (for de-duplication).
type LinkChecker struct {
	Client *outbound.Client
	// Concurrency is how many links are checked at once (default 32).
	Concurrency int
	// SampleSize bounds BrokenSample and NoCORSSample (default 20).
	SampleSize int
	// Origin is sent with endpointDescription requests to judge CORS
	// (default DefaultPortalOrigin).
	Origin string
	// Progress, when set, is called after each link with the number
	// checked so far and total (as given to Run); calls are serialised.
	Progress func(done, total int)
	// KeepAll keeps every link's result in LinkSummary.All (memory then
	// grows with the links: about 150 bytes each).
	KeepAll bool
}

// Run checks every distinct http(s) URL of links and summarises them.
// total is only passed on to Progress. It returns early, with what it has,
// when ctx ends.
func (lc *LinkChecker) Run(ctx context.Context, links iter.Seq[Link], total int) LinkSummary {
	workers := lc.Concurrency
	if workers <= 0 {
		workers = 32
	}
	sample := lc.SampleSize
	if sample <= 0 {
		sample = 20
	}
	var sum LinkSummary
	jobs := make(chan Link)
	results := make(chan LinkResult)
	skipped := make(chan struct{})
	// also records the further properties a URL appeared under, for All;
	// the producer writes it, Run reads it once the producer is done.
	also := map[string][]string{}
	produced := make(chan struct{})
	go func() {
		defer close(produced)
		defer close(jobs)
		seen := map[uint64]string{}
		seed := maphash.MakeSeed()
		for l := range links {
			h := maphash.String(seed, l.URL)
			if kind, dup := seen[h]; dup {
				if lc.KeepAll && kind != l.Kind && !slices.Contains(also[l.URL], l.Kind) {
					also[l.URL] = append(also[l.URL], l.Kind)
				}
				continue
			}
			seen[h] = l.Kind
			if !isHTTPURL(l.URL) {
				select {
				case skipped <- struct{}{}:
					continue
				case <-ctx.Done():
					return
				}
			}
			select {
			case jobs <- l:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for l := range jobs {
				results <- lc.Check(ctx, l)
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()
	done := 0
	for results != nil {
		select {
		case <-skipped:
			sum.Skipped++
			done++
		case r, ok := <-results:
			if !ok {
				results = nil
				continue
			}
			done++
			sum.Checked++
			if lc.KeepAll {
				sum.All = append(sum.All, r)
			}
			if r.OK {
				sum.OK++
			} else {
				sum.Broken++
				if len(sum.BrokenSample) < sample {
					sum.BrokenSample = append(sum.BrokenSample, r)
				}
			}
			if r.CORS != nil && !*r.CORS {
				sum.NoCORS++
				if len(sum.NoCORSSample) < sample {
					sum.NoCORSSample = append(sum.NoCORSSample, r.URL)
				}
			}
		}
		if lc.Progress != nil {
			lc.Progress(done, total)
		}
	}
	<-produced
	for i := range sum.All {
		r := &sum.All[i]
		r.Kinds = append([]string{r.Kind}, also[r.URL]...)
		slices.Sort(r.Kinds)
	}
	return sum
}

func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// Check checks one link: HEAD, or GET of its first byte when HEAD is
// refused with 405 or 501; redirects are followed and a final 2xx or 3xx
// status is OK.
func (lc *LinkChecker) Check(ctx context.Context, l Link) (res LinkResult) {
	res = LinkResult{Link: l}
	start := time.Now()
	defer func() { res.DurationMs = time.Since(start).Milliseconds() }()
	var h http.Header
	origin := lc.Origin
	if origin == "" {
		origin = DefaultPortalOrigin
	}
	if l.Kind == "endpointDescription" {
		h = http.Header{"Origin": {origin}}
	}
	resp, err := lc.Client.Head(ctx, l.URL, h)
	if err == nil && (resp.StatusCode == http.StatusMethodNotAllowed || resp.StatusCode == http.StatusNotImplemented) {
		resp.Body.Close()
		g := http.Header{"Range": {"bytes=0-0"}}
		for k, v := range h {
			g[k] = v
		}
		resp, err = lc.Client.Get(ctx, l.URL, g)
	}
	if err != nil {
		res.Error = linkError(err)
		return res
	}
	resp.Body.Close()
	res.Status = resp.StatusCode
	res.OK = resp.StatusCode >= 200 && resp.StatusCode < 400
	if l.Kind == "endpointDescription" && res.OK {
		acao := resp.Header.Get("Access-Control-Allow-Origin")
		cors := acao == "*" || acao == origin
		res.CORS = &cors
	}
	return res
}

// linkError is a short reason for a failed link request, fit to publish.
func linkError(err error) string { return outbound.PublicError(err) }
