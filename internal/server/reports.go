package server

import (
	"bytes"
	"net/http"
	"path"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/internal/report"
)

// reportFile serves /reports/{id}.json, .csv and .html ({id} may be
// "latest"). Reports are immutable, so they may be cached for long, except
// "latest".
func (s *Server) reportFile(c *gin.Context) {
	file := c.Param("file")
	ext := path.Ext(file)
	id := strings.TrimSuffix(file, ext)
	if id == "" || (ext != ".json" && ext != ".csv" && ext != ".html") {
		s.problem(c, notFound("Report "+file+" not found; ask for {id}.json, .csv or .html"))
		return
	}
	rep, err := s.deps.Reports.Report(c.Request.Context(), id)
	if err != nil {
		s.storeProblem(c, err, "Report "+id)
		return
	}
	var buf bytes.Buffer
	var ctype string
	switch ext {
	case ".json":
		err, ctype = report.WriteJSON(&buf, rep), "application/json; charset=utf-8"
	case ".csv":
		err, ctype = report.WriteCSV(&buf, rep), "text/csv; charset=utf-8"
	default:
		err, ctype = report.WriteHTML(&buf, rep, report.HTMLOptions{Sort: c.Query("sort")}), "text/html; charset=utf-8"
		c.Header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; script-src "+report.ScriptSource()+"; base-uri 'none'; form-action 'none'")
	}
	if err != nil {
		s.internal(c, err)
		return
	}
	if id == "latest" {
		c.Header("Cache-Control", "no-cache")
	} else {
		c.Header("Cache-Control", "public, max-age=86400, immutable")
	}
	c.Data(http.StatusOK, ctype, buf.Bytes())
}

func (s *Server) listReports(c *gin.Context) {
	p, ok := s.pageParams(c)
	if !ok {
		return
	}
	items, total, err := s.deps.Reports.List(c.Request.Context(), p)
	renderList(s, c, p, items, total, err)
}
