package server

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/store/sqlite"
)

// TestTokenLifecycle: an agency makes named tokens (the secret shown once,
// never cached), lists them without secrets, writes with them, and revokes
// them; another agency can do none of it for it.
func TestTokenLifecycle(t *testing.T) {
	f := newFixture(t)
	digg := f.register(orgDigg, "Digg")
	scb := f.register(orgSCB, "SCB")
	tokens := "/api/v1/agencies/" + orgDigg + "/tokens"

	r := f.do("POST", tokens, digg, map[string]any{"name": "publiceringsflöde", "expiresAt": time.Now().Add(time.Hour).UTC().Format(time.RFC3339)})
	if r.status != 201 || r.header.Get("Cache-Control") != "no-store" {
		t.Fatalf("create: %d %q %s", r.status, r.header.Get("Cache-Control"), r.body)
	}
	var made struct {
		ID        int64
		Name      string
		Token     string
		ExpiresAt *time.Time
	}
	r.json(t, &made)
	if made.ID == 0 || made.Name != "publiceringsflöde" || !strings.HasPrefix(made.Token, "kat_") || made.ExpiresAt == nil {
		t.Fatalf("made %+v", made)
	}
	if r := f.do("POST", "/api/v1/agencies/"+orgDigg+"/datasets", made.Token, datasetBody("Med ny token")); r.status != 201 {
		t.Errorf("write with the new token: %d %s", r.status, r.body)
	}
	list := f.do("GET", tokens, digg, nil)
	if list.status != 200 || strings.Contains(string(list.body), made.Token) || strings.Contains(string(list.body), "kat_") ||
		!strings.Contains(string(list.body), `"lastUsedAt":"`) || !strings.Contains(string(list.body), `"name":"initial"`) {
		t.Errorf("list: %d %s", list.status, list.body)
	}
	for _, c := range []struct {
		method, path, token string
		body                any
		want                int
	}{
		{"POST", tokens, scb, map[string]any{"name": "intrång"}, 403},
		{"GET", tokens, scb, nil, 403},
		{"GET", tokens, "", nil, 401},
		{"DELETE", fmt.Sprintf("%s/%d", tokens, made.ID), scb, nil, 403},
		{"POST", tokens, digg, map[string]any{"name": "gammal", "expiresAt": "2020-01-01T00:00:00Z"}, 422},
		{"DELETE", tokens + "/999", digg, nil, 404},
	} {
		if r := f.do(c.method, c.path, c.token, c.body); r.status != c.want {
			t.Errorf("%s %s: %d, want %d (%s)", c.method, c.path, r.status, c.want, r.body)
		}
	}
	if r := f.do("DELETE", fmt.Sprintf("%s/%d", tokens, made.ID), digg, nil); r.status != 204 {
		t.Fatalf("revoke: %d %s", r.status, r.body)
	}
	if r := f.do("POST", "/api/v1/agencies/"+orgDigg+"/datasets", made.Token, datasetBody("Efter återkallelse")); r.status != 401 {
		t.Errorf("write with a revoked token: %d", r.status)
	}
	if r := f.do("POST", "/api/v1/agencies/"+orgDigg+"/datasets", digg, datasetBody("Med första token")); r.status != 201 {
		t.Errorf("the agency's other token stopped working: %d", r.status)
	}
	if r := f.do("POST", "/api/v1/agencies", testAdmin, agencyBody("2021005448", "Skatteverket")); r.header.Get("Cache-Control") != "no-store" {
		t.Errorf("registration answer (carries a token) may be cached: %q", r.header.Get("Cache-Control"))
	}
}

// TestExpiredTokenRefused: a token past its expiry opens nothing.
func TestExpiredTokenRefused(t *testing.T) {
	now := time.Now()
	f := newFixture(t, func(d *Deps) { d.Now = func() time.Time { return now } })
	digg := f.register(orgDigg, "Digg")
	r := f.do("POST", "/api/v1/agencies/"+orgDigg+"/tokens", digg, map[string]any{"name": "kort", "expiresAt": now.Add(time.Minute).UTC().Format(time.RFC3339Nano)})
	var made struct{ Token string }
	r.json(t, &made)
	if r := f.do("POST", "/api/v1/agencies/"+orgDigg+"/datasets", made.Token, datasetBody("Före")); r.status != 201 {
		t.Fatalf("before expiry: %d", r.status)
	}
	now = now.Add(2 * time.Minute)
	if r := f.do("POST", "/api/v1/agencies/"+orgDigg+"/datasets", made.Token, datasetBody("Efter")); r.status != 401 {
		t.Errorf("after expiry: %d", r.status)
	}
}

