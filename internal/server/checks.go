package server

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/problem"
)

// CheckRunner starts readiness checks: the scheduler.
type CheckRunner interface {
	// CheckNow starts a check of the agency's harvest URL in the
	// background and returns its record (status running).
	CheckNow(ctx context.Context, a catalog.Agency) (*catalog.CheckRecord, error)
}

// ErrCheckRunning is what a CheckRunner's CheckNow returns (wrapped) when
// the agency's check is running already; the server answers 409.
var ErrCheckRunning = errors.New("check running")

// startCheck runs a readiness check of the agency's harvestUrl now: 202
// with the running record and its Location.
func (s *Server) startCheck(c *gin.Context) {
	org, a, ok := s.agencyParam(c)
	if !ok {
		return
	}
	if a.HarvestURL == "" {
		s.problem(c, problem.Invalid(nil).Add("/harvestUrl",
			"the agency has no harvestUrl to check; set it with PUT /api/v1/agencies/"+org.String(),
			"myndigheten har ingen harvestUrl att kontrollera; ange den med PUT /api/v1/agencies/"+org.String()))
		return
	}
	rec, err := s.deps.Checks.CheckNow(c.Request.Context(), *a)
	switch {
	case errors.Is(err, ErrCheckRunning):
		s.problem(c, newProblem(http.StatusConflict, "check-running", "A check is running",
			"A readiness check of this agency is running already; its result will appear in the history."))
	case err != nil:
		s.internal(c, err)
	default:
		c.Header("Location", "/api/v1/agencies/"+org.String()+"/checks/"+strconv.FormatInt(rec.ID, 10))
		c.JSON(http.StatusAccepted, rec)
	}
}

func (s *Server) listChecks(c *gin.Context) {
	org, p, ok := s.agencyListing(c)
	if !ok {
		return
	}
	items, total, err := s.deps.CheckHistory.Checks(c.Request.Context(), org, p)
	renderList(s, c, p, items, total, err)
}

func (s *Server) getCheck(c *gin.Context) {
	org, ok := s.orgParam(c)
	if !ok {
		return
	}
	if rec, ok := s.checkParam(c, org); ok {
		c.JSON(http.StatusOK, rec)
	}
}

// checkParam reads the check the path's id names among org's checks; on
// false the response (a 404 problem, or the store's failure) is written.
func (s *Server) checkParam(c *gin.Context, org catalog.OrgNumber) (*catalog.CheckRecord, bool) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id < 1 {
		s.problem(c, notFound("Check "+c.Param("id")+" not found"))
		return nil, false
	}
	rec, err := s.deps.CheckHistory.Check(c.Request.Context(), org, id)
	if err != nil {
		s.storeProblem(c, err, "Check "+c.Param("id"))
		return nil, false
	}
	return rec, true
}
