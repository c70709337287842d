package server

import (
	"bytes"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/i18n"
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
	if ext == ".html" {
		s.reportPage(c, rep)
		return
	}
	body, ctype, err := renderReport(rep, ext)
	if err != nil {
		s.internal(c, err)
		return
	}
	c.Header("Cache-Control", "public, max-age=86400, immutable")
	if id == "latest" {
		c.Header("Cache-Control", "no-cache")
	}
	c.Data(http.StatusOK, ctype, body)
}

// reportPageData is a report's page: its body, rendered by the report
// package in the page's language.
type reportPageData struct {
	R    *report.Report
	Body template.HTML
}

// reportPage shows a report in the site's layout, in the request's
// language, its agency table sorted by ?sort=.
func (s *Server) reportPage(c *gin.Context, rep *report.Report) {
	l := s.pageLang(c)
	body, err := report.Body(rep, report.HTMLOptions{Sort: c.Query("sort"), Lang: l, LinkAgencies: true})
	if err != nil {
		s.internal(c, err)
		return
	}
	title := report.Title(rep, l)
	s.render(c, page{name: "report", nav: "reports", title: i18n.Text{SV: title, EN: title}, data: reportPageData{R: rep, Body: body}})
}

// reportsData is the list of reports.
type reportsData struct {
	Items       []report.Summary
	Total       int
	Page, Pages int
}

// reportsPage lists the trend reports, newest first, with their dates and
// downloads.
func (s *Server) reportsPage(c *gin.Context) {
	n, _ := strconv.Atoi(c.Query("page"))
	p := catalog.Page{Number: max(n, 1), Limit: 50}
	var items []report.Summary
	var total int
	var err error
	if s.deps.Reports != nil {
		items, total, err = s.deps.Reports.List(c.Request.Context(), p)
	}
	if err != nil {
		s.internal(c, err)
		return
	}
	d := reportsData{Items: items, Total: total, Page: p.Number, Pages: (total + p.Limit - 1) / p.Limit}
	s.render(c, page{name: "reports", nav: "reports", title: i18n.Text{SV: "Trendrapporter", EN: "Trend reports"}, data: d})
}

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

// renderReport writes rep as JSON or CSV (ext .json, .csv or .sv.csv)
// and returns it with its media type.
func renderReport(rep *report.Report, ext string) ([]byte, string, error) {
	var buf bytes.Buffer
	if ext == ".json" {
		err := report.WriteJSON(&buf, rep)
		return buf.Bytes(), "application/json; charset=utf-8", err
	}
	err := report.WriteCSVVariant(&buf, rep, report.CSVOptions{Swedish: ext == ".sv.csv"})
	return buf.Bytes(), "text/csv; charset=utf-8", err
}

func (s *Server) listReports(c *gin.Context) {
	p, ok := s.pageParams(c)
	if !ok {
		return
	}
	items, total, err := s.deps.Reports.List(c.Request.Context(), p)
	renderList(s, c, p, items, total, err)
}
