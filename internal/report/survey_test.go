package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/report"
	"github.com/katalog-se/katalog/internal/score"
	"github.com/katalog-se/katalog/internal/store"
	"github.com/katalog-se/katalog/internal/store/pgtest"
	"github.com/katalog-se/katalog/internal/store/sqlstore"
	"github.com/katalog-se/katalog/internal/store/storetest"
	"github.com/katalog-se/katalog/internal/write"
)

const (
	public    = "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
	nonPublic = "http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC"
	cc0       = "http://creativecommons.org/publicdomain/zero/1.0/"
)

// surveyOrg is agency i of the population test.
func surveyOrg(i int) catalog.OrgNumber { return storetest.Org(fmt.Sprintf("2021%05d", i)) }

// surveyDataset is one dataset of agency i with the given access rights,
// an open CSV file and, when api, a data service.
func surveyDataset(i, n int, access string, api bool) catalog.Dataset {
	d := catalog.Dataset{
		ID:    fmt.Sprintf("%08d-0000-4000-8000-%012d", i, n),
		IRI:   fmt.Sprintf("https://data.example.se/%d/dataset/%d", i, n),
		Title: catalog.LangString{"sv": "Datamängd", "en": "Dataset"}, Description: catalog.LangString{"sv": "Beskrivning"},
		AccessRights: access,
		Distributions: []catalog.Distribution{{ID: "csv", AccessURL: fmt.Sprintf("https://data.example.se/%d/%d", i, n),
			DownloadURL: fmt.Sprintf("https://data.example.se/%d/%d.csv", i, n), Format: "text/csv", License: cc0}},
	}
	if api {
		d.DataServices = []catalog.DataService{{ID: "api", Title: catalog.LangString{"sv": "API"}, EndpointURL: fmt.Sprintf("https://api.example.se/%d", i)}}
	}
	return d
}

