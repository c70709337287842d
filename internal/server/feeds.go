package server

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/internal/publish"
)

// FeedService builds and caches DCAT documents; internal/feeds implements it.
type FeedService interface {
	Version(ctx context.Context, r publish.Request) (publish.Version, error)
	Open(ctx context.Context, r publish.Request, v publish.Version, gz bool) (*publish.Snapshot, error)
}

// feedCacheControl lets caches keep a feed five minutes and then revalidate
// cheaply with the ETag.
const feedCacheControl = "public, max-age=300"

var feedQueryParams = []map[string]any{
	{"name": "page", "in": "query", "description": "hydra page from 1; without it the whole catalog comes as one document", "schema": map[string]any{"type": "integer", "minimum": 1}},
	{"name": "limit", "in": "query", "description": "datasets per page", "schema": map[string]any{"type": "integer", "minimum": 1, "maximum": maxLimit, "default": defaultLimit}},
}

func rdfTypes() []string {
	out := make([]string, 0, len(rdfio.Formats))
	for _, f := range rdfio.Formats {
		out = append(out, f.MediaType())
	}
	return out
}

// feedRoutes lists the feed routes: GET and HEAD, with and without a format suffix.
func (s *Server) feedRoutes() []route {
	var rt []route
	add := func(path, summary string, handle gin.HandlerFunc, params []map[string]any) {
		for _, m := range []string{"GET", "HEAD"} {
			rt = append(rt, route{Method: m, Path: path, Summary: summary, Tag: "feeds", Produces: rdfTypes(), Status: 200, Handle: handle, extraParams: params})
		}
	}
	add("/catalog", "The national catalog: every agency's catalog as a dcterms:hasPart sub-catalog (RDF/XML by default; Accept negotiates)", s.nationalFeed(""), feedQueryParams)
	add("/agencies/:orgnr/datasets/dcat", "An agency's DCAT-AP-SE catalog, the document dataportal.se harvests (RDF/XML by default; Accept negotiates)", s.agencyFeed(""), feedQueryParams)
	for _, f := range rdfio.Formats {
		add("/catalog."+f.Extension(), "The national catalog as "+f.MediaType(), s.nationalFeed(f), feedQueryParams)
		add("/agencies/:orgnr/datasets/dcat."+f.Extension(), "An agency's catalog as "+f.MediaType(), s.agencyFeed(f), feedQueryParams)
	}
	add("/datasets/:id", "One dataset's own description; its IRI dereferences here (suffix .rdf, .ttl, .nt or .jsonld, or Accept)", s.datasetFeed, nil)
	return rt
}

func (s *Server) nationalFeed(f rdfio.Format) gin.HandlerFunc {
	return func(c *gin.Context) {
		if f == "" && wantsHTML(c.Request) {
			s.catalogPage(c, "")
			return
		}
		req, ok := s.feedRequest(c, f, true)
		if ok {
			s.serveFeed(c, req)
		}
	}
}

func (s *Server) agencyFeed(f rdfio.Format) gin.HandlerFunc {
	return func(c *gin.Context) {
		org, ok := s.orgParam(c)
		if !ok {
			return
		}
		if f == "" && wantsHTML(c.Request) {
			s.catalogPage(c, org)
			return
		}
		req, ok := s.feedRequest(c, f, true)
		if !ok {
			return
		}
		req.Org = org
		s.serveFeed(c, req)
	}
}

func (s *Server) datasetFeed(c *gin.Context) {
	id := c.Param("id")
	var f rdfio.Format
	for _, cand := range rdfio.Formats {
		if strings.HasSuffix(id, "."+cand.Extension()) {
			id, f = strings.TrimSuffix(id, "."+cand.Extension()), cand
			break
		}
	}
	if f == "" && wantsHTML(c.Request) {
		s.datasetPage(c, id)
		return
	}
	req, ok := s.feedRequest(c, f, false)
	if !ok {
		return
	}
	req.DatasetID = id
	s.serveFeed(c, req)
}

// feedRequest settles the format (suffix, else Accept) and, where allowed, paging.
func (s *Server) feedRequest(c *gin.Context, f rdfio.Format, paged bool) (publish.Request, bool) {
	if f == "" {
		var ok bool
		if f, ok = negotiate(c.GetHeader("Accept")); !ok {
			s.problem(c, newProblem(http.StatusNotAcceptable, "not-acceptable", "Not acceptable",
				"This resource is available as "+strings.Join(rdfTypes(), ", ")+"."))
			return publish.Request{}, false
		}
	}
	req := publish.Request{Format: f}
	if paged && (c.Query("page") != "" || c.Query("limit") != "") {
		p, ok := s.pageParams(c)
		if !ok {
			return req, false
		}
		req.Page, req.Limit = p.Number, p.Limit
	}
	return req, true
}

