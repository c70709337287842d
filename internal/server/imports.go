package server

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/internal/importer"
	"github.com/katalog-se/katalog/internal/problem"
)

// importParams documents the import route's query parameters.
var importParams = []map[string]any{
	{"name": "format", "in": "query", "required": false, "description": "auto (default: from Content-Type and first bytes), rdfxml, turtle, ntriples, jsonld or processor-json", "schema": map[string]any{"type": "string"}},
	{"name": "name", "in": "query", "required": false, "description": "the file name of the body, e.g. catalog.ttl: a hint for format auto", "schema": map[string]any{"type": "string"}},
}

// importFeed makes the body (a DCAT feed or Processor JSON) the agency's
// whole catalog, all or nothing, and answers with what changed.
func (s *Server) importFeed(c *gin.Context) {
	org, ok := s.orgParam(c)
	if !ok {
		return
	}
	limit := s.importLimit()
	if c.Request.ContentLength > limit {
		s.problem(c, tooLarge(limit))
		return
	}
	body := http.MaxBytesReader(c.Writer, c.Request.Body, limit)
	rep, err := s.deps.Importer.Import(c, org, importer.Source{
		Body: body, Name: c.Query("name"), MediaType: c.ContentType(), Format: c.Query("format"),
	})
	var p *problem.Problem
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		s.problem(c, tooLarge(limit))
	case errors.As(err, &p):
		s.problem(c, p)
	case err != nil:
		s.storeProblem(c, err, "Agency "+org.String())
	default:
		if len(rep.Added)+len(rep.Updated)+len(rep.Removed) > 0 {
			s.changed(org)
		}
		c.JSON(http.StatusOK, rep)
	}
}
