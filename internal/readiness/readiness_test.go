package readiness

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/katalog-se/katalog/internal/netfault"
	"github.com/katalog-se/katalog/internal/outbound"
	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/rdfxml"
)

// fixedSession is a validation session that reports fixed counts, or one
// warning per triple.
type fixedSession struct {
	perTriple        bool
	errors, warnings int
}

func (f *fixedSession) Write(rdf.Triple) error {
	if f.perTriple {
		f.warnings++
	}
	return nil
}

func (f *fixedSession) Finish() (int, int, error) { return f.errors, f.warnings, nil }

func ruleIDs(res *Result) []string {
	var out []string
	for _, f := range res.Findings {
		out = append(out, f.Rule)
	}
	return out
}

// countTriples reads a fixture with the project's RDF/XML reader.
func countTriples(t *testing.T, name, links string) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.ReplaceAll(b, []byte("LINKS"), []byte(links))
	r := rdfxml.NewReader(bytes.NewReader(b), "http://example.se/")
	n := 0
	for {
		_, err := r.Read()
		if errors.Is(err, io.EOF) {
			return n
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
}

func TestCheck(t *testing.T) {
	escape := netfault.NewAcceptCounter(t, "127.0.0.2:0")
	srv := newFeedServer(t, "http://"+escape.Addr()+"/datasets/dcat")
	goodTriples := countTriples(t, "good.rdf", srv.URL)

	tests := []struct {
		name      string
		path      string
		opts      func(*outbound.ClientOptions)
		validator Validator
		ready     bool
		want      []string // rules that must be reported
		absent    []string // rules that must not be
		check     func(t *testing.T, res *Result)
	}{
		{
			name:   "good feed",
			path:   "/feed/good",
			ready:  true,
			want:   []string{RuleHTTPSMissing, RuleNotValidated, RuleOffers, RuleAPIDescriptionVerified},
			absent: []string{RuleBrokenLinks, RuleOpenAPICORS, RuleAPIDescriptionNotSpec, RuleCachingMissing, RuleCachingNo304, RuleContentTypeGeneric, RuleCheckDeadline},
			check: func(t *testing.T, res *Result) {
				if res.HTTPStatus != 200 || res.Triples != goodTriples || res.Datasets != 2 {
					t.Errorf("status %d triples %d (want %d) datasets %d (want 2)", res.HTTPStatus, res.Triples, goodTriples, res.Datasets)
				}
				// ok, head405, redirect-ok, the endpoint and its OpenAPI file.
				if res.Links.Checked != 5 || res.Links.OK != 5 || res.Links.Broken != 0 || res.Links.APIVerified != 1 {
					t.Errorf("links = %+v, want 5 checked and ok, one verified API description", res.Links)
				}
				if !slices.Contains(res.Offers, "text/turtle") || !slices.Contains(res.Offers, "application/rdf+xml") {
					t.Errorf("offers = %v", res.Offers)
				}
				if res.Bytes == 0 || res.TLS || res.ContentType != "application/rdf+xml" {
					t.Errorf("bytes %d tls %v contentType %q", res.Bytes, res.TLS, res.ContentType)
				}
				if srv.Hits("/ok") == 0 || srv.Hits("/head405") != 2 {
					t.Errorf("hits /ok %d, /head405 %d (want HEAD then GET)", srv.Hits("/ok"), srv.Hits("/head405"))
				}
			},
		},
		{
			name:      "validator with warnings only",
			path:      "/feed/good",
			validator: SessionFunc(func() ValidationSession { return &fixedSession{perTriple: true} }),
			ready:     true,
			want:      []string{RuleValidationWarnings},
			absent:    []string{RuleNotValidated, RuleValidationErrors},
			check: func(t *testing.T, res *Result) {
				if !res.Validation.Validated || res.Validation.Warnings != goodTriples {
					t.Errorf("validation = %+v, want %d warnings (one per triple)", res.Validation, goodTriples)
				}
			},
		},
		{
			name:      "validator with errors",
			path:      "/feed/good",
			validator: SessionFunc(func() ValidationSession { return &fixedSession{errors: 2, warnings: 1} }),
			want:      []string{RuleValidationErrors, RuleValidationWarnings},
		},
		{name: "404", path: "/status/404", want: []string{RuleHTTPStatus}, absent: []string{RuleRDFXMLSyntax}},
		{name: "500", path: "/status/500", want: []string{RuleHTTPStatus}},
		{
			name:  "503 retried then ok",
			path:  "/feed/busy",
			ready: true,
			check: func(t *testing.T, res *Result) {
				if res.Retries != 2 || res.HTTPStatus != 200 || srv.Hits("/feed/busy") < 3 {
					t.Errorf("retries %d status %d hits %d", res.Retries, res.HTTPStatus, srv.Hits("/feed/busy"))
				}
			},
		},
		{
			name: "429 retried then given up",
			path: "/feed/always-busy",
			opts: func(o *outbound.ClientOptions) { o.MaxRetries = 3 },
			want: []string{RuleHTTPStatus},
			check: func(t *testing.T, res *Result) {
				if res.HTTPStatus != 429 || srv.Hits("/feed/always-busy") != 4 {
					t.Errorf("status %d, hits %d (want 429 after 4 tries)", res.HTTPStatus, srv.Hits("/feed/always-busy"))
				}
			},
		},
		{
			name:   "served as text/html",
			path:   "/feed/html",
			want:   []string{RuleContentTypeHTML},
			absent: []string{RuleRDFXMLSyntax},
		},
		{name: "syntax error", path: "/feed/broken-xml", want: []string{RuleRDFXMLSyntax}, absent: []string{RuleNoCatalog}},
		{
			name: "body over the cap",
			path: "/feed/big",
			opts: func(o *outbound.ClientOptions) { o.MaxBodyBytes = 64 << 10 },
			want: []string{RuleBodyTooLarge},
			check: func(t *testing.T, res *Result) {
				if res.Bytes != 64<<10 {
					t.Errorf("bytes = %d, want exactly the cap", res.Bytes)
				}
			},
		},
		{
			name: "never answers",
			path: "/feed/hang",
			opts: func(o *outbound.ClientOptions) { o.Timeout = 200 * time.Millisecond },
			want: []string{RuleTimeout},
		},
		{name: "redirect loop", path: "/loop-a", want: []string{RuleRedirectLoop}},
		{name: "too many redirects", path: "/hops/6", want: []string{RuleTooManyRedirects}},
		{
			name:  "five redirects are fine",
			path:  "/hops/5",
			ready: true,
			check: func(t *testing.T, res *Result) {
				if len(res.Redirects) != 5 {
					t.Errorf("redirects = %v", res.Redirects)
				}
			},
		},
		{name: "302 is not in Digg's list", path: "/feed/found", ready: true, want: []string{RuleRedirectStatus}},
		{name: "301 is", path: "/feed/moved", ready: true, absent: []string{RuleRedirectStatus}},
		{
			name: "redirect outside the allowed networks",
			path: "/feed/escape",
			want: []string{RuleAddressBlocked},
			check: func(t *testing.T, res *Result) {
				if n := escape.Accepted(); n != 0 {
					t.Errorf("127.0.0.2 accepted %d connections, want 0", n)
				}
				// Public evidence says the address is not allowed, not
				// what it is (it would map the inside of a network).
				if ev := res.Findings[0].Evidence; strings.Contains(ev, "127.0.0.2") || !strings.Contains(ev, "address not allowed") {
					t.Errorf("evidence %q", ev)
				}
			},
		},
		{
			name:  "broken and working links",
			path:  "/feed/links",
			ready: true,
			want:  []string{RuleBrokenLinks, RuleOpenAPICORS, RuleCachingMissing},
			check: func(t *testing.T, res *Result) {
				l := res.Links
				// ok, head405, the endpoint and nocors.json work; missing,
				// error500, loop do not; ftp is skipped.
				if l.Checked != 7 || l.OK != 4 || l.Broken != 3 || l.Skipped != 1 || l.NoCORS != 1 || l.APIVerified != 0 {
					t.Errorf("links = %+v", l)
				}
				var broken []string
				for _, b := range l.BrokenSample {
					broken = append(broken, strings.TrimPrefix(b.URL, srv.URL))
				}
				slices.Sort(broken)
				if !slices.Equal(broken, []string{"/error500", "/loop", "/missing"}) {
					t.Errorf("broken = %v", broken)
				}
			},
		},
		{
			name:   "sub-catalogs load",
			path:   "/feed/parent",
			ready:  true,
			absent: []string{RuleSubCatalogFailed, RuleSubCatalogUntyped, RuleNoDatasets},
			check: func(t *testing.T, res *Result) {
				if len(res.SubCatalogs) != 2 || res.Datasets != 3 {
					t.Errorf("subCatalogs %+v datasets %d (want 2 loaded, 1+1+1 datasets)", res.SubCatalogs, res.Datasets)
				}
			},
		},
		{
			name: "a sub-catalog fails",
			path: "/feed/parent-bad",
			want: []string{RuleSubCatalogFailed},
			check: func(t *testing.T, res *Result) {
				if len(res.SubCatalogs) != 2 || res.SubCatalogs[1].OK || res.SubCatalogs[1].HTTPStatus != 404 {
					t.Errorf("subCatalogs = %+v", res.SubCatalogs)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := outbound.LoopbackOptions()
			if tt.opts != nil {
				tt.opts(&o)
			}
			c := NewChecker(Options{Client: outbound.NewClient(o), Validator: tt.validator})
			res, err := c.Check(context.Background(), srv.URL+tt.path)
			if err != nil {
				t.Fatal(err)
			}
			if res.Ready != tt.ready {
				t.Errorf("ready = %v, want %v; findings %v", res.Ready, tt.ready, ruleIDs(res))
			}
			for _, r := range tt.want {
				if !res.Has(r) {
					t.Errorf("missing finding %s; got %v", r, ruleIDs(res))
				}
			}
			for _, r := range tt.absent {
				if res.Has(r) {
					t.Errorf("unexpected finding %s; got %v", r, ruleIDs(res))
				}
			}
			if tt.check != nil {
				tt.check(t, res)
			}
			for i := 1; i < len(res.Findings); i++ {
				if res.Findings[i-1].Severity > res.Findings[i].Severity {
					t.Errorf("findings not sorted by severity: %v", ruleIDs(res))
				}
			}
		})
	}
}

func TestCheckRejectsBadURL(t *testing.T) {
	c := NewChecker(Options{Client: outbound.NewClient(outbound.LoopbackOptions())})
	for _, u := range []string{"", "example.se/dcat", "ftp://example.se/dcat", "/relative"} {
		if _, err := c.Check(context.Background(), u); err == nil {
			t.Errorf("Check(%q) gave no error", u)
		}
	}
}

func TestResultJSON(t *testing.T) {
	srv := newFeedServer(t, "http://127.0.0.2:1/")
	c := NewChecker(Options{Client: outbound.NewClient(outbound.LoopbackOptions()), SkipLinks: true})
	res, err := c.Check(context.Background(), srv.URL+"/feed/good")
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"url", "ready", "checkedAt", "httpStatus", "contentType", "bytes", "durationMs", "tls", "triples", "datasets", "validation", "links", "findings"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q: %s", k, b)
		}
	}
	for _, k := range []string{"errors", "warnings"} {
		if _, ok := m["validation"].(map[string]any)[k]; !ok {
			t.Errorf("validation lacks %q", k)
		}
	}
	for _, k := range []string{"checked", "ok", "broken"} {
		if _, ok := m["links"].(map[string]any)[k]; !ok {
			t.Errorf("links lacks %q", k)
		}
	}
	f := m["findings"].([]any)[0].(map[string]any)
	for _, k := range []string{"severity", "rule", "message"} {
		if _, ok := f[k]; !ok {
			t.Errorf("finding lacks %q: %v", k, f)
		}
	}
	if msg := f["message"].(map[string]any); msg["sv"] == "" || msg["en"] == "" {
		t.Errorf("message = %v", msg)
	}
}

func TestRulesHaveTexts(t *testing.T) {
	for _, r := range Rules() {
		if r.Message.SV == "" || r.Message.EN == "" {
			t.Errorf("rule %s lacks a message", r.ID)
		}
		if (r.Advice.SV == "") != (r.Advice.EN == "") {
			t.Errorf("rule %s has advice in one language only", r.ID)
		}
		if r.Severity == SeverityError && r.Advice.EN == "" {
			t.Errorf("error rule %s gives no advice", r.ID)
		}
	}
}
