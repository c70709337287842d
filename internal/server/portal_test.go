package server

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// TestPortalStatus: GET /api/v1/agencies/{orgnr}/portal answers the
// contract's document: unknown (checkedAt null, counts 0) until a sync
// reached the portal, then what the latest one said.
func TestPortalStatus(t *testing.T) {
	f := newFixture(t)
	f.register(orgDigg, "Digg")
	r := f.do("GET", "/api/v1/agencies/"+orgDigg+"/portal", "", nil)
	if want := `{"status":"unknown","checkedAt":null,"onPortal":0,"inCatalogs":0,"missing":[]}`; r.status != 200 || string(r.body) != want {
		t.Fatalf("before any sync: %d %s, want %s", r.status, r.body, want)
	}
	at := time.Date(2026, 5, 2, 6, 30, 0, 0, time.FixedZone("CEST", 2*3600))
	for i, st := range []catalog.PortalStatus{
		{Agency: orgDigg, Status: catalog.PortalNotListed, CheckedAt: at, InCatalogs: 2, Missing: []string{"https://d.se/1", "https://d.se/2"}},
		{Agency: orgDigg, Status: catalog.PortalListed, CheckedAt: at.Add(24 * time.Hour), OnPortal: 3, InCatalogs: 2, Missing: []string{"https://d.se/2"},
			Publishers: []string{catalog.OrgNumber(orgDigg).PublisherIRI()}},
	} {
		if err := f.api.deps.Writes.RecordPortalSync(t.Context(), []catalog.PortalStatus{st}); err != nil {
			t.Fatalf("sync %d: %v", i, err)
		}
	}
	r = f.do("GET", "/api/v1/agencies/202100-6883/portal", "", nil)
	var got map[string]any
	r.json(t, &got)
	keys := make([]string, 0, len(got))
	for k := range got {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if r.status != 200 || !slices.Equal(keys, []string{"checkedAt", "inCatalogs", "missing", "onPortal", "status"}) {
		t.Fatalf("after two syncs: %d %s", r.status, r.body)
	}
	var a portalAnswer
	r.json(t, &a)
	if a.Status != "listed" || a.CheckedAt == nil || !a.CheckedAt.Equal(at.Add(24*time.Hour)) || a.CheckedAt.Location() != time.UTC ||
		a.OnPortal != 3 || a.InCatalogs != 2 || !slices.Equal(a.Missing, []string{"https://d.se/2"}) {
		t.Errorf("latest status %+v", a)
	}
	if !json.Valid(r.body) || got["checkedAt"] != "2026-05-03T04:30:00Z" {
		t.Errorf("checkedAt %v, want RFC 3339 UTC", got["checkedAt"])
	}
	for _, path := range []string{"/api/v1/agencies/2021000837/portal", "/api/v1/agencies/2021006884/portal"} {
		if r := f.do("GET", path, "", nil); r.status != 404 {
			t.Errorf("%s: %d, want 404", path, r.status)
		}
	}
}
