package write_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"strings"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/internal/dcattest"
	"github.com/katalog-se/katalog/internal/importer"
	"github.com/katalog-se/katalog/internal/store/sqlite"
	"github.com/katalog-se/katalog/internal/write"
)

// recorder keeps the events it is told of.
type recorder struct {
	mu     sync.Mutex
	events []write.Event
}

func (r *recorder) subscriber(_ context.Context, e write.Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, e)
}

func (r *recorder) kinds() []write.Kind {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []write.Kind
	for _, e := range r.events {
		out = append(out, e.Kind)
	}
	return out
}

func (r *recorder) last() write.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.events[len(r.events)-1]
}

func openStore(t *testing.T, path string) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func newService(t *testing.T, st *sqlite.Store) (*write.Service, *recorder) {
	t.Helper()
	m, err := dcat.NewMapper(dcattest.Base)
	if err != nil {
		t.Fatal(err)
	}
	w := write.New(st, write.Options{Importer: importer.New(st, m)})
	rec := &recorder{}
	w.Subscribe(rec.subscriber)
	return w, rec
}

// TestEveryWriteIsTold: each kind of change reaches the subscribers once,
// after it is committed, naming the agency it touched; a refused write and
// an import that changes nothing tell nobody.
func TestEveryWriteIsTold(t *testing.T) {
	ctx := context.Background()
	st := openStore(t, filepath.Join(t.TempDir(), "k.db"))
	w, rec := newService(t, st)
	a := dcattest.Agency()
	tok, err := w.RegisterAgency(ctx, a)
	if err != nil || !strings.HasPrefix(tok, "kat_") {
		t.Fatalf("register: %q %v", tok, err)
	}
	if _, err := w.RegisterAgency(ctx, a); !errors.Is(err, catalog.ErrConflict) {
		t.Fatalf("second registration: %v", err)
	}
	a.HarvestURL = "https://example.se/dcat"
	if got, err := w.UpdateAgency(ctx, a); err != nil || got.HarvestURL != a.HarvestURL {
		t.Fatalf("update: %+v %v", got, err)
	}
	d := dcattest.Dataset()
	if err := w.CreateDataset(ctx, d); err != nil {
		t.Fatal(err)
	}
	d.Title = catalog.LangString{"sv": "Ny titel"}
	if got, err := w.ReplaceDataset(ctx, d); err != nil || got.Title["sv"] != "Ny titel" {
		t.Fatalf("replace: %+v %v", got, err)
	}
	if err := w.DeleteDataset(ctx, a.OrgNumber, d.ID); err != nil {
		t.Fatal(err)
	}
	if err := w.DeleteDataset(ctx, a.OrgNumber, d.ID); !errors.Is(err, catalog.ErrNotFound) {
		t.Fatalf("second delete: %v", err)
	}
	turtle := `<https://x.se/ds/1> a <http://www.w3.org/ns/dcat#Dataset> ; <http://purl.org/dc/terms/title> "Ett"@sv ; <http://purl.org/dc/terms/description> "En"@sv .`
	for range 2 { // the second import changes nothing
		if _, err := w.Import(ctx, a.OrgNumber, importer.Source{Body: strings.NewReader(turtle), Format: "turtle"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := w.ImportRegister(ctx, []catalog.Agency{*a}); err != nil { // unchanged: no event
		t.Fatal(err)
	}
	a.Department = "Finansdepartementet"
	if _, _, err := w.ImportRegister(ctx, []catalog.Agency{*a}); err != nil {
		t.Fatal(err)
	}
	w.CheckFinished(ctx, a.OrgNumber)
	want := []write.Kind{write.AgencyRegistered, write.AgencyUpdated, write.DatasetsChanged, write.DatasetsChanged,
		write.DatasetsChanged, write.DatasetsChanged, write.RegisterImported, write.CheckFinished}
	if got := rec.kinds(); !slices.Equal(got, want) {
		t.Fatalf("events %v, want %v", got, want)
	}
	for _, e := range rec.events {
		if !e.Touches(a.OrgNumber) || e.Touches("2021000837") || e.Revision.Seq == 0 || e.At.IsZero() {
			t.Errorf("event %+v", e)
		}
	}
}

// TestFollowTellsOtherWriters: a write by another process on the same
// database (here a second store handle writing directly) reaches this
// Service's subscribers as a Remote event; its own writes do not come back
// as Remote.
func TestFollowTellsOtherWriters(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	path := filepath.Join(t.TempDir(), "k.db")
	st := openStore(t, path)
	w, rec := newService(t, st)
	if _, err := w.RegisterAgency(ctx, dcattest.Agency()); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { defer close(done); w.Follow(ctx, 10*time.Millisecond) }()
	time.Sleep(100 * time.Millisecond) // a few rounds: nothing new
	if got := rec.kinds(); len(got) != 1 {
		t.Fatalf("own write came back: %v", got)
	}
	other := openStore(t, path)
	if err := other.CreateAgency(ctx, &catalog.Agency{OrgNumber: "2021000837", Name: catalog.LangString{"sv": "SCB"}}, nil); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if got := rec.kinds(); len(got) == 2 {
			e := rec.last()
			if e.Kind != write.Remote || e.Local() || !e.AgencyFieldsChanged() || !e.Touches("2021000837") || e.Touches(dcattest.Agency().OrgNumber) {
				t.Fatalf("event %+v", e)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the other process's write was not followed")
		}
	}
	cancel()
	<-done
}

// TestSubscribers: Rescoring enqueues the agencies of local changes only;
// Scheduling re-reads agencies after changes to their own fields only.
func TestSubscribers(t *testing.T) {
	ctx := context.Background()
	var queued []catalog.OrgNumber
	rescore := write.Rescoring(func(org catalog.OrgNumber) { queued = append(queued, org) })
	var synced [][]catalog.OrgNumber
	schedule := write.Scheduling(func(_ context.Context, orgs []catalog.OrgNumber) error {
		synced = append(synced, orgs)
		return nil
	}, nil)
	for _, e := range []write.Event{
		{Kind: write.DatasetsChanged, Agencies: []catalog.OrgNumber{"2021006883"}},
		{Kind: write.AgencyUpdated, Agencies: []catalog.OrgNumber{"2021000837"}},
		{Kind: write.Remote},
	} {
		rescore(ctx, e)
		schedule(ctx, e)
	}
	if !slices.Equal(queued, []catalog.OrgNumber{"2021006883", "2021000837"}) {
		t.Errorf("rescored %v", queued)
	}
	if len(synced) != 2 || !slices.Equal(synced[0], []catalog.OrgNumber{"2021000837"}) || synced[1] != nil {
		t.Errorf("schedule synced %v", synced)
	}
}

// TestObservationsAndPortalSyncsAreTold: a new version of an agency's own
// catalog and a portal sync reach the subscribers; an unchanged catalog
// does not; neither makes hosted snapshots stale.
func TestObservationsAndPortalSyncsAreTold(t *testing.T) {
	ctx := context.Background()
	st := openStore(t, filepath.Join(t.TempDir(), "k.db"))
	w, rec := newService(t, st)
	a := dcattest.Agency()
	if _, err := w.RegisterAgency(ctx, a); err != nil {
		t.Fatal(err)
	}
	o := catalog.Observation{Agency: a.OrgNumber, URL: "https://x.se/datasets/dcat", At: time.Now(), Found: true, HTTPStatus: 200}
	g := &catalog.ObservedGraph{Hash: "h", Triples: 1, Gzip: []byte{1}}
	for range 2 {
		if _, _, err := w.Observe(ctx, o, g); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.RecordPortalSync(ctx, []catalog.PortalStatus{{Agency: a.OrgNumber, Status: catalog.PortalListed, CheckedAt: time.Now()}}); err != nil {
		t.Fatal(err)
	}
	if err := w.RecordPortalSync(ctx, nil); err != nil {
		t.Fatal(err)
	}
	want := []write.Kind{write.AgencyRegistered, write.CatalogObserved, write.PortalSynced}
	if got := rec.kinds(); !slices.Equal(got, want) {
		t.Fatalf("events %v, want %v", got, want)
	}
	for _, e := range rec.events[1:] {
		if e.HostedChanged() || !e.Touches(a.OrgNumber) {
			t.Errorf("event %+v", e)
		}
	}
}
