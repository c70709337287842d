package score_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/syntax/turtle"
	"github.com/katalog-se/katalog/internal/rdftest"
	"github.com/katalog-se/katalog/internal/score"
)

// TestMQAOfDiggsExample computes the MQA of Digg's example catalog
// rekommenderat.ttl (read back into the domain as an import would) to the
// point. Neither checks nor validation have run, so the link-status and
// compliance indicators count as not yet checked.
//
// Dataset-level, population 1 (dataset1):
//
//	keyword 30 (bibliotek, library)   theme 30 (EDUC)   spatial 20 (geonames)
//	temporal 20 (2010-01-01–2012-01-01) compliance 0 (not yet validated)
//	accessRights 10 (PUBLIC)          vocabulary 5 (EU's)
//	contactPoint 20 (e-mail)          publisher 10
//	issued 5 (2020-01-01)             modified 0 (none)        sum 150
//
// Distribution-level, population 2 (distribution1 CSV, distribution2 JSON):
//
//	accessURL status 0 (not yet checked)   downloadURL 20 × 1/2 = 10
//	downloadURL status 0 (not yet checked) format 20 × 2/2 = 20
//	media type 10      vocabulary 10       non-proprietary 20 (CSV, JSON)
//	machine-readable 20 (CSV, JSON)        licence 20 (CC0)  known licence 10
//	rights 0           byteSize 0                               sum 120
//
// Catalog: 150 + 120 = 270 points, "good" (221–350).
func TestMQAOfDiggsExample(t *testing.T) {
	path := filepath.Join(rdftest.SharedDir(t), "data", "dcat-ap-se", "examples", "rekommenderat.ttl")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("Digg's example: %v", err)
	}
	defer f.Close()
	g := dcat.NewGraph()
	if _, err := g.ReadFrom(turtle.NewReader(f, "")); err != nil {
		t.Fatal(err)
	}
	m, err := dcat.NewMapper("https://katalog.example.se")
	if err != nil {
		t.Fatal(err)
	}
	ds := m.Unmap(g).Datasets
	if len(ds) != 1 || len(ds[0].Distributions) != 2 {
		t.Fatalf("read %d datasets: %+v", len(ds), ds)
	}
	in := score.Inputs{
		Agency: catalog.Agency{OrgNumber: "2021006883", Name: catalog.LangString{"sv": "Exempel"}},
		Datasets: func(yield func(*catalog.Dataset) error) error {
			for i := range ds {
				if err := yield(&ds[i]); err != nil {
					return err
				}
			}
			return nil
		},
		Now: time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC),
	}
	sc, err := score.New().Score(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{
		"mqa.keyword": 30, "mqa.theme": 30, "mqa.spatial": 20, "mqa.temporal": 20, "mqa.dcatApSeCompliance": 0,
		"mqa.accessRights": 10, "mqa.accessRightsVocabulary": 5, "mqa.contactPoint": 20, "mqa.publisher": 10,
		"mqa.issued": 5, "mqa.modified": 0,
		"mqa.accessUrlStatus": 0, "mqa.downloadUrl": 10, "mqa.downloadUrlStatus": 0, "mqa.format": 20,
		"mqa.mediaType": 10, "mqa.formatVocabulary": 10, "mqa.nonProprietary": 20, "mqa.machineReadable": 20,
		"mqa.licence": 20, "mqa.knownLicence": 10, "mqa.rights": 0, "mqa.byteSize": 0,
	}
	for _, ind := range sc.MQA.Indicators {
		if w, ok := want[ind.ID]; !ok || ind.Points != w {
			t.Errorf("%s = %v, want %v (%d of %d pass)", ind.ID, ind.Points, w, ind.Passing, ind.Population)
		}
	}
	if sc.MQA.Points != 270 || sc.MQA.Rating != "good" {
		t.Errorf("MQA = %d %s, want 270 good", sc.MQA.Points, sc.MQA.Rating)
	}
	if p := ds[0].Temporal; p == nil || p.Start != "2010-01-01" || p.End != "2012-01-01" {
		t.Errorf("temporal read back as %+v", p)
	}
	again, err := score.New().Score(context.Background(), in)
	if err != nil || again.MQA.Points != sc.MQA.Points || again.Total != sc.Total {
		t.Errorf("the same catalog scored twice: %d/%d then %d/%d", sc.MQA.Points, sc.Total, again.MQA.Points, again.Total)
	}
}
