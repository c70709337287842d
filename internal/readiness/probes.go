package readiness

import (
	"context"
	"fmt"
	"mime"
	"net/http"
	"strings"

	"github.com/katalog-se/katalog/internal/outbound"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
)

// probeCaching revalidates with the validators the first response gave
// and expects 304 Not Modified.
func (c *Checker) probeCaching(ctx context.Context, res *Result, first *outbound.Response) {
	if first == nil {
		return
	}
	etag, lm := first.Header.Get("ETag"), first.Header.Get("Last-Modified")
	if etag == "" && lm == "" {
		res.add(RuleCachingMissing, "")
		return
	}
	h := http.Header{"Accept": {acceptRDFXMLFirst}}
	if etag != "" {
		h.Set("If-None-Match", etag)
	}
	if lm != "" {
		h.Set("If-Modified-Since", lm)
	}
	resp, err := c.opts.Client.Get(ctx, res.FinalURL, h)
	if err != nil {
		res.add(RuleCachingNo304, linkError(err))
		return
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotModified {
		res.add(RuleCachingNo304, fmt.Sprintf("HTTP %d", resp.StatusCode))
	}
}

// probeOffers asks for each other RDF syntax by Accept and lists those
// the server answers with.
func (c *Checker) probeOffers(ctx context.Context, res *Result) {
	target := res.FinalURL
	if target == "" || res.HTTPStatus != http.StatusOK {
		return
	}
	if f, err := rdfio.ParseFormat(res.ContentType); err == nil && f == rdfio.RDFXML {
		res.Offers = append(res.Offers, acceptRDFXML)
	}
	var extra []string
	for _, f := range []rdfio.Format{rdfio.Turtle, rdfio.NTriples, rdfio.JSONLD} {
		resp, err := c.opts.Client.Get(ctx, target, http.Header{"Accept": {f.MediaType()}})
		if err != nil {
			continue
		}
		resp.Body.Close()
		mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
		if resp.StatusCode == http.StatusOK && mt == f.MediaType() {
			res.Offers = append(res.Offers, mt)
			extra = append(extra, mt)
		}
	}
	if len(extra) > 0 {
		res.add(RuleOffers, strings.Join(extra, ", "))
	}
}
