package readiness

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/katalog-se/katalog/internal/outbound"
)

func TestSniffAPIDescription(t *testing.T) {
	swaggerUI := `<!DOCTYPE html>
<html lang="en"><head><title>Swagger UI</title></head>
<body><div id="swagger-ui"></div><script src="./swagger-ui-bundle.js"></script></body></html>`
	tests := []struct {
		name, ct, body, want string
	}{
		{"OpenAPI 3 JSON", "application/json", `{"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": {}}`, "openapi 3.0.3"},
		{"OpenAPI 3.1 JSON, info first", "application/vnd.oai.openapi+json", `{"info": {"title": "T", "x": [1, {"y": null}]}, "openapi": "3.1.0"}`, "openapi 3.1.0"},
		{"Swagger 2 JSON", "application/json", "\ufeff  {\"swagger\": \"2.0\", \"info\": {}}", "swagger 2.0"},
		{"OpenAPI YAML", "application/yaml", "openapi: 3.0.0\ninfo:\n  title: T\n  version: '1'\npaths: {}\n", "openapi 3.0.0"},
		{"OpenAPI YAML, quoted, comments", "text/plain", "# API\n---\n\"openapi\": \"3.1.0\" # latest\ninfo: {title: T, version: '1'}\n", "openapi 3.1.0"},
		{"Swagger YAML", "", "swagger: '2.0'\ninfo:\n  title: T\n", "swagger 2.0"},
		{"Swagger UI page", "text/html; charset=utf-8", swaggerUI, APIHTML},
		{"HTML served as JSON", "application/json", swaggerUI, APIHTML},
		{"JSON that is no description", "application/json", `{"stations": [{"id": 1}]}`, APIJSON},
		{"JSON without info", "application/json", `{"openapi": "3.0.0"}`, APIJSON},
		{"version 4", "application/json", `{"openapi": "4.0.0", "info": {}}`, APIJSON},
		{"JSON array", "application/json", `[1, 2]`, APIJSON},
		{"broken JSON", "application/json", `{"openapi": "3.0.0", "info": `, APIJSON},
		{"YAML that is no description", "application/yaml", "name: stations\nitems:\n  - 1\n", APIYAML},
		{"plain text", "text/plain", "Hello, world.\nThis is no API.", APIOther},
		{"empty", "application/json", "", APIOther},
		{"XML", "application/xml", `<?xml version="1.0"?><wadl/>`, APIOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SniffAPIDescription(tt.ct, strings.NewReader(tt.body)); got != tt.want {
				t.Errorf("SniffAPIDescription = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestSniffReadsOnlyTheHead: a description larger than what is read is
// judged from its head.
func TestSniffReadsOnlyTheHead(t *testing.T) {
	big := `{"openapi": "3.0.1", "info": {"title": "T"}, "paths": {` + strings.Repeat(`"/x": {}, `, maxSpecBytes/8) + `"/y": {}}}`
	if got := SniffAPIDescription("application/json", strings.NewReader(big)); got != "openapi 3.0.1" {
		t.Errorf("got %q", got)
	}
}

// FuzzSniffAPIDescription: any body gives one of the verdicts, without
// panicking, and a version only for a document that names one.
func FuzzSniffAPIDescription(f *testing.F) {
	for _, s := range []string{`{"openapi":"3.0.0","info":{}}`, "swagger: '2.0'\ninfo:\n", "<html>", "a: b\n- c", "{", `{"a":[[[[`, "\xef\xbb\xbf", "%YAML 1.2\n---\nopenapi: 3.1.0\ninfo: {}\n"} {
		f.Add("application/json", s)
	}
	f.Fuzz(func(t *testing.T, ct, body string) {
		got := SniffAPIDescription(ct, strings.NewReader(body))
		switch {
		case IsSpec(got):
			v := got[strings.IndexByte(got, ' ')+1:]
			if !strings.Contains(body, v) || !utf8.ValidString(v) && utf8.ValidString(body) {
				t.Errorf("version %q not in the body %q", v, body)
			}
		case got != APIHTML && got != APIJSON && got != APIYAML && got != APIOther:
			t.Errorf("verdict %q", got)
		}
	})
}

// TestAPIDescriptionsJudged: endpointDescription and OpenAPI-looking
// conformsTo links are fetched and judged as dataportal.se does; only an
// OpenAPI or Swagger document with CORS for the portal is verified, and the
// finding says what each of the others is.
func TestAPIDescriptionsJudged(t *testing.T) {
	yaml := "openapi: 3.0.3\ninfo:\n  title: Stationer\n  version: '1'\npaths: {}\n"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/openapi.yaml":
			if r.Header.Get("Origin") == DefaultPortalOrigin {
				w.Header().Set("Access-Control-Allow-Origin", DefaultPortalOrigin)
			}
			w.Header().Set("Content-Type", "application/yaml")
			fmt.Fprint(w, yaml)
		case "/swagger-ui/":
			w.Header().Set("Access-Control-Allow-Origin", "*")
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<!DOCTYPE html><html><body><div id="swagger-ui"></div></body></html>`)
		case "/data.json":
			w.Header().Set("Access-Control-Allow-Origin", "*")
			fmt.Fprint(w, `{"rows": []}`)
		case "/standard.json", "/plain":
			fmt.Fprint(w, "{}")
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	feed := fmt.Sprintf(`<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#"
    xmlns:dcterms="http://purl.org/dc/terms/" xmlns:foaf="http://xmlns.com/foaf/0.1/">
  <dcat:Catalog rdf:about="https://example.se/c"><dcat:service rdf:resource="https://example.se/s"/></dcat:Catalog>
  <dcat:DataService rdf:about="https://example.se/s">
    <dcat:endpointURL rdf:resource="%[1]s/plain"/>
    <dcat:endpointDescription rdf:resource="%[1]s/openapi.yaml"/>
    <dcat:endpointDescription rdf:resource="%[1]s/swagger-ui/"/>
    <dcat:endpointDescription rdf:resource="%[1]s/data.json"/>
    <dcat:endpointDescription rdf:resource="%[1]s/gone.json"/>
    <dcterms:conformsTo rdf:resource="%[1]s/standard.json"/>
    <foaf:page rdf:resource="%[1]s/plain"/>
  </dcat:DataService>
</rdf:RDF>`, srv.URL)
	src := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rdf+xml")
		fmt.Fprint(w, feed)
	}))
	t.Cleanup(src.Close)
	c := NewChecker(Options{Client: outbound.NewClient(outbound.LoopbackOptions()), SkipProbes: true, KeepLinks: true})
	res, err := c.Check(context.Background(), src.URL)
	if err != nil {
		t.Fatal(err)
	}
	l := res.Links
	// plain (endpointURL and foaf:page), five descriptions.
	if l.Checked != 6 || l.APIDescriptions != 5 || l.APIVerified != 1 || l.NotSpec != 4 || l.Broken != 1 {
		t.Errorf("links %+v", l)
	}
	byURL := map[string]LinkResult{}
	for _, r := range l.All {
		byURL[strings.TrimPrefix(r.URL, srv.URL)] = r
	}
	if r := byURL["/openapi.yaml"]; !r.Verified() || r.API != "openapi 3.0.3" {
		t.Errorf("the OpenAPI YAML: %+v", r)
	}
	if r := byURL["/plain"]; strings.Join(r.AllKinds(), ",") != "endpointURL,page" || r.API != "" {
		t.Errorf("the endpoint, also a page: %+v", r)
	}
	f := res.finding(RuleAPIDescriptionNotSpec)
	if f == nil {
		t.Fatalf("no %s finding: %v", RuleAPIDescriptionNotSpec, ruleIDs(res))
	}
	for _, want := range []string{"/swagger-ui/: a web page (HTML, such as Swagger UI)", "/data.json: JSON that is not an OpenAPI", "/gone.json: HTTP 404", "/standard.json: JSON that is not"} {
		if !strings.Contains(f.Evidence, want) {
			t.Errorf("evidence %q lacks %q", f.Evidence, want)
		}
	}
	if !res.Has(RuleAPIDescriptionVerified) || res.Has(RuleOpenAPICORS) {
		t.Errorf("findings %v", ruleIDs(res))
	}
}
