package server

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/demo"
	"github.com/katalog-se/katalog/internal/readiness"
	"github.com/katalog-se/katalog/internal/score"
	"github.com/katalog-se/katalog/internal/selfcheck"
)

// sitePage is one page of the site as a visitor reaches it: a GET, or a
// form a test fills in (Form, posted to Path).
type sitePage struct {
	Name, Path string
	Status     int
	// Form, when set, is posted to Path from the page at FormFrom.
	Form     url.Values
	FormFrom string
}

// webSite is a katalog with something on every page: the demo agencies and
// datasets, a ready check with broken links and its own catalog observed
// (Digg), a check that failed (SCB), a portal sync, two reports, a
// finished self-service check and a steward's token.
type webSite struct {
	f       *fixture
	token   string
	dataset string
	check   int64
	self    string
	report  string
	pages   []sitePage
}

// newWebSite builds the site; with agencies > 0 it registers that many
// more agencies (with register facts and scores) for the list pages.
func newWebSite(t testing.TB, agencies int) *webSite {
	doc, err := os.ReadFile("../readiness/testdata/good.rdf")
	if err != nil {
		t.Fatal(err)
	}
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/digg/datasets/dcat":
			w.Header().Set("Content-Type", "application/rdf+xml")
			fmt.Fprint(w, strings.ReplaceAll(string(doc), "LINKS", "http://"+r.Host))
		case "/scb/datasets/dcat":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, "<!doctype html><title>Inte en katalog</title>")
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(feed.Close)
	f := newFixture(t, withReportsOn(t, withChecks(t, readiness.Options{SkipProbes: true, KeepLinks: true})),
		withSelfChecks(t, true, selfcheck.Options{}),
		func(d *Deps) {
			d.BaseURL = "http://katalog.example.se" // plain cookies: the browser talks plain HTTP
			d.Contact = Contact{Organisation: "Testmyndigheten", Email: "webb@example.se", URL: "https://example.se/kontakt"}
		})
	ctx := context.Background()
	if _, err := demo.Load(ctx, f.store, f.api.deps.Writes); err != nil {
		t.Fatal(err)
	}
	s := &webSite{f: f}
	var tok struct{ Token string }
	f.do("POST", "/api/v1/agencies/"+orgDigg+"/tokens", testAdmin, map[string]any{"name": "webb"}).json(t, &tok)
	s.token = tok.Token
	f.setHarvestURL(orgDigg, testAdmin, feed.URL+"/digg/datasets/dcat")
	f.setHarvestURL(orgSCB, testAdmin, feed.URL+"/scb/datasets/dcat")
	s.check = f.runCheck(orgDigg, testAdmin).ID
	f.runCheck(orgSCB, testAdmin)
	if err := f.api.deps.Writes.RecordPortalSync(ctx, []catalog.PortalStatus{
		{Agency: orgSCB, Status: catalog.PortalListed, CheckedAt: time.Now(), OnPortal: 3, InCatalogs: 4, Missing: []string{"https://www.scb.se/ds/x"}},
	}); err != nil {
		t.Fatal(err)
	}
	s.addAgencies(t, agencies)
	scores := f.api.deps.Scores.(*score.Service)
	if _, err := scores.RescoreAll(ctx); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		rep, err := f.api.deps.Reports.Run(ctx, time.Now().Add(time.Duration(i)*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		s.report = rep.ID
	}
	ds, _, err := f.store.Datasets(ctx, orgDigg, catalog.Page{Number: 1, Limit: 1})
	if err != nil || len(ds) == 0 {
		t.Fatalf("Digg's datasets: %v", err)
	}
	s.dataset = ds[0].ID
	s.self = s.selfCheck(t, feed.URL+"/digg/datasets/dcat")
	s.pages = s.list()
	return s
}

// addAgencies registers n agencies with register facts, some datasets
// and scores, as a register load would.
func (s *webSite) addAgencies(t testing.TB, n int) {
	ctx := context.Background()
	sizes := []string{"micro(<10)", "small(10-49)", "medium(50-249)", "large(250-999)", "very_large(1000+)"}
	depts := []string{"Finansdepartementet", "Kulturdepartementet", "Socialdepartementet", "Klimat- och näringslivsdepartementet"}
	var list []catalog.Agency
	for i := range n {
		org := catalog.OrgNumber(orgWithCheckDigit(fmt.Sprintf("202190%03d", i)))
		list = append(list, catalog.Agency{OrgNumber: org, Name: catalog.LangString{"sv": fmt.Sprintf("Myndigheten nr %d", i), "en": fmt.Sprintf("Agency no. %d", i)},
			PublisherType: "http://purl.org/adms/publishertype/NationalAuthority", Homepage: fmt.Sprintf("https://m%d.example.se", i),
			SizeClass: sizes[i%len(sizes)], Department: depts[i%len(depts)], Active: true})
	}
	if len(list) == 0 {
		return
	}
	if _, _, err := s.f.api.deps.Writes.ImportRegister(ctx, list); err != nil {
		t.Fatal(err)
	}
	for i, a := range list {
		if i%3 != 0 {
			continue
		}
		d := datasetBody(fmt.Sprintf("Datamängd %d", i))
		if r := s.f.do("POST", "/api/v1/agencies/"+a.OrgNumber.String()+"/datasets", testAdmin, d); r.status != 201 {
			t.Fatalf("dataset of %s: %d %s", a.OrgNumber, r.status, r.body)
		}
	}
}

