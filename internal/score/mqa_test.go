package score

import (
	"math"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/catalog"
)

// handCatalog is a two-dataset, three-distribution catalog whose MQA is
// worked out by hand in TestMQAByHand.
func handCatalog() (Inputs, []catalog.Dataset) {
	a := catalog.Dataset{
		ID: "a", IRI: "https://example.se/ds/a",
		Keywords: catalog.LangStrings{"sv": {"skola"}}, Themes: []string{themeGOVE}, Spatial: []string{sweden},
		AccessRights: public, ContactPoint: &catalog.ContactPoint{Email: "a@example.se"},
		Issued: "2024-01-01", Modified: "2025-01-01",
		Distributions: []catalog.Distribution{
			{ID: "a1", AccessURL: "https://example.se/a1", DownloadURL: "https://example.se/a1.csv", Format: "text/csv", License: licenceCCBY, ByteSize: 100},
			{ID: "a2", AccessURL: "https://example.se/a2", Format: "application/pdf"},
		},
	}
	b := catalog.Dataset{
		ID: "b", IRI: "https://example.se/ds/b",
		Themes: []string{themeGOVE}, AccessRights: "https://example.se/own-access-right", Issued: "2024-01-01",
		Distributions: []catalog.Distribution{
			{ID: "b1", AccessURL: "https://example.se/b1", DownloadURL: "https://example.se/b1.xlsx",
				Format: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", License: ccBYNC},
		},
	}
	links := map[string]bool{
		"https://example.se/a1": true, "https://example.se/a1.csv": true,
		"https://example.se/a2":      false, // broken
		"https://example.se/b1.xlsx": true,
		// https://example.se/b1 has not been checked yet.
	}
	in := Inputs{
		Check:      &CheckSummary{URL: "https://example.se/dcat", CheckedAt: fixedNow, Link: LinkMap(links)},
		Validation: &ValidationSummary{Errors: 2, DatasetErrors: map[string]int{"https://example.se/ds/b": 2}},
	}
	return in, []catalog.Dataset{a, b}
}

// TestMQAByHand computes the catalog MQA of handCatalog to the point, as
// dataportal.se computes it: DCAT-AP compliance is shown but weighs
// nothing.
//
// Dataset-level indicators, population 2 datasets (a, b):
//
//	keyword      30 × 1/2 = 15      theme    30 × 2/2 = 30
//	spatial      20 × 1/2 = 10      temporal 20 × 0/2 = 0 (none given)
//	compliance    0 × 1/2 = 0       (b has 2 DCAT-AP-SE errors; no points)
//	accessRights 10 × 2/2 = 10      vocabulary 5 × 1/2 = 2.5 (b's is not EU's)
//	contactPoint 20 × 1/2 = 10      publisher 10 × 2/2 = 10
//	issued        5 × 2/2 = 5       modified   5 × 1/2 = 2.5
//	                                                      sum 95
//
// Distribution-level indicators, population 3 distributions (a1, a2, b1):
//
//	accessURL status   50 × 1/3 = 16.667 (a2 broken, b1 unchecked)
//	downloadURL        20 × 2/3 = 13.333
//	downloadURL status 30 × 2/3 = 20
//	format             20 × 3/3 = 20     media type 10 × 3/3 = 10
//	vocabulary         10 × 3/3 = 10     non-proprietary 20 × 1/3 = 6.667 (CSV)
//	machine-readable   20 × 2/3 = 13.333 (CSV, XLSX)
//	licence            20 × 2/3 = 13.333 known licence 10 × 2/3 = 6.667
//	rights              5 × 0/3 = 0      byteSize 5 × 1/3 = 1.667
//	                                                      sum 131.667
//
// Catalog: 95 + 131.667 = 226.667 → 227 points, "good" (221–350).
// Per dataset (dataset metrics + best distribution):
//
//	a: 30+30+20+10+5+20+10+5+5 = 135, best a1 = 50+20+30+20+10+10+20+20+20+10+5 = 215 → 350
//	b: 30+10+10+5 = 55, b1 = 20+30+20+10+10+20+20+10 = 140 → 195; mean 272.5
//
// Stars per distribution (cumulative): a1 CSV under CC BY 4.0 on the web
// ★★★ (open licence, machine-readable, non-proprietary; not RDF); a2 PDF
// without a licence 0; b1 XLSX under CC BY-NC (not open) 0. Mean 3/3 = 1.
func TestMQAByHand(t *testing.T) {
	in, ds := handCatalog()
	s := scoreOf(t, in, ds)
	m := s.MQA
	if m.Points != 227 || m.Rating != "good" || m.Max != 405 || m.Achievable != 375 || m.Datasets != 2 || m.Distributions != 3 {
		t.Errorf("MQA = %d %s (max %d, achievable %d, %d datasets, %d distributions), want 227 good of 405 (375 achievable)",
			m.Points, m.Rating, m.Max, m.Achievable, m.Datasets, m.Distributions)
	}
	wantInd := map[string]float64{
		"mqa.keyword": 15, "mqa.theme": 30, "mqa.spatial": 10, "mqa.temporal": 0, "mqa.dcatApSeCompliance": 0,
		"mqa.accessRights": 10, "mqa.accessRightsVocabulary": 2.5, "mqa.contactPoint": 10, "mqa.publisher": 10,
		"mqa.issued": 5, "mqa.modified": 2.5,
		"mqa.accessUrlStatus": 16.67, "mqa.downloadUrl": 13.33, "mqa.downloadUrlStatus": 20, "mqa.format": 20,
		"mqa.mediaType": 10, "mqa.formatVocabulary": 10, "mqa.nonProprietary": 6.67, "mqa.machineReadable": 13.33,
		"mqa.licence": 13.33, "mqa.knownLicence": 6.67, "mqa.rights": 0, "mqa.byteSize": 1.67,
	}
	if len(m.Indicators) != len(wantInd) {
		t.Fatalf("%d indicators, want %d", len(m.Indicators), len(wantInd))
	}
	weights := 0
	for _, ind := range m.Indicators {
		weights += ind.Weight
		if w, ok := wantInd[ind.ID]; !ok || ind.Points != w {
			t.Errorf("%s = %v, want %v", ind.ID, ind.Points, w)
		}
	}
	if weights != MQAAchievable {
		t.Errorf("weights sum to %d, want 375 (405 less DCAT-AP compliance's 30)", weights)
	}
	wantDim := map[string]float64{DimFindability: 55, DimAccessibility: 50, DimInteroperability: 60, DimReusability: 52.5, DimContextuality: 9.17}
	dimMax := 0
	for _, d := range m.Dimensions {
		dimMax += d.Max
		if d.Points != wantDim[d.ID] {
			t.Errorf("%s = %v, want %v", d.ID, d.Points, wantDim[d.ID])
		}
	}
	if dimMax != MQAAchievable {
		t.Errorf("dimension maxima sum to %d, want %d", dimMax, MQAAchievable)
	}
	if m.DatasetMean != 272.5 || s.Datasets[0].MQA != 350 || s.Datasets[1].MQA != 195 {
		t.Errorf("dataset scores %d, %d mean %v; want 350, 195, 272.5", s.Datasets[0].MQA, s.Datasets[1].MQA, m.DatasetMean)
	}
	// The metadata component is the MQA scaled to its weight: 226.667/375 × 25.
	c, _ := s.Component(ComponentMetadata)
	if want := round2(226.66666666666666 / 375 * 25); math.Abs(c.Score-want) > 0.011 || c.Max != 25 {
		t.Errorf("metadata component %v/%v, want %v/25", c.Score, c.Max, want)
	}
	// DCAT-AP-SE compliance is still shown, with what it found, at no points.
	comp := mustRule(t, s, "mqa.dcatApSeCompliance")
	if comp.Max != 0 || comp.Points != 0 || comp.Passed || !strings.Contains(comp.Evidence, "1/2 datasets pass DCAT-AP-SE") {
		t.Errorf("compliance rule %+v", comp)
	}
	if st := s.Stars; st.Mean != 1 || st.Distributions != 3 || st.Counts != [6]int{2, 0, 0, 1, 0, 0} || st.Assessable != 4 || st.Max != 5 {
		t.Errorf("stars %+v, want mean 1 over 3 distributions (two 0, one 3)", st)
	}
	if s.Datasets[0].Stars != 3 || s.Datasets[1].Stars != 0 {
		t.Errorf("dataset stars %d, %d; want 3, 0", s.Datasets[0].Stars, s.Datasets[1].Stars)
	}
	r := mustRule(t, s, "mqa.accessUrlStatus")
	if want := "1/3 distributions pass dcat:accessURL (1 not yet checked); e.g. <https://example.se/ds/a#distribution-a2> dcat:accessURL broken https://example.se/a2; MQA 50 × 1/3 = 16.67 [over hosted in katalog on 2026-03-01 (2 datasets); the agency's own catalog: not yet read]"; r.Evidence != want {
		t.Errorf("evidence\n got %q\nwant %q", r.Evidence, want)
	}
}

func TestMQARating(t *testing.T) {
	for _, tt := range []struct {
		points int
		want   string
	}{{405, "excellent"}, {351, "excellent"}, {350, "good"}, {221, "good"}, {220, "sufficient"}, {121, "sufficient"}, {120, "bad"}, {0, "bad"}} {
		if got := mqaRating(tt.points); got != tt.want {
			t.Errorf("mqaRating(%d) = %s, want %s", tt.points, got, tt.want)
		}
	}
}

// TestStars rates distributions on the 5-star model, cumulatively.
func TestStars(t *testing.T) {
	tests := []struct {
		name string
		dist catalog.Distribution
		want int
	}{
		{"not on the web", catalog.Distribution{Format: "text/csv", License: licenceCC0}, 0},
		{"no format", catalog.Distribution{AccessURL: "https://x.se/a", License: licenceCC0}, 0},
		{"no open licence", catalog.Distribution{AccessURL: "https://x.se/a", Format: "text/csv", License: ccBYNC}, 0},
		{"PDF", catalog.Distribution{AccessURL: "https://x.se/a", Format: "application/pdf", License: licenceCCBY}, 1},
		{"TSV is not on the machine-readable list", catalog.Distribution{AccessURL: "https://x.se/a", Format: "text/tab-separated-values", License: licenceCCBY}, 1},
		{"Excel", catalog.Distribution{AccessURL: "https://x.se/a", Format: "application/vnd.ms-excel", License: licenceCCBY}, 2},
		{"CSV", catalog.Distribution{DownloadURL: "https://x.se/a.csv", Format: "text/csv", License: licenceCCBY}, 3},
		{"EU file type JSON", catalog.Distribution{AccessURL: "https://x.se/a", Format: fileTypePrefix + "JSON", License: licenceCC0}, 3},
		{"Turtle", catalog.Distribution{AccessURL: "https://x.se/a", Format: "text/turtle", License: licenceCC0}, 4},
		{"JSON-LD", catalog.Distribution{AccessURL: "https://x.se/a", Format: "application/ld+json", License: licenceCC0}, 4},
	}
	for _, tt := range tests {
		if got := distributionStars(&tt.dist, classifyFormat(tt.dist.Format), openLicence(tt.dist.License)); got != tt.want {
			t.Errorf("%s: %d stars, want %d", tt.name, got, tt.want)
		}
	}
}
