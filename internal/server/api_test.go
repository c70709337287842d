package server

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/catalog"
)

func TestAgencyLifecycle(t *testing.T) {
	f := newFixture(t)
	token := f.register(orgDigg, "Digg")

	r := f.do("GET", "/api/v1/agencies/202100-6883", "", nil)
	if r.status != 200 {
		t.Fatalf("hyphenated org number: %d %s", r.status, r.body)
	}
	var a catalog.Agency
	r.json(t, &a)
	if a.OrgNumber != orgDigg || a.Name["sv"] != "Digg" || a.PublisherType != "http://purl.org/adms/publishertype/NationalAuthority" {
		t.Errorf("stored agency %+v", a)
	}
	if strings.Contains(string(r.body), "token") {
		t.Error("a read must never show the token")
	}
	if !a.Active || !strings.Contains(string(r.body), `"active":true`) {
		t.Errorf("a registered agency is active: %s", r.body)
	}

	// The agency updates itself; the org number may be left out of the body.
	upd := agencyBody(orgDigg, "Myndigheten för digital förvaltning")
	delete(upd, "orgNumber")
	upd["harvestUrl"] = "https://www.digg.se/datasets/dcat"
	upd["checkSchedule"] = "0 3 * * *"
	upd["active"] = false // the register's word: ignored on input
	if r := f.do("PUT", "/api/v1/agencies/"+orgDigg, token, upd); r.status != 200 {
		t.Fatalf("update: %d %s", r.status, r.body)
	}
	r = f.do("GET", "/api/v1/agencies/"+orgDigg, "", nil)
	r.json(t, &a)
	if a.HarvestURL != "https://www.digg.se/datasets/dcat" || a.CheckSchedule != "0 3 * * *" || a.Name["sv"] != "Myndigheten för digital förvaltning" || !a.Active {
		t.Errorf("update not stored: %+v", a)
	}
}

func TestListAgenciesPaged(t *testing.T) {
	f := newFixture(t)
	f.register(orgDigg, "Digg")
	f.register(orgSCB, "SCB")
	f.register("2021005489", "Bolagsverket")
	var page listPage[catalog.Agency]
	f.do("GET", "/api/v1/agencies?limit=2&page=2", "", nil).json(t, &page)
	if page.Total != 3 || page.Page != 2 || page.Limit != 2 || len(page.Items) != 1 || page.Items[0].OrgNumber != orgDigg {
		t.Fatalf("page 2 of 2: %+v", page)
	}
	f.do("GET", "/api/v1/agencies", "", nil).json(t, &page)
	if len(page.Items) != 3 || page.Items[0].OrgNumber != orgSCB {
		t.Fatalf("default page: %+v", page)
	}
	for _, q := range []string{"limit=0", "limit=1001", "page=0", "page=x"} {
		r := f.do("GET", "/api/v1/agencies?"+q, "", nil)
		if r.status != 400 {
			t.Errorf("%s: status %d", q, r.status)
			continue
		}
		if p := r.problem(t); len(p.Errors) != 1 || !strings.HasPrefix(p.Errors[0].Pointer, "?") {
			t.Errorf("%s: %+v", q, p)
		}
	}
}