// TestSurveyShape reproduces the survey's shape with known truth, set up
// through the write path as production does (register import, hosted
// datasets, observations of own catalogs, a portal sync; every change
// rescored by the write path's subscriber):
//
//	 0–15  host PUBLIC datasets in katalog (10–15 list the same ones in
//	       their own catalogs too: counted once); 0–8 with an API
//	16–30  publish PUBLIC datasets only in their own catalogs; 16–20 with an API
//	31–35  host only NON_PUBLIC datasets            (do not publish)
//	36–39  own catalog answers 404                   (do not publish)
//	40–44  own catalog without access rights         (do not publish)
//	45–49  nothing
//	50–54  dissolved (inactive in the register), though they publish
//
// The portal was synced for 0–39: it lists 0–7 and 16–21 (14 agencies)
// and not the other 26; 40–49 are unknown. The report must say: 31 of 50
// publish (62 %), 14 of 50 via APIs (28 %), 14 of 40 listed on the portal
// with 10 unknown apart.
//
// It runs on SQLite and, with KATALOG_TEST_POSTGRES_DSN, on PostgreSQL.
func TestSurveyShape(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		st, err := store.Open(context.Background(), "sqlite", filepath.Join(t.TempDir(), "k.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		surveyShape(t, st)
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := pgtest.Schema(t)
		st, err := store.Open(context.Background(), "postgres", dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		surveyShape(t, st)
	})
}

func surveyShape(t *testing.T, st *sqlstore.Store) {
	ctx := context.Background()
	now := time.Date(2026, 3, 1, 5, 0, 0, 0, time.UTC)
	svc := score.NewService(score.New(), st, score.ServiceOptions{BaseURL: "https://katalog.example.se", Now: func() time.Time { return now }})
	w := write.New(st, write.Options{})
	w.Subscribe(write.Rescoring(func(org catalog.OrgNumber) {
		if _, err := svc.Rescore(ctx, org); err != nil {
			t.Errorf("rescore %s: %v", org, err)
		}
	}))

	var register []catalog.Agency
	for i := range 55 {
		register = append(register, catalog.Agency{OrgNumber: surveyOrg(i), Name: catalog.LangString{"sv": fmt.Sprintf("Myndighet %02d", i)},
			PublisherType: "http://purl.org/adms/publishertype/NationalAuthority", SizeClass: "medium", Active: i < 50})
	}
	if _, _, err := w.ImportRegister(ctx, register); err != nil {
		t.Fatal(err)
	}
	host := func(i int, d catalog.Dataset) {
		d.Agency = surveyOrg(i)
		if err := w.CreateDataset(ctx, &d); err != nil {
			t.Fatal(err)
		}
	}
	observe := func(i int, status int, ds ...catalog.Dataset) {
		o := catalog.Observation{Agency: surveyOrg(i), URL: fmt.Sprintf("https://www.example.se/%d/datasets/dcat", i), At: now.Add(-time.Hour), HTTPStatus: status}
		var g *catalog.ObservedGraph
		if status == 200 {
			o.Found = true
			g = &catalog.ObservedGraph{Hash: fmt.Sprintf("%064d", i), Triples: 20 * len(ds), Gzip: []byte{0x1f, 0x8b}, Datasets: ds}
		} else {
			o.Error = "not found"
		}
		if _, _, err := w.Observe(ctx, o, g); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 55 {
		switch {
		case i < 16:
			d := surveyDataset(i, 1, public, i < 9)
			host(i, d)
			if i >= 10 {
				observe(i, 200, d)
			}
		case i < 31:
			observe(i, 200, surveyDataset(i, 1, public, i < 21), surveyDataset(i, 2, public, false))
		case i < 36:
			host(i, surveyDataset(i, 1, nonPublic, true))
		case i < 40:
			observe(i, 404)
		case i < 45:
			observe(i, 200, surveyDataset(i, 1, "", true))
		case i >= 50:
			host(i, surveyDataset(i, 1, public, true))
		}
	}
	var statuses []catalog.PortalStatus
	for i := range 40 {
		ps := catalog.PortalStatus{Agency: surveyOrg(i), Status: catalog.PortalNotListed, CheckedAt: now.Add(-30 * time.Minute)}
		if i < 8 || (i >= 16 && i < 22) {
			ps.Status, ps.OnPortal = catalog.PortalListed, 1
		}
		statuses = append(statuses, ps)
	}
	if err := w.RecordPortalSync(ctx, statuses); err != nil {
		t.Fatal(err)
	}

	rep, err := report.New(st, report.Options{}).Run(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Agencies != 50 || rep.Inactive != 5 || rep.Scored != 50 {
		t.Errorf("population %d (%d inactive, %d scored), want 50 (5 inactive, 50 scored)", rep.Agencies, rep.Inactive, rep.Scored)
	}
	want := []struct {
		id                 string
		count, of, unknown int
		share              float64
	}{
		{report.Publishes, 31, 50, -1, 0.62},
		{report.API, 14, 50, -1, 0.28},
		{report.Portal, 14, 40, 10, 0.35},
	}
	for _, tc := range want {
		got, _ := rep.Indicator(tc.id)
		if got.Count != tc.count || got.Of != tc.of || got.Share != tc.share {
			t.Errorf("%s = %d of %d (%v), want %d of %d (%v)", tc.id, got.Count, got.Of, got.Share, tc.count, tc.of, tc.share)
		}
		if tc.unknown >= 0 && (got.Unknown == nil || *got.Unknown != tc.unknown) {
			t.Errorf("%s unknown = %v, want %d", tc.id, got.Unknown, tc.unknown)
		}
	}
	var buf bytes.Buffer
	if err := report.WriteJSON(&buf, rep); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Indicators []struct {
			ID      string `json:"id"`
			Count   int    `json:"count"`
			Of      int    `json:"of"`
			Unknown *int   `json:"unknown"`
		} `json:"indicators"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, i := range doc.Indicators {
		if i.ID == report.Portal && (i.Count != 14 || i.Of != 40 || i.Unknown == nil || *i.Unknown != 10) {
			t.Errorf(`JSON portal %+v, want {"count":14,"of":40,"unknown":10}`, i)
		}
	}

	// The agencies that share datasets with their own catalogs count them once.
	rec, err := st.LatestScore(ctx, surveyOrg(12))
	if err != nil {
		t.Fatal(err)
	}
	var sc score.AgencyScore
	if err := json.Unmarshal(rec.Score, &sc); err != nil || sc.MQA.Datasets != 1 || sc.Sources[1].Duplicates != 1 {
		t.Errorf("agency 12: %d datasets, sources %+v (%v)", sc.MQA.Datasets, sc.Sources, err)
	}
}
