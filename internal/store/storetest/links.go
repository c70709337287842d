package storetest

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// LinkStore is a Store that also keeps link tables.
type LinkStore interface {
	catalog.Store
	catalog.LinkStore
}

// RunLinks runs the link-table suite against stores made by newStore.
func RunLinks(t *testing.T, newStore func(t *testing.T) LinkStore) {
	t.Run("LinkHistory", func(t *testing.T) { testLinkHistory(t, newStore(t)) })
	t.Run("ManyLinks", func(t *testing.T) { testManyLinks(t, newStore(t)) })
}

func testLinkHistory(t *testing.T, s LinkStore) {
	createAgency(t, s, OrgDigg)
	createAgency(t, s, OrgSCB)
	t1 := time.Date(2026, 3, 1, 4, 0, 0, 123456789, time.UTC)
	t2, t3 := t1.Add(24*time.Hour), t1.Add(48*time.Hour)
	link := func(url string, ok bool) catalog.LinkResult {
		r := catalog.LinkResult{URL: url, Kinds: []string{"accessURL", "downloadURL"}, Status: 200, OK: ok, DurationMs: 12}
		if !ok {
			r.Status, r.Error = 404, "not found"
		}
		return r
	}
	byURL := func(org catalog.OrgNumber) map[string]catalog.LinkResult {
		t.Helper()
		list, err := s.Links(ctx(t), org)
		must(t, err)
		out := map[string]catalog.LinkResult{}
		for _, l := range list {
			out[l.URL] = l
		}
		return out
	}
	at := func(p *time.Time) time.Time {
		if p == nil {
			return time.Time{}
		}
		return *p
	}
	must(t, s.SaveLinks(ctx(t), OrgDigg, t1, []catalog.LinkResult{link("https://a.se/1", true), link("https://a.se/2", false)}))
	must(t, s.SaveLinks(ctx(t), OrgSCB, t1, []catalog.LinkResult{link("https://b.se/1", false)}))
	got := byURL(OrgDigg)
	if a := got["https://a.se/1"]; !a.OK || a.BrokenSince != nil || !at(a.LastOK).Equal(t1.Truncate(time.Microsecond)) ||
		len(a.Kinds) != 2 || a.Kinds[1] != "downloadURL" || a.DurationMs != 12 || !a.CheckedAt.Equal(t1.Truncate(time.Microsecond)) {
		t.Errorf("working link after one check: %+v", a)
	}
	if b := got["https://a.se/2"]; b.OK || b.Status != 404 || b.Error != "not found" || b.LastOK != nil || !at(b.BrokenSince).Equal(t1.Truncate(time.Microsecond)) {
		t.Errorf("broken link after one check: %+v", b)
	}

	// Day two: 1 breaks, 2 stays broken (since day one), 3 is new and works.
	must(t, s.SaveLinks(ctx(t), OrgDigg, t2, []catalog.LinkResult{link("https://a.se/1", false), link("https://a.se/2", false), link("https://a.se/3", true)}))
	got = byURL(OrgDigg)
	if a := got["https://a.se/1"]; a.OK || !at(a.BrokenSince).Equal(t2.Truncate(time.Microsecond)) || !at(a.LastOK).Equal(t1.Truncate(time.Microsecond)) {
		t.Errorf("link broken on day two: %+v", a)
	}
	if b := got["https://a.se/2"]; !at(b.BrokenSince).Equal(t1.Truncate(time.Microsecond)) {
		t.Errorf("a link broken two days keeps its first day: %+v", b)
	}
	// Day three: only 1 is left in the catalog, and works again.
	must(t, s.SaveLinks(ctx(t), OrgDigg, t3, []catalog.LinkResult{link("https://a.se/1", true)}))
	got = byURL(OrgDigg)
	if len(got) != 1 {
		t.Fatalf("links gone from the catalog are kept: %v", got)
	}
	if a := got["https://a.se/1"]; !a.OK || a.BrokenSince != nil || !at(a.LastOK).Equal(t3.Truncate(time.Microsecond)) {
		t.Errorf("link working again: %+v", a)
	}
	if other := byURL(OrgSCB); len(other) != 1 {
		t.Errorf("another agency's links changed: %v", other)
	}
	if err := s.SaveLinks(ctx(t), Org("202100000"), t1, nil); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("SaveLinks of an unknown agency: %v, want ErrNotFound", err)
	}
	if list, err := s.Links(ctx(t), Org("202100000")); err != nil || len(list) != 0 {
		t.Errorf("Links of an unknown agency: %v %v", list, err)
	}
}

// testManyLinks: a link table larger than one statement's batch is kept
// whole.
func testManyLinks(t *testing.T, s LinkStore) {
	createAgency(t, s, OrgDigg)
	var links []catalog.LinkResult
	for i := range 1234 {
		links = append(links, catalog.LinkResult{URL: fmt.Sprintf("https://a.se/%05d", i), Kinds: []string{"accessURL"}, Status: 200, OK: i%50 != 0})
	}
	must(t, s.SaveLinks(ctx(t), OrgDigg, time.Now(), links))
	got, err := s.Links(ctx(t), OrgDigg)
	must(t, err)
	broken := 0
	for _, l := range got {
		if !l.OK {
			broken++
		}
	}
	if len(got) != 1234 || broken != 25 {
		t.Errorf("%d links, %d broken; want 1234 and 25", len(got), broken)
	}
}
