package server

import (
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/importer"
	"github.com/katalog-se/katalog/internal/problem"
)

// importParams documents the import route's query parameters.
var importParams = []map[string]any{
	{"name": "format", "in": "query", "required": false, "description": "auto (default: from Content-Type and first bytes), rdfxml, turtle, ntriples, jsonld or processor-json. The body is the feed, or a multipart/form-data form: an optional part catalog (the Processor catalog.json of its multi-file mode) and then the part feed", "schema": map[string]any{"type": "string"}},
	{"name": "name", "in": "query", "required": false, "description": "the file name of the body, e.g. catalog.ttl: a hint for format auto", "schema": map[string]any{"type": "string"}},
	{"name": "base", "in": "query", "required": false, "description": "base IRI of relative IRIs in the document", "schema": map[string]any{"type": "string"}},
	{"name": "dryRun", "in": "query", "required": false, "description": "true: answer what the import would add, update, leave and remove, and write nothing", "schema": map[string]any{"type": "boolean"}},
	{"name": "allowRemovals", "in": "query", "required": false, "description": "true: let the import remove the agency's datasets the document lacks (without it such an import is refused with 409, naming them)", "schema": map[string]any{"type": "boolean"}},
	{"name": "strict", "in": "query", "required": false, "description": "true: refuse a document with DCAT-AP-SE errors (422, a rule id per error) instead of importing it with them in the report", "schema": map[string]any{"type": "boolean"}},
}

// Parts of a multipart/form-data import: the Processor's multi-file mode
// sends its catalog.json beside the datasets file.
const (
	partCatalog = "catalog"
	partFeed    = "feed"
)

// importFeed makes the body (a DCAT feed or Processor JSON) the agency's
// whole catalog, all or nothing, and answers with what changed.
func (s *Server) importFeed(c *gin.Context) {
	org, ok := s.orgParam(c)
	if !ok {
		return
	}
	release, ok := s.slot(c, s.imports, "imports")
	if !ok {
		return
	}
	defer release()
	src, ok := s.importSource(c)
	if !ok {
		return
	}
	rep, err := s.deps.Writes.Import(c.Request.Context(), org, src)
	if err != nil {
		s.importProblem(c, err, org)
		return
	}
	c.JSON(http.StatusOK, rep)
}

// importSource reads the import's body, a plain document or a multipart
// form, within the import's size limit.
func (s *Server) importSource(c *gin.Context) (importer.Source, bool) {
	limit := s.importLimit()
	if c.Request.ContentLength > limit {
		s.problem(c, tooLarge(limit))
		return importer.Source{}, false
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
	opts, bad := importOptions(c)
	if bad != nil {
		s.problem(c, bad)
		return importer.Source{}, false
	}
	src := importer.Source{Body: c.Request.Body, Name: c.Query("name"), MediaType: c.ContentType(), Format: c.Query("format"), Base: c.Query("base"), Options: opts}
	if src.MediaType != "multipart/form-data" {
		return src, true
	}
	src, err := multipartSource(c.Request, src)
	if err != nil {
		s.importProblem(c, err, "")
		return src, false
	}
	return src, true
}

// importOptions reads the import's choices: dryRun, allowRemovals and
// strict, each true or false (or 1, 0), and checks base, if given, is an
// absolute IRI; anything else is a 400.
func importOptions(c *gin.Context) (importer.Options, *problem.Problem) {
	var opts importer.Options
	for name, dst := range map[string]*bool{"dryRun": &opts.DryRun, "allowRemovals": &opts.AllowRemovals, "strict": &opts.Strict} {
		v, ok := c.GetQuery(name)
		if !ok {
			continue
		}
		b, err := strconv.ParseBool(v)
		if err != nil {
			return opts, newProblem(http.StatusBadRequest, "bad-parameter", "Bad query parameter",
				fmt.Sprintf("%s=%q: want true or false; nothing was changed.", name, v))
		}
		*dst = b
	}
	return opts, baseProblem(c.Query("base"))
}

// importProblem answers a failed import: over the size limit 413, bad
// input its own problem, an unknown agency 404, anything else as the store
// says.
func (s *Server) importProblem(c *gin.Context, err error, org catalog.OrgNumber) {
	var p *problem.Problem
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		s.problem(c, tooLarge(s.importLimit()))
	case errors.As(err, &p):
		s.problem(c, p)
	default:
		s.storeProblem(c, err, "Agency "+org.String())
	}
}

// multipartSource reads a multipart/form-data import: an optional part
// "catalog" (the Processor's catalog.json, read whole) and then the part
// "feed", which is streamed to the importer and must come last. A part's
// file name and Content-Type stand in for the name and media type of a
// plain body; the format query parameter still applies.
func multipartSource(r *http.Request, src importer.Source) (importer.Source, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return src, badForm(err.Error())
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return src, badForm(`no part named "feed"`)
		}
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return src, err
		}
		if err != nil {
			return src, badForm(err.Error())
		}
		switch part.FormName() {
		case partCatalog:
			if src.ProcessorCatalog, err = io.ReadAll(part); err != nil {
				if errors.As(err, &mbe) {
					return src, err
				}
				return src, badForm(fmt.Sprintf("part %q: %v", partCatalog, err))
			}
			src.CatalogName = partName(part, "catalog.json")
		case partFeed:
			src.Body, src.Name = part, partName(part, src.Name)
			src.MediaType = part.Header.Get("Content-Type")
			return src, nil
		default:
			return src, badForm(fmt.Sprintf("unknown part %q: the parts are %q (optional, first) and %q", part.FormName(), partCatalog, partFeed))
		}
	}
}

// partName is the part's file name, or def.
func partName(p *multipart.Part, def string) string {
	if n := p.FileName(); n != "" {
		return n
	}
	return def
}

func badForm(detail string) *problem.Problem {
	return newProblem(http.StatusBadRequest, "bad-form", "Malformed multipart import", detail+"; nothing was changed.")
}
