package server

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/catalog"
)

// importStateBody is the answer of GET /api/v1/agencies/{orgnr}/import:
// what the agency's last import found and kept.
type importStateBody struct {
	Agency catalog.OrgNumber `json:"agency"`
	// Imported is false when the agency has not imported (the rest is
	// then empty).
	Imported bool       `json:"imported"`
	At       *time.Time `json:"at,omitempty"`
	Format   string     `json:"format,omitempty"`
	Triples  int64      `json:"triples,omitempty"`
	// Report is the import's report (internal/importer.Report, its lists
	// capped): the DCAT-AP-SE findings of the document as published, the
	// IRIs minted, what could not be published.
	Report json.RawMessage `json:"report,omitempty"`
	// Rest is where the triples the import kept but katalog does not
	// publish are served, as N-Triples.
	Rest string `json:"rest,omitempty"`
}

// getImportState answers what the agency's last import found and kept.
func (s *Server) getImportState(c *gin.Context) {
	org, ok := s.orgParam(c)
	if !ok {
		return
	}
	st, err := s.deps.Store.ImportState(c.Request.Context(), org)
	if err != nil {
		s.storeProblem(c, err, "Agency "+org.String())
		return
	}
	body := importStateBody{Agency: org, Imported: st.Digest != "" || len(st.Report) > 0, Format: st.Format, Triples: st.Triples, Report: st.Report}
	if !st.At.IsZero() {
		body.At = &st.At
	}
	if len(st.Rest) > 0 {
		body.Rest = "/api/v1/agencies/" + org.String() + "/import/rest.nt"
	}
	c.JSON(http.StatusOK, body)
}

// getImportRest serves the triples of the agency's last import that
// katalog keeps but does not publish (the feed's own catalog node, what
// no dataset owns, what no syntax can carry), as N-Triples.
func (s *Server) getImportRest(c *gin.Context) {
	org, ok := s.orgParam(c)
	if !ok {
		return
	}
	if c.Param("file") != "rest.nt" {
		s.problem(c, notFound("Not found; the rest of the last import is rest.nt"))
		return
	}
	st, err := s.deps.Store.ImportState(c.Request.Context(), org)
	if err != nil || len(st.Rest) == 0 {
		s.storeProblem(c, orNotFound(err), "The rest of agency "+org.String()+"'s last import")
		return
	}
	zipped := acceptsGzip(c.GetHeader("Accept-Encoding"))
	body, err := gunzipped(st.Rest, zipped)
	if err != nil {
		s.internal(c, err)
		return
	}
	c.Header("Vary", "Accept-Encoding")
	if zipped {
		c.Header("Content-Encoding", "gzip")
	}
	c.Data(http.StatusOK, "application/n-triples", body)
}

// orNotFound is err, or catalog.ErrNotFound when it is nil.
func orNotFound(err error) error {
	if err == nil {
		return catalog.ErrNotFound
	}
	return err
}
