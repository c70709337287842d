package server

import (
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/catalog"
)

// portalAnswer is what GET /api/v1/agencies/{orgnr}/portal answers: what
// dataportal.se said of the agency at the last sync that reached it.
type portalAnswer struct {
	// Status is listed, notListed, or unknown when no sync reached the
	// portal (then CheckedAt is null and the counts are 0).
	Status     string     `json:"status"`
	CheckedAt  *time.Time `json:"checkedAt"`
	OnPortal   int        `json:"onPortal"`
	InCatalogs int        `json:"inCatalogs"`
	Missing    []string   `json:"missing"`
}

// portalAnswerOf turns the store's latest status (or its ErrNotFound:
// unknown) into the answer.
func portalAnswerOf(st *catalog.PortalStatus, err error) (*portalAnswer, error) {
	if errors.Is(err, catalog.ErrNotFound) {
		return &portalAnswer{Status: catalog.PortalUnknown, Missing: []string{}}, nil
	}
	if err != nil {
		return nil, err
	}
	at := st.CheckedAt.UTC()
	a := &portalAnswer{Status: st.Status, CheckedAt: &at, OnPortal: st.OnPortal, InCatalogs: st.InCatalogs, Missing: st.Missing}
	if a.Missing == nil {
		a.Missing = []string{}
	}
	return a, nil
}

func (s *Server) getPortal(c *gin.Context) {
	org, ok := s.orgParam(c)
	if !ok || !s.agencyMustExist(c, org) {
		return
	}
	a, err := portalAnswerOf(s.deps.Store.LatestPortalStatus(c.Request.Context(), org))
	if err != nil {
		s.storeProblem(c, err, "Portal status of "+org.String())
		return
	}
	c.JSON(http.StatusOK, a)
}
