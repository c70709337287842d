package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/dcat/syntax/codec"
	"github.com/katalog-se/katalog/dcat/syntax/iri"
	"github.com/katalog-se/katalog/dcat/validate"
	"github.com/katalog-se/katalog/internal/findings"
	"github.com/katalog-se/katalog/internal/i18n"
)

// validateFormData is the "Validera" page: the form, and after a post its
// findings.
type validateFormData struct {
	Feed, Format, Base, Name string
	Error                    i18n.Text
	Report                   *findings.Report
	MaxBytes                 int64
}

// validateFormPage shows the form: paste a feed or upload a file.
func (s *Server) validateFormPage(c *gin.Context) {
	s.render(c, page{name: "validate", nav: "validate", title: i18n.Text{SV: "Validera ett flöde", EN: "Validate a feed"},
		data: validateFormData{MaxBytes: s.webValidateLimit()}})
}

// validateFormPost validates the pasted or uploaded feed against
// DCAT-AP-SE and shows every finding with the line its node first appears
// on; a syntax error is shown with its line and column.
func (s *Server) validateFormPost(c *gin.Context) {
	release, ok := s.slot(c, s.validations, "validations")
	if !ok {
		return
	}
	defer release()
	d := validateFormData{Format: c.PostForm("format"), Base: strings.TrimSpace(c.PostForm("base")), MaxBytes: s.webValidateLimit()}
	rep, status, msg := s.validateForm(c, &d)
	if msg != (i18n.Text{}) {
		d.Error = msg
	}
	d.Report = rep
	if len(d.Feed) > 200_000 { // a large upload is not sent back into the form
		d.Feed = ""
	}
	s.render(c, page{name: "validate", nav: "validate", title: i18n.Text{SV: "Validera ett flöde", EN: "Validate a feed"}, status: status, data: d})
}

// webValidateLimit is the largest feed the web form validates: it is held
// in memory to find the lines of the findings.
func (s *Server) webValidateLimit() int64 { return min(s.deps.MaxBodyBytes, s.importLimit()) }

// validateForm reads the form's feed into d and validates it: the report,
// or the status and message of what went wrong.
func (s *Server) validateForm(c *gin.Context, d *validateFormData) (*findings.Report, int, i18n.Text) {
	text, name, err := s.formFeed(c)
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return nil, http.StatusRequestEntityTooLarge, i18n.Text{SV: fmt.Sprintf("Flödet är större än gränsen här (%d byte); validera det med kommandot katalog validate.", d.MaxBytes),
			EN: fmt.Sprintf("The feed is larger than the limit here (%d bytes); validate it with the katalog validate command.", d.MaxBytes)}
	case err != nil:
		return nil, http.StatusBadRequest, i18n.Text{SV: "Formuläret kunde inte läsas: " + err.Error(), EN: "The form could not be read: " + err.Error()}
	case strings.TrimSpace(text) == "":
		return nil, http.StatusBadRequest, i18n.Text{SV: "Klistra in ett flöde eller välj en fil.", EN: "Paste a feed or choose a file."}
	}
	d.Feed, d.Name = text, name
	if d.Base != "" && iri.Check(d.Base) != nil {
		return nil, http.StatusBadRequest, i18n.Text{SV: "Basadressen är ingen absolut IRI.", EN: "The base address is not an absolute IRI."}
	}
	p, err := validate.Lookup(validate.DefaultProfile)
	if err != nil {
		return nil, http.StatusInternalServerError, i18n.Text{SV: err.Error(), EN: err.Error()}
	}
	r, _, err := codec.Open(strings.NewReader(text), codec.Input{Name: name, Format: d.Format, Base: d.Base,
		Limits: codec.Limits{MaxBytes: d.MaxBytes, MaxTriples: s.deps.ValidateBudget.MaxTriples}})
	if err != nil {
		return nil, http.StatusBadRequest, i18n.Text{SV: "Flödet kan inte läsas: " + err.Error(), EN: "The feed cannot be read: " + err.Error()}
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), s.deps.ValidateBudget.Timeout)
	defer cancel()
	rep, err := findings.Validate(ctx, p, r, findings.NewLines(text))
	if err != nil {
		return nil, http.StatusBadRequest, i18n.Text{SV: "Flödet kunde inte valideras: " + err.Error(), EN: "The feed could not be validated: " + err.Error()}
	}
	if rep.Syntax != "" {
		return rep, http.StatusBadRequest, i18n.Text{}
	}
	return rep, http.StatusOK, i18n.Text{}
}

// formFeed reads the feed of the form: an uploaded file wins over pasted
// text. The whole body is held to the limit.
func (s *Server) formFeed(c *gin.Context) (text, name string, err error) {
	limit := s.webValidateLimit()
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit+64<<10)
	if strings.HasPrefix(c.ContentType(), "multipart/") {
		if err := c.Request.ParseMultipartForm(limit + 64<<10); err != nil {
			return "", "", err
		}
		if fh, err := c.FormFile("file"); err == nil && fh.Size > 0 {
			if fh.Size > limit {
				return "", "", &http.MaxBytesError{Limit: limit}
			}
			f, err := fh.Open()
			if err != nil {
				return "", "", err
			}
			defer f.Close()
			b, err := io.ReadAll(io.LimitReader(f, limit+1))
			return string(b), fh.Filename, err
		}
	}
	text = c.PostForm("feed")
	if int64(len(text)) > limit {
		return "", "", &http.MaxBytesError{Limit: limit}
	}
	return text, "", nil
}
