package storetest

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// RunObserved runs the observed-catalog and portal suites against stores
// made by newStore.
func RunObserved(t *testing.T, newStore func(t *testing.T) catalog.Store) {
	t.Run("ObservedVersions", func(t *testing.T) { testObservedVersions(t, newStore(t)) })
	t.Run("PortalHistory", func(t *testing.T) { testPortalHistory(t, newStore(t)) })
	t.Run("ObservedPublishers", func(t *testing.T) { testObservedPublishers(t, newStore(t)) })
}

// observedGraph makes a graph of the datasets with the given IRIs ("" for
// a blank node, named by its ID) and a hash of its own.
func observedGraph(hash string, iris ...string) *catalog.ObservedGraph {
	g := &catalog.ObservedGraph{Hash: hash, Triples: 10 * len(iris), Gzip: []byte("gz:" + hash)}
	for i, iri := range iris {
		d := *minimalDataset(OrgDigg, datasetID(100+i))
		d.IRI = iri
		d.Title = catalog.LangString{"sv": "Observerad " + iri}
		g.Datasets = append(g.Datasets, d)
	}
	return g
}

func testObservedVersions(t *testing.T, s catalog.Store) {
	createAgency(t, s, OrgDigg)
	createAgency(t, s, OrgSCB)
	at := time.Date(2026, 5, 1, 4, 0, 0, 0, time.UTC)
	obs := func(day int, found bool) catalog.Observation {
		o := catalog.Observation{Agency: OrgDigg, URL: "https://www.digg.se/datasets/dcat", Discovered: true, At: at.AddDate(0, 0, day), Found: found, HTTPStatus: 200}
		if !found {
			o.HTTPStatus, o.Error = 404, "not found"
		}
		return o
	}
	if _, err := s.LatestObservation(ctx(t), OrgDigg); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("LatestObservation with none: %v", err)
	}
	// Day 0: nothing found; no version.
	v, made, err := s.SaveObservation(ctx(t), obs(0, false), nil)
	if err != nil || v != nil || made {
		t.Fatalf("an observation that found nothing: %+v %v %v", v, made, err)
	}
	if o, err := s.LatestObservation(ctx(t), OrgDigg); err != nil || o.Found || o.HTTPStatus != 404 || !o.Discovered || o.Error != "not found" {
		t.Errorf("latest observation %+v %v", o, err)
	}
	// Day 1: a catalog of two datasets, one a blank node.
	v, made, err = s.SaveObservation(ctx(t), obs(1, true), observedGraph("h1", "https://d.se/1", ""))
	must(t, err)
	if !made || v.ID == 0 || v.Datasets != 2 || v.Triples != 20 || v.Hash != "h1" || len(v.Added) != 2 || len(v.Removed) != 0 || !v.FirstSeen.Equal(obs(1, true).At) {
		t.Errorf("first version %+v made %v", v, made)
	}
	// Day 2: the same graph: no new version, seen again.
	v2, made, err := s.SaveObservation(ctx(t), obs(2, true), observedGraph("h1", "https://d.se/1", ""))
	must(t, err)
	if made || v2.ID != v.ID || !v2.LastSeen.Equal(obs(2, true).At) || !v2.FirstSeen.Equal(v.FirstSeen) {
		t.Errorf("unchanged catalog: %+v made %v", v2, made)
	}
	// Day 3: the endpoint fails; the version stays.
	if v3, made, err := s.SaveObservation(ctx(t), obs(3, false), nil); err != nil || made || v3 == nil || v3.ID != v.ID {
		t.Errorf("failed observation: %+v %v %v", v3, made, err)
	}
	// Day 4: one dataset gone, one new.
	v4, made, err := s.SaveObservation(ctx(t), obs(4, true), observedGraph("h2", "https://d.se/1", "https://d.se/3"))
	must(t, err)
	if !made || v4.ID == v.ID || !slices.Equal(v4.Added, []string{"https://d.se/3"}) || !slices.Equal(v4.Removed, []string{datasetID(101)}) {
		t.Errorf("second version %+v", v4)
	}
	var titles []string
	must(t, s.EachObservedDataset(ctx(t), OrgDigg, func(d *catalog.Dataset) error {
		if d.Agency != OrgDigg || d.ID == "" {
			t.Errorf("observed dataset %+v", d)
		}
		titles = append(titles, d.Title["sv"])
		return nil
	}))
	if !slices.Equal(titles, []string{"Observerad https://d.se/1", "Observerad https://d.se/3"}) {
		t.Errorf("datasets of the latest version: %v", titles)
	}
	list, total, err := s.ObservedCatalogs(ctx(t), OrgDigg, catalog.Page{Number: 1, Limit: 10})
	must(t, err)
	if total != 2 || len(list) != 2 || list[0].ID != v4.ID || list[1].Hash != "h1" || !list[1].LastSeen.Equal(obs(2, true).At) {
		t.Errorf("versions %+v (%d)", list, total)
	}
	if one, err := s.ObservedCatalog(ctx(t), OrgDigg, v.ID); err != nil || one.Hash != "h1" || !one.LastSeen.Equal(obs(2, true).At) || len(one.Added) != 2 {
		t.Errorf("version %d: %+v %v", v.ID, one, err)
	}
	for _, org := range []catalog.OrgNumber{OrgDigg, OrgSCB} {
		if _, err := s.ObservedCatalog(ctx(t), org, v4.ID+100); !errors.Is(err, catalog.ErrNotFound) {
			t.Errorf("an unknown version of %s: %v", org, err)
		}
	}
	if _, err := s.ObservedCatalog(ctx(t), OrgSCB, v.ID); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("another agency's version: %v", err)
	}
	for _, h := range []string{"h1", "h2"} {
		if body, err := s.ObservedGraph(ctx(t), h); err != nil || string(body) != "gz:"+h {
			t.Errorf("graph %s: %q %v", h, body, err)
		}
	}
	if _, err := s.ObservedGraph(ctx(t), "h3"); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("unknown graph: %v", err)
	}
	if n := 0; s.EachObservedDataset(ctx(t), OrgSCB, func(*catalog.Dataset) error { n++; return nil }) != nil || n != 0 {
		t.Errorf("another agency has %d observed datasets", n)
	}
	if _, _, err := s.SaveObservation(ctx(t), catalog.Observation{Agency: Org("202100000"), At: at}, nil); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("observation of an unknown agency: %v", err)
	}
}

