package score

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/katalog-se/katalog/catalog"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

// pdfAgency publishes reports as PDFs on web pages, with thin metadata.
func pdfAgency() (Inputs, []catalog.Dataset) {
	var ds []catalog.Dataset
	for _, id := range []string{"p1", "p2"} {
		ds = append(ds, catalog.Dataset{
			ID: id, Title: catalog.LangString{"sv": "Årsrapport"}, Description: catalog.LangString{"sv": "Rapport"},
			AccessRights:  public,
			LandingPage:   "https://pdf.example.se/rapporter/" + id,
			Distributions: []catalog.Distribution{{ID: "pdf", AccessURL: "https://pdf.example.se/rapporter/" + id, Format: "application/pdf"}},
		})
	}
	return Inputs{Agency: catalog.Agency{OrgNumber: "2021000001", SizeClass: "small"}}, ds
}

// csvAgency publishes open CSV files with good metadata and a valid
// catalog, but has neither an API nor a readiness check yet.
func csvAgency() (Inputs, []catalog.Dataset) {
	ds := []catalog.Dataset{goodDataset("c1"), goodDataset("c2")}
	return Inputs{
		Agency:     catalog.Agency{OrgNumber: "2021000002", SizeClass: "small"},
		Validation: &ValidationSummary{Profile: "dcat-ap-se-3.0.1", ValidatedAt: fixedNow},
	}, ds
}

// apiAgency adds an OpenAPI-described API and a passing readiness check.
func apiAgency() (Inputs, []catalog.Dataset) {
	ds := []catalog.Dataset{goodDataset("a1"), goodDataset("a2")}
	for i := range ds {
		ds[i].DataServices = []catalog.DataService{{ID: "api", Title: catalog.LangString{"sv": "API"},
			EndpointURL: "https://api.example.se/v1", EndpointDescription: "https://api.example.se/v1/openapi.json", License: licenceCC0}}
		ds[i].Distributions = append(ds[i].Distributions, catalog.Distribution{ID: "json", AccessURL: "https://api.example.se/v1",
			Format: "application/json", License: licenceCC0, AccessService: "api"})
	}
	in := goodInputs()
	in.Agency = catalog.Agency{OrgNumber: "2021000003", SizeClass: "small"}
	in.Portal = &catalog.PortalStatus{Agency: in.Agency.OrgNumber, Status: catalog.PortalListed, CheckedAt: fixedNow, OnPortal: 2, InCatalogs: 2}
	return in, ds
}

func TestThreeAgenciesRankInOrder(t *testing.T) {
	yes := true
	type agency struct {
		name string
		mk   func() (Inputs, []catalog.Dataset)
		want Channels
	}
	agencies := []agency{
		{"pdf", pdfAgency, Channels{Documents: true}},
		{"csv", csvAgency, Channels{Files: true, OpenMachineReadable: true}},
		{"api", apiAgency, Channels{Files: true, OpenMachineReadable: true, API: true, Portal: &yes}},
	}
	var totals []int
	for _, a := range agencies {
		in, ds := a.mk()
		s := scoreOf(t, in, ds)
		if !reflect.DeepEqual(s.Channels, a.want) {
			t.Errorf("%s: channels %+v, want %+v", a.name, s.Channels, a.want)
		}
		t.Logf("%s: total %d level %d MQA %d", a.name, s.Total, s.Level, s.MQA.Points)
		totals = append(totals, s.Total)
		if len(s.Improvements) == 0 && s.Total < 100 {
			t.Errorf("%s: no improvements at total %d", a.name, s.Total)
		}
	}
	if !(totals[0] < totals[1] && totals[1] < totals[2]) {
		t.Errorf("totals %v are not strictly increasing", totals)
	}
	in, ds := pdfAgency()
	s := scoreOf(t, in, ds)
	if s.Level != 1 || s.Datasets[0].Level != 1 {
		t.Errorf("pdf agency level %d, dataset level %d; want 1, 1", s.Level, s.Datasets[0].Level)
	}
	top := map[string]bool{}
	for _, imp := range s.Improvements {
		top[imp.Rule] = true
	}
	if len(s.Improvements) != 3 || !top[RuleOpenMachineReadable] {
		t.Errorf("pdf agency's improvements %+v lack %s", s.Improvements, RuleOpenMachineReadable)
	}
	in, ds = apiAgency()
	if s := scoreOf(t, in, ds); s.Datasets[0].Level != 5 {
		t.Errorf("api dataset level %d, want 5", s.Datasets[0].Level)
	}
}

func TestChannelLevels(t *testing.T) {
	yes, no := true, false
	tests := []struct {
		ch   Channels
		want int
	}{
		{Channels{}, 0},
		{Channels{Documents: true}, 1},
		{Channels{Files: true}, 2},
		{Channels{API: true}, 3},
		{Channels{Files: true, OpenMachineReadable: true}, 3},
		{Channels{OpenMachineReadable: true, Portal: &yes}, 4},
		{Channels{OpenMachineReadable: true, Portal: &no}, 3},
		{Channels{OpenMachineReadable: true, API: true}, 4},
		{Channels{OpenMachineReadable: true, API: true, Portal: &yes}, 5},
		{Channels{OpenMachineReadable: true, API: true, Portal: &no}, 4},
		{Channels{API: true, Portal: &yes}, 3},
	}
	for _, tt := range tests {
		if got := tt.ch.Level(); got != tt.want {
			t.Errorf("%+v.Level() = %d, want %d", tt.ch, got, tt.want)
		}
	}
}

