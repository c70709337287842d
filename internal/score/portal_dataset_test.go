package score

import (
	"testing"

	"github.com/katalog-se/katalog/catalog"
)

// TestDatasetPortalIsWhatTheSyncSaid: each dataset's portal channel is the
// portal's word on it: unknown (nil) before any sync, false for every
// dataset of an agency the portal does not list, and, for one it lists,
// true except for the datasets the sync named missing.
func TestDatasetPortalIsWhatTheSyncSaid(t *testing.T) {
	const base = "https://katalog.example.se"
	ds := []catalog.Dataset{goodDataset("a"), goodDataset("b")}
	iriA, iriB := base+"/datasets/a", base+"/datasets/b"
	portalOf := func(s *AgencyScore) map[string]*bool {
		out := map[string]*bool{}
		for _, r := range s.Datasets {
			out[r.IRI] = r.Channels.Portal
		}
		_, okA := out[iriA]
		_, okB := out[iriB]
		if len(out) != 2 || !okA || !okB {
			t.Fatalf("datasets %+v", s.Datasets)
		}
		return out
	}
	state := func(p *bool) string {
		return Channels{Portal: p}.PortalState()
	}

	got := portalOf(scoreOf(t, Inputs{BaseURL: base}, ds))
	if got[iriA] != nil || got[iriB] != nil {
		t.Errorf("before any sync: a %s, b %s; want unknown", state(got[iriA]), state(got[iriB]))
	}

	notListed := &catalog.PortalStatus{Status: catalog.PortalNotListed, CheckedAt: fixedNow}
	got = portalOf(scoreOf(t, Inputs{BaseURL: base, Portal: notListed}, ds))
	if state(got[iriA]) != catalog.PortalNotListed || state(got[iriB]) != catalog.PortalNotListed {
		t.Errorf("agency not listed: a %s, b %s; want notListed", state(got[iriA]), state(got[iriB]))
	}

	listed := &catalog.PortalStatus{Status: catalog.PortalListed, CheckedAt: fixedNow, OnPortal: 1, InCatalogs: 2, Missing: []string{iriB}}
	s := scoreOf(t, Inputs{BaseURL: base, Portal: listed}, ds)
	got = portalOf(s)
	if state(got[iriA]) != catalog.PortalListed || state(got[iriB]) != catalog.PortalNotListed {
		t.Errorf("listed, b missing: a %s, b %s; want listed, notListed", state(got[iriA]), state(got[iriB]))
	}
	if !s.Channels.OnPortal() {
		t.Errorf("agency channel %s, want listed", s.Channels.PortalState())
	}
}
