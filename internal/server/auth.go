package server

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/problem"
)

// Agency tokens are 32 random bytes, base64url, behind a recognisable prefix
// so that secret scanners can find leaked ones.
const tokenPrefix = "kat_"

// NewAgencyToken returns a fresh agency token and the hash to store. Only the
// hash is kept; the token is shown to the caller once.
func NewAgencyToken() (token string, hash []byte, err error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", nil, err
	}
	token = tokenPrefix + base64.RawURLEncoding.EncodeToString(b[:])
	return token, HashToken(token), nil
}

// HashToken is the stored form of a token: SHA-256. Tokens carry 256 bits of
// randomness, so a fast hash is enough and keeps every check constant-time.
func HashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

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
	if s.isOperator(tok) {
		c.Next()
		return
	}
	org, err := catalog.ParseOrgNumber(c.Param("orgnr"))
	if err == nil {
		stored, err := s.deps.Store.AgencyTokenHash(c.Request.Context(), org)
		switch {
		case err == nil:
			if subtle.ConstantTimeCompare(HashToken(tok), stored) == 1 {
				c.Next()
				return
			}
		case errors.Is(err, catalog.ErrNotFound):
			// fall through: decide between 401 and 403 below
		default:
			s.internal(c, err)
			return
		}
	}
	if s.isSomeAgency(c, tok) {
		s.problem(c, forbidden("This token belongs to another agency: an agency writes only its own data."))
		return
	}
	s.problem(c, unauthorized())
}

// isSomeAgency reports whether tok is a valid token of any agency. Tokens
// carry the agency's org number nowhere, so this asks the store by hash.
func (s *Server) isSomeAgency(c *gin.Context, tok string) bool {
	_, err := s.deps.Store.AgencyByTokenHash(c.Request.Context(), HashToken(tok))
	return err == nil
}
