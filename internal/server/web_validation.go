package server

import (
	"context"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/findings"
	"github.com/katalog-se/katalog/internal/i18n"
)

// validationData is an agency's validation findings: of the catalog
// katalog serves for it and of its own catalog as last observed.
type validationData struct {
	A      *catalog.Agency
	Name   string
	Hosted *findings.Report
	Own    *findings.Report
	OwnV   *catalog.ObservedCatalog
}

// validationPage shows every validation finding of the agency's catalogs
// against DCAT-AP-SE, grouped by dataset. Validations run within the
// validation slots and are kept while the catalogs do not change.
func (s *Server) validationPage(c *gin.Context) {
	_, a, ok := s.agencyParam(c)
	if !ok {
		return
	}
	release, ok := s.slot(c, s.validations, "validations")
	if !ok {
		return
	}
	defer release()
	l := s.pageLang(c)
	d, err := s.validationData(c.Request.Context(), a, l)
	if err != nil {
		s.internal(c, err)
		return
	}
	s.render(c, page{name: "validation", nav: "home", title: i18n.Text{SV: "Validering av " + d.Name, EN: "Validation of " + d.Name}, data: d})
}

func (s *Server) validationData(ctx context.Context, a *catalog.Agency, l i18n.Lang) (*validationData, error) {
	d := &validationData{A: a, Name: a.Name.Get(string(l), "sv", "en")}
	var err error
	if d.Hosted, err = s.hostedFindings(ctx, a.OrgNumber); err != nil {
		return nil, err
	}
	if d.Own, d.OwnV, err = s.ownFindings(ctx, a.OrgNumber); err != nil {
		return nil, err
	}
	return d, nil
}