// orgWithCheckDigit completes nine digits with their Luhn check digit.
func orgWithCheckDigit(nine string) string {
	sum := 0
	for i, r := range nine {
		d := int(r - '0')
		if i%2 == 0 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return nine + fmt.Sprint((10-sum%10)%10)
}

// selfCheck runs a self-service check of u to its end and returns its id.
func (s *webSite) selfCheck(t testing.TB, u string) string {
	b := newBrowser(s.f)
	b.addr = "198.51.100.200"
	r := b.post("/check", url.Values{"url": {u}})
	loc := r.header.Get("Location")
	if r.status != 303 {
		t.Fatalf("self-check: %d %s", r.status, r.body)
	}
	var state struct{ Status string }
	for deadline := time.Now().Add(20 * time.Second); state.Status != selfcheck.StatusDone && state.Status != selfcheck.StatusFailed; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the self-check did not finish")
		}
		s.f.do("GET", loc, "", nil, "Accept", "application/json").json(t, &state)
	}
	return strings.TrimPrefix(loc, "/check/")
}

// list is every page of the site, in both languages where it matters.
func (s *webSite) list() []sitePage {
	ag := "/agencies/" + orgDigg
	return []sitePage{
		{Name: "home", Path: "/?lang=sv"},
		{Name: "home-en", Path: "/?lang=en"},
		{Name: "home-filtered", Path: "/?size=large&sort=-score&q=e&lang=sv"},
		{Name: "agency", Path: ag + "?lang=sv"},
		{Name: "agency-en", Path: ag + "?lang=en"},
		{Name: "agency-failed-check", Path: "/agencies/" + orgSCB + "?lang=sv"},
		{Name: "checks", Path: ag + "/checks?lang=sv"},
		{Name: "check", Path: fmt.Sprintf("%s/checks/%d?lang=sv", ag, s.check)},
		{Name: "validation", Path: ag + "/validation?lang=sv"},
		{Name: "dataset", Path: "/datasets/" + s.dataset + "?lang=sv"},
		{Name: "dataset-en", Path: "/datasets/" + s.dataset + "?lang=en"},
		{Name: "catalog", Path: "/catalog?lang=sv"},
		{Name: "agency-catalog", Path: ag + "/datasets/dcat?lang=sv"},
		{Name: "reports", Path: "/reports?lang=sv"},
		{Name: "report", Path: "/reports/latest.html?lang=sv"},
		{Name: "report-en", Path: "/reports/" + s.report + ".html?lang=en&sort=name"},
		{Name: "selfcheck-form", Path: "/check?lang=sv"},
		{Name: "selfcheck-result", Path: "/check/" + s.self + "?lang=sv"},
		{Name: "validate-form", Path: "/validate?lang=sv"},
		{Name: "validate-result", Path: "/validate", FormFrom: "/validate?lang=sv", Form: url.Values{"format": {"turtle"},
			"feed": {"@prefix dcat: <http://www.w3.org/ns/dcat#> .\n@prefix dcterms: <http://purl.org/dc/terms/> .\n<https://x.se/ds/1> a dcat:Dataset ;\n  dcterms:title \"Ett\"@sv .\n"}}},
		{Name: "signin", Path: "/signin?lang=sv"},
		{Name: "steward", Path: ag + "?lang=sv", Form: url.Values{"token": {s.token}}, FormFrom: "/signin?lang=sv&next=" + url.QueryEscape(ag)},
		{Name: "accessibility", Path: "/tillganglighet?lang=sv"},
		{Name: "accessibility-en", Path: "/tillganglighet?lang=en"},
		{Name: "not-found", Path: "/finns/inte?lang=sv", Status: http.StatusNotFound},
	}
}

// TestEveryPageAnswers loads every page of a populated site: each is an
// HTML page in the layout, with the status it should have.
func TestEveryPageAnswers(t *testing.T) {
	s := newWebSite(t, 12)
	for _, p := range s.pages {
		if p.Form != nil {
			continue // the browser test fills the forms in
		}
		b := newBrowser(s.f)
		r := b.get(p.Path)
		want := p.Status
		if want == 0 {
			want = http.StatusOK
		}
		if r.status != want || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") || !strings.Contains(string(r.body), "</footer>") {
			t.Errorf("%s (%s): %d %s", p.Name, p.Path, r.status, r.header.Get("Content-Type"))
		}
	}
	val := text(newBrowser(s.f).get("/agencies/" + orgDigg + "/validation"))
	for _, want := range []string{"Katalogen som katalog publicerar", "Myndighetens egen katalog", "Budget", "Senaste observerade versionen"} {
		if !strings.Contains(val, want) {
			t.Errorf("the validation page lacks %q", want)
		}
	}
	ag := text(newBrowser(s.f).get("/agencies/" + orgDigg))
	for _, want := range []string{`id="broken-links"`, "Trasig sedan", "Myndighetens egen katalog lästes där den publiceras", "Grafen (N-Triples)"} {
		if !strings.Contains(ag, want) {
			t.Errorf("the agency page lacks %q", want)
		}
	}
}
