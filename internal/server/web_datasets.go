package server

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/i18n"
	"github.com/katalog-se/katalog/internal/score"
)

// Browsers asking for a dataset's IRI or a catalog get a page about it;
// RDF clients (and */*, and no Accept) get RDF as before: see wantsHTML.

// distView is a distribution with its format as the MQA lists judge it
// and its licence named.
type distView struct {
	catalog.Distribution
	Judge   score.FormatJudgement
	Licence string
}

// datasetData is a dataset's page.
type datasetData struct {
	D        *catalog.Dataset
	A        *catalog.Agency
	Title    string
	Desc     string
	IRI      string
	Agency   string
	Themes   []string
	Access   string
	Dists    []distView
	Result   *score.DatasetResult
	Keywords []string
}

// datasetPage shows one dataset for people: what it is, who publishes it,
// its distributions with their formats judged by the MQA lists, its APIs,
// its result in the agency's score, and its RDF in every syntax.
func (s *Server) datasetPage(c *gin.Context, id string) {
	ctx := c.Request.Context()
	d, err := s.deps.Store.DatasetByID(ctx, id)
	if err != nil {
		s.storeProblem(c, err, "Dataset "+id)
		return
	}
	a, err := s.deps.Store.Agency(ctx, d.Agency)
	if err != nil {
		s.storeProblem(c, err, "Agency "+d.Agency.String())
		return
	}
	l := s.pageLang(c)
	v := s.datasetView(ctx, d, a, l)
	s.render(c, page{name: "dataset", nav: "home", title: i18n.Text{SV: v.Title, EN: v.Title}, data: v})
}

func (s *Server) datasetView(ctx context.Context, d *catalog.Dataset, a *catalog.Agency, l i18n.Lang) *datasetData {
	lang := string(l)
	v := &datasetData{D: d, A: a, Title: d.Title.Get(lang, "sv", "en"), Desc: d.Description.Get(lang, "sv", "en"),
		IRI: d.IRI, Agency: a.Name.Get(lang, "sv", "en"), Keywords: d.Keywords[lang]}
	if v.IRI == "" {
		v.IRI = s.deps.BaseURL + "/datasets/" + d.ID
	}
	if len(v.Keywords) == 0 {
		v.Keywords = d.Keywords["sv"]
	}
	for _, th := range d.Themes {
		v.Themes = append(v.Themes, termLabel(catalog.Themes, th, lang))
	}
	if d.AccessRights != "" {
		v.Access = termLabel(catalog.AccessRights, d.AccessRights, lang)
	}
	for _, dist := range d.Distributions {
		dv := distView{Distribution: dist, Judge: score.JudgeFormat(dist.Format)}
		if dist.License != "" {
			dv.Licence = termLabel(catalog.Licences, dist.License, lang)
		}
		v.Dists = append(v.Dists, dv)
	}
	v.Result = s.datasetResult(ctx, d)
	return v
}

// termLabel names a controlled value in lang, or gives it as it is.
func termLabel(v *catalog.Vocabulary, s, lang string) string {
	if t, ok := v.Lookup(s); ok {
		return t.Label.Get(lang, "sv", "en")
	}
	return s
}

// datasetResult is the dataset's result in its agency's latest score; nil
// without one.
func (s *Server) datasetResult(ctx context.Context, d *catalog.Dataset) *score.DatasetResult {
	if s.deps.ScoreHistory == nil {
		return nil
	}
	rec, err := s.deps.ScoreHistory.LatestScore(ctx, d.Agency)
	if err != nil {
		return nil
	}
	var sc score.AgencyScore
	if json.Unmarshal(rec.Score, &sc) != nil {
		return nil
	}
	for i := range sc.Datasets {
		if sc.Datasets[i].ID == d.ID && sc.Datasets[i].Source == score.SourceKatalog {
			return &sc.Datasets[i]
		}
	}
	return nil
}

// catalogData is a catalog's page: the national one (its agencies) or an
// agency's (its datasets, a page at a time).
type catalogData struct {
	A           *catalog.Agency
	Name        string
	Feed        string
	Agencies    []agencyRow
	Datasets    []catalog.Dataset
	Total       int
	Page, Pages int
}

// catalogPage shows a catalog for people, with its RDF in every syntax.
func (s *Server) catalogPage(c *gin.Context, org catalog.OrgNumber) {
	l := s.pageLang(c)
	n, _ := strconv.Atoi(c.Query("page"))
	d, err := s.catalogData(c.Request.Context(), org, max(n, 1), l)
	if errors.Is(err, catalog.ErrNotFound) {
		s.storeProblem(c, err, "Agency "+org.String())
		return
	}
	if err != nil {
		s.internal(c, err)
		return
	}
	title := i18n.Text{SV: "Nationell katalog", EN: "National catalog"}
	if d.A != nil {
		title = i18n.Text{SV: "Katalog: " + d.Name, EN: "Catalog: " + d.Name}
	}
	s.render(c, page{name: "catalog", nav: "home", title: title, data: d})
}

func (s *Server) catalogData(ctx context.Context, org catalog.OrgNumber, n int, l i18n.Lang) (*catalogData, error) {
	d := &catalogData{Feed: "/catalog", Page: n}
	if org == "" {
		rows, err := s.agencyRows(ctx, l)
		if err != nil {
			return nil, err
		}
		sortAgencyRows(rows, "name")
		d.Agencies = rows
		for _, r := range rows {
			d.Total += r.Datasets
		}
		return d, nil
	}
	a, err := s.deps.Store.Agency(ctx, org)
	if err != nil {
		return nil, err
	}
	d.A, d.Name, d.Feed = a, a.Name.Get(string(l), "sv", "en"), "/agencies/"+org.String()+"/datasets/dcat"
	if d.Datasets, d.Total, err = s.deps.Store.Datasets(ctx, org, catalog.Page{Number: n, Limit: pageRows}); err != nil {
		return nil, err
	}
	d.Pages = (d.Total + pageRows - 1) / pageRows
	return d, nil
}
