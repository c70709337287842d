package server

import (
	"fmt"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/problem"
)

// linkKinds are the properties a link may be found under, for ?kind=.
var linkKinds = []string{"accessURL", "conformsTo", "downloadURL", "endpointDescription", "endpointURL", "landingPage", "page"}

// linkParams document the link table's query parameters.
var linkParams = []map[string]any{
	{"name": "limit", "in": "query", "description": "links per page", "schema": map[string]any{"type": "integer", "minimum": 1, "maximum": maxLimit, "default": defaultLimit}},
	{"name": "page", "in": "query", "description": "page, from 1", "schema": map[string]any{"type": "integer", "minimum": 1, "default": 1}},
	{"name": "broken", "in": "query", "description": "true: only broken links; false: only working ones", "schema": map[string]any{"type": "boolean"}},
	{"name": "kind", "in": "query", "description": "only links found under this property", "schema": map[string]any{"type": "string", "enum": linkKinds}},
}

// listLinks answers the agency's link table: every URL its catalog links
// to as the latest check found it, broken first (longest broken first).
func (s *Server) listLinks(c *gin.Context) {
	org, p, ok := s.agencyListing(c)
	if !ok {
		return
	}
	f, pr := linkFilter(c.Query("broken"), c.Query("kind"))
	if pr != nil {
		s.problem(c, pr)
		return
	}
	items, total, err := s.deps.Store.LinkPage(c.Request.Context(), org, f, p)
	renderList(s, c, p, items, total, err)
}

// linkFilter reads ?broken and ?kind.
func linkFilter(broken, kind string) (catalog.LinkFilter, *problem.Problem) {
	var f catalog.LinkFilter
	var errs []problem.FieldError
	switch broken {
	case "":
	case "true", "false":
		b := broken == "true"
		f.Broken = &b
	default:
		errs = append(errs, problem.FieldError{Pointer: "?broken", Detail: "broken must be true or false",
			Message: map[string]string{"sv": "broken ska vara true eller false", "en": "broken must be true or false"}})
	}
	if kind != "" && !slices.Contains(linkKinds, kind) {
		errs = append(errs, problem.FieldError{Pointer: "?kind", Detail: fmt.Sprintf("kind must be one of %v", linkKinds),
			Message: map[string]string{"sv": fmt.Sprintf("kind ska vara en av %v", linkKinds), "en": fmt.Sprintf("kind must be one of %v", linkKinds)}})
	}
	f.Kind = kind
	if len(errs) > 0 {
		pr := badRequest("Invalid link filter.")
		pr.Errors = errs
		return f, pr
	}
	return f, nil
}