func testPortalHistory(t *testing.T, s catalog.Store) {
	createAgency(t, s, OrgDigg)
	createAgency(t, s, OrgSCB)
	if _, err := s.LatestPortalStatus(ctx(t), OrgDigg); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("status before any sync: %v", err)
	}
	day1 := time.Date(2026, 5, 1, 6, 30, 0, 0, time.UTC)
	must(t, s.SavePortalSync(ctx(t), []catalog.PortalStatus{
		{Agency: OrgDigg, Status: catalog.PortalListed, CheckedAt: day1, OnPortal: 3, InCatalogs: 4, Missing: []string{"https://d.se/4"}, Publishers: []string{"http://dataportal.se/organisation/SE2021006883"}},
		{Agency: OrgSCB, Status: catalog.PortalNotListed, CheckedAt: day1},
	}))
	must(t, s.SavePortalSync(ctx(t), []catalog.PortalStatus{{Agency: OrgDigg, Status: catalog.PortalListed, CheckedAt: day1.AddDate(0, 0, 1), OnPortal: 4, InCatalogs: 4}}))
	st, err := s.LatestPortalStatus(ctx(t), OrgDigg)
	must(t, err)
	if st.OnPortal != 4 || len(st.Missing) != 0 || st.Missing == nil || !st.CheckedAt.Equal(day1.AddDate(0, 0, 1)) {
		t.Errorf("latest status %+v", st)
	}
	all, err := s.LatestPortalStatuses(ctx(t))
	must(t, err)
	if len(all) != 2 || all[0].Agency > all[1].Agency || all[0].OnPortal+all[1].OnPortal != 4 {
		t.Errorf("latest statuses %+v", all)
	}
	hist, total, err := s.PortalHistory(ctx(t), OrgDigg, catalog.Page{Number: 1, Limit: 5})
	must(t, err)
	if total != 2 || hist[1].OnPortal != 3 || !slices.Equal(hist[1].Missing, []string{"https://d.se/4"}) || len(hist[1].Publishers) != 1 {
		t.Errorf("history %+v", hist)
	}
	if err := s.SavePortalSync(ctx(t), []catalog.PortalStatus{{Agency: OrgSCB, Status: catalog.PortalUnknown, CheckedAt: day1}}); err == nil {
		t.Error("an unknown status was stored")
	}
	err = s.SavePortalSync(ctx(t), []catalog.PortalStatus{{Agency: OrgSCB, Status: catalog.PortalListed, CheckedAt: day1.AddDate(0, 0, 5)}, {Agency: Org("202100000"), Status: catalog.PortalListed}})
	if !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("sync naming an unknown agency: %v", err)
	}
	if st, _ := s.LatestPortalStatus(ctx(t), OrgSCB); st.Status != catalog.PortalNotListed {
		t.Errorf("a refused sync changed SCB's status: %+v", st)
	}
}

// testObservedPublishers: a version keeps the publisher IRIs its graph
// names.
func testObservedPublishers(t *testing.T, s catalog.Store) {
	createAgency(t, s, OrgDigg)
	g := observedGraph("p1", "https://d.se/1")
	g.Publishers = []string{"http://dataportal.se/organisation/SE2021006883", "https://www.digg.se/org"}
	v, _, err := s.SaveObservation(ctx(t), catalog.Observation{Agency: OrgDigg, URL: "https://d.se/dcat", At: time.Now(), Found: true}, g)
	must(t, err)
	list, _, err := s.ObservedCatalogs(ctx(t), OrgDigg, catalog.Page{Number: 1, Limit: 1})
	must(t, err)
	if !slices.Equal(v.Publishers, g.Publishers) || len(list) != 1 || !slices.Equal(list[0].Publishers, g.Publishers) {
		t.Errorf("publishers %v, read back %+v", v.Publishers, list)
	}
}
