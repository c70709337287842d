package server

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/catalog"
)

// tokenCreated is the answer to a new token: the token's fields and, once,
// its secret.
type tokenCreated struct {
	ID        int64      `json:"id"`
	Name      string     `json:"name"`
	Token     string     `json:"token"`
	CreatedAt time.Time  `json:"createdAt"`
	ExpiresAt *time.Time `json:"expiresAt"`
}

// noStore keeps a response that carries a secret out of every cache.
func noStore(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	c.Header("Pragma", "no-cache")
}

func (s *Server) createToken(c *gin.Context) {
	org, ok := s.orgParam(c)
	if !ok {
		return
	}
	body, ok := s.readBody(c)
	if !ok {
		return
	}
	req, p := s.deps.Validator.Token(body, s.deps.Now())
	if p != nil {
		s.problem(c, p)
		return
	}
	secret, t, err := s.deps.Writes.CreateToken(c.Request.Context(), org, req.Name, req.ExpiresAt)
	if err != nil {
		s.storeProblem(c, err, "Agency "+org.String())
		return
	}
	noStore(c)
	c.Header("Location", "/api/v1/agencies/"+org.String()+"/tokens/"+strconv.FormatInt(t.ID, 10))
	c.JSON(http.StatusCreated, tokenCreated{ID: t.ID, Name: t.Name, Token: secret, CreatedAt: t.CreatedAt, ExpiresAt: t.ExpiresAt})
}

func (s *Server) listTokens(c *gin.Context) {
	org, ok := s.orgParam(c)
	if !ok || !s.agencyMustExist(c, org) {
		return
	}
	list, err := s.deps.Store.Tokens(c.Request.Context(), org)
	if err != nil {
		s.internal(c, err)
		return
	}
	if list == nil {
		list = []catalog.Token{}
	}
	c.JSON(http.StatusOK, map[string]any{"items": list})
}

func (s *Server) revokeToken(c *gin.Context) {
	org, ok := s.orgParam(c)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		s.problem(c, notFound("No token "+c.Param("id")))
		return
	}
	if err := s.deps.Writes.RevokeToken(c.Request.Context(), org, id); err != nil {
		s.storeProblem(c, err, "Token "+c.Param("id"))
		return
	}
	c.Status(http.StatusNoContent)
}

func (s *Server) auditLog(c *gin.Context) {
	p, ok := s.pageParams(c)
	if !ok {
		return
	}
	var org catalog.OrgNumber
	if v := c.Query("agency"); v != "" {
		if org, ok = s.orgQuery(c, v); !ok {
			return
		}
	}
	items, total, err := s.deps.Store.Audit(c.Request.Context(), org, p)
	renderList(s, c, p, items, total, err)
}

// orgQuery parses an org number given in the query, answering 400 when it
// is not one.
func (s *Server) orgQuery(c *gin.Context, v string) (catalog.OrgNumber, bool) {
	org, err := catalog.ParseOrgNumber(v)
	if err != nil {
		s.problem(c, badRequest("agency: "+err.Error()))
		return "", false
	}
	return org, true
}

// audit records every write that a valid token opened, with who made it,
// what it was and how it ended, after it is answered. Writes refused for
// their token are not audited: the logs and metrics count those.
func (s *Server) audit(c *gin.Context) {
	c.Next()
	actor, ok := c.Get(actorKey)
	if !ok {
		return
	}
	e := &catalog.AuditEntry{Actor: actor.(string), Method: c.Request.Method, Route: c.FullPath(), Path: c.Request.URL.Path,
		Status: c.Writer.Status(), Remote: c.ClientIP()}
	if org, err := catalog.ParseOrgNumber(c.Param("orgnr")); err == nil {
		e.Agency = org
	}
	ctx := context.WithoutCancel(c.Request.Context())
	if err := s.deps.Writes.Audit(ctx, e); err != nil {
		s.deps.Logger.ErrorContext(ctx, "the audit log refused an entry", "method", e.Method, "path", e.Path, "err", err)
	}
}
