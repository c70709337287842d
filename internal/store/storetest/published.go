package storetest

import (
	"bytes"
	"errors"
	"testing"

	"github.com/katalog-se/katalog/catalog"
)

// Imported returns NewDataset(org, id, i) as an imported dataset: with a
// published description (its bytes stand for gzip-compressed N-Triples;
// the store keeps them as they are).
func Imported(org catalog.OrgNumber, id string, i int) *catalog.Dataset {
	d := NewDataset(org, id, i)
	d.Published = &catalog.Published{SHA256: "sha-" + id, Triples: 30 + i, Gzip: []byte("\x1f\x8b\x08\x00 description of " + id + "\x00\xff")}
	return d
}

// stream yields ds to a SyncDatasetStream.
func stream(ds ...*catalog.Dataset) func(yield func(*catalog.Dataset) error) error {
	return func(yield func(*catalog.Dataset) error) error {
		for _, d := range ds {
			if err := yield(d); err != nil {
				return err
			}
		}
		return nil
	}
}

// testSyncStream: a streamed sync adds, updates, leaves and removes as
// SyncDatasets does; without AllowRemovals one that would remove datasets
// is refused whole, naming them; an error from the stream writes nothing.
func testSyncStream(t *testing.T, s catalog.Store) {
	createAgency(t, s, OrgDigg)
	createDataset(t, s, OrgDigg, datasetID(1), 1)
	createDataset(t, s, OrgDigg, datasetID(2), 2)
	before := revision(t, s, OrgDigg)

	// Removing 2 is not allowed: nothing is written, 3 not added.
	_, err := s.SyncDatasetStream(ctx(t), OrgDigg, stream(NewDataset(OrgDigg, datasetID(1), 11), NewDataset(OrgDigg, datasetID(3), 3)), catalog.SyncOptions{})
	var re *catalog.RemovalsError
	if !errors.As(err, &re) || len(re.IDs) != 1 || re.IDs[0] != datasetID(2) || !errors.Is(err, catalog.ErrConflict) {
		t.Fatalf("sync that removes without leave: %v, want a RemovalsError naming %s", err, datasetID(2))
	}
	if r := revision(t, s, OrgDigg); r != before {
		t.Errorf("refused sync moved the revision %+v → %+v", before, r)
	}
	if _, err := s.Dataset(ctx(t), OrgDigg, datasetID(3)); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("refused sync added a dataset: %v", err)
	}
	got, err := s.Dataset(ctx(t), OrgDigg, datasetID(1))
	must(t, err)
	sameContent(t, "dataset of a refused sync", got, NewDataset(OrgDigg, datasetID(1), 1))

	// An error from the stream after a full batch writes nothing either.
	boom := errors.New("boom")
	_, err = s.SyncDatasetStream(ctx(t), OrgDigg, func(yield func(*catalog.Dataset) error) error {
		for i := 0; i < 600; i++ {
			if err := yield(NewDataset(OrgDigg, datasetID(100+i), 100+i)); err != nil {
				return err
			}
		}
		return boom
	}, catalog.SyncOptions{AllowRemovals: true})
	if !errors.Is(err, boom) {
		t.Fatalf("stream error: %v", err)
	}
	if n, _ := s.CountDatasets(ctx(t), OrgDigg); n != 2 {
		t.Errorf("%d datasets after a failed stream, want 2", n)
	}

	// Allowed: 1 updated, 2 removed, 3 added.
	one, three := NewDataset(OrgDigg, datasetID(1), 11), NewDataset(OrgDigg, datasetID(3), 3)
	res, err := s.SyncDatasetStream(ctx(t), OrgDigg, stream(one, three), catalog.SyncOptions{AllowRemovals: true})
	must(t, err)
	sameIDs(t, "Added", res.Added, []string{datasetID(3)})
	sameIDs(t, "Updated", res.Updated, []string{datasetID(1)})
	sameIDs(t, "Removed", res.Removed, []string{datasetID(2)})
	checkStamped(t, "streamed dataset", three.CreatedAt, three.UpdatedAt)
	// The same again, without leave to remove: nothing to remove, nothing
	// changes, the revision stays.
	mid := revision(t, s, OrgDigg)
	res, err = s.SyncDatasetStream(ctx(t), OrgDigg, stream(NewDataset(OrgDigg, datasetID(3), 3), NewDataset(OrgDigg, datasetID(1), 11)), catalog.SyncOptions{})
	must(t, err)
	sameIDs(t, "Unchanged", res.Unchanged, []string{datasetID(3), datasetID(1)})
	if res.Changed() || revision(t, s, OrgDigg) != mid {
		t.Errorf("unchanged streamed sync wrote: %+v", res)
	}
	// A dataset twice in one stream is a conflict.
	_, err = s.SyncDatasetStream(ctx(t), OrgDigg, stream(one, one), catalog.SyncOptions{AllowRemovals: true})
	wantErr(t, "a dataset twice", err, catalog.ErrConflict)
}

