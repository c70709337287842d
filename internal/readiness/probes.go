package readiness

import (
	"context"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"sync"

	"github.com/katalog-se/katalog/internal/outbound"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
)

// probeResult is what the probes of a check found; apply puts it into the
// result once every probe is done (they run at the same time).
type probeResult struct {
	findings []Finding
	offers   []string
}

func (p probeResult) apply(res *Result) {
	res.Findings = append(res.Findings, p.findings...)
	res.Offers = append(res.Offers, p.offers...)
}

// probe asks the server, all at once, whether it revalidates (a
// conditional GET) and which other RDF syntaxes it offers (one HEAD per
// syntax). No probe reads a body: a full download happens once per check.
func (c *Checker) probe(ctx context.Context, res *Result, first *outbound.Response) probeResult {
	var (
		mu  sync.Mutex
		out probeResult
		wg  sync.WaitGroup
	)
	add := func(rule, evidence string) {
		mu.Lock()
		out.findings = append(out.findings, finding(rule, evidence))
		mu.Unlock()
	}
	wg.Go(func() { c.probeCaching(ctx, res.FinalURL, first, add) })
	target := res.FinalURL
	if target == "" || res.HTTPStatus != http.StatusOK {
		wg.Wait()
		return out
	}
	if f, err := rdfio.ParseFormat(res.ContentType); err == nil && f == rdfio.RDFXML {
		out.offers = append(out.offers, acceptRDFXML)
	}
	formats := []rdfio.Format{rdfio.Turtle, rdfio.NTriples, rdfio.JSONLD}
	offered := make([]bool, len(formats))
	for i, f := range formats {
		wg.Go(func() { offered[i] = c.offers(ctx, target, f) })
	}
	wg.Wait()
	var extra []string
	for i, f := range formats {
		if offered[i] {
			out.offers = append(out.offers, f.MediaType())
			extra = append(extra, f.MediaType())
		}
	}
	if len(extra) > 0 {
		out.findings = append(out.findings, finding(RuleOffers, strings.Join(extra, ", ")))
	}
	return out
}

// probeCaching revalidates with the validators the first response gave
// and expects 304 Not Modified. A server that ignores the condition and
// sends the catalog again has its body closed unread.
func (c *Checker) probeCaching(ctx context.Context, target string, first *outbound.Response, add func(rule, evidence string)) {
	if first == nil {
		return
	}
	etag, lm := first.Header.Get("ETag"), first.Header.Get("Last-Modified")
	if etag == "" && lm == "" {
		add(RuleCachingMissing, "")
		return
	}
	h := http.Header{"Accept": {acceptRDFXMLFirst}}
	if etag != "" {
		h.Set("If-None-Match", etag)
	}
	if lm != "" {
		h.Set("If-Modified-Since", lm)
	}
	resp, err := c.opts.Client.GetStream(ctx, target, h)
	if err != nil {
		add(RuleCachingNo304, linkError(err))
		return
	}
	resp.Body.Close() // unread: the catalog is not downloaded twice
	if resp.StatusCode != http.StatusNotModified {
		add(RuleCachingNo304, fmt.Sprintf("HTTP %d", resp.StatusCode))
	}
}

// offers reports whether target answers a request for syntax f with it:
// a HEAD, or, when HEAD is refused (405, 501), a GET closed as soon as its
// headers are in.
func (c *Checker) offers(ctx context.Context, target string, f rdfio.Format) bool {
	h := http.Header{"Accept": {f.MediaType()}}
	resp, err := c.opts.Client.Head(ctx, target, h)
	if err == nil && (resp.StatusCode == http.StatusMethodNotAllowed || resp.StatusCode == http.StatusNotImplemented) {
		resp.Body.Close()
		resp, err = c.opts.Client.GetStream(ctx, target, h)
	}
	if err != nil {
		return false
	}
	resp.Body.Close() // unread
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	return resp.StatusCode == http.StatusOK && mt == f.MediaType()
}
