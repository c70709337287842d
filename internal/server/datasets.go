package server

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/problem"
)

// datasetInput validates the body as a dataset of org with the given id ("" = new).
func (s *Server) datasetInput(c *gin.Context, org catalog.OrgNumber, id string) (*catalog.Dataset, bool) {
	body, ok := s.readBody(c)
	if !ok {
		return nil, false
	}
	d, p := s.deps.Validator.Dataset(body)
	if p != nil {
		s.problem(c, p)
		return nil, false
	}
	switch {
	case id != "" && d.ID != "" && d.ID != id:
		s.problem(c, problem.Invalid(nil).Add("/id", "id differs from the dataset in the path", "id skiljer sig från datamängden i sökvägen"))
		return nil, false
	case id != "":
		d.ID = id
	case d.ID == "":
		d.ID = uuid.NewString()
	}
	d.Agency = org
	return d, true
}

// agencyListing reads the agency and page of a listing under
// /api/v1/agencies/:orgnr, answering the problem itself when either is bad
// or the agency is not registered.
func (s *Server) agencyListing(c *gin.Context) (catalog.OrgNumber, catalog.Page, bool) {
	org, ok := s.orgParam(c)
	if !ok {
		return "", catalog.Page{}, false
	}
	p, ok := s.pageParams(c)
	if !ok || !s.agencyMustExist(c, org) {
		return "", catalog.Page{}, false
	}
	return org, p, true
}

// agencyMustExist answers 404 unless org is registered.
func (s *Server) agencyMustExist(c *gin.Context, org catalog.OrgNumber) bool {
	if _, err := s.deps.Store.Agency(c.Request.Context(), org); err != nil {
		s.storeProblem(c, err, "Agency "+org.String())
		return false
	}
	return true
}

func (s *Server) createDataset(c *gin.Context) {
	org, ok := s.orgParam(c)
	if !ok || !s.agencyMustExist(c, org) {
		return
	}
	d, ok := s.datasetInput(c, org, "")
	if !ok {
		return
	}
	if err := s.deps.Writes.CreateDataset(c.Request.Context(), d); err != nil {
		s.storeProblem(c, err, "Dataset "+d.ID)
		return
	}
	c.Header("Location", "/api/v1/agencies/"+org.String()+"/datasets/"+d.ID)
	c.JSON(http.StatusCreated, d)
}

func (s *Server) listDatasets(c *gin.Context) {
	org, p, ok := s.agencyListing(c)
	if !ok {
		return
	}
	items, total, err := s.deps.Store.Datasets(c.Request.Context(), org, p)
	renderList(s, c, p, items, total, err)
}

func (s *Server) getDataset(c *gin.Context) {
	org, ok := s.orgParam(c)
	if !ok {
		return
	}
	d, err := s.deps.Store.Dataset(c.Request.Context(), org, c.Param("id"))
	if err != nil {
		s.storeProblem(c, err, "Dataset "+c.Param("id"))
		return
	}
	c.JSON(http.StatusOK, d)
}

func (s *Server) replaceDataset(c *gin.Context) {
	org, ok := s.orgParam(c)
	if !ok {
		return
	}
	id := c.Param("id")
	if _, err := s.deps.Store.Dataset(c.Request.Context(), org, id); err != nil {
		s.storeProblem(c, err, "Dataset "+id)
		return
	}
	d, ok := s.datasetInput(c, org, id)
	if !ok {
		return
	}
	stored, err := s.deps.Writes.ReplaceDataset(c.Request.Context(), d)
	if err != nil {
		s.storeProblem(c, err, "Dataset "+id)
		return
	}
	c.JSON(http.StatusOK, stored)
}

func (s *Server) deleteDataset(c *gin.Context) {
	org, ok := s.orgParam(c)
	if !ok {
		return
	}
	if err := s.deps.Writes.DeleteDataset(c.Request.Context(), org, c.Param("id")); err != nil {
		s.storeProblem(c, err, "Dataset "+c.Param("id"))
		return
	}
	c.Status(http.StatusNoContent)
}
