package server

import (
	"time"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/internal/i18n"
)

// statementReviewed is when the accessibility statement was last reviewed
// (DOS-lagen asks that it says so); update it with the statement.
var statementReviewed = time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)

// accessibilityData is the accessibility statement's data.
type accessibilityData struct {
	Reviewed time.Time
}

// accessibilityPage is the accessibility statement (tillgänglighets-
// redogörelse) that lagen (2018:1937) om tillgänglighet till digital
// offentlig service asks of a public-sector website.
func (s *Server) accessibilityPage(c *gin.Context) {
	s.render(c, page{name: "accessibility", title: i18n.Text{SV: "Tillgänglighetsredogörelse", EN: "Accessibility statement"},
		data: accessibilityData{Reviewed: statementReviewed}})
}
