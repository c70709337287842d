package server

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/catalog"
)

// notificationsView is the answer of GET and PUT …/notifications: the
// settings without the webhook's secret.
type notificationsView struct {
	Agency catalog.OrgNumber `json:"agency"`
	Email  bool              `json:"email"`
	// EmailTo is where mail goes (the agency's email); MailServer whether
	// katalog can send mail at all (notify.smtp).
	EmailTo    string       `json:"emailTo"`
	MailServer bool         `json:"mailServer"`
	Mode       string       `json:"mode"`
	Webhook    *webhookView `json:"webhook"`
	UpdatedAt  *time.Time   `json:"updatedAt,omitempty"`
}

type webhookView struct {
	URL       string `json:"url"`
	SecretSet bool   `json:"secretSet"`
}

// view is n as answered for a.
func (s *Server) notificationsView(a *catalog.Agency, n catalog.NotifySettings) notificationsView {
	v := notificationsView{Agency: a.OrgNumber, Email: n.Email, EmailTo: a.Email, MailServer: s.deps.MailServer, Mode: n.Mode}
	if n.WebhookURL != "" {
		v.Webhook = &webhookView{URL: n.WebhookURL, SecretSet: n.WebhookSecret != ""}
	}
	if !n.UpdatedAt.IsZero() {
		v.UpdatedAt = &n.UpdatedAt
	}
	return v
}

// notifySettings are org's settings, the defaults when it set none.
func (s *Server) notifySettings(ctx context.Context, org catalog.OrgNumber) (catalog.NotifySettings, error) {
	n, err := s.deps.Store.NotifySettings(ctx, org)
	switch {
	case errors.Is(err, catalog.ErrNotFound):
		return catalog.DefaultNotifySettings(org), nil
	case err != nil:
		return catalog.NotifySettings{}, err
	}
	return *n, nil
}

func (s *Server) getNotifications(c *gin.Context) {
	org, a, ok := s.agencyParam(c)
	if !ok {
		return
	}
	n, err := s.notifySettings(c.Request.Context(), org)
	if err != nil {
		s.storeProblem(c, err, "The notification settings of agency "+org.String())
		return
	}
	c.JSON(http.StatusOK, s.notificationsView(a, n))
}

func (s *Server) putNotifications(c *gin.Context) {
	org, a, ok := s.agencyParam(c)
	if !ok {
		return
	}
	body, ok := s.readBody(c)
	if !ok {
		return
	}
	n, p := s.deps.Validator.Notifications(org, body)
	if p != nil {
		s.problem(c, p)
		return
	}
	if err := s.deps.Writes.SetNotifications(c.Request.Context(), n); err != nil {
		s.storeProblem(c, err, "Agency "+org.String())
		return
	}
	c.JSON(http.StatusOK, s.notificationsView(a, *n))
}
