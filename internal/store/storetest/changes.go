package storetest

import (
	"fmt"
	"testing"

	"github.com/katalog-se/katalog/catalog"
)

// RunChanges runs the change-history suite against stores made by newStore.
func RunChanges(t *testing.T, newStore func(t *testing.T) catalog.Store) {
	t.Run("History", func(t *testing.T) { testHistory(t, newStore(t)) })
	t.Run("FeedHarvest", func(t *testing.T) { testFeedHarvest(t, newStore(t)) })
}

// step is what one history entry should say.
type step struct {
	org      catalog.OrgNumber
	kind, op string
	id       string
	title    string // the dataset's Swedish title, or the agency's Swedish name
}

func testHistory(t *testing.T, s catalog.Store) {
	createAgency(t, s, OrgDigg)
	createAgency(t, s, OrgSCB)
	d := createDataset(t, s, OrgDigg, datasetID(1), 1)
	r := NewDataset(OrgDigg, d.ID, 2)
	must(t, s.ReplaceDataset(ctx(t), r))
	createDataset(t, s, OrgSCB, datasetID(2), 3)
	must(t, s.DeleteDataset(ctx(t), OrgDigg, d.ID))
	a := NewAgency(OrgDigg)
	a.Name = catalog.LangString{"sv": "Digg nytt namn"}
	must(t, s.UpdateAgency(ctx(t), a))
	// A sync: one added, one unchanged (not in the history), one removed.
	keep := NewDataset(OrgDigg, datasetID(10), 10)
	gone := NewDataset(OrgDigg, datasetID(11), 11)
	_, err := s.SyncDatasets(ctx(t), OrgDigg, []*catalog.Dataset{keep, gone})
	must(t, err)
	add := NewDataset(OrgDigg, datasetID(12), 12)
	_, err = s.SyncDatasets(ctx(t), OrgDigg, []*catalog.Dataset{NewDataset(OrgDigg, datasetID(10), 10), add})
	must(t, err)
	// A register load that changes nothing adds nothing.
	_, _, err = s.UpsertAgencies(ctx(t), nil)
	must(t, err)

	name := func(a *catalog.Agency) string { return a.Name["sv"] }
	want := []step{
		{OrgDigg, catalog.ChangeCatalog, catalog.OpCreate, "", name(NewAgency(OrgDigg))},
		{OrgSCB, catalog.ChangeCatalog, catalog.OpCreate, "", name(NewAgency(OrgSCB))},
		{OrgDigg, catalog.ChangeDataset, catalog.OpCreate, d.ID, d.Title["sv"]},
		{OrgDigg, catalog.ChangeDataset, catalog.OpUpdate, d.ID, r.Title["sv"]},
		{OrgSCB, catalog.ChangeDataset, catalog.OpCreate, datasetID(2), NewDataset(OrgSCB, datasetID(2), 3).Title["sv"]},
		{OrgDigg, catalog.ChangeDataset, catalog.OpDelete, d.ID, ""},
		{OrgDigg, catalog.ChangeCatalog, catalog.OpUpdate, "", "Digg nytt namn"},
		{OrgDigg, catalog.ChangeDataset, catalog.OpCreate, keep.ID, keep.Title["sv"]},
		{OrgDigg, catalog.ChangeDataset, catalog.OpCreate, gone.ID, gone.Title["sv"]},
		{OrgDigg, catalog.ChangeDataset, catalog.OpCreate, add.ID, add.Title["sv"]},
		{OrgDigg, catalog.ChangeDataset, catalog.OpDelete, gone.ID, ""},
	}
	all, err := s.Changes(ctx(t), "", 0, 100)
	must(t, err)
	if len(all) != len(want) {
		t.Fatalf("%d changes, want %d: %+v", len(all), len(want), all)
	}
	var prev catalog.Change
	for i, c := range all {
		w := want[i]
		title := ""
		switch {
		case c.Dataset != nil:
			title = c.Dataset.Title["sv"]
		case c.Catalog != nil:
			title = c.Catalog.Name["sv"]
		}
		if c.Agency != w.org || c.Kind != w.kind || c.Op != w.op || c.ID != w.id || title != w.title {
			t.Errorf("change %d: %s %s %s %s %q, want %+v", i, c.Agency, c.Kind, c.Op, c.ID, title, w)
		}
		if c.Seq <= prev.Seq || c.Revision < prev.Revision || c.At.Before(prev.At) {
			t.Errorf("change %d out of order: %+v after %+v", i, c, prev)
		}
		if (c.Op == catalog.OpDelete) != (c.Dataset == nil && c.Catalog == nil) {
			t.Errorf("change %d: a document exactly when not a delete: %+v", i, c)
		}
		prev = c
	}
	// The two changes of one sync share its revision.
	if all[9].Revision != all[10].Revision {
		t.Errorf("one sync's changes at revisions %d and %d", all[9].Revision, all[10].Revision)
	}
	mine, err := s.Changes(ctx(t), OrgSCB, 0, 100)
	must(t, err)
	if len(mine) != 2 || mine[1].ID != datasetID(2) {
		t.Errorf("changes of %s: %+v", OrgSCB, mine)
	}
	page, err := s.Changes(ctx(t), OrgDigg, all[3].Seq, 2)
	must(t, err)
	if len(page) != 2 || page[0].Seq != all[5].Seq || page[1].Seq != all[6].Seq {
		t.Errorf("a page after %d: %+v", all[3].Seq, page)
	}
	last, err := s.LastChange(ctx(t), OrgSCB)
	must(t, err)
	if last != all[4].Seq {
		t.Errorf("LastChange(%s) = %d, want %d", OrgSCB, last, all[4].Seq)
	}
	if n, err := s.LastChange(ctx(t), Org("202100000")); err != nil || n != 0 {
		t.Errorf("LastChange of an agency without changes: %d %v", n, err)
	}

	// The previous version of an item.
	prevDS, err := s.ChangeBefore(ctx(t), OrgDigg, catalog.ChangeDataset, d.ID, all[5].Seq)
	must(t, err)
	if prevDS == nil || prevDS.Seq != all[3].Seq || prevDS.Dataset.Title["sv"] != r.Title["sv"] {
		t.Errorf("dataset before its delete: %+v", prevDS)
	}
	prevCat, err := s.ChangeBefore(ctx(t), OrgDigg, catalog.ChangeCatalog, "", all[7].Seq)
	must(t, err)
	if prevCat == nil || prevCat.Seq != all[6].Seq || prevCat.Catalog.Name["sv"] != "Digg nytt namn" {
		t.Errorf("catalog before change %d: %+v", all[7].Seq, prevCat)
	}
	if none, err := s.ChangeBefore(ctx(t), OrgDigg, catalog.ChangeDataset, d.ID, all[2].Seq); err != nil || none != nil {
		t.Errorf("before the first version: %+v %v", none, err)
	}
	// The datasets an agency had at a point of its history.
	live, err := s.LiveDatasets(ctx(t), OrgDigg, all[8].Seq)
	must(t, err)
	if len(live) != 2 || live[0].ID != keep.ID || live[1].ID != gone.ID || live[0].Dataset == nil {
		t.Errorf("datasets at change %d: %+v", all[8].Seq, live)
	}
	live, err = s.LiveDatasets(ctx(t), OrgDigg, all[10].Seq)
	must(t, err)
	if len(live) != 2 || live[0].ID != keep.ID || live[1].ID != add.ID {
		t.Errorf("datasets at the end: %+v", live)
	}
	// A span of changes without their documents.
	span, err := s.ChangeSpan(ctx(t), OrgDigg, all[0].Seq, 3)
	must(t, err)
	if span.Count != 3 || span.Last != all[5].Seq || !span.LastAt.Equal(all[5].At) { // all[4] is another agency's
		t.Errorf("span of 3 after %d: %+v", all[0].Seq, span)
	}
	span, err = s.ChangeSpan(ctx(t), "", all[9].Seq, 100)
	must(t, err)
	if span.Count != 1 || span.Last != all[10].Seq {
		t.Errorf("the national span at the end: %+v", span)
	}
}