func TestDatasetCRUD(t *testing.T) {
	f := newFixture(t)
	token := f.register(orgDigg, "Digg")
	r := f.do("POST", "/api/v1/agencies/"+orgDigg+"/datasets", token, datasetBody("Offentliga e-tjänster"))
	if r.status != http.StatusCreated {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	var d catalog.Dataset
	r.json(t, &d)
	if d.ID == "" || d.Agency != orgDigg || r.header.Get("Location") != "/api/v1/agencies/"+orgDigg+"/datasets/"+d.ID {
		t.Fatalf("created %+v, Location %q", d, r.header.Get("Location"))
	}
	if d.Themes[0] != "http://publications.europa.eu/resource/authority/data-theme/GOVE" ||
		d.Distributions[0].License != "http://creativecommons.org/licenses/by/4.0/" {
		t.Errorf("codes not stored canonical: %+v", d)
	}
	path := "/api/v1/agencies/" + orgDigg + "/datasets/" + d.ID

	var got catalog.Dataset
	f.do("GET", path, "", nil).json(t, &got)
	if got.Title["sv"] != "Offentliga e-tjänster" {
		t.Errorf("read back %+v", got)
	}

	body := datasetBody("Nytt namn")
	if r := f.do("PUT", path, token, body); r.status != 200 {
		t.Fatalf("replace: %d %s", r.status, r.body)
	}
	f.do("GET", path, "", nil).json(t, &got)
	if got.Title["sv"] != "Nytt namn" || !got.CreatedAt.Equal(d.CreatedAt) {
		t.Errorf("after replace %+v (created %v, was %v)", got.Title, got.CreatedAt, d.CreatedAt)
	}

	var list listPage[catalog.Dataset]
	f.do("GET", "/api/v1/agencies/"+orgDigg+"/datasets", "", nil).json(t, &list)
	if list.Total != 1 || len(list.Items) != 1 {
		t.Errorf("list %+v", list)
	}

	if r := f.do("DELETE", path, token, nil); r.status != http.StatusNoContent {
		t.Fatalf("delete: %d %s", r.status, r.body)
	}
	gone := f.do("GET", path, "", nil)
	if gone.status != 404 {
		t.Fatalf("after delete: %d", gone.status)
	}
	gone.problem(t)
}

func TestAuthorization(t *testing.T) {
	f := newFixture(t)
	digg := f.register(orgDigg, "Digg")
	scb := f.register(orgSCB, "SCB")
	r := f.do("POST", "/api/v1/agencies/"+orgSCB+"/datasets", scb, datasetBody("SCB data"))
	if r.status != 201 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	var d catalog.Dataset
	r.json(t, &d)
	scbPath := "/api/v1/agencies/" + orgSCB + "/datasets/" + d.ID

	cases := []struct {
		name, method, path, token string
		body                      any
		want                      int
	}{
		{"register without token", "POST", "/api/v1/agencies", "", agencyBody("2021005489", "B"), 401},
		{"register with wrong token", "POST", "/api/v1/agencies", "nope", agencyBody("2021005489", "B"), 401},
		{"register with an agency token", "POST", "/api/v1/agencies", digg, agencyBody("2021005489", "B"), 403},
		{"create in another agency", "POST", "/api/v1/agencies/" + orgSCB + "/datasets", digg, datasetBody("x"), 403},
		{"replace another agency's dataset", "PUT", scbPath, digg, datasetBody("x"), 403},
		{"delete another agency's dataset", "DELETE", scbPath, digg, nil, 403},
		{"update another agency", "PUT", "/api/v1/agencies/" + orgSCB, digg, agencyBody(orgSCB, "x"), 403},
		{"delete without token", "DELETE", scbPath, "", nil, 401},
		{"delete with garbage token", "DELETE", scbPath, "kat_garbage", nil, 401},
		{"operator may write for any agency", "POST", "/api/v1/agencies/" + orgSCB + "/datasets", testAdmin, datasetBody("by operator"), 201},
		{"own agency writes its own", "POST", "/api/v1/agencies/" + orgDigg + "/datasets", digg, datasetBody("own"), 201},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := f.revision()
			r := f.do(tc.method, tc.path, tc.token, tc.body)
			if r.status != tc.want {
				t.Fatalf("status %d, want %d: %s", r.status, tc.want, r.body)
			}
			if tc.want >= 400 {
				r.problem(t)
				if after := f.revision(); after.Seq != before.Seq {
					t.Errorf("a refused request changed the catalog: %d → %d", before.Seq, after.Seq)
				}
				if tc.want == 401 && r.header.Get("WWW-Authenticate") == "" {
					t.Error("401 without WWW-Authenticate")
				}
			}
		})
	}
	if r := f.do("GET", scbPath, "", nil); r.status != 200 {
		t.Errorf("the SCB dataset must survive: %d", r.status)
	}
}

