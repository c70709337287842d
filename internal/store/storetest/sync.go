package storetest

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

func sameIDs(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

func testSyncDatasets(t *testing.T, s catalog.Store) {
	createAgency(t, s, OrgDigg)
	keep := createDataset(t, s, OrgDigg, datasetID(1), 1)
	createDataset(t, s, OrgDigg, datasetID(2), 2)
	change := createDataset(t, s, OrgDigg, datasetID(3), 3)
	before := revision(t, s, OrgDigg)

	incoming := []*catalog.Dataset{
		NewDataset(OrgDigg, datasetID(3), 33), // changed content
		NewDataset(OrgDigg, datasetID(1), 1),  // same content
		NewDataset(OrgDigg, datasetID(4), 4),  // new
	}
	res, err := s.SyncDatasets(ctx(t), OrgDigg, incoming)
	must(t, err)
	sameIDs(t, "Added", res.Added, []string{datasetID(4)})
	sameIDs(t, "Updated", res.Updated, []string{datasetID(3)})
	sameIDs(t, "Unchanged", res.Unchanged, []string{datasetID(1)})
	sameIDs(t, "Removed", res.Removed, []string{datasetID(2)})
	if !res.Changed() {
		t.Error("Changed() = false after a sync that wrote")
	}
	after := revision(t, s, OrgDigg)
	if after.Seq <= before.Seq {
		t.Errorf("revision %d after a changing sync, was %d", after.Seq, before.Seq)
	}

	got, err := s.Dataset(ctx(t), OrgDigg, datasetID(1))
	must(t, err)
	if !got.UpdatedAt.Equal(keep.UpdatedAt) || !incoming[1].UpdatedAt.Equal(keep.UpdatedAt) {
		t.Errorf("unchanged dataset's UpdatedAt moved: stored %v, returned %v, was %v", got.UpdatedAt, incoming[1].UpdatedAt, keep.UpdatedAt)
	}
	got, err = s.Dataset(ctx(t), OrgDigg, datasetID(3))
	must(t, err)
	sameContent(t, "updated dataset", got, NewDataset(OrgDigg, datasetID(3), 33))
	if !got.CreatedAt.Equal(change.CreatedAt) || !got.UpdatedAt.After(change.UpdatedAt) {
		t.Errorf("updated dataset: created %v updated %v; was created %v updated %v", got.CreatedAt, got.UpdatedAt, change.CreatedAt, change.UpdatedAt)
	}
	if !incoming[0].CreatedAt.Equal(got.CreatedAt) || !incoming[0].UpdatedAt.Equal(got.UpdatedAt) {
		t.Errorf("returned stamps %v/%v differ from stored %v/%v", incoming[0].CreatedAt, incoming[0].UpdatedAt, got.CreatedAt, got.UpdatedAt)
	}
	if _, err := s.Dataset(ctx(t), OrgDigg, datasetID(2)); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("removed dataset: err = %v, want ErrNotFound", err)
	}
	hashes, err := s.DatasetHashes(ctx(t), OrgDigg)
	must(t, err)
	if len(hashes) != 3 {
		t.Errorf("DatasetHashes has %d entries, want 3", len(hashes))
	}
	for _, d := range incoming {
		want, err := d.ContentHash()
		must(t, err)
		if hashes[d.ID] != want {
			t.Errorf("hash of %s = %q, want %q", d.ID, hashes[d.ID], want)
		}
	}

	// The same list again writes nothing: the revision stays put.
	again := []*catalog.Dataset{NewDataset(OrgDigg, datasetID(3), 33), NewDataset(OrgDigg, datasetID(1), 1), NewDataset(OrgDigg, datasetID(4), 4)}
	res, err = s.SyncDatasets(ctx(t), OrgDigg, again)
	must(t, err)
	if res.Changed() || len(res.Unchanged) != 3 {
		t.Errorf("second sync = %+v, want all unchanged", res)
	}
	if r := revision(t, s, OrgDigg); r != after {
		t.Errorf("unchanged sync moved the revision from %+v to %+v", after, r)
	}
	for i, d := range again {
		if !d.UpdatedAt.Equal(incoming[i].UpdatedAt) || !d.CreatedAt.Equal(incoming[i].CreatedAt) {
			t.Errorf("unchanged %s stamped %v/%v, want %v/%v", d.ID, d.CreatedAt, d.UpdatedAt, incoming[i].CreatedAt, incoming[i].UpdatedAt)
		}
	}

	// An empty list removes everything.
	res, err = s.SyncDatasets(ctx(t), OrgDigg, nil)
	must(t, err)
	if len(res.Removed) != 3 {
		t.Errorf("empty sync removed %q, want 3", res.Removed)
	}
	if n, _ := s.CountDatasets(ctx(t), OrgDigg); n != 0 {
		t.Errorf("%d datasets left", n)
	}
}