func testFeedHarvest(t *testing.T, s catalog.Store) {
	createAgency(t, s, OrgDigg)
	if h, err := s.FeedHarvest(ctx(t), OrgDigg); err != nil || h != nil {
		t.Fatalf("no harvest yet: %+v %v", h, err)
	}
	put := map[string]string{}
	for i := range 1200 { // more than one statement's worth
		put[fmt.Sprintf("https://example.se/e/%04d", i)] = fmt.Sprintf("<https://example.se/e/%04d> <http://purl.org/dc/terms/title> \"t\" .\n", i)
	}
	h := catalog.FeedHarvest{URL: "https://example.se/feed", Page: "https://example.se/feed?after=3", Pages: 2, Events: 1200, Bytes: 4096}
	must(t, s.SaveFeedHarvest(ctx(t), OrgDigg, h, put, nil))
	got, err := s.FeedHarvest(ctx(t), OrgDigg)
	must(t, err)
	if got == nil || got.URL != h.URL || got.Page != h.Page || got.Pages != 2 || got.Events != 1200 || got.Bytes != 4096 || got.UpdatedAt.IsZero() {
		t.Fatalf("harvest %+v", got)
	}
	h.Page = "https://example.se/feed?after=9"
	must(t, s.SaveFeedHarvest(ctx(t), OrgDigg, h, map[string]string{"https://example.se/e/0001": "changed\n"}, []string{"https://example.se/e/0002", "https://example.se/e/9999"}))
	n, prev := 0, ""
	must(t, s.FeedEntities(ctx(t), OrgDigg, func(e, g string) error {
		n++
		if e <= prev {
			t.Errorf("entities out of order: %s after %s", e, prev)
		}
		prev = e
		if e == "https://example.se/e/0001" && g != "changed\n" {
			t.Errorf("entity 1 not replaced: %q", g)
		}
		if e == "https://example.se/e/0002" {
			t.Errorf("entity 2 not dropped")
		}
		return nil
	}))
	if n != 1199 {
		t.Errorf("%d entities, want 1199", n)
	}
	must(t, s.DropFeedHarvest(ctx(t), OrgDigg))
	if h, err := s.FeedHarvest(ctx(t), OrgDigg); err != nil || h != nil {
		t.Fatalf("dropped harvest: %+v %v", h, err)
	}
	must(t, s.FeedEntities(ctx(t), OrgDigg, func(e, g string) error {
		t.Errorf("entity %s left after the drop", e)
		return nil
	}))
}

