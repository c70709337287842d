package report

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/score"
	"github.com/katalog-se/katalog/internal/store/sqlite"
	"github.com/katalog-se/katalog/internal/store/storetest"
)

const (
	ccBY     = "http://creativecommons.org/licenses/by/4.0/"
	hvdStats = "http://data.europa.eu/bna/c_e1da4e07"
	xlsx     = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

func orgOf(i int) catalog.OrgNumber { return storetest.Org(fmt.Sprintf("2021%05d", i)) }

func agencyOf(i int) catalog.Agency {
	a := catalog.Agency{OrgNumber: orgOf(i), Name: catalog.LangString{"sv": fmt.Sprintf("Myndighet %02d", i)},
		PublisherType: "http://purl.org/adms/publishertype/NationalAuthority",
		SizeClass:     "small(10-49)", Staff: 20, Department: fmt.Sprintf("Dep %d", i%5), Group: "Statliga förvaltningsmyndigheter",
		Active: true}
	if i%2 == 1 {
		a.SizeClass, a.Staff = "large(250-999)", 400
	}
	if i%10 == 0 {
		a.Group = "Domstolar"
	}
	return a
}

// datasetsOf gives agency i its channels:
//
//	i < publishers publish; i < 5 documents only (landing page, PDF);
//	5 ≤ i < 10 Excel files; i ≥ 10 CSV files; 17 ≤ i < 31 an API;
//	20 ≤ i < 31 HVD datasets, compliant when i < 26.
func datasetsOf(i, publishers int) []catalog.Dataset {
	if i >= publishers {
		return nil
	}
	d := catalog.Dataset{ID: fmt.Sprintf("ds-%d", i), Title: catalog.LangString{"sv": "T"}, Description: catalog.LangString{"sv": "D"},
		AccessRights: "http://publications.europa.eu/resource/authority/access-right/PUBLIC"}
	url := fmt.Sprintf("https://example.se/%d", i)
	switch {
	case i < 5:
		d.LandingPage = url
		d.Distributions = []catalog.Distribution{{ID: "pdf", AccessURL: url, Format: "application/pdf"}}
	case i < 10:
		d.Distributions = []catalog.Distribution{{ID: "xlsx", AccessURL: url, DownloadURL: url + ".xlsx", Format: xlsx}}
	default:
		d.Distributions = []catalog.Distribution{{ID: "csv", AccessURL: url, DownloadURL: url + ".csv", Format: "text/csv", License: ccBY}}
	}
	if i >= 17 && i < 31 {
		d.DataServices = []catalog.DataService{{ID: "api", Title: catalog.LangString{"sv": "API"}, EndpointURL: url + "/api",
			EndpointDescription: url + "/openapi.json", License: ccBY}}
	}
	if i >= 20 && i < 31 {
		d.HVDCategory = hvdStats
		if i < 26 {
			d.ContactPoint = &catalog.ContactPoint{Name: "Data", Email: "data@example.se"}
		}
	}
	return []catalog.Dataset{d}
}

// checkOf: agencies below 40 have a readiness check, ready below 14, with
// 2 broken links of 10 for 30 ≤ i < 40.
func checkOf(i int, at time.Time) *score.CheckSummary {
	if i >= 40 {
		return nil
	}
	c := &score.CheckSummary{URL: "https://example.se/dcat", Ready: i < 14, CheckedAt: at, Links: score.LinkCounts{Checked: 10, OK: 10}}
	// The check verified every API description as an OpenAPI file with
	// CORS (model 2026.2, #16: only those earn the API-documentation rule).
	c.APIDescription = func(string) score.APIDescription { return score.APIDescription{Checked: true, Verified: true} }
	if i >= 30 {
		c.Links = score.LinkCounts{Checked: 10, OK: 8, Broken: 2}
	}
	return c
}

// portalOf: the portal was asked about agencies below 40 and lists those
// below 14.
func portalOf(i int, at time.Time) *catalog.PortalStatus {
	if i >= 40 {
		return nil
	}
	p := &catalog.PortalStatus{Agency: orgOf(i), Status: catalog.PortalNotListed, CheckedAt: at}
	if i < 14 {
		p.Status, p.OnPortal = catalog.PortalListed, 1
	}
	return p
}

func openStore(t testing.TB) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "katalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// register creates n agencies.
func register(t testing.TB, s *sqlite.Store, n int) {
	t.Helper()
	as := make([]catalog.Agency, n)
	for i := range as {
		as[i] = agencyOf(i)
	}
	if _, _, err := s.UpsertAgencies(context.Background(), as); err != nil {
		t.Fatal(err)
	}
}

// scoreOneOf scores agency i as one that publishes like agency 10 does.
func scoreOneOf(t testing.TB, s *sqlite.Store, i int, at time.Time) {
	t.Helper()
	ds := datasetsOf(10, 11)
	sc, err := score.New().Score(context.Background(), score.Inputs{Agency: agencyOf(i), Now: at, Datasets: func(yield func(*catalog.Dataset) error) error {
		return yield(&ds[0])
	}})
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := json.Marshal(sc)
	if err := s.InsertScore(context.Background(), &catalog.ScoreRecord{Agency: sc.OrgNumber, ModelVersion: sc.ModelVersion, ComputedAt: at,
		Total: float64(sc.Total), Level: sc.Level, Score: doc}); err != nil {
		t.Fatal(err)
	}
}

// scoreAll scores the first scored agencies with the real model at at.
func scoreAll(t testing.TB, s *sqlite.Store, scored, publishers int, at time.Time) []*score.AgencyScore {
	t.Helper()
	m := score.New()
	var out []*score.AgencyScore
	for i := range scored {
		ds := datasetsOf(i, publishers)
		sc, err := m.Score(context.Background(), score.Inputs{
			Agency: agencyOf(i), Check: checkOf(i, at), Portal: portalOf(i, at), Now: at,
			Datasets: func(yield func(*catalog.Dataset) error) error {
				for k := range ds {
					if err := yield(&ds[k]); err != nil {
						return err
					}
				}
				return nil
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		doc, err := json.Marshal(sc)
		if err != nil {
			t.Fatal(err)
		}
		rec := &catalog.ScoreRecord{Agency: sc.OrgNumber, ModelVersion: sc.ModelVersion, ComputedAt: at, Total: float64(sc.Total), Level: sc.Level, Score: doc}
		if err := s.InsertScore(context.Background(), rec); err != nil {
			t.Fatal(err)
		}
		out = append(out, sc)
	}
	return out
}
