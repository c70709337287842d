package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
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

// actorKey is the gin context key of the writer a request's token names:
// "operator" or "agency:<orgnr>:token:<id>", for the audit log.
const actorKey = "katalog.actor"

// requireOperator lets only the operator through; another valid token gets
// 403, an unknown one 401.
func (s *Server) requireOperator(c *gin.Context) {
	tok := bearer(c.Request)
	switch {
	case tok == "":
		s.problem(c, unauthorized())
	case s.isOperator(tok):
		c.Set(actorKey, "operator")
		c.Next()
	default:
		if t, err := s.agencyToken(c, tok); err != nil {
			s.internal(c, err)
		} else if t != nil {
			s.problem(c, forbidden("Only the operator may do this."))
		} else {
			s.problem(c, unauthorized())
		}
	}
}

// requireAgency lets through the operator and a live token of the agency
// named by :orgnr. Another agency's valid token gets 403; an unknown,
// revoked or expired token 401.
func (s *Server) requireAgency(c *gin.Context) {
	tok := bearer(c.Request)
	if tok == "" {
		s.problem(c, unauthorized())
		return
	}
	if s.isOperator(tok) {
		c.Set(actorKey, "operator")
		c.Next()
		return
	}
	t, err := s.agencyToken(c, tok)
	switch {
	case err != nil:
		s.internal(c, err)
	case t == nil:
		s.problem(c, unauthorized())
	case !sameOrg(t.Agency, c.Param("orgnr")):
		s.problem(c, forbidden("This token belongs to another agency: an agency writes only its own data."))
	default:
		c.Set(actorKey, fmt.Sprintf("agency:%s:token:%d", t.Agency, t.ID))
		s.touch(c, t)
		c.Next()
	}
}

// sameOrg reports whether the path's org number (perhaps hyphenated) is org.
func sameOrg(org catalog.OrgNumber, param string) bool {
	p, err := catalog.ParseOrgNumber(param)
	return err == nil && p == org
}

// agencyToken returns the live, unexpired agency token tok is, or nil. The
// store is asked by the token's SHA-256, an indexed lookup: its timing can
// tell at most how a hash compares with stored ones, and since tokens
// carry 256 random bits, that tells nothing about any token.
func (s *Server) agencyToken(c *gin.Context, tok string) (*catalog.Token, error) {
	return s.tokenByHash(c, token.Hash(tok))
}

// tokenByHash returns the live, unexpired agency token whose SHA-256 is
// hash, or nil.
func (s *Server) tokenByHash(c *gin.Context, hash []byte) (*catalog.Token, error) {
	t, err := s.deps.Store.TokenByHash(c.Request.Context(), hash, s.deps.Now())
	if errors.Is(err, catalog.ErrNotFound) {
		return nil, nil
	}
	return t, err
}

// touch records the token's use (the store writes it at most once a
// minute); a failure is logged, never the request's.
func (s *Server) touch(c *gin.Context, t *catalog.Token) {
	if err := s.deps.Store.TouchToken(c.Request.Context(), t.ID, s.deps.Now()); err != nil {
		s.deps.Logger.WarnContext(c.Request.Context(), "recording a token's use failed", "agency", t.Agency, "token", t.ID, "err", err)
	}
}
