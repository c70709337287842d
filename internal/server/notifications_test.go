package server

import (
	"strings"
	"testing"
)

// TestNotificationSettings: an agency reads and replaces how it is told of
// changes with its own token; the webhook's secret is never shown; bad
// settings are refused with located problems; another agency's token may
// not read them.
func TestNotificationSettings(t *testing.T) {
	f := newFixture(t)
	digg := f.register(orgDigg, "Digg")
	scb := f.register(orgSCB, "SCB")
	path := "/api/v1/agencies/" + orgDigg + "/notifications"
	if r := f.do("GET", path, "", nil); r.status != 401 {
		t.Errorf("without a token: %d", r.status)
	}
	if r := f.do("GET", path, scb, nil); r.status != 403 {
		t.Errorf("another agency's token: %d", r.status)
	}
	var v notificationsView
	f.do("GET", path, digg, nil).json(t, &v)
	if !v.Email || v.Mode != "change" || v.Webhook != nil || v.MailServer {
		t.Errorf("defaults: %+v", v)
	}
	body := map[string]any{"mode": "digest", "email": false,
		"webhook": map[string]any{"url": "https://ci.digg.example.se/hooks/katalog", "secret": "en-lång-hemlighet-för-webhooken"}}
	r := f.do("PUT", path, digg, body)
	if r.status != 200 || strings.Contains(string(r.body), "hemlighet") {
		t.Fatalf("put: %d %s", r.status, r.body)
	}
	r = f.do("GET", path, testAdmin, nil)
	r.json(t, &v)
	if v.Email || v.Mode != "digest" || v.Webhook == nil || !v.Webhook.SecretSet || v.Webhook.URL != "https://ci.digg.example.se/hooks/katalog" || v.UpdatedAt == nil {
		t.Errorf("after put: %+v", v)
	}
	if strings.Contains(string(r.body), "hemlighet") {
		t.Errorf("the secret is shown: %s", r.body)
	}
	r = f.do("PUT", path, digg, map[string]any{"mode": "weekly", "webhook": map[string]any{"url": "ftp://x.se", "secret": "kort"}})
	if r.status != 422 {
		t.Fatalf("bad settings: %d %s", r.status, r.body)
	}
	pointers := map[string]bool{}
	for _, e := range r.problem(t).Errors {
		pointers[e.Pointer] = true
	}
	if !pointers["/mode"] || !pointers["/webhook/secret"] {
		t.Errorf("problem pointers %v", pointers)
	}
	if r := f.do("PUT", "/api/v1/agencies/2021005489/notifications", testAdmin, map[string]any{}); r.status != 404 {
		t.Errorf("unknown agency: %d %s", r.status, r.body)
	}
}
