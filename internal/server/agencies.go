package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/problem"
)

// Paging defaults of every listing.
const (
	defaultLimit = 100
	maxLimit     = 1000
)

// listPage is the JSON envelope of every paged listing.
type listPage[T any] struct {
	Items []T `json:"items"`
	Page  int `json:"page"`
	Limit int `json:"limit"`
	Total int `json:"total"`
}

// pageParams reads limit and page (from 1) from the query.
func (s *Server) pageParams(c *gin.Context) (catalog.Page, bool) {
	p := catalog.Page{Number: 1, Limit: defaultLimit}
	var errs []problem.FieldError
	if v := c.Query("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxLimit {
			errs = append(errs, problem.FieldError{Pointer: "?limit", Detail: fmt.Sprintf("limit must be a whole number from 1 to %d", maxLimit),
				Message: map[string]string{"sv": fmt.Sprintf("limit ska vara ett heltal från 1 till %d", maxLimit), "en": fmt.Sprintf("limit must be a whole number from 1 to %d", maxLimit)}})
		}
		p.Limit = n
	}
	if v := c.Query("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			errs = append(errs, problem.FieldError{Pointer: "?page", Detail: "page must be a whole number from 1",
				Message: map[string]string{"sv": "page ska vara ett heltal från 1", "en": "page must be a whole number from 1"}})
		}
		p.Number = n
	}
	if len(errs) > 0 {
		pr := badRequest("Invalid paging parameters.")
		pr.Errors = errs
		s.problem(c, pr)
		return p, false
	}
	return p, true
}

// orgParam parses :orgnr, answering 404 for a malformed number (no such agency can exist).
func (s *Server) orgParam(c *gin.Context) (catalog.OrgNumber, bool) {
	org, err := catalog.ParseOrgNumber(c.Param("orgnr"))
	if err != nil {
		s.problem(c, notFound(fmt.Sprintf("No agency %q: %v", c.Param("orgnr"), err)))
		return "", false
	}
	return org, true
}

// agencyCreated is the answer to a registration: the agency and, once, its token.
type agencyCreated struct {
	*catalog.Agency
	Token string `json:"token"`
}

func (s *Server) createAgency(c *gin.Context) {
	body, ok := s.readBody(c)
	if !ok {
		return
	}
	a, p := s.deps.Validator.Agency(body)
	if p != nil {
		s.problem(c, p)
		return
	}
	token, err := s.deps.Writes.RegisterAgency(c.Request.Context(), a)
	if err != nil {
		s.storeProblem(c, err, "Agency "+a.OrgNumber.String())
		return
	}
	c.Header("Location", "/api/v1/agencies/"+a.OrgNumber.String())
	noStore(c)
	c.JSON(http.StatusCreated, agencyCreated{Agency: a, Token: token})
}

func (s *Server) listAgencies(c *gin.Context) {
	p, ok := s.pageParams(c)
	if !ok {
		return
	}
	items, total, err := s.deps.Store.Agencies(c.Request.Context(), p)
	renderList(s, c, p, items, total, err)
}

// renderList answers one page of a listing, or 500 on a store error.
func renderList[T any](s *Server, c *gin.Context, p catalog.Page, items []T, total int, err error) {
	if err != nil {
		s.internal(c, err)
		return
	}
	if items == nil {
		items = []T{} // an empty page is [], never null
	}
	c.JSON(http.StatusOK, listPage[T]{Items: items, Page: p.Number, Limit: p.Limit, Total: total})
}

func (s *Server) getAgency(c *gin.Context) {
	if _, a, ok := s.agencyParam(c); ok {
		c.JSON(http.StatusOK, a)
	}
}

// agencyParam loads the agency :orgnr names, answering 404 when there is none.
func (s *Server) agencyParam(c *gin.Context) (catalog.OrgNumber, *catalog.Agency, bool) {
	org, ok := s.orgParam(c)
	if !ok {
		return "", nil, false
	}
	a, err := s.deps.Store.Agency(c.Request.Context(), org)
	if err != nil {
		s.storeProblem(c, err, "Agency "+org.String())
		return "", nil, false
	}
	return org, a, true
}

func (s *Server) updateAgency(c *gin.Context) {
	org, ok := s.orgParam(c)
	if !ok {
		return
	}
	a, ok := s.agencyInput(c, org)
	if !ok || !s.keepRegistry(c, a) {
		return
	}
	updated, err := s.deps.Writes.UpdateAgency(c.Request.Context(), a)
	if err != nil {
		s.storeProblem(c, err, "Agency "+org.String())
		return
	}
	c.JSON(http.StatusOK, updated)
}

// keepRegistry holds the register facts of an agency (short name,
// department, size class, staff, group) to the operator: reports group
// agencies by them, so an agency may not move itself. For an agency's own
// token, a fact the body leaves out keeps its stored value, and one it
// changes is refused with 403.
func (s *Server) keepRegistry(c *gin.Context, a *catalog.Agency) bool {
	if actor, _ := c.Get(actorKey); actor == "operator" {
		return true
	}
	stored, err := s.deps.Store.Agency(c.Request.Context(), a.OrgNumber)
	if err != nil {
		s.storeProblem(c, err, "Agency "+a.OrgNumber.String())
		return false
	}
	var changed []string
	keep := func(name string, v *string, was string) {
		if *v == "" {
			*v = was
		} else if *v != was {
			changed = append(changed, name)
		}
	}
	keep("shortName", &a.ShortName, stored.ShortName)
	keep("department", &a.Department, stored.Department)
	keep("sizeClass", &a.SizeClass, stored.SizeClass)
	keep("group", &a.Group, stored.Group)
	if a.Staff == 0 {
		a.Staff = stored.Staff
	} else if a.Staff != stored.Staff {
		changed = append(changed, "staff")
	}
	if len(changed) > 0 {
		s.problem(c, forbidden(fmt.Sprintf("Only the operator changes an agency's register facts (%s): reports group agencies by them.", strings.Join(changed, ", "))))
		return false
	}
	return true
}

// agencyInput validates the body as agency org (the body may leave its
// number out; it may not name another), answering the problem itself when
// it is bad.
func (s *Server) agencyInput(c *gin.Context, org catalog.OrgNumber) (*catalog.Agency, bool) {
	body, ok := s.readBody(c)
	if !ok {
		return nil, false
	}
	body, p := withField(body, "orgNumber", org.String())
	if p == nil {
		var a *catalog.Agency
		if a, p = s.deps.Validator.Agency(body); p == nil && a.OrgNumber == org {
			return a, true
		}
	}
	if p == nil {
		p = problem.Invalid(nil).Add("/orgNumber",
			"orgNumber differs from the agency in the path; an agency's number cannot change",
			"orgNumber skiljer sig från myndigheten i sökvägen; en myndighets nummer kan inte ändras")
	}
	s.problem(c, p)
	return nil, false
}

// withField sets key to value in a JSON object body when the body lacks it,
// so a PUT may leave out what the path already says. A body that is not a
// JSON object is returned unchanged for the validator to report.
func withField(body []byte, key, value string) ([]byte, *problem.Problem) {
	var m map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&m); err != nil || m == nil {
		return body, nil
	}
	if _, ok := m[key]; ok {
		return body, nil
	}
	v, _ := json.Marshal(value)
	m[key] = v
	out, err := json.Marshal(m)
	if err != nil {
		return body, nil
	}
	return out, nil
}