func TestProblemDetails(t *testing.T) {
	f := newFixture(t)
	token := f.register(orgDigg, "Digg")
	dsPath := "/api/v1/agencies/" + orgDigg + "/datasets"

	t.Run("400 malformed JSON", func(t *testing.T) {
		r := f.do("POST", dsPath, token, `{"title": {"sv": "x"`)
		if r.status != 400 {
			t.Fatalf("%d %s", r.status, r.body)
		}
		r.problem(t)
	})
	t.Run("422 with one pointer per error", func(t *testing.T) {
		body := datasetBody("x")
		body["themes"] = []string{"GOVE", "NOPE"}
		body["distributions"].([]map[string]any)[0]["accessURL"] = "not a url"
		r := f.do("POST", dsPath, token, body)
		if r.status != 422 {
			t.Fatalf("%d %s", r.status, r.body)
		}
		p := r.problem(t)
		pointers := map[string]bool{}
		for _, e := range p.Errors {
			pointers[e.Pointer] = true
			if e.Message["sv"] == "" || e.Message["en"] == "" {
				t.Errorf("error without sv and en message: %+v", e)
			}
		}
		for _, want := range []string{"/themes/1", "/distributions/0/accessURL"} {
			if !pointers[want] {
				t.Errorf("missing pointer %s in %+v", want, p.Errors)
			}
		}
	})
	t.Run("422 bad org number at registration", func(t *testing.T) {
		r := f.do("POST", "/api/v1/agencies", testAdmin, agencyBody("2021006884", "Bad"))
		if r.status != 422 {
			t.Fatalf("%d %s", r.status, r.body)
		}
		p := r.problem(t)
		if len(p.Errors) == 0 || p.Errors[0].Pointer != "/orgNumber" {
			t.Errorf("%+v", p.Errors)
		}
	})
	t.Run("404 unknown agency and dataset", func(t *testing.T) {
		for _, path := range []string{"/api/v1/agencies/2021000837", "/api/v1/agencies/12345", dsPath + "/00000000-0000-4000-8000-000000000000", "/no/such/page"} {
			r := f.do("GET", path, "", nil)
			if r.status != 404 {
				t.Errorf("%s: %d", path, r.status)
				continue
			}
			r.problem(t)
		}
	})
	t.Run("405 wrong method", func(t *testing.T) {
		r := f.do("PATCH", "/api/v1/agencies", testAdmin, "{}")
		if r.status != 405 {
			t.Fatalf("%d", r.status)
		}
		r.problem(t)
	})
	t.Run("409 duplicate agency", func(t *testing.T) {
		r := f.do("POST", "/api/v1/agencies", testAdmin, agencyBody(orgDigg, "again"))
		if r.status != 409 {
			t.Fatalf("%d %s", r.status, r.body)
		}
		r.problem(t)
	})
	t.Run("413 body over the limit", func(t *testing.T) {
		big := datasetBody(strings.Repeat("x", 70<<10))
		r := f.do("POST", dsPath, token, big)
		if r.status != 413 {
			t.Fatalf("%d %s", r.status, r.body)
		}
		r.problem(t)
	})
}

