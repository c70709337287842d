package server

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/demo"
	"github.com/katalog-se/katalog/internal/report"
	"github.com/katalog-se/katalog/internal/score"
)

// TestDemoPortalUnknownUntilSync: the demo's agencies are not "on the
// portal" because katalog hosts their feeds; until the portal is asked
// their status is unknown, in the score API, on the scorecard and in the
// report, and each channel names its source and date. After a sync, the
// portal's word counts, with its date.
func TestDemoPortalUnknownUntilSync(t *testing.T) {
	f := newFixture(t, withReports(t))
	ctx := context.Background()
	if _, err := demo.Load(ctx, f.store, f.api.deps.Writes); err != nil {
		t.Fatal(err)
	}
	scores := f.api.deps.Scores.(*score.Service)
	rescore := func(org catalog.OrgNumber) {
		t.Helper()
		if _, err := scores.Rescore(ctx, org); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range demo.Agencies() {
		rescore(a.OrgNumber)
	}

	type finding struct {
		Source  string            `json:"source"`
		Label   map[string]string `json:"label"`
		At      string            `json:"at"`
		Found   bool              `json:"found"`
		Unknown bool              `json:"unknown"`
	}
	var sc struct {
		Channels        map[string]*bool     `json:"channels"`
		ChannelEvidence map[string][]finding `json:"channelEvidence"`
	}
	const scb = "2021000837"
	f.do("GET", "/api/v1/agencies/"+scb+"/score", "", nil).json(t, &sc)
	if p, ok := sc.Channels["portal"]; !ok || p != nil {
		t.Errorf("demo portal channel %v (present %v), want null", p, ok)
	}
	if ev := sc.ChannelEvidence["portal"]; len(ev) != 1 || !ev[0].Unknown || ev[0].Label["sv"] == "" || ev[0].Label["en"] == "" {
		t.Errorf("portal evidence %+v", ev)
	}
	for _, ch := range []string{"files", "openMachineReadable", "api"} {
		ev := sc.ChannelEvidence[ch]
		if len(ev) != 2 || ev[0].Source != score.SourceKatalog || !ev[0].Found || ev[0].At == "" ||
			!strings.Contains(ev[0].Label["en"], "hosted in katalog") || ev[1].Source != score.SourceOwnCatalog || !ev[1].Unknown {
			t.Errorf("%s evidence %+v, want hosted in katalog (found, dated) and the own catalog not yet read", ch, ev)
		}
	}
	page := string(f.do("GET", "/agencies/"+scb, "", nil).body)
	for _, want := range []string{`id="chan-portal" data-state="unknown"`, `id="channel-sources"`, "publicerat i katalog, senast ändrat", "ännu inte frågad",
		"Okänt: katalog har inte synkat med dataportalen ännu"} {
		if !strings.Contains(page, want) {
			t.Errorf("scorecard lacks %q", want)
		}
	}
	if en := string(f.do("GET", "/agencies/"+scb+"?lang=en", "", nil).body); !strings.Contains(en, "hosted in katalog, last changed") || !strings.Contains(en, "Unknown: katalog has not synced with the portal yet") {
		t.Error("the English scorecard lacks the sources' English labels")
	}

	rep, err := f.api.deps.Reports.Run(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := rep.Indicator(report.Portal); p.Of != 0 || p.Count != 0 || p.Unknown == nil || *p.Unknown != 6 {
		t.Errorf("demo report portal %d of %d, unknown %v; want 0 of 0 and 6 unknown", p.Count, p.Of, p.Unknown)
	}
	if p, _ := rep.Indicator(report.Publishes); p.Count != 6 || p.Of != 6 {
		t.Errorf("demo report publishes %d of %d, want 6 of 6", p.Count, p.Of)
	}

	// The portal is asked: it lists SCB, not Valmyndigheten.
	synced := time.Date(2026, 3, 2, 4, 0, 0, 0, time.UTC)
	const val = "2021005281"
	if err := f.api.deps.Writes.RecordPortalSync(ctx, []catalog.PortalStatus{
		{Agency: scb, Status: catalog.PortalListed, CheckedAt: synced, OnPortal: 1, InCatalogs: 1},
		{Agency: val, Status: catalog.PortalNotListed, CheckedAt: synced, InCatalogs: 1},
	}); err != nil {
		t.Fatal(err)
	}
	rescore(scb)
	rescore(val)
	f.do("GET", "/api/v1/agencies/"+scb+"/score", "", nil).json(t, &sc)
	if p := sc.Channels["portal"]; p == nil || !*p {
		t.Errorf("SCB after the sync: portal %v, want true", p)
	}
	if ev := sc.ChannelEvidence["portal"]; len(ev) != 1 || !ev[0].Found || !strings.HasPrefix(ev[0].At, "2026-03-02T04:00:00") || !strings.Contains(ev[0].Label["en"], "2026-03-02") {
		t.Errorf("SCB portal evidence %+v", ev)
	}
	f.do("GET", "/api/v1/agencies/"+val+"/score", "", nil).json(t, &sc)
	if p := sc.Channels["portal"]; p == nil || *p {
		t.Errorf("Valmyndigheten after the sync: portal %v, want false", p)
	}
	page = string(f.do("GET", "/agencies/"+scb, "", nil).body)
	if !strings.Contains(page, `id="chan-portal" data-state="yes"`) || !strings.Contains(page, "Sveriges dataportal, 2026-03-02") ||
		!strings.Contains(page, "listad (synkat 2 mars 2026 kl. 05:00)") {
		t.Error("the scorecard does not show the portal's word with its date")
	}
}