func testSyncAllOrNothing(t *testing.T, s catalog.Store) {
	createAgency(t, s, OrgDigg)
	createAgency(t, s, OrgSCB)
	createDataset(t, s, OrgDigg, datasetID(1), 1)
	createDataset(t, s, OrgSCB, datasetID(9), 9)
	before := revision(t, s, "")

	cases := map[string]struct {
		org  catalog.OrgNumber
		list []*catalog.Dataset
		want error
	}{
		"another agency's ID": {OrgDigg, []*catalog.Dataset{NewDataset(OrgDigg, datasetID(2), 2), NewDataset(OrgDigg, datasetID(9), 9)}, catalog.ErrConflict},
		"an ID twice":         {OrgDigg, []*catalog.Dataset{NewDataset(OrgDigg, datasetID(2), 2), NewDataset(OrgDigg, datasetID(2), 3)}, catalog.ErrConflict},
		"unknown agency":      {Org("202199998"), []*catalog.Dataset{NewDataset(Org("202199998"), datasetID(5), 5)}, catalog.ErrNotFound},
	}
	for name, tc := range cases {
		_, err := s.SyncDatasets(ctx(t), tc.org, tc.list)
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", name, err, tc.want)
		}
	}
	if r := revision(t, s, ""); r != before {
		t.Errorf("rejected syncs moved the revision from %+v to %+v", before, r)
	}
	for _, org := range []catalog.OrgNumber{OrgDigg, OrgSCB} {
		if n, _ := s.CountDatasets(ctx(t), org); n != 1 {
			t.Errorf("agency %s has %d datasets after rejected syncs, want 1", org, n)
		}
	}
	if _, err := s.Dataset(ctx(t), OrgDigg, datasetID(2)); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("a rejected sync left dataset 2: %v", err)
	}
}

func testImportState(t *testing.T, s catalog.Store) {
	createAgency(t, s, OrgDigg)
	st, err := s.ImportState(ctx(t), OrgDigg)
	must(t, err)
	if !reflect.DeepEqual(st, catalog.ImportState{}) {
		t.Errorf("state before any import = %+v, want zero", st)
	}
	before := revision(t, s, "")
	want := catalog.ImportState{Digest: "abc", Revision: 7, Format: "turtle", Triples: 42}
	must(t, s.SetImportState(ctx(t), OrgDigg, want))
	if st, err := s.ImportState(ctx(t), OrgDigg); err != nil || !reflect.DeepEqual(st, want) {
		t.Errorf("ImportState = %+v, %v; want %+v", st, err, want)
	}
	want.Digest = "def"
	want.At = time.Date(2026, 5, 31, 10, 0, 0, 123456000, time.UTC)
	want.Report = json.RawMessage(`{"validation":{"errors":2}}`)
	want.Rest = []byte("\x1f\x8b any bytes\x00")
	must(t, s.SetImportState(ctx(t), OrgDigg, want))
	if st, err := s.ImportState(ctx(t), OrgDigg); err != nil || !reflect.DeepEqual(st, want) {
		t.Errorf("ImportState = %+v, %v; want %+v", st, err, want)
	}
	if r := revision(t, s, ""); r != before {
		t.Errorf("SetImportState moved the revision: %+v → %+v", before, r)
	}
	unknown := Org("202199998")
	if err := s.SetImportState(ctx(t), unknown, want); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("SetImportState of an unknown agency: %v", err)
	}
	if _, err := s.ImportState(ctx(t), unknown); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("ImportState of an unknown agency: %v", err)
	}
}