func TestRejectedInputChangesNothing(t *testing.T) {
	f := newFixture(t)
	token := f.register(orgDigg, "Digg")
	r := f.do("POST", "/api/v1/agencies/"+orgDigg+"/datasets", token, datasetBody("Original"))
	var d catalog.Dataset
	r.json(t, &d)
	path := "/api/v1/agencies/" + orgDigg + "/datasets/" + d.ID
	before := f.revision()
	bad := datasetBody("Changed")
	bad["accessRights"] = "SECRET"
	attempts := []struct {
		method, path string
		body         any
	}{
		{"PUT", path, bad},
		{"PUT", path, `{"title":`},
		{"PUT", path, datasetBody(strings.Repeat("y", 70<<10))},
		{"POST", "/api/v1/agencies/" + orgDigg + "/datasets", bad},
		{"PUT", "/api/v1/agencies/" + orgDigg, map[string]any{"orgNumber": orgSCB, "name": map[string]string{"sv": "x"}}},
	}
	for _, a := range attempts {
		if r := f.do(a.method, a.path, token, a.body); r.status < 400 {
			t.Fatalf("%s %s accepted: %d", a.method, a.path, r.status)
		}
	}
	if after := f.revision(); after.Seq != before.Seq {
		t.Fatalf("revision moved from %d to %d", before.Seq, after.Seq)
	}
	var got catalog.Dataset
	f.do("GET", path, "", nil).json(t, &got)
	if got.Title["sv"] != "Original" {
		t.Fatalf("dataset changed: %+v", got.Title)
	}
	var list listPage[catalog.Dataset]
	f.do("GET", "/api/v1/agencies/"+orgDigg+"/datasets", "", nil).json(t, &list)
	if list.Total != 1 {
		t.Fatalf("dataset count %d", list.Total)
	}
}

func TestHealthAndInfo(t *testing.T) {
	f := newFixture(t)
	for _, p := range []string{"/healthz", "/readyz", "/api/v1/api-info"} {
		if r := f.do("GET", p, "", nil); r.status != 200 {
			t.Errorf("%s: %d", p, r.status)
		}
	}
	f.store.Close()
	r := f.do("GET", "/readyz", "", nil)
	if r.status != 503 {
		t.Fatalf("readyz with a closed store: %d", r.status)
	}
	r.problem(t)
}

func TestMetricsCountRequestsByRoute(t *testing.T) {
	f := newFixture(t)
	f.do("GET", "/api/v1/agencies/2021006883", "", nil)
	f.do("GET", "/api/v1/agencies/2021000837", "", nil)
	r := f.do("GET", "/metrics", "", nil)
	body := string(r.body)
	want := `katalog_http_requests_total{method="GET",route="/api/v1/agencies/:orgnr",status="404"} 2`
	if !strings.Contains(body, want) {
		t.Fatalf("metrics lack %s", want)
	}
	if !strings.Contains(body, `katalog_http_request_duration_seconds_bucket{method="GET",route="/api/v1/agencies/:orgnr",status="404"`) {
		t.Fatal("no latency histogram")
	}
}

func TestOpenAPIListsEveryRoute(t *testing.T) {
	f := newFixture(t)
	var doc struct {
		OpenAPI string                               `json:"openapi"`
		Paths   map[string]map[string]map[string]any `json:"paths"`
	}
	f.do("GET", "/api/v1/openapi.json", "", nil).json(t, &doc)
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi %q", doc.OpenAPI)
	}
	routes := f.api.Routes()
	if len(routes) < 15 {
		t.Fatalf("only %d routes", len(routes))
	}
	for _, r := range routes {
		op, ok := doc.Paths[openAPIPath(r.Path)][strings.ToLower(r.Method)]
		if !ok {
			t.Errorf("route %s %s missing from the OpenAPI document", r.Method, r.Path)
			continue
		}
		if op["summary"] == "" || op["responses"] == nil {
			t.Errorf("%s %s: incomplete operation %v", r.Method, r.Path, op)
		}
	}
	n := 0
	for _, ops := range doc.Paths {
		n += len(ops)
	}
	if n != len(routes) {
		t.Errorf("OpenAPI has %d operations, the router %d", n, len(routes))
	}
}

