package score_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/score"
	"github.com/katalog-se/katalog/internal/store/sqlite"
	"github.com/katalog-se/katalog/internal/store/storetest"
	"github.com/katalog-se/katalog/internal/write"
)

const (
	publicIRI    = "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
	nonPublicIRI = "http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC"
)

var (
	observedAt = time.Date(2026, 2, 10, 4, 0, 0, 0, time.UTC)
	syncedAt   = time.Date(2026, 2, 11, 5, 30, 0, 0, time.UTC)
)

// sourcesFixture is one agency in a fresh store, written through the write
// path, and a scoring service whose hosted feed always validates.
type sourcesFixture struct {
	t     *testing.T
	store *sqlite.Store
	w     *write.Service
	svc   *score.Service
	org   catalog.OrgNumber
}

func newSourcesFixture(t *testing.T) *sourcesFixture {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &sourcesFixture{t: t, store: st, w: write.New(st, write.Options{}), org: storetest.OrgDigg}
	a := storetest.NewAgency(f.org)
	a.HarvestURL = "https://www.digg.se/datasets/dcat"
	if _, err := f.w.RegisterAgency(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	f.svc = score.NewService(score.New(), st, score.ServiceOptions{BaseURL: "https://katalog.example.se",
		Validate: func(context.Context, catalog.OrgNumber) (*score.ValidationSummary, error) {
			return &score.ValidationSummary{Profile: "dcat-ap-se-3.0.1", ValidatedAt: observedAt}, nil
		},
		Now: func() time.Time { return syncedAt.Add(time.Hour) }})
	return f
}

// host adds a dataset to katalog.
func (f *sourcesFixture) host(d *catalog.Dataset) {
	f.t.Helper()
	d.Agency = f.org
	if err := f.w.CreateDataset(context.Background(), d); err != nil {
		f.t.Fatal(err)
	}
}

// observe records that the agency's own catalog at url was read at
// observedAt with datasets (found), or answered status (not found).
func (f *sourcesFixture) observe(url string, status int, datasets ...catalog.Dataset) {
	f.t.Helper()
	o := catalog.Observation{Agency: f.org, URL: url, At: observedAt, HTTPStatus: status}
	var g *catalog.ObservedGraph
	if status == 200 {
		o.Found = true
		g = &catalog.ObservedGraph{Hash: fmt.Sprintf("%064d", len(datasets)), Triples: 10 * len(datasets), Gzip: []byte{0x1f, 0x8b}, Datasets: datasets}
	} else {
		o.Error = "not found"
	}
	if _, _, err := f.w.Observe(context.Background(), o, g); err != nil {
		f.t.Fatal(err)
	}
}

// portal records what dataportal.se said of the agency at syncedAt.
func (f *sourcesFixture) portal(status string, onPortal, inCatalogs int, missing ...string) {
	f.t.Helper()
	ps := catalog.PortalStatus{Agency: f.org, Status: status, CheckedAt: syncedAt, OnPortal: onPortal, InCatalogs: inCatalogs,
		Missing: missing, Publishers: []string{"http://dataportal.se/organisation/SE" + string(f.org)}}
	if err := f.w.RecordPortalSync(context.Background(), []catalog.PortalStatus{ps}); err != nil {
		f.t.Fatal(err)
	}
}

// scoreJSON is the score as the API serves it, decoded loosely so that the
// test reads the contract rather than the Go types.
type scoreJSON struct {
	raw        map[string]json.RawMessage
	Total      int                        `json:"total"`
	Level      int                        `json:"level"`
	Channels   map[string]json.RawMessage `json:"channels"`
	Components []struct {
		Rules []struct {
			ID        string `json:"id"`
			Passed    bool   `json:"passed"`
			Evidence  string `json:"evidence"`
			Unchecked bool   `json:"unchecked"`
		} `json:"rules"`
	} `json:"components"`
	MQA struct {
		Points   int `json:"points"`
		Datasets int `json:"datasets"`
	} `json:"mqa"`
	ChannelEvidence map[string][]struct {
		Source  string `json:"source"`
		URL     string `json:"url"`
		At      string `json:"at"`
		Found   bool   `json:"found"`
		Unknown bool   `json:"unknown"`
	} `json:"channelEvidence"`
}

func (f *sourcesFixture) score() *scoreJSON {
	f.t.Helper()
	rec, err := f.svc.Rescore(context.Background(), f.org)
	if err != nil {
		f.t.Fatal(err)
	}
	var s scoreJSON
	if err := json.Unmarshal(rec.Score, &s); err != nil {
		f.t.Fatal(err)
	}
	_ = json.Unmarshal(rec.Score, &s.raw)
	return &s
}

func (s *scoreJSON) channels() string {
	b, _ := json.Marshal(s.Channels)
	return string(b)
}

func (s *scoreJSON) rule(t *testing.T, id string) (passed bool, evidence string, unchecked bool) {
	t.Helper()
	for _, c := range s.Components {
		for _, r := range c.Rules {
			if r.ID == id {
				return r.Passed, r.Evidence, r.Unchecked
			}
		}
	}
	t.Fatalf("no rule %s", id)
	return false, "", false
}

// TestPortalIsWhatThePortalSaid: hosting a valid feed in katalog says
// nothing of dataportal.se, and neither does an own endpoint that answers
// 404. Until a sync the portal channel is unknown (JSON null); after one it
// is what the portal said, with its date.
func TestPortalIsWhatThePortalSaid(t *testing.T) {
	f := newSourcesFixture(t)
	f.host(storetest.NewDataset(f.org, "00000000-0000-4000-8000-000000000001", 1))
	f.observe("https://www.digg.se/datasets/dcat", 404)

	s := f.score()
	if got := string(s.Channels["portal"]); got != "null" {
		t.Errorf("portal channel before any sync = %s, want null", got)
	}
	passed, ev, unchecked := s.rule(t, score.RulePortal)
	if passed || !unchecked || strings.Contains(ev, "hosts the feed") {
		t.Errorf("portal rule before any sync: passed %v unchecked %v evidence %q", passed, unchecked, ev)
	}
	if fs := s.ChannelEvidence["portal"]; len(fs) != 1 || fs[0].Source != score.SourcePortal || !fs[0].Unknown {
		t.Errorf("portal evidence before any sync: %+v", fs)
	}

	f.portal(catalog.PortalNotListed, 0, 1, "https://data.example.se/dataset/1")
	s = f.score()
	if got := string(s.Channels["portal"]); got != "false" {
		t.Errorf("portal channel after a sync that found nothing = %s, want false", got)
	}
	if passed, ev, unchecked := s.rule(t, score.RulePortal); passed || unchecked || !strings.Contains(ev, "2026-02-11") {
		t.Errorf("portal rule, not listed: passed %v unchecked %v evidence %q", passed, unchecked, ev)
	}

	f.portal(catalog.PortalListed, 1, 1)
	s = f.score()
	if got := string(s.Channels["portal"]); got != "true" {
		t.Errorf("portal channel after a sync that lists it = %s, want true", got)
	}
	fs := s.ChannelEvidence["portal"]
	if len(fs) != 1 || fs[0].Source != score.SourcePortal || !fs[0].Found || !strings.HasPrefix(fs[0].At, "2026-02-11T05:30:00") {
		t.Errorf("portal evidence: %+v", fs)
	}
	// Harvest readiness stays its own rule: no check has run.
	if passed, _, unchecked := s.rule(t, score.RuleHarvestable); passed || !unchecked {
		t.Errorf("harvestable: passed %v unchecked %v, want not yet checked", passed, unchecked)
	}
}

// openCSV is a public dataset with an open CSV file, as an agency's own
// catalog describes it.
func openCSV(i int) catalog.Dataset {
	d := *storetest.NewDataset("", fmt.Sprintf("10000000-0000-4000-8000-%012d", i), i)
	d.IRI = fmt.Sprintf("https://www.digg.se/data/dataset/%d", i)
	d.Agency = ""
	d.HVDCategory = ""
	d.DataServices = nil
	d.Distributions = d.Distributions[:1]
	d.Distributions[0].AccessService = ""
	return d
}

// TestOwnCatalogCounts: an agency that runs a working catalog of its own
// and has loaded nothing into katalog publishes, by its own catalog.
func TestOwnCatalogCounts(t *testing.T) {
	f := newSourcesFixture(t)
	f.observe("https://www.digg.se/datasets/dcat", 200, openCSV(1), openCSV(2))

	s := f.score()
	if passed, ev, _ := s.rule(t, score.RulePublishes); !passed || !strings.Contains(ev, "https://www.digg.se/datasets/dcat") {
		t.Errorf("publishes: passed %v, evidence %q; want passed, naming the own catalog", passed, ev)
	}
	if s.Level < 3 || s.MQA.Points == 0 || s.MQA.Datasets != 2 {
		t.Errorf("level %d, MQA %d points over %d datasets; want level ≥ 3 and the own catalog's MQA", s.Level, s.MQA.Points, s.MQA.Datasets)
	}
	if string(s.Channels["files"]) != "true" || string(s.Channels["openMachineReadable"]) != "true" {
		t.Errorf("channels %s", s.channels())
	}
	var own bool
	for _, fd := range s.ChannelEvidence["openMachineReadable"] {
		if fd.Source == score.SourceOwnCatalog && fd.Found && fd.URL == "https://www.digg.se/datasets/dcat" && strings.HasPrefix(fd.At, "2026-02-10") {
			own = true
		}
	}
	if !own {
		t.Errorf("openMachineReadable evidence does not name the own catalog and its date: %+v", s.ChannelEvidence["openMachineReadable"])
	}
	if passed, ev, _ := s.rule(t, score.RuleFiles); !passed || !strings.Contains(ev, "own catalog") || !strings.Contains(ev, "2026-02-10") {
		t.Errorf("files rule: passed %v evidence %q", passed, ev)
	}

	// When the catalog is gone (404 at the next read), it no longer counts.
	f.observe("https://www.digg.se/datasets/dcat", 404)
	s = f.score()
	if passed, ev, _ := s.rule(t, score.RulePublishes); passed || !strings.Contains(ev, "404") {
		t.Errorf("publishes after a 404: passed %v, evidence %q", passed, ev)
	}
}

// TestBothSourcesCountOnce: a dataset katalog hosts and the agency's own
// catalog lists too (same UUID identifier) counts once; channels come from
// either source.
func TestBothSourcesCountOnce(t *testing.T) {
	f := newSourcesFixture(t)
	hosted := storetest.NewDataset(f.org, "10000000-0000-4000-8000-000000000001", 1)
	hosted.IRI = ""
	hosted.DataServices, hosted.Distributions = nil, hosted.Distributions[:1]
	hosted.Distributions[0].AccessService = ""
	hosted.Distributions[0].Format = "application/pdf"
	f.host(hosted)
	same := openCSV(1) // same identifier, own IRI
	same.IRI = ""
	api := openCSV(2)
	api.DataServices = []catalog.DataService{{ID: "api", Title: catalog.LangString{"sv": "API"}, EndpointURL: "https://api.digg.se/v1"}}
	f.observe("https://www.digg.se/datasets/dcat", 200, same, api)

	s := f.score()
	if s.MQA.Datasets != 2 {
		t.Errorf("MQA over %d datasets, want 2 (one in both sources)", s.MQA.Datasets)
	}
	if string(s.Channels["documents"]) != "true" || string(s.Channels["api"]) != "true" {
		t.Errorf("channels %s: want documents (hosted PDF) and api (own catalog)", s.channels())
	}
	sources := map[string]bool{}
	for _, fd := range s.ChannelEvidence["api"] {
		if fd.Found {
			sources[fd.Source] = true
		}
	}
	if !sources[score.SourceOwnCatalog] || sources[score.SourceKatalog] {
		t.Errorf("api found in %v, want the own catalog only", sources)
	}
}

// TestNonPublicDoesNotPublish: a NON_PUBLIC dataset without a licence is
// not data published for reuse.
func TestNonPublicDoesNotPublish(t *testing.T) {
	f := newSourcesFixture(t)
	d := storetest.NewDataset(f.org, "00000000-0000-4000-8000-000000000001", 1)
	d.AccessRights = nonPublicIRI
	for i := range d.Distributions {
		d.Distributions[i].License = ""
	}
	for i := range d.DataServices {
		d.DataServices[i].License = ""
	}
	f.host(d)
	s := f.score()
	if passed, ev, _ := s.rule(t, score.RulePublishes); passed || !strings.Contains(ev, "PUBLIC") {
		t.Errorf("publishes with only a NON_PUBLIC dataset: passed %v, evidence %q", passed, ev)
	}
	if string(s.Channels["files"]) != "false" || string(s.Channels["api"]) != "false" {
		t.Errorf("channels of a non-public dataset: %s", s.channels())
	}
	d.AccessRights = publicIRI
	if _, err := f.w.ReplaceDataset(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if passed, _, _ := f.score().rule(t, score.RulePublishes); !passed {
		t.Error("publishes with a PUBLIC dataset: not passed")
	}
}
