package server

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/i18n"
	"github.com/katalog-se/katalog/internal/readiness"
	"github.com/katalog-se/katalog/internal/selfcheck"
)

// SelfCheckService runs the self-service readiness checks of /check:
// internal/selfcheck's Service.
type SelfCheckService interface {
	// Start starts a check of rawURL for the client at clientAddr, or
	// returns the recent check of the same URL (reused).
	Start(rawURL, clientAddr string) (c *selfcheck.Check, reused bool, err error)
	// Get returns a kept check.
	Get(id string) (*selfcheck.Check, bool)
}

// selfCheckForm is the form's data.
type selfCheckForm struct {
	URL   string
	Error i18n.Text
	// Offered is false when this katalog runs no self-service checks.
	Offered bool
}

// selfCheckResult is a check's page.
type selfCheckResult struct {
	C    *selfcheck.Check
	View *checkView
}

// checkFormPage shows "Kontrollera en katalog": a URL to check the way
// Sveriges dataportal harvests it, without a token.
func (s *Server) checkFormPage(c *gin.Context) {
	s.render(c, page{name: "selfcheck", nav: "check", title: i18n.Text{SV: "Kontrollera en katalog", EN: "Check a catalog"},
		data: selfCheckForm{URL: c.Query("url"), Offered: s.deps.SelfChecks != nil}})
}

// startSelfCheck starts a check of the posted URL (or finds the one made
// of it minutes ago) and shows its page (303); a URL that cannot be
// checked is shown again with why; a check over a budget is 429.
func (s *Server) startSelfCheck(c *gin.Context) {
	if s.deps.SelfChecks == nil {
		s.problem(c, notFound("This katalog runs no self-service checks."))
		return
	}
	raw := c.PostForm("url")
	chk, _, err := s.deps.SelfChecks.Start(raw, c.ClientIP())
	var le *selfcheck.LimitError
	switch {
	case errors.Is(err, selfcheck.ErrBadURL):
		s.render(c, page{name: "selfcheck", nav: "check", title: i18n.Text{SV: "Kontrollera en katalog", EN: "Check a catalog"},
			status: http.StatusBadRequest, data: selfCheckForm{URL: raw, Offered: true, Error: badURLText(err)}})
	case errors.As(err, &le):
		s.metrics.limited.WithLabelValues("selfcheck").Inc()
		c.Header("Retry-After", strconv.Itoa(max(1, int(le.Retry.Seconds()))))
		s.problem(c, newProblem(http.StatusTooManyRequests, "busy", "Too many checks", limitText(le)))
	case err != nil:
		s.internal(c, err)
	default:
		c.Redirect(http.StatusSeeOther, "/check/"+chk.ID)
	}
}

// badURLText says in both languages why a URL is not checked.
func badURLText(err error) i18n.Text {
	return i18n.Text{SV: "Adressen kan inte kontrolleras: ange en fullständig http- eller https-adress till en offentlig server, utan användarnamn och lösenord. (" + err.Error() + ")",
		EN: "The address cannot be checked: give a whole http or https address of a public server, without a user name and password. (" + err.Error() + ")"}
}

// limitText explains a refused check.
func limitText(le *selfcheck.LimitError) string {
	switch le.Which {
	case "client":
		return "You have a check running already; wait for it to finish."
	case "hourly":
		return fmt.Sprintf("You have started as many checks as katalog runs for one client in an hour; try again in %d minutes.", int(le.Retry.Minutes())+1)
	}
	return "katalog runs only a few checks at a time and all are busy; try again in a minute."
}

// selfCheckPage shows a check: its progress while it runs (the page polls
// and reloads itself), then the whole report; JSON for scripts.
func (s *Server) selfCheckPage(c *gin.Context) {
	var chk *selfcheck.Check
	ok := false
	if s.deps.SelfChecks != nil {
		chk, ok = s.deps.SelfChecks.Get(c.Param("id"))
	}
	if !ok {
		s.problem(c, notFound("No check "+c.Param("id")+": checks are kept for a day on the instance that ran them."))
		return
	}
	l := s.pageLang(c)
	if !wantsHTML(c.Request) {
		c.JSON(http.StatusOK, gin.H{"id": chk.ID, "url": chk.URL, "status": chk.Status, "progress": progressText(chk, l), "result": chk.Result, "error": chk.Error})
		return
	}
	d := selfCheckResult{C: chk, View: selfCheckView(chk)}
	s.render(c, page{name: "selfcheck-result", nav: "check", poll: chk.Status == selfcheck.StatusRunning,
		title: i18n.Text{SV: "Kontroll av " + chk.URL, EN: "Check of " + chk.URL}, data: d})
}

// selfCheckView is a finished check as the agency pages show theirs.
func selfCheckView(chk *selfcheck.Check) *checkView {
	rec := &catalog.CheckRecord{URL: chk.URL, StartedAt: chk.Started, FinishedAt: chk.Finished, Status: chk.Status,
		Ready: chk.Result != nil && chk.Result.Ready && chk.Status == selfcheck.StatusDone}
	v := &checkView{Rec: rec, Result: chk.Result, Failure: chk.Error}
	if chk.Result != nil {
		for _, f := range chk.Result.Findings {
			if f.Severity == readiness.SeverityError {
				v.Errors = append(v.Errors, f)
			} else {
				v.Others = append(v.Others, f)
			}
		}
	}
	return v
}

// progressText says how far a running check has come.
func progressText(chk *selfcheck.Check, l i18n.Lang) string {
	switch {
	case chk.Status != selfcheck.StatusRunning:
		return l.Pick("Kontrollen är klar.", "The check is done.")
	case chk.LinksTotal > 0:
		return l.Pick("Kontrollerar länkar: ", "Checking links: ") + l.Int(chk.LinksDone) + l.Pick(" av ", " of ") + l.Int(chk.LinksTotal) + "."
	}
	return l.Pick("Hämtar, läser och validerar katalogen …", "Fetching, reading and validating the catalog …")
}
