package score

import (
	"math"
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

// TestMQAByHand computes the catalog MQA of handCatalog to the point.
//
// Dataset-level indicators, population 2 datasets (a, b):
//
//	keyword      30 × 1/2 = 15      theme    30 × 2/2 = 30
//	spatial      20 × 1/2 = 10      temporal 20 × 0/2 = 0 (none given)
//	compliance   30 × 1/2 = 15      (b has 2 DCAT-AP-SE errors)
//	accessRights 10 × 2/2 = 10      vocabulary 5 × 1/2 = 2.5 (b's is not EU's)
//	contactPoint 20 × 1/2 = 10      publisher 10 × 2/2 = 10
//	issued        5 × 2/2 = 5       modified   5 × 1/2 = 2.5
//	                                                      sum 110
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
// Catalog: 110 + 131.667 = 241.667 → 242 points, "good" (221–350).
// Per dataset (dataset metrics + best distribution):
//
//	a: 30+30+20+30+10+5+20+10+5+5 = 165, best a1 = 50+20+30+20+10+10+20+20+20+10+5 = 215 → 380
//	b: 30+10+10+5 = 55, b1 = 20+30+20+10+10+20+20+10 = 140 → 195; mean 287.5
func TestMQAByHand(t *testing.T) {
	in, ds := handCatalog()
	s := scoreOf(t, in, ds)
	m := s.MQA
	if m.Points != 242 || m.Rating != "good" || m.Max != 405 || m.Datasets != 2 || m.Distributions != 3 {
		t.Errorf("MQA = %d %s (max %d, %d datasets, %d distributions), want 242 good", m.Points, m.Rating, m.Max, m.Datasets, m.Distributions)
	}
	wantInd := map[string]float64{
		"mqa.keyword": 15, "mqa.theme": 30, "mqa.spatial": 10, "mqa.temporal": 0, "mqa.dcatApSeCompliance": 15,
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
	if weights != MQAMax {
		t.Errorf("weights sum to %d, want 405", weights)
	}
	wantDim := map[string]float64{DimFindability: 55, DimAccessibility: 50, DimInteroperability: 75, DimReusability: 52.5, DimContextuality: 9.17}
	for _, d := range m.Dimensions {
		if d.Points != wantDim[d.ID] {
			t.Errorf("%s = %v, want %v", d.ID, d.Points, wantDim[d.ID])
		}
	}
	if m.DatasetMean != 287.5 || s.Datasets[0].MQA != 380 || s.Datasets[1].MQA != 195 {
		t.Errorf("dataset scores %d, %d mean %v; want 380, 195, 287.5", s.Datasets[0].MQA, s.Datasets[1].MQA, m.DatasetMean)
	}
	// The metadata component is the MQA scaled to its weight: 241.667/405 × 25.
	c, _ := s.Component(ComponentMetadata)
	if want := round2(241.66666666666666 / 405 * 25); math.Abs(c.Score-want) > 0.011 || c.Max != 25 {
		t.Errorf("metadata component %v/%v, want %v/25", c.Score, c.Max, want)
	}
	r := mustRule(t, s, "mqa.accessUrlStatus")
	if want := "1/3 distributions pass dcat:accessURL (1 not yet checked); e.g. <https://example.se/ds/a#distribution-a2> dcat:accessURL broken https://example.se/a2; MQA 50 × 1/3 = 16.67"; r.Evidence != want {
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
