package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/problem"
	"github.com/katalog-se/katalog/internal/token"
)

// bearer extracts the bearer token of the request, or "".
func bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	const p = "bearer "
	if len(h) > len(p) && strings.EqualFold(h[:len(p)], p) {
		return strings.TrimSpace(h[len(p):])
	}
	return ""
}

// isOperator compares the presented token with the operator's in constant time.
func (s *Server) isOperator(token string) bool {
	if token == "" || s.deps.AdminToken == "" {
		return false
	}
	h := sha256.Sum256([]byte(token))
	return subtle.ConstantTimeCompare(h[:], s.adminHash[:]) == 1
}

func unauthorized() *problem.Problem {
	return newProblem(http.StatusUnauthorized, "unauthorized", "Unauthorized",
		"This request needs a valid bearer token (Authorization: Bearer TOKEN).")
}

func forbidden(detail string) *problem.Problem {
	return newProblem(http.StatusForbidden, "forbidden", "Forbidden", detail)
}

// requireOperator lets only the operator through.
func (s *Server) requireOperator(c *gin.Context) {
	tok := bearer(c.Request)
	if tok == "" {
		s.problem(c, unauthorized())
		return
	}
	if !s.isOperator(tok) {
		if s.isSomeAgency(c, tok) {
			s.problem(c, forbidden("Only the operator may do this."))
			return
		}
		s.problem(c, unauthorized())
		return
	}
	c.Next()
}

// requireAgency lets through the operator and the agency named by :orgnr.
// Another agency's valid token gets 403; an unknown token 401.
func (s *Server) requireAgency(c *gin.Context) {
	tok := bearer(c.Request)
	if tok == "" {
		s.problem(c, unauthorized())
		return
	}
	ok, err := s.mayWrite(c, tok)
	switch {
	case err != nil:
		s.internal(c, err)
	case ok:
		c.Next()
	case s.isSomeAgency(c, tok):
		s.problem(c, forbidden("This token belongs to another agency: an agency writes only its own data."))
	default:
		s.problem(c, unauthorized())
	}
}

// mayWrite reports whether tok is the operator's or that of the agency
// :orgnr names, comparing hashes in constant time.
func (s *Server) mayWrite(c *gin.Context, tok string) (bool, error) {
	if s.isOperator(tok) {
		return true, nil
	}
	org, err := catalog.ParseOrgNumber(c.Param("orgnr"))
	if err != nil {
		return false, nil
	}
	stored, err := s.deps.Store.AgencyTokenHash(c.Request.Context(), org)
	switch {
	case errors.Is(err, catalog.ErrNotFound):
		return false, nil
	case err != nil:
		return false, err
	}
	return subtle.ConstantTimeCompare(token.Hash(tok), stored) == 1, nil
}

// isSomeAgency reports whether tok is a valid token of any agency. Tokens
// carry the agency's org number nowhere, so this asks the store by hash.
func (s *Server) isSomeAgency(c *gin.Context, tok string) bool {
	_, err := s.deps.Store.AgencyByTokenHash(c.Request.Context(), token.Hash(tok))
	return err == nil
}
