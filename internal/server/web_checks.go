package server

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/i18n"
)

// checkPageData is one check of an agency, whole.
type checkPageData struct {
	A    *catalog.Agency
	Name string
	View *checkView
}

// checkPage shows one readiness check with every finding; while it runs,
// the page says so and (with a script) reloads itself when it is done.
func (s *Server) checkPage(c *gin.Context) {
	org, a, ok := s.agencyParam(c)
	if !ok {
		return
	}
	rec, ok := s.checkParam(c, org)
	if !ok {
		return
	}
	l := s.pageLang(c)
	d := checkPageData{A: a, Name: a.Name.Get(string(l), "sv", "en"), View: checkViewOf(rec)}
	s.render(c, page{name: "check", nav: "home", poll: rec.Status == catalog.StatusRunning,
		title: i18n.Text{SV: "Kontroll av " + d.Name, EN: "Check of " + d.Name}, data: d})
}

// checksPageData is a page of an agency's check history.
type checksPageData struct {
	A           *catalog.Agency
	Name        string
	Rows        []checkRow
	Page, Pages int
	Total       int
}

// checksPage lists an agency's checks, newest first, a page at a time.
func (s *Server) checksPage(c *gin.Context) {
	_, a, ok := s.agencyParam(c)
	if !ok {
		return
	}
	n, _ := strconv.Atoi(c.Query("page"))
	recs, total, err := s.deps.CheckHistory.Checks(c.Request.Context(), a.OrgNumber, catalog.Page{Number: max(n, 1), Limit: 50})
	if err != nil {
		s.internal(c, err)
		return
	}
	l := s.pageLang(c)
	d := checksPageData{A: a, Name: a.Name.Get(string(l), "sv", "en"), Page: max(n, 1), Pages: (total + 49) / 50, Total: total}
	for i := range recs {
		d.Rows = append(d.Rows, checkRowOf(&recs[i]))
	}
	s.render(c, page{name: "checks", nav: "home", title: i18n.Text{SV: "Kontroller av " + d.Name, EN: "Checks of " + d.Name}, data: d})
}

// runCheck is the steward's "run the check now" button: it starts a check
// of the agency's harvest URL and shows its page (303).
func (s *Server) runCheck(c *gin.Context) {
	org, a, ok := s.agencyParam(c)
	if !ok {
		return
	}
	if a.HarvestURL == "" {
		s.problem(c, badRequest("The agency has no harvest URL to check; set it (harvestUrl) through the API."))
		return
	}
	rec, err := s.deps.Checks.CheckNow(c.Request.Context(), *a)
	switch {
	case errors.Is(err, ErrCheckRunning):
		c.Redirect(http.StatusSeeOther, "/agencies/"+org.String()+"#checks")
	case err != nil:
		s.internal(c, err)
	default:
		c.Redirect(http.StatusSeeOther, "/agencies/"+org.String()+"/checks/"+strconv.FormatInt(rec.ID, 10))
	}
}
