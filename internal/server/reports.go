package server

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/internal/report"
)

// reportFile serves /reports/{id}.json, .csv and .html ({id} may be
// "latest"). Reports are immutable, so they may be cached for long, except
// "latest".
func (s *Server) reportFile(c *gin.Context) {
	id, ext, ok := reportFileName(c.Param("file"))
	if !ok {
		s.problem(c, notFound("Report "+c.Param("file")+" not found; ask for {id}.json, .csv, .sv.csv or .html"))
		return
	}
	rep, err := s.deps.Reports.Report(c.Request.Context(), id)
	if err != nil {
		s.storeProblem(c, err, "Report "+id)
		return
	}
	body, ctype, err := renderReport(rep, ext, c.Query("sort"))
	if err != nil {
		s.internal(c, err)
		return
	}
	if ext == ".html" {
		c.Header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; script-src "+report.ScriptSource()+"; base-uri 'none'; form-action 'none'")
	}
	c.Header("Cache-Control", "public, max-age=86400, immutable")
	if id == "latest" {
		c.Header("Cache-Control", "no-cache")
	}
	c.Data(http.StatusOK, ctype, body)
}

// renderReport writes rep in the form ext names (.json, .csv or .html) and
// returns it with its media type.
// reportFileName splits a report's file name into its id and form: .json,
// .csv, .sv.csv (the CSV for Excel in a Swedish locale) or .html.
func reportFileName(file string) (id, ext string, ok bool) {
	for _, ext := range []string{".sv.csv", ".json", ".csv", ".html"} {
		if id, found := strings.CutSuffix(file, ext); found && id != "" {
			return id, ext, true
		}
	}
	return "", "", false
}

func renderReport(rep *report.Report, ext, sort string) ([]byte, string, error) {
	var buf bytes.Buffer
	var err error
	ctype := "text/html; charset=utf-8"
	switch ext {
	case ".json":
		err, ctype = report.WriteJSON(&buf, rep), "application/json; charset=utf-8"
	case ".csv", ".sv.csv":
		err, ctype = report.WriteCSVVariant(&buf, rep, report.CSVOptions{Swedish: ext == ".sv.csv"}), "text/csv; charset=utf-8"
	default:
		err = report.WriteHTML(&buf, rep, report.HTMLOptions{Sort: sort})
	}
	return buf.Bytes(), ctype, err
}

func (s *Server) listReports(c *gin.Context) {
	p, ok := s.pageParams(c)
	if !ok {
		return
	}
	items, total, err := s.deps.Reports.List(c.Request.Context(), p)
	renderList(s, c, p, items, total, err)
}
