package score

import (
	"context"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// Canonical IRIs used by the fixtures.
const (
	public     = "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
	restricted = "http://publications.europa.eu/resource/authority/access-right/RESTRICTED"
	themeGOVE  = "http://publications.europa.eu/resource/authority/data-theme/GOVE"
	sweden     = "http://publications.europa.eu/resource/authority/country/SWE"
	ccBYNC     = "http://creativecommons.org/licenses/by-nc/4.0/"
	hvdStats   = "http://data.europa.eu/bna/c_e1da4e07"
)

var fixedNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// stream adapts a slice to Inputs.Datasets.
func stream(ds []catalog.Dataset) func(func(*catalog.Dataset) error) error {
	return func(yield func(*catalog.Dataset) error) error {
		for i := range ds {
			if err := yield(&ds[i]); err != nil {
				return err
			}
		}
		return nil
	}
}

// goodDataset is a dataset that passes every rule katalog can express.
func goodDataset(id string) catalog.Dataset {
	return catalog.Dataset{
		ID:           id,
		Title:        catalog.LangString{"sv": "Titel", "en": "Title"},
		Description:  catalog.LangString{"sv": "Beskrivning", "en": "Description"},
		Keywords:     catalog.LangStrings{"sv": {"nyckelord"}},
		Themes:       []string{themeGOVE},
		Spatial:      []string{sweden},
		AccessRights: public,
		Issued:       "2024-01-01",
		Modified:     "2025-01-01",
		ContactPoint: &catalog.ContactPoint{Name: "Data", Email: "data@example.se"},
		Distributions: []catalog.Distribution{{
			ID: "csv", AccessURL: "https://example.se/" + id, DownloadURL: "https://example.se/" + id + ".csv",
			Format: "text/csv", License: licenceCC0, ByteSize: 1234,
		}},
	}
}

// verifiedAPIs answers every API description as a verified OpenAPI file.
func verifiedAPIs(string) APIDescription { return APIDescription{Checked: true, Verified: true} }

// okLinks answers every link as checked and working.
func okLinks(string) (bool, bool) { return true, true }

// scoreOf scores datasets of an agency with the given check and validation.
func scoreOf(t testing.TB, in Inputs, ds []catalog.Dataset) *AgencyScore {
	t.Helper()
	if in.Agency.OrgNumber == "" {
		in.Agency.OrgNumber = "2021006883"
	}
	in.Datasets = stream(ds)
	in.Now = fixedNow
	s, err := New().Score(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustRule(t *testing.T, s *AgencyScore, id string) *Rule {
	t.Helper()
	r, ok := s.Rule(id)
	if !ok {
		t.Fatalf("no rule %s", id)
	}
	return r
}
