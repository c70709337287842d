package server

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/internal/problem"
	"github.com/katalog-se/katalog/internal/publish"
)

// immutableCacheControl lets caches keep a full page of a change feed for
// a year without asking again: it never changes.
const immutableCacheControl = "public, max-age=31536000, immutable"

var changeFeedParams = []map[string]any{
	{"name": "after", "in": "query", "description": "the page that starts after this change (a sequence number, as the tree:relation links give it); without it the first page", "schema": map[string]any{"type": "integer", "minimum": 0}},
}

func feedTypes() []string {
	out := make([]string, 0, len(publish.FeedFormats))
	for _, f := range publish.FeedFormats {
		out = append(out, f.MediaType())
	}
	return out
}

// changeFeedRoutes lists the change feed routes: GET and HEAD, with and
// without a format suffix.
func (s *Server) changeFeedRoutes() []route {
	var rt []route
	add := func(path, summary string, handle gin.HandlerFunc) {
		for _, m := range []string{"GET", "HEAD"} {
			rt = append(rt, route{Method: m, Path: path, Summary: summary, Tag: "feeds", Produces: feedTypes(), Status: 200, Handle: handle, extraParams: changeFeedParams})
		}
	}
	add("/catalog/feed", "The national change feed (DCAT-AP Feeds, LDES): every change of every agency's catalog as an as:Create, as:Update or as:Delete with the entity's DCAT-AP-SE description as a named graph, in pages linked by tree:relation (TriG by default; Accept negotiates JSON-LD and N-Quads)", s.changeFeed(""))
	add("/agencies/:orgnr/datasets/feed", "An agency's change feed (DCAT-AP Feeds, LDES): every change of its catalog as an event, in pages linked by tree:relation; a full page never changes (TriG by default; Accept negotiates JSON-LD and N-Quads)", s.changeFeed(""))
	for _, f := range publish.FeedFormats {
		add("/catalog/feed."+f.Extension(), "The national change feed as "+f.MediaType(), s.changeFeed(f))
		add("/agencies/:orgnr/datasets/feed."+f.Extension(), "An agency's change feed as "+f.MediaType(), s.changeFeed(f))
	}
	return rt
}

func (s *Server) changeFeed(f rdfio.Format) gin.HandlerFunc {
	return func(c *gin.Context) {
		req, ok := s.changeFeedRequest(c, f)
		if ok {
			s.serveFeed(c, req)
		}
	}
}

// changeFeedRequest settles the agency (none for the national feed), the
// format (suffix, else Accept) and the page.
func (s *Server) changeFeedRequest(c *gin.Context, f rdfio.Format) (publish.Request, bool) {
	req := publish.Request{Feed: true, Limit: s.deps.FeedPageSize}
	if c.Param("orgnr") != "" {
		org, ok := s.orgParam(c)
		if !ok {
			return req, false
		}
		req.Org = org
	}
	if f == "" {
		var ok bool
		if f, ok = negotiateFeed(c.GetHeader("Accept")); !ok {
			s.problem(c, newProblem(http.StatusNotAcceptable, "not-acceptable", "Not acceptable",
				"A change feed is available as "+strings.Join(feedTypes(), ", ")+"."))
			return req, false
		}
	}
	req.Format = f
	if v := c.Query("after"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			p := badRequest("Invalid page of the change feed.")
			p.Errors = []problem.FieldError{{Pointer: "?after", Detail: "after must be a whole number from 0",
				Message: map[string]string{"sv": "after ska vara ett heltal från 0", "en": "after must be a whole number from 0"}}}
			s.problem(c, p)
			return req, false
		}
		req.After = n
	}
	return req, true
}

// negotiateFeed picks the syntax of a change feed an Accept header
// prefers: TriG without one (or for */*), as DCAT-AP Feeds names it first.
func negotiateFeed(accept string) (rdfio.Format, bool) {
	return negotiateBy(accept, rdfio.TriG, feedFormatForRange)
}

// feedFormatForRange maps a media range to a change feed's syntax and says
// how specific the match is (2 exact, 1 type wildcard, 0 */*).
func feedFormatForRange(mt string) (rdfio.Format, int) {
	switch mt {
	case "*/*":
		return rdfio.TriG, 0
	case "application/*":
		return rdfio.TriG, 1
	case "application/x-trig":
		return rdfio.TriG, 2
	case "application/json":
		return rdfio.JSONLD, 2
	case "text/x-nquads":
		return rdfio.NQuads, 2
	}
	for _, f := range publish.FeedFormats {
		if mt == f.MediaType() {
			return f, 2
		}
	}
	return "", -1
}

// cacheControl is the Cache-Control of a document: a year, immutable, for
// one that never changes; five minutes, then revalidation with its ETag,
// for the others.
func cacheControl(v publish.Version) string {
	if v.Immutable {
		return immutableCacheControl
	}
	return feedCacheControl
}

// changeFeedDefaults fills in the change feed settings of d.
func changeFeedDefaults(d *Deps) {
	if d.FeedPageSize <= 0 {
		d.FeedPageSize = publish.DefaultFeedPageSize
	}
}