// SeedBackfill writes what CheckBackfill expects to find again: two
// agencies, one with two datasets (one replaced), written before the
// history existed. The caller then empties the history and runs the
// history's migration again.
func SeedBackfill(t *testing.T, s catalog.Store) {
	createAgency(t, s, OrgDigg)
	createAgency(t, s, OrgSCB)
	createDataset(t, s, OrgDigg, datasetID(1), 1)
	createDataset(t, s, OrgDigg, datasetID(2), 2)
	must(t, s.ReplaceDataset(ctx(t), NewDataset(OrgDigg, datasetID(1), 3)))
}

// CheckBackfill checks the history the migration made for agencies that had
// none: a create of each agency's catalog, then of each of its datasets by
// ID, agencies in the order of their numbers, all at the agency's current
// revision and time, with the documents as stored.
func CheckBackfill(t *testing.T, s catalog.Store) {
	all, err := s.Changes(ctx(t), "", 0, 100)
	must(t, err)
	type entry struct{ org, kind, id string }
	want := []entry{ // by organisation number
		{string(OrgSCB), catalog.ChangeCatalog, ""},
		{string(OrgDigg), catalog.ChangeCatalog, ""},
		{string(OrgDigg), catalog.ChangeDataset, datasetID(1)},
		{string(OrgDigg), catalog.ChangeDataset, datasetID(2)},
	}
	if len(all) != len(want) {
		t.Fatalf("%d changes after the backfill, want %d: %+v", len(all), len(want), all)
	}
	for i, c := range all {
		if (entry{string(c.Agency), c.Kind, c.ID}) != want[i] || c.Op != catalog.OpCreate {
			t.Errorf("change %d: %s %s %s %s, want %+v", i, c.Agency, c.Kind, c.Op, c.ID, want[i])
		}
		rev, err := s.Revision(ctx(t), c.Agency)
		must(t, err)
		if c.Revision != rev.Seq || !c.At.Equal(rev.Modified) {
			t.Errorf("change %d at revision %d %v, want the agency's %d %v", i, c.Revision, c.At, rev.Seq, rev.Modified)
		}
		switch c.Kind {
		case catalog.ChangeCatalog:
			a, err := s.Agency(ctx(t), c.Agency)
			must(t, err)
			if c.Catalog == nil || c.Catalog.Name["sv"] != a.Name["sv"] || c.Catalog.PublisherType != a.PublisherType ||
				!c.Catalog.CreatedAt.Equal(a.CreatedAt) || c.Catalog.OrgNumber != a.OrgNumber {
				t.Errorf("catalog %s in the history: %+v, stored %+v", c.Agency, c.Catalog, a)
			}
		case catalog.ChangeDataset:
			d, err := s.Dataset(ctx(t), c.Agency, c.ID)
			must(t, err)
			if c.Dataset == nil || c.Dataset.Title["sv"] != d.Title["sv"] {
				t.Errorf("dataset %s in the history: %+v, stored %+v", c.ID, c.Dataset, d)
			}
		}
	}
}