func TestHTMLPagesEscapeHostileText(t *testing.T) {
	f := newFixture(t)
	token := f.register(orgDigg, "<script>alert(1)</script>")
	f.do("POST", "/api/v1/agencies/"+orgDigg+"/datasets", token, datasetBody(`"><img src=x onerror=alert(2)>`))
	for _, p := range []string{"/", "/agencies/" + orgDigg} {
		r := f.do("GET", p, "", nil)
		if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
			t.Fatalf("%s: %d %s", p, r.status, r.header.Get("Content-Type"))
		}
		body := string(r.body)
		if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") {
			t.Errorf("%s: hostile text not escaped", p)
		}
		if r.header.Get("Content-Security-Policy") == "" || r.header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: security headers missing", p)
		}
	}
}

// TestMadeUpMethodsKeepMetricsSmall: Go's server takes any token as a
// method; 20,000 requests with made-up methods are counted under "other",
// so /metrics stays small (it grew to 38.7 MB before).
func TestMadeUpMethodsKeepMetricsSmall(t *testing.T) {
	f := newFixture(t)
	for i := range 20_000 {
		req := httptest.NewRequest(fmt.Sprintf("X%dY", i), "/api/v1/agencies", nil)
		f.api.ServeHTTP(httptest.NewRecorder(), req)
	}
	r := f.do("GET", "/metrics", "", nil)
	if len(r.body) > 100<<10 {
		t.Fatalf("/metrics is %d KB after 20,000 made-up methods, want under 100 KB", len(r.body)>>10)
	}
	want := `katalog_http_requests_total{method="other",route="unmatched",status="405"} 20000`
	if !strings.Contains(string(r.body), want) {
		t.Errorf("metrics lack %s", want)
	}
}

// TestRateLimitedRequestsCountedApart: a request the limiter refuses is
// counted by limit, not under its method and route.
func TestRateLimitedRequestsCountedApart(t *testing.T) {
	f := newFixture(t, func(d *Deps) { d.RateLimitPerIP = RateLimit{Rate: 1, Burst: 1} })
	for range 3 {
		req := httptest.NewRequest("BREW", "/api/v1/agencies", nil)
		f.api.ServeHTTP(httptest.NewRecorder(), req)
	}
	// The test's client has an address of its own (loopback, not
	// httptest's 192.0.2.1), with a fresh bucket.
	body := string(f.do("GET", "/metrics", "", nil).body)
	if !strings.Contains(body, `katalog_http_rate_limited_total{limit="address"} 2`) {
		t.Errorf("no rate-limited count in %s", body)
	}
	if strings.Contains(body, `method="BREW"`) {
		t.Error("a made-up method is a label")
	}
}

// TestCheckScheduleFloor: a checkSchedule that runs more often than the
// floor (one hour by default, check.minInterval) is refused with a problem
// at /checkSchedule, in Swedish and English. Before #16, "@every 1ms" was
// stored, and the check and score tables grew without bound.
func TestCheckScheduleFloor(t *testing.T) {
	f := newFixture(t)
	token := f.register(orgDigg, "Digg")
	for _, spec := range []string{"@every 1s", "@every 1ms", "*/5 * * * *"} {
		body := agencyBody(orgDigg, "Digg")
		body["checkSchedule"] = spec
		r := f.do("PUT", "/api/v1/agencies/"+orgDigg, token, body)
		if r.status != 422 {
			t.Fatalf("%q: %d %s", spec, r.status, r.body)
		}
		p := r.problem(t)
		if len(p.Errors) != 1 || p.Errors[0].Pointer != "/checkSchedule" || !strings.Contains(p.Errors[0].Detail, "at most once every 1h") {
			t.Errorf("%q: problem %+v", spec, p)
		}
		if !strings.Contains(string(r.body), "högst en gång per 1h") {
			t.Errorf("%q: no Swedish text: %s", spec, r.body)
		}
	}
	body := agencyBody(orgDigg, "Digg")
	body["checkSchedule"] = "@every 6h"
	if r := f.do("PUT", "/api/v1/agencies/"+orgDigg, token, body); r.status != 200 {
		t.Errorf("@every 6h: %d %s", r.status, r.body)
	}
}
