package server

import (
	"bytes"
	"context"
	"embed"
	"html/template"
	"net/http"
	"sort"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/catalog"
)

//go:embed templates/*.html
var templateFS embed.FS

// pageRows caps how many rows an HTML page lists.
const pageRows = 500

func (s *Server) page(name string) *template.Template {
	return template.Must(template.ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html"))
}

// renderHTML executes a page into a buffer first, so a template error
// becomes a clean 500 rather than half a page.
func (s *Server) renderHTML(c *gin.Context, t *template.Template, data any) {
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		s.internal(c, err)
		return
	}
	c.Header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'")
	c.Data(http.StatusOK, "text/html; charset=utf-8", buf.Bytes())
}

type homeRow struct {
	Org, OrgHyphen, Name, NameEn string
	Datasets                     int
}

func (s *Server) homePage(c *gin.Context) {
	data, err := s.homeData(c.Request.Context())
	if err != nil {
		s.internal(c, err)
		return
	}
	s.renderHTML(c, s.page("home"), data)
}

// homeData is what the overview shows: the first agencies with their
// dataset counts, the totals and, with reports, the dashboard.
func (s *Server) homeData(ctx context.Context) (map[string]any, error) {
	agencies, total, err := s.deps.Store.Agencies(ctx, catalog.Page{Number: 1, Limit: pageRows})
	if err != nil {
		return nil, err
	}
	all, err := s.deps.Store.CountDatasets(ctx, "")
	if err != nil {
		return nil, err
	}
	rows := make([]homeRow, 0, len(agencies))
	for _, a := range agencies {
		n, err := s.deps.Store.CountDatasets(ctx, a.OrgNumber)
		if err != nil {
			return nil, err
		}
		rows = append(rows, homeRow{Org: a.OrgNumber.String(), OrgHyphen: a.OrgNumber.Hyphenated(), Name: a.Name.Get("sv", "en"), NameEn: a.Name["en"], Datasets: n})
	}
	data := map[string]any{
		"Title": "Översikt", "Agencies": total, "Datasets": all, "Rows": rows, "More": total > len(rows),
	}
	if s.deps.Reports != nil {
		dash, err := s.deps.Reports.Dashboard(ctx)
		if err != nil {
			return nil, err
		}
		data["Dashboard"] = dash
	}
	return data, nil
}

type datasetRow struct {
	ID, Title, TitleEn string
	Formats            []string
	APIs               int
}

func (s *Server) agencyPage(c *gin.Context) {
	org, a, ok := s.agencyParam(c)
	if !ok {
		return
	}
	data, err := s.agencyPageData(c.Request.Context(), org, a)
	if err != nil {
		s.internal(c, err)
		return
	}
	s.renderHTML(c, s.page("agency"), data)
}

// agencyPageData is what an agency's page shows: its datasets, its
// scorecard and its broken links with since when.
func (s *Server) agencyPageData(ctx context.Context, org catalog.OrgNumber, a *catalog.Agency) (map[string]any, error) {
	ds, total, err := s.deps.Store.Datasets(ctx, org, catalog.Page{Number: 1, Limit: pageRows})
	if err != nil {
		return nil, err
	}
	rows := datasetRows(ds)
	card, err := s.loadScorecard(ctx, a)
	if err != nil {
		return nil, err
	}
	broken, brokenTotal, err := s.brokenLinks(ctx, org)
	if err != nil {
		return nil, err
	}
	return map[string]any{
		"Title": a.Name.Get("sv", "en"), "Name": a.Name.Get("sv", "en"), "NameEn": a.Name["en"],
		"Org": org.String(), "OrgHyphen": org.Hyphenated(), "Homepage": a.Homepage,
		"Total": total, "Datasets": rows, "More": total > len(rows), "Card": card,
		"Broken": broken, "BrokenTotal": brokenTotal,
	}, nil
}

// datasetRows are the rows of an agency page's dataset table.
func datasetRows(ds []catalog.Dataset) []datasetRow {
	rows := make([]datasetRow, 0, len(ds))
	for _, d := range ds {
		seen := map[string]bool{}
		var formats []string
		for _, dist := range d.Distributions {
			if dist.Format != "" && !seen[dist.Format] {
				seen[dist.Format] = true
				formats = append(formats, dist.Format)
			}
		}
		sort.Strings(formats)
		rows = append(rows, datasetRow{ID: d.ID, Title: d.Title.Get("sv", "en"), TitleEn: d.Title["en"], Formats: formats, APIs: len(d.DataServices)})
	}
	return rows
}