// serveFeed answers with the document's headers, a 304 when the client's
// copy is current (without building anything), or the snapshot bytes.
func (s *Server) serveFeed(c *gin.Context, req publish.Request) {
	v, err := s.deps.Feeds.Version(c.Request.Context(), req)
	if err != nil {
		if errors.Is(err, catalog.ErrNotFound) {
			s.problem(c, notFound("No such catalog or dataset."))
			return
		}
		s.storeProblem(c, err, "The document")
		return
	}
	gz := acceptsGzip(c.GetHeader("Accept-Encoding"))
	h := c.Writer.Header()
	h.Set("Vary", "Accept, Accept-Encoding")
	h.Set("Cache-Control", cacheControl(v))
	h.Set("Content-Type", contentType(req.Format))
	setVersion(h, v, gz)
	if notModified(c.Request, h.Get("ETag"), v.Modified) {
		c.Status(http.StatusNotModified)
		c.Writer.WriteHeaderNow()
		return
	}
	snap, err := s.deps.Feeds.Open(c.Request.Context(), req, v, gz)
	if err != nil {
		s.storeProblem(c, err, "The document")
		return
	}
	defer snap.Content.Close()
	setVersion(h, snap.Version, gz)
	if gz {
		h.Set("Content-Encoding", "gzip")
	}
	http.ServeContent(c.Writer, c.Request, "", snap.Modified, snap.Content)
}

func setVersion(h http.Header, v publish.Version, gz bool) {
	tag := v.ETag
	if gz {
		// A strong tag names exact bytes: the gzip variant has its own.
		tag = strings.TrimSuffix(tag, `"`) + `-gz"`
	}
	h.Set("ETag", tag)
	h.Set("Last-Modified", v.Modified.UTC().Format(http.TimeFormat))
}

func contentType(f rdfio.Format) string {
	switch f {
	case rdfio.Turtle:
		return "text/turtle; charset=utf-8"
	case rdfio.TriG:
		return "application/trig; charset=utf-8"
	default:
		return f.MediaType()
	}
}

// notModified applies RFC 9110 §13.2.2: If-None-Match wins; If-Modified-Since
// counts only without it.
func notModified(r *http.Request, etag string, modified time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, t := range strings.Split(inm, ",") {
			t = strings.TrimSpace(t)
			if t == "*" || strings.TrimPrefix(t, "W/") == etag {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" {
		if t, err := http.ParseTime(ims); err == nil && !modified.Truncate(time.Second).After(t) {
			return true
		}
	}
	return false
}

// negotiate picks the RDF syntax an Accept header prefers. No header means
// RDF/XML, what dataportal.se harvests.
func negotiate(accept string) (rdfio.Format, bool) {
	return negotiateBy(accept, rdfio.RDFXML, formatForRange)
}

// negotiateBy picks the syntax an Accept header prefers, given how each
// media range maps to a syntax and how specifically (forRange); no header
// means fallback. Of equal q values the more specific range wins.
func negotiateBy(accept string, fallback rdfio.Format, forRange func(mediaRange string) (rdfio.Format, int)) (rdfio.Format, bool) {
	if strings.TrimSpace(accept) == "" {
		return fallback, true
	}
	best, bestQ, bestSpecific := rdfio.Format(""), 0.0, -1
	for _, part := range strings.Split(accept, ",") {
		mt, q := parseMediaRange(part)
		f, specific := forRange(mt)
		if f == "" || q <= 0 {
			continue
		}
		if q > bestQ || (q == bestQ && specific > bestSpecific) {
			best, bestQ, bestSpecific = f, q, specific
		}
	}
	return best, best != ""
}

func parseMediaRange(s string) (string, float64) {
	fields := strings.Split(s, ";")
	mt := strings.ToLower(strings.TrimSpace(fields[0]))
	q := 1.0
	for _, p := range fields[1:] {
		k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
		if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
			if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
				q = f
			} else {
				q = 0
			}
		}
	}
	return mt, q
}

// formatForRange maps a media range to a syntax and says how specific the
// match is (2 exact, 1 type wildcard, 0 */*).
func formatForRange(mt string) (rdfio.Format, int) {
	switch mt {
	case "*/*":
		return rdfio.RDFXML, 0
	case "application/*":
		return rdfio.RDFXML, 1
	case "text/*":
		return rdfio.Turtle, 1
	case "application/xml", "text/xml":
		return rdfio.RDFXML, 2
	case "application/json":
		return rdfio.JSONLD, 2
	}
	for _, f := range rdfio.Formats {
		if mt == f.MediaType() {
			return f, 2
		}
	}
	if mt == "application/x-turtle" {
		return rdfio.Turtle, 2
	}
	return "", -1
}

func acceptsGzip(ae string) bool {
	for _, part := range strings.Split(ae, ",") {
		mt, q := parseMediaRange(part)
		if (mt == "gzip" || mt == "x-gzip") && q > 0 {
			return true
		}
	}
	return false
}