// TestRevokedOnEveryInstance: a token revoked through one instance is
// refused by another on the same database at once.
func TestRevokedOnEveryInstance(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	open := func(d *Deps) {
		st, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		d.Store, d.Writes = st, nil
	}
	a, b := newFixture(t, open), newFixture(t, open)
	digg := a.register(orgDigg, "Digg")
	r := a.do("POST", "/api/v1/agencies/"+orgDigg+"/tokens", digg, map[string]any{"name": "ci"})
	var made struct {
		ID    int64
		Token string
	}
	r.json(t, &made)
	if r := b.do("POST", "/api/v1/agencies/"+orgDigg+"/datasets", made.Token, datasetBody("Via B")); r.status != 201 {
		t.Fatalf("instance B before the revocation: %d %s", r.status, r.body)
	}
	if r := a.do("DELETE", fmt.Sprintf("/api/v1/agencies/%s/tokens/%d", orgDigg, made.ID), digg, nil); r.status != 204 {
		t.Fatalf("revoke through A: %d", r.status)
	}
	if r := b.do("POST", "/api/v1/agencies/"+orgDigg+"/datasets", made.Token, datasetBody("Via B igen")); r.status != 401 {
		t.Errorf("instance B after the revocation through A: %d, want 401", r.status)
	}
}

// TestAuditLog: every write a token opened is in the audit log with who,
// what and how it ended; only the operator reads it.
func TestAuditLog(t *testing.T) {
	f := newFixture(t)
	digg := f.register(orgDigg, "Digg")
	f.do("POST", "/api/v1/agencies/"+orgDigg+"/datasets", digg, datasetBody("Granskad"))
	f.do("POST", "/api/v1/agencies/"+orgDigg+"/datasets", digg, map[string]any{"title": "fel"})
	f.do("POST", "/api/v1/agencies/"+orgDigg+"/datasets", "kat_unknown", datasetBody("Okänd"))
	if r := f.do("GET", "/api/v1/audit", digg, nil); r.status != 403 {
		t.Errorf("an agency reads the audit log: %d", r.status)
	}
	r := f.do("GET", "/api/v1/audit?agency="+orgDigg, testAdmin, nil)
	var page listPage[catalog.AuditEntry]
	r.json(t, &page)
	if r.status != 200 || page.Total != 2 {
		t.Fatalf("audit of %s: %d %s", orgDigg, r.status, r.body)
	}
	bad, good := page.Items[0], page.Items[1]
	if good.Status != 201 || bad.Status != 422 || !strings.HasPrefix(good.Actor, "agency:"+orgDigg+":token:") ||
		good.Route != "/api/v1/agencies/:orgnr/datasets" || good.Method != "POST" || good.Agency != orgDigg || good.Remote == "" {
		t.Errorf("entries %+v", page.Items)
	}
	r = f.do("GET", "/api/v1/audit", testAdmin, nil)
	r.json(t, &page)
	if page.Total != 3 || page.Items[2].Actor != "operator" || page.Items[2].Route != "/api/v1/agencies" {
		t.Errorf("whole log %+v", page.Items)
	}
	if strings.Contains(string(r.body), digg) || strings.Contains(string(r.body), testAdmin) {
		t.Error("a secret is in the audit log")
	}
}

// TestRegisterFactsAreTheOperators: an agency's own PUT may leave its
// register facts out (they are kept) but not change them (403); the
// operator may.
func TestRegisterFactsAreTheOperators(t *testing.T) {
	f := newFixture(t)
	digg := f.register(orgDigg, "Digg")
	reg := agencyBody(orgDigg, "Digg")
	reg["sizeClass"], reg["department"], reg["group"], reg["staff"] = "medium", "Finansdepartementet", "Statliga förvaltningsmyndigheter", 120
	if r := f.do("PUT", "/api/v1/agencies/"+orgDigg, testAdmin, reg); r.status != 200 {
		t.Fatalf("operator sets register facts: %d %s", r.status, r.body)
	}
	own := agencyBody(orgDigg, "Myndigheten för digital förvaltning")
	own["harvestUrl"] = "https://www.digg.se/datasets/dcat"
	r := f.do("PUT", "/api/v1/agencies/"+orgDigg, digg, own)
	var a catalog.Agency
	r.json(t, &a)
	if r.status != 200 || a.SizeClass != "medium" || a.Department != "Finansdepartementet" || a.Staff != 120 || a.HarvestURL == "" {
		t.Errorf("own PUT without register facts: %d %+v", r.status, a)
	}
	own["sizeClass"] = "very_large"
	if r := f.do("PUT", "/api/v1/agencies/"+orgDigg, digg, own); r.status != 403 || !strings.Contains(string(r.body), "sizeClass") {
		t.Errorf("own PUT of its size class: %d %s", r.status, r.body)
	}
	if got, _ := f.store.Agency(context.Background(), orgDigg); got.SizeClass != "medium" {
		t.Errorf("size class changed to %q", got.SizeClass)
	}
}
