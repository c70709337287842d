package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/catalog"
)

// What an agency's latest observation says, for GET …/observed.
const (
	// observedNone: katalog has not looked yet.
	observedNone = "notObserved"
	// observedFound: the agency's own catalog was read.
	observedFound = "found"
	// observedNoOwn: no harvest URL, and no catalog at the conventional
	// address: the agency has no own catalog there, which is not an error.
	observedNoOwn = "noOwnCatalog"
	// observedUnreadable: the registered harvest URL gave no catalog.
	observedUnreadable = "unreadable"
)

// observedMessages are the statuses' texts in Swedish and English.
var observedMessages = map[string]catalog.LangString{
	observedNone: {"sv": "Myndighetens egen katalog har inte observerats ännu.",
		"en": "The agency's own catalog has not been observed yet."},
	observedFound: {"sv": "Myndighetens egen katalog lästes där den publiceras.",
		"en": "The agency's own catalog was read where it is published."},
	observedNoOwn: {"sv": "Ingen egen katalog hittades på den konventionella adressen (https://<webbplatsens värd>/datasets/dcat); myndigheten har ingen registrerad skördningsadress.",
		"en": "No own catalog found at the conventional address (https://<homepage host>/datasets/dcat); the agency has registered no harvest URL."},
	observedUnreadable: {"sv": "Den registrerade skördningsadressen gav ingen katalog som kunde läsas.",
		"en": "The registered harvest URL gave no catalog that could be read."},
}

// observedBody is the answer of GET /api/v1/agencies/{orgnr}/observed.
type observedBody struct {
	Agency catalog.OrgNumber `json:"agency"`
	// Status sums up the latest observation (observedNone, …) and Message
	// says it in Swedish and English.
	Status      string               `json:"status"`
	Message     catalog.LangString   `json:"message"`
	Observation *catalog.Observation `json:"observation"`
	// Latest is the newest version of the agency's catalog (null: none).
	Latest   *observedVersion          `json:"latest"`
	Versions listPage[observedVersion] `json:"versions"`
}

// observedVersion is one catalog version with the address of its graph.
type observedVersion struct {
	catalog.ObservedCatalog
	// Graph is where the version's graph is served as N-Triples.
	Graph string `json:"graph"`
}

// observedParams document the paging of the versions.
var observedParams = []map[string]any{
	{"name": "limit", "in": "query", "description": "versions per page", "schema": map[string]any{"type": "integer", "minimum": 1, "maximum": maxLimit, "default": defaultLimit}},
	{"name": "page", "in": "query", "description": "page of versions, from 1", "schema": map[string]any{"type": "integer", "minimum": 1, "default": 1}},
}

// getObserved answers what the agency publishes where it publishes it:
// the latest observation, the latest catalog version and a page of the
// versions, newest first.
func (s *Server) getObserved(c *gin.Context) {
	org, p, ok := s.agencyListing(c)
	if !ok {
		return
	}
	body, err := s.observedView(c.Request.Context(), org, p)
	if err != nil {
		s.storeProblem(c, err, "The observations of agency "+org.String())
		return
	}
	c.JSON(http.StatusOK, body)
}

// observedView reads the body of getObserved.
func (s *Server) observedView(ctx context.Context, org catalog.OrgNumber, p catalog.Page) (*observedBody, error) {
	b := &observedBody{Agency: org}
	o, err := s.deps.Store.LatestObservation(ctx, org)
	switch {
	case err == nil:
		b.Observation = o
	case !errors.Is(err, catalog.ErrNotFound):
		return nil, err
	}
	b.Status = observedStatus(b.Observation)
	b.Message = observedMessages[b.Status]
	list, total, err := s.deps.Store.ObservedCatalogs(ctx, org, p)
	if err != nil {
		return nil, err
	}
	b.Versions = listPage[observedVersion]{Items: []observedVersion{}, Page: p.Number, Limit: p.Limit, Total: total}
	for _, v := range list {
		b.Versions.Items = append(b.Versions.Items, observedVersion{ObservedCatalog: v, Graph: graphPath(org, v.ID)})
	}
	if p.Number != 1 && total > 0 {
		if list, _, err = s.deps.Store.ObservedCatalogs(ctx, org, catalog.Page{Number: 1, Limit: 1}); err != nil {
			return nil, err
		}
	}
	if len(list) > 0 {
		b.Latest = &observedVersion{ObservedCatalog: list[0], Graph: graphPath(org, list[0].ID)}
	}
	return b, nil
}

// observedStatus sums up an observation (nil: none yet).
func observedStatus(o *catalog.Observation) string {
	switch {
	case o == nil:
		return observedNone
	case o.Found:
		return observedFound
	case o.Discovered:
		return observedNoOwn
	}
	return observedUnreadable
}

// graphPath is where version id of org's catalog is served.
func graphPath(org catalog.OrgNumber, id int64) string {
	return fmt.Sprintf("/api/v1/agencies/%s/observed/%d.nt", org, id)
}

// getObservedGraph serves one version's graph, {id}.nt, as canonical
// N-Triples: gzip-encoded as stored when the client accepts gzip. The
// ETag is the graph's hash; the graph never changes.
func (s *Server) getObservedGraph(c *gin.Context) {
	org, ok := s.orgParam(c)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(strings.TrimSuffix(c.Param("file"), ".nt"), 10, 64)
	if err != nil || id < 1 || !strings.HasSuffix(c.Param("file"), ".nt") {
		s.problem(c, notFound("Catalog version "+c.Param("file")+" not found; ask for {id}.nt"))
		return
	}
	ctx := c.Request.Context()
	v, err := s.deps.Store.ObservedCatalog(ctx, org, id)
	if err != nil {
		s.storeProblem(c, err, "Catalog version "+strconv.FormatInt(id, 10))
		return
	}
	s.serveGraph(c, v, func() ([]byte, error) { return s.deps.Store.ObservedGraph(ctx, v.Hash) })
}

// serveGraph answers with the graph of version v, which read returns as
// gzip-compressed N-Triples: 304 when the client has it (without reading
// the graph), the stored bytes as they are to a client that accepts gzip,
// else decompressed.
func (s *Server) serveGraph(c *gin.Context, v *catalog.ObservedCatalog, read func() ([]byte, error)) {
	zipped := acceptsGzip(c.GetHeader("Accept-Encoding"))
	etag := `"` + v.Hash + `"`
	if zipped {
		etag = `"` + v.Hash + `-gz"` // a strong tag names exact bytes
	}
	h := c.Writer.Header()
	h.Set("ETag", etag)
	h.Set("Last-Modified", v.FirstSeen.UTC().Format(http.TimeFormat))
	h.Set("Vary", "Accept-Encoding")
	h.Set("Cache-Control", "public, max-age=86400, immutable")
	if notModified(c.Request, etag, v.FirstSeen) {
		c.Status(http.StatusNotModified)
		c.Writer.WriteHeaderNow()
		return
	}
	gz, err := read()
	if err != nil {
		s.storeProblem(c, err, "Catalog version "+strconv.FormatInt(v.ID, 10))
		return
	}
	body, err := gunzipped(gz, zipped)
	if err != nil {
		s.internal(c, err)
		return
	}
	if zipped {
		h.Set("Content-Encoding", "gzip")
	}
	c.Data(http.StatusOK, "application/n-triples", body)
}

// gunzipped returns gz decompressed, or as it is when keep is true.
func gunzipped(gz []byte, keep bool) ([]byte, error) {
	if keep {
		return gz, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("observed graph: %w", err)
	}
	body, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("observed graph: %w", err)
	}
	return body, nil
}
