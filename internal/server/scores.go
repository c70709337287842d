package server

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/catalog"
)

// ScoreService computes and keeps agencies' maturity scores.
type ScoreService interface {
	// Latest returns the agency's newest score, computing one when it has none.
	Latest(ctx context.Context, org catalog.OrgNumber) (*catalog.ScoreRecord, error)
}

func (s *Server) getScore(c *gin.Context) {
	org, ok := s.orgParam(c)
	if !ok || !s.agencyMustExist(c, org) {
		return
	}
	rec, err := s.deps.Scores.Latest(c.Request.Context(), org)
	if err != nil {
		s.storeProblem(c, err, "Score of "+org.String())
		return
	}
	c.Data(http.StatusOK, "application/json; charset=utf-8", rec.Score)
}

// scorePoint is one entry of an agency's score history.
type scorePoint struct {
	ComputedAt   time.Time `json:"computedAt"`
	ModelVersion string    `json:"modelVersion"`
	Total        float64   `json:"total"`
	Level        int       `json:"level"`
}

func (s *Server) scoreHistory(c *gin.Context) {
	org, p, ok := s.agencyListing(c)
	if !ok {
		return
	}
	recs, total, err := s.deps.ScoreHistory.Scores(c.Request.Context(), org, p, false)
	points := make([]scorePoint, len(recs))
	for i, r := range recs {
		points[i] = scorePoint{ComputedAt: r.ComputedAt.UTC(), ModelVersion: r.ModelVersion, Total: r.Total, Level: r.Level}
	}
	renderList(s, c, p, points, total, err)
}