// TestDeterministic scores one catalog streamed in two orders and compares
// the JSON byte for byte, and against the golden file.
func TestDeterministic(t *testing.T) {
	in, ds := apiAgency()
	_, extra := handCatalog()
	ds = append(ds, extra...)
	first, err := json.MarshalIndent(scoreOf(t, in, ds), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	shuffled := append([]catalog.Dataset(nil), ds...)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	second, _ := json.MarshalIndent(scoreOf(t, in, shuffled), "", "  ")
	if !bytes.Equal(first, second) {
		t.Fatalf("scores differ by dataset order:\n%s\n---\n%s", first, second)
	}
	golden := filepath.Join("testdata", "api-agency.golden.json")
	if *update {
		if err := os.WriteFile(golden, append(first, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(bytes.TrimSpace(want), first) {
		t.Errorf("score differs from %s (run with -update after an intended change)", golden)
	}
}

// TestJSONShape checks the contract's keys.
func TestJSONShape(t *testing.T) {
	in, ds := csvAgency()
	raw, err := json.Marshal(scoreOf(t, in, ds))
	if err != nil {
		t.Fatal(err)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(raw, &top); err != nil {
		t.Fatal(err)
	}
	keys := func(m map[string]json.RawMessage) []string {
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		return ks
	}
	want := []string{"channelEvidence", "channels", "components", "computedAt", "datasets", "improvements", "level", "modelVersion", "mqa", "orgNumber", "publishes", "sources", "stars", "total"}
	if got := keys(top); !reflect.DeepEqual(got, want) {
		t.Errorf("keys %v, want %v", got, want)
	}
	var comps []map[string]json.RawMessage
	if err := json.Unmarshal(top["components"], &comps); err != nil {
		t.Fatal(err)
	}
	if got := keys(comps[0]); !reflect.DeepEqual(got, []string{"id", "max", "rules", "score"}) {
		t.Errorf("component keys %v", got)
	}
	var rules []map[string]json.RawMessage
	if err := json.Unmarshal(comps[0]["rules"], &rules); err != nil {
		t.Fatal(err)
	}
	if got := keys(rules[0]); !reflect.DeepEqual(got, []string{"advice", "evidence", "id", "max", "passed", "points"}) {
		t.Errorf("rule keys %v", got)
	}
	var ch map[string]json.RawMessage
	if err := json.Unmarshal(top["channels"], &ch); err != nil {
		t.Fatal(err)
	}
	if got := keys(ch); !reflect.DeepEqual(got, []string{"api", "documents", "files", "openMachineReadable", "portal"}) {
		t.Errorf("channel keys %v", got)
	}
	if string(ch["portal"]) != "null" {
		t.Errorf("portal %s without a sync, want null", ch["portal"])
	}
	// Each channel's evidence names its sources, with dates.
	var ev map[string][]map[string]json.RawMessage
	if err := json.Unmarshal(top["channelEvidence"], &ev); err != nil {
		t.Fatal(err)
	}
	if got := keys(func() map[string]json.RawMessage {
		m := map[string]json.RawMessage{}
		for k := range ev {
			m[k] = nil
		}
		return m
	}()); !reflect.DeepEqual(got, []string{"api", "documents", "files", "openMachineReadable", "portal"}) {
		t.Errorf("channel evidence keys %v", got)
	}
	if f := ev["files"][0]; string(f["source"]) != `"katalog"` || string(f["found"]) != "true" || len(f["at"]) == 0 || len(f["label"]) == 0 {
		t.Errorf("files evidence %s", jsonString(ev["files"]))
	}
	if f := ev["files"][1]; string(f["source"]) != `"ownCatalog"` || string(f["unknown"]) != "true" {
		t.Errorf("own catalog never read: %s", jsonString(ev["files"]))
	}
	if string(top["modelVersion"]) != `"`+ModelVersion+`"` || string(top["computedAt"]) != `"2026-03-01T12:00:00Z"` {
		t.Errorf("version %s at %s", top["modelVersion"], top["computedAt"])
	}
}

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestWeightsSum(t *testing.T) {
	w := DefaultWeights()
	if sum := w.Publication + w.Metadata + w.Readiness + w.Openness + w.HVD; sum != 100 {
		t.Errorf("weights sum to %v", sum)
	}
	shares := map[string]float64{}
	for _, rw := range RuleWeights() {
		shares[rw.Component] += rw.Share
	}
	for c, s := range shares {
		if s < 0.9999 || s > 1.0001 {
			t.Errorf("%s shares sum to %v", c, s)
		}
	}
	if v := NewWithWeights(Weights{Publication: 50, Metadata: 50}).Version(); v == ModelVersion {
		t.Errorf("custom weights keep version %s", v)
	}
}

func TestScoreErrors(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, ds := csvAgency()
	if _, err := New().Score(ctx, Inputs{Datasets: stream(ds)}); err == nil {
		t.Error("cancelled context: no error")
	}
	if _, err := New().Score(context.Background(), Inputs{}); err == nil {
		t.Error("no stream: no error")
	}
	s, err := New().Score(context.Background(), Inputs{Datasets: stream(nil)})
	if err != nil || s.Total != 0 || s.Level != 1 || len(s.Datasets) != 0 {
		t.Errorf("empty agency: %+v, %v", s, err)
	}
}
