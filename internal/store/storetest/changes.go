package storetest

import (
	"testing"

	"github.com/katalog-se/katalog/catalog"
)

// RunChanges runs the change-history suite against stores made by newStore.
func RunChanges(t *testing.T, newStore func(t *testing.T) catalog.Store) {
	t.Run("History", func(t *testing.T) { testHistory(t, newStore(t)) })
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
}