// testPublishedRoundTrip: an imported dataset's published description is
// stored with it, read back by every read, kept in the change history
// (so a version can be published as it was), and counts in the content
// hash; replacing the dataset without one makes it an API dataset again.
func testPublishedRoundTrip(t *testing.T, s catalog.Store) {
	createAgency(t, s, OrgDigg)
	d := Imported(OrgDigg, datasetID(1), 1)
	_, err := s.SyncDatasetStream(ctx(t), OrgDigg, stream(d), catalog.SyncOptions{})
	must(t, err)
	check := func(what string, got *catalog.Dataset) {
		t.Helper()
		if got == nil || got.Published == nil || got.Published.SHA256 != d.Published.SHA256 || got.Published.Triples != d.Published.Triples || !bytes.Equal(got.Published.Gzip, d.Published.Gzip) {
			t.Errorf("%s: published %+v, want %+v", what, got.Published, d.Published)
		}
	}
	got, err := s.Dataset(ctx(t), OrgDigg, d.ID)
	must(t, err)
	check("Dataset", got)
	sameContent(t, "imported dataset", got, d)
	got, err = s.DatasetByID(ctx(t), d.ID)
	must(t, err)
	check("DatasetByID", got)
	list, _, err := s.Datasets(ctx(t), OrgDigg, catalog.Page{Number: 1, Limit: 10})
	must(t, err)
	check("Datasets", &list[0])
	must(t, s.EachDataset(ctx(t), OrgDigg, func(x *catalog.Dataset) error { check("EachDataset", x); return nil }))
	hashes, err := s.DatasetHashes(ctx(t), OrgDigg)
	must(t, err)
	if h, _ := d.ContentHash(); hashes[d.ID] != h {
		t.Errorf("stored hash %s, ContentHash %s", hashes[d.ID], h)
	}

	// The same imported dataset again is unchanged.
	res, err := s.SyncDatasetStream(ctx(t), OrgDigg, stream(Imported(OrgDigg, datasetID(1), 1)), catalog.SyncOptions{})
	must(t, err)
	sameIDs(t, "Unchanged", res.Unchanged, []string{d.ID})
	if res.Changed() {
		t.Errorf("the same imported dataset again: %+v", res)
	}

	// Another description with the same fields is another content.
	e := Imported(OrgDigg, datasetID(1), 1)
	e.Published.SHA256 = "another"
	res, err = s.SyncDatasetStream(ctx(t), OrgDigg, stream(e), catalog.SyncOptions{})
	must(t, err)
	sameIDs(t, "Updated", res.Updated, []string{d.ID})
	// Replaced through the API: no description any more.
	api := NewDataset(OrgDigg, d.ID, 1)
	must(t, s.ReplaceDataset(ctx(t), api))
	got, err = s.Dataset(ctx(t), OrgDigg, d.ID)
	must(t, err)
	if got.Published != nil {
		t.Errorf("replaced dataset still has a published description")
	}

	cs, err := s.Changes(ctx(t), OrgDigg, 0, 100)
	must(t, err)
	var pubs []*catalog.Published
	for _, c := range cs {
		if c.Kind == catalog.ChangeDataset {
			pubs = append(pubs, c.Dataset.Published)
		}
	}
	if len(pubs) != 3 || pubs[0] == nil || pubs[0].SHA256 != d.Published.SHA256 || !bytes.Equal(pubs[0].Gzip, d.Published.Gzip) ||
		pubs[1] == nil || pubs[1].SHA256 != "another" || pubs[2] != nil {
		t.Errorf("history of the published descriptions: %+v", pubs)
	}
}
