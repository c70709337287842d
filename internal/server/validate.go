package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/dcat/syntax/codec"
	"github.com/katalog-se/katalog/dcat/syntax/iri"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
	"github.com/katalog-se/katalog/dcat/validate"
	"github.com/katalog-se/katalog/internal/problem"
)

// maxReportResults caps the findings a validation report lists; its counts
// stay exact.
const maxReportResults = 10_000

// validateParams documents the validate route's query parameters.
var validateParams = []map[string]any{
	{"name": "format", "in": "query", "required": false, "description": "auto (default: from Content-Type and first bytes), rdfxml, turtle, ntriples or jsonld", "schema": map[string]any{"type": "string"}},
	{"name": "profile", "in": "query", "required": false, "description": "the application profile: dcat-ap-se-3.0.1 (default)", "schema": map[string]any{"type": "string"}},
	{"name": "base", "in": "query", "required": false, "description": "absolute IRI against which the feed's relative IRIs are resolved", "schema": map[string]any{"type": "string", "format": "iri"}},
}

// validateFeed validates the posted feed and answers with the report, the
// same JSON as `katalog validate --json`: 200 whether or not it conforms;
// 400 with line and column when it cannot be read.
func (s *Server) validateFeed(c *gin.Context) {
	p, base, pr := validateQuery(c.DefaultQuery("profile", validate.DefaultProfile), c.Query("base"))
	if pr != nil {
		s.problem(c, pr)
		return
	}
	release, ok := s.slot(c, s.validations, "validations")
	if !ok {
		return
	}
	defer release()
	r, ok := s.validationInput(c, base)
	if !ok {
		return
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), s.deps.ValidateBudget.Timeout)
	defer cancel()
	rep, err := validate.New(p, validate.WithMaxResults(maxReportResults)).Validate(ctx, r)
	if err != nil {
		s.validationProblem(c, err)
		return
	}
	c.JSON(http.StatusOK, rep)
}

// validationInput opens the posted feed for validation within its size and
// triple budget (relative IRIs against base, if given), answering the
// problem itself when it cannot.
func (s *Server) validationInput(c *gin.Context, base string) (rdfio.Reader, bool) {
	limit := s.importLimit()
	if c.Request.ContentLength > limit {
		s.problem(c, tooLarge(limit))
		return nil, false
	}
	r, _, err := codec.Open(http.MaxBytesReader(c.Writer, c.Request.Body, limit), codec.Input{MediaType: c.ContentType(),
		Format: c.Query("format"), Base: base, Limits: codec.Limits{MaxBytes: limit, MaxTriples: s.deps.ValidateBudget.MaxTriples}})
	if err != nil {
		s.problem(c, badRequest(err.Error()))
		return nil, false
	}
	return r, true
}

// validateQuery checks the validate route's profile and base parameters.
func validateQuery(profile, base string) (validate.Profile, string, *problem.Problem) {
	p, err := validate.Lookup(profile)
	if err != nil {
		return p, "", badRequest(fmt.Sprintf("unknown profile %q; katalog knows %v", profile, validate.Profiles()))
	}
	if pr := baseProblem(base); pr != nil {
		return p, "", pr
	}
	return p, base, nil
}

// baseProblem is the 400 for a base parameter that is given and not an
// absolute IRI; nil otherwise.
func baseProblem(base string) *problem.Problem {
	if base == "" {
		return nil
	}
	if err := iri.Check(base); err != nil {
		return badRequest(fmt.Sprintf("base %q is not an absolute IRI: %v", base, err))
	}
	return nil
}

// validationProblem answers a validation that did not finish: over a size
// or triple budget 413, past its time 503, unreadable input 400 with the
// line and column.
func (s *Server) validationProblem(c *gin.Context, err error) {
	budget := s.deps.ValidateBudget
	var se *rdfio.SyntaxError
	var le *rdfparse.LimitError
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		s.problem(c, tooLarge(s.importLimit()))
	case errors.As(err, &le) && le.Limit == "MaxTriples":
		s.problem(c, newProblem(http.StatusRequestEntityTooLarge, "too-many-triples", "Too many triples",
			fmt.Sprintf("Validation over HTTP reads at most %d triples; this feed has more. Validate it with katalog validate, or in parts.", budget.MaxTriples)))
	case errors.As(err, &le):
		s.problem(c, tooLarge(s.importLimit()))
	case errors.Is(err, context.DeadlineExceeded):
		c.Header("Retry-After", "60")
		s.problem(c, newProblem(http.StatusServiceUnavailable, "validation-timeout", "Validation took too long",
			fmt.Sprintf("Validation over HTTP may take at most %s; this feed took longer. Validate it with katalog validate.", budget.Timeout)))
	case errors.As(err, &se):
		pr := badRequest("the feed cannot be read: " + se.Error())
		pr.Errors = []problem.FieldError{{Line: se.Line, Column: se.Column, Detail: se.Msg}}
		s.problem(c, pr)
	default:
		s.problem(c, badRequest("the feed cannot be read: "+err.Error()))
	}
}

// importLimit is the body limit of the routes that take whole feeds.
func (s *Server) importLimit() int64 {
	if s.deps.ImportMaxBytes > 0 {
		return s.deps.ImportMaxBytes
	}
	return s.deps.MaxBodyBytes
}
