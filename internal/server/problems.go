package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/problem"
)

func newProblem(status int, slug, title, detail string) *problem.Problem {
	return problem.New(status, slug, title, detail)
}

func notFound(detail string) *problem.Problem {
	return newProblem(http.StatusNotFound, "not-found", "Not found", detail)
}

func badRequest(detail string) *problem.Problem {
	return newProblem(http.StatusBadRequest, "bad-request", "Bad request", detail)
}

// problem renders p as application/problem+json and stops the chain.
func (s *Server) problem(c *gin.Context, p *problem.Problem) {
	if p.Instance == "" {
		p.Instance = c.Request.URL.Path
	}
	if wantsHTML(c.Request) {
		s.errorPage(c, p)
		return
	}
	if p.Status == http.StatusUnauthorized {
		c.Header("WWW-Authenticate", `Bearer realm="katalog"`)
	}
	body, err := json.Marshal(p)
	if err != nil {
		body = []byte(`{"title":"Internal error","status":500}`)
	}
	c.Abort()
	c.Data(p.Status, problem.MediaType, body)
}

// storeProblem maps a store error to a problem: not found (404), conflict
// (409), or what internal answers.
func (s *Server) storeProblem(c *gin.Context, err error, what string) {
	err = s.classify(err)
	switch {
	case errors.Is(err, catalog.ErrNotFound):
		s.problem(c, notFound(what+" not found"))
	case errors.Is(err, catalog.ErrConflict):
		s.problem(c, newProblem(http.StatusConflict, "conflict", "Conflict", what+" already exists"))
	default:
		s.internal(c, err)
	}
}

// classify lets the store say which of its errors mean unavailable or
// full (catalog.ErrorClassifier), if it can.
func (s *Server) classify(err error) error {
	if c, ok := s.deps.Store.(catalog.ErrorClassifier); ok {
		return c.Classify(err)
	}
	return err
}

// internal answers an error the client cannot fix, logged: database
// unavailable (503) or full (507), both with Retry-After, else 500 with no
// internals shown.
func (s *Server) internal(c *gin.Context, err error) {
	err = s.classify(err)
	log := func(msg string) {
		s.deps.Logger.ErrorContext(c.Request.Context(), msg, "method", c.Request.Method, "path", c.Request.URL.Path, "err", err)
	}
	switch {
	case errors.Is(err, catalog.ErrUnavailable):
		log("database unavailable")
		c.Header("Retry-After", "30")
		s.problem(c, newProblem(http.StatusServiceUnavailable, "unavailable", "Service unavailable",
			"The database cannot be used now; nothing was changed. Try again later."))
	case errors.Is(err, catalog.ErrStorageFull):
		log("database storage full")
		c.Header("Retry-After", "300")
		s.problem(c, newProblem(http.StatusInsufficientStorage, "storage-full", "Insufficient storage",
			"The database has no room for this write; nothing was changed. Try again once space has been freed."))
	default:
		log("request failed")
		s.problem(c, newProblem(http.StatusInternalServerError, "internal", "Internal error", "The server could not complete the request; it has been logged."))
	}
}

// readBody reads the whole request body within the configured cap. It
// answers 413 (and returns false) when the body is larger.
func (s *Server) readBody(c *gin.Context) ([]byte, bool) {
	limit := s.deps.MaxBodyBytes
	if c.Request.ContentLength > limit {
		s.problem(c, tooLarge(limit))
		return nil, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, limit))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			s.problem(c, tooLarge(limit))
			return nil, false
		}
		s.problem(c, badRequest("could not read the request body: "+err.Error()))
		return nil, false
	}
	return body, true
}

func tooLarge(limit int64) *problem.Problem {
	return newProblem(http.StatusRequestEntityTooLarge, "too-large", "Request body too large",
		fmt.Sprintf("The body is larger than the limit of %d bytes; nothing was changed.", limit))
}
