package storetest

import (
	"errors"
	"fmt"
	"slices"
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
	t.Run("LinkPage", func(t *testing.T) { testLinkPage(t, newStore(t)) })
}

// testLinkPage: the link table pages with broken links first (longest
// broken first), filters by state and kind, and keeps what an API
// description was and whether it had CORS.
func testLinkPage(t *testing.T, s LinkStore) {
	createAgency(t, s, OrgDigg)
	t1 := time.Date(2026, 3, 1, 4, 0, 0, 0, time.UTC)
	t2 := t1.Add(time.Hour)
	yes, no := true, false
	must(t, s.SaveLinks(ctx(t), OrgDigg, t1, []catalog.LinkResult{
		{URL: "https://a.se/old-broken", Kinds: []string{"downloadURL"}, Status: 404},
	}))
	must(t, s.SaveLinks(ctx(t), OrgDigg, t2, []catalog.LinkResult{
		{URL: "https://a.se/api.json", Kinds: []string{"endpointDescription"}, Status: 200, OK: true, API: "openapi 3.0.3", CORS: &yes},
		{URL: "https://a.se/ui", Kinds: []string{"conformsTo", "endpointDescription"}, Status: 200, OK: true, API: "html", CORS: &no},
		{URL: "https://a.se/new-broken", Kinds: []string{"accessURL"}, Status: 500},
		{URL: "https://a.se/old-broken", Kinds: []string{"downloadURL"}, Status: 404},
		{URL: "https://a.se/page", Kinds: []string{"page"}, Status: 200, OK: true},
	}))
	all, total, err := s.LinkPage(ctx(t), OrgDigg, catalog.LinkFilter{}, catalog.Page{Number: 1, Limit: 10})
	must(t, err)
	var urls []string
	for _, l := range all {
		urls = append(urls, l.URL)
	}
	want := []string{"https://a.se/old-broken", "https://a.se/new-broken", "https://a.se/api.json", "https://a.se/page", "https://a.se/ui"}
	if total != 5 || !slices.Equal(urls, want) {
		t.Errorf("page %v (total %d), want %v", urls, total, want)
	}
	if a := all[2]; a.API != "openapi 3.0.3" || a.CORS == nil || !*a.CORS {
		t.Errorf("API description row %+v", a)
	}
	if p := all[3]; p.API != "" || p.CORS != nil {
		t.Errorf("plain link row %+v", p)
	}
	broken, n, err := s.LinkPage(ctx(t), OrgDigg, catalog.LinkFilter{Broken: &yes}, catalog.Page{Number: 2, Limit: 1})
	must(t, err)
	if n != 2 || len(broken) != 1 || broken[0].URL != "https://a.se/new-broken" {
		t.Errorf("second page of the broken: %+v (of %d)", broken, n)
	}
	descs, n, err := s.LinkPage(ctx(t), OrgDigg, catalog.LinkFilter{Broken: &no, Kind: "endpointDescription"}, catalog.Page{})
	must(t, err)
	if n != 2 || len(descs) != 2 || descs[0].URL != "https://a.se/api.json" || descs[1].CORS == nil || *descs[1].CORS {
		t.Errorf("working API descriptions %+v (of %d)", descs, n)
	}
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
