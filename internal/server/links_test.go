package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/i18n"
	"github.com/katalog-se/katalog/internal/readiness"
	"github.com/katalog-se/katalog/internal/score"
)

// TestEveryBrokenLinkCounts: a check that finds 50 broken links among 60
// gives 50 in the score (the links rule, and the MQA access-URL indicator
// per distribution) and in the trend report. Before the link table, only a
// sample of 20 broken links reached the score: the other 30 counted as
// working.
func TestEveryBrokenLinkCounts(t *testing.T) {
	links := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/ok/") {
			return
		}
		http.NotFound(w, r)
	}))
	defer links.Close()
	f := newFixture(t, withReportsOn(t, withChecks(t, readiness.Options{KeepLinks: true, SkipProbes: true})))
	digg := f.register(orgDigg, "Digg")
	body := agencyBody(orgDigg, "Digg")
	body["harvestUrl"] = f.srv.URL + "/agencies/" + orgDigg + "/datasets/dcat"
	if r := f.do("PUT", "/api/v1/agencies/"+orgDigg, digg, body); r.status != 200 {
		t.Fatalf("set harvestUrl: %d %s", r.status, r.body)
	}
	for i := range 60 {
		path := fmt.Sprintf("/ok/%d", i)
		if i < 50 {
			path = fmt.Sprintf("/broken/%d", i)
		}
		ds := datasetBody(fmt.Sprint("Datamängd ", i))
		ds["distributions"] = []map[string]any{{"accessURL": links.URL + path, "format": "text/csv", "license": "CC0 1.0"}}
		if r := f.do("POST", "/api/v1/agencies/"+orgDigg+"/datasets", digg, ds); r.status != 201 {
			t.Fatalf("dataset %d: %d %s", i, r.status, r.body)
		}
	}
	if r := f.do("POST", "/api/v1/agencies/"+orgDigg+"/checks", digg, nil); r.status != 202 {
		t.Fatalf("start check: %d %s", r.status, r.body)
	}
	// The check ends and the agency is rescored in the background.
	var sc score.AgencyScore
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		f.do("GET", "/api/v1/agencies/"+orgDigg+"/score", "", nil).json(t, &sc)
		if r := ruleOf(sc, score.RuleLinks); r != nil && r.Counts["checked"] > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no score with the link check")
		}
	}
	if r := ruleOf(sc, score.RuleLinks); r.Counts["broken"] != 50 || r.Counts["checked"] != 60 {
		t.Errorf("links rule counts %v, want 50 broken of 60", r.Counts)
	}
	found := false
	for _, ind := range sc.MQA.Indicators {
		if ind.ID == "mqa.accessUrlStatus" {
			found = true
			if ind.Passing != 10 || ind.Population != 60 {
				t.Errorf("MQA access URLs %d of %d pass, want 10 of 60", ind.Passing, ind.Population)
			}
		}
	}
	if !found {
		t.Error("no MQA access-URL indicator")
	}
	rep, err := f.api.deps.Reports.Run(context.Background(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rep.Rows {
		if row.OrgNumber == orgDigg && row.LinksBroken != 50 {
			t.Errorf("report row: %d broken links, want 50", row.LinksBroken)
		}
	}
	if ind, ok := rep.Indicator("linksBroken"); !ok || ind.Count != 50 {
		t.Errorf("report indicator linksBroken %+v, want 50", ind)
	}
	table, err := f.store.Links(context.Background(), catalog.OrgNumber(orgDigg))
	if err != nil || len(table) != 60 {
		t.Fatalf("link table: %d rows, %v", len(table), err)
	}

	// The link table over the API: broken first, paged, filtered.
	var page listPage[catalog.LinkResult]
	f.do("GET", "/api/v1/agencies/"+orgDigg+"/links?limit=20", "", nil).json(t, &page)
	if page.Total != 60 || len(page.Items) != 20 || page.Items[0].OK || page.Items[19].OK || page.Items[0].BrokenSince == nil {
		t.Errorf("first page of the link table: total %d, %d items, first %+v", page.Total, len(page.Items), page.Items[0])
	}
	f.do("GET", "/api/v1/agencies/"+orgDigg+"/links?broken=false&kind=accessURL", "", nil).json(t, &page)
	if page.Total != 10 || !page.Items[0].OK {
		t.Errorf("working access URLs: %d", page.Total)
	}
	if r := f.do("GET", "/api/v1/agencies/"+orgDigg+"/links?broken=maybe&kind=url", "", nil); r.status != 400 ||
		len(r.problem(t).Errors) != 2 || r.problem(t).Errors[0].Pointer != "?broken" {
		t.Errorf("bad filter: %d %s", r.status, r.body)
	}
	if r := f.do("GET", "/api/v1/agencies/2021005489/links", "", nil); r.status != 404 {
		t.Errorf("unknown agency: %d", r.status)
	}
	// The agency's page lists the broken links with since when.
	html := string(f.do("GET", "/agencies/"+orgDigg, "", nil).body)
	since := i18n.SV.DateTime(*page.Items[0].BrokenSince)
	for _, want := range []string{"<strong>50 trasiga</strong>", `id="broken-links"`, links.URL + "/broken/7", "HTTP 404", since} {
		if !strings.Contains(html, want) {
			t.Errorf("agency page lacks %q", want)
		}
	}
}

// ruleOf finds a rule of the score by id.
func ruleOf(sc score.AgencyScore, id string) *score.Rule {
	for i := range sc.Components {
		for j := range sc.Components[i].Rules {
			if sc.Components[i].Rules[j].ID == id {
				return &sc.Components[i].Rules[j]
			}
		}
	}
	return nil
}

// TestAPIDescriptionEarnsPointsOnlyWhenVerified (#16): a data service whose
// endpointDescription is a Swagger UI page gets no API-description points
// and the check says what it found there; pointed at an OpenAPI YAML file
// with CORS for dataportal.se, it gets them. Before, any
// endpointDescription earned the points.
func TestAPIDescriptionEarnsPointsOnlyWhenVerified(t *testing.T) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/swagger-ui/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<!DOCTYPE html><html><head><title>Swagger UI</title></head><body><div id="swagger-ui"></div></body></html>`)
		case "/openapi.yaml":
			w.Header().Set("Access-Control-Allow-Origin", "*")
			w.Header().Set("Content-Type", "application/yaml")
			fmt.Fprint(w, "openapi: 3.0.3\ninfo:\n  title: Stationer\n  version: '1'\npaths: {}\n")
		}
	}))
	defer api.Close()
	f := newFixture(t, withReportsOn(t, withChecks(t, readiness.Options{KeepLinks: true, SkipProbes: true})))
	digg := f.register(orgDigg, "Digg")
	body := agencyBody(orgDigg, "Digg")
	body["harvestUrl"] = f.srv.URL + "/agencies/" + orgDigg + "/datasets/dcat"
	if r := f.do("PUT", "/api/v1/agencies/"+orgDigg, digg, body); r.status != 200 {
		t.Fatalf("set harvestUrl: %d %s", r.status, r.body)
	}
	ds := datasetBody("Stationer")
	ds["dataServices"] = []map[string]any{{"title": map[string]string{"sv": "API"}, "endpointURL": api.URL + "/v1",
		"endpointDescription": api.URL + "/swagger-ui/"}}
	r := f.do("POST", "/api/v1/agencies/"+orgDigg+"/datasets", digg, ds)
	if r.status != 201 {
		t.Fatalf("dataset: %d %s", r.status, r.body)
	}
	var created catalog.Dataset
	r.json(t, &created)

	check := func() (score.Rule, readiness.Result) {
		t.Helper()
		var rec catalog.CheckRecord
		f.do("POST", "/api/v1/agencies/"+orgDigg+"/checks", digg, nil).json(t, &rec)
		for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			f.do("GET", fmt.Sprintf("/api/v1/agencies/%s/checks/%d", orgDigg, rec.ID), "", nil).json(t, &rec)
			if rec.Status != catalog.StatusRunning {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the check did not end")
			}
		}
		var res readiness.Result
		if err := json.Unmarshal(rec.Result, &res); err != nil {
			t.Fatal(err)
		}
		var sc score.AgencyScore
		for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			f.do("GET", "/api/v1/agencies/"+orgDigg+"/score", "", nil).json(t, &sc)
			if r := ruleOf(sc, score.RuleLinks); r != nil && r.Counts["checked"] > 0 && !sc.ComputedAt.Before(rec.FinishedAt.Truncate(time.Second)) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("no score after the check")
			}
		}
		return *ruleOf(sc, score.RuleAPIDescription), res
	}
	rule, res := check()
	if rule.Passed || rule.Points != 0 || !strings.Contains(rule.Evidence, "a web page (such as Swagger UI)") {
		t.Errorf("a Swagger UI page: %+v", rule)
	}
	if !res.Has(readiness.RuleAPIDescriptionNotSpec) || !strings.Contains(fmt.Sprint(res.Findings), "swagger-ui/: a web page") {
		t.Errorf("no finding that says what the description is: %+v", res.Findings)
	}

	ds["dataServices"].([]map[string]any)[0]["endpointDescription"] = api.URL + "/openapi.yaml"
	if r := f.do("PUT", "/api/v1/agencies/"+orgDigg+"/datasets/"+created.ID, digg, ds); r.status != 200 {
		t.Fatalf("replace: %d %s", r.status, r.body)
	}
	rule, res = check()
	if !rule.Passed || rule.Points != rule.Max || rule.Max == 0 {
		t.Errorf("an OpenAPI YAML with CORS: %+v", rule)
	}
	if !res.Has(readiness.RuleAPIDescriptionVerified) || res.Has(readiness.RuleAPIDescriptionNotSpec) {
		t.Errorf("findings %v", res.Findings)
	}
}
