package main

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/katalog-se/katalog/internal/netfault"
	"github.com/katalog-se/katalog/internal/store/pgtest"
)

// TestPostgresAwayUnderServe runs `katalog serve` on PostgreSQL through a
// loopback proxy and cuts it, as a database that went away: readiness and
// writes answer 503 with Retry-After, liveness stays up, nothing refused is
// written; when the database is back the same process serves and writes
// again. Needs KATALOG_TEST_POSTGRES_DSN.
func TestPostgresAwayUnderServe(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dsn := pgtest.Schema(t)
	u, err := url.Parse(dsn)
	if err != nil || u.Host == "" {
		t.Skipf("%s is not a postgres:// URL", pgtest.DSNEnv)
	}
	proxy, err := netfault.Listen(u.Host)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { proxy.Close() })
	u.Host = proxy.Addr()
	bin := buildBinary(t)
	p := start(t, bin, u.String(), "--no-demo")
	if code, body := p.do(t, "POST", "/api/v1/agencies", map[string]any{"orgNumber": faultOrg, "name": map[string]string{"sv": "Digg"}}); code != 201 {
		t.Fatalf("register: %d %s", code, body)
	}
	if code := createDataset(t, p, "Före"); code != 201 {
		t.Fatalf("write before the outage: %d", code)
	}
	feed := "/agencies/" + faultOrg + "/datasets/dcat"
	if code, _ := p.do(t, "GET", feed, nil); code != 200 {
		t.Fatalf("feed before the outage: %d", code)
	}

	proxy.Cut()
	if code := readyz(t, p); code != 503 {
		t.Errorf("readyz with the database away: %d, want 503", code)
	}
	if code, _ := p.do(t, "GET", "/healthz", nil); code != 200 {
		t.Errorf("healthz (liveness) with the database away: %d, want 200", code)
	}
	res := request(t, p, "POST", "/api/v1/agencies/"+faultOrg+"/datasets",
		`{"title":{"sv":"Under"},"description":{"sv":"Beskrivning"}}`)
	if res.code != 503 || res.header.Get("Retry-After") == "" || !strings.Contains(res.body, `"status":503`) {
		t.Errorf("a write with the database away: %d, Retry-After %q, %s; want 503 problem with Retry-After",
			res.code, res.header.Get("Retry-After"), res.body)
	}
	// Reads need the database too: the feed keys its snapshot by the
	// catalog's revision, read on every request, so it answers 503 rather
	// than a possibly stale snapshot; never a 500.
	for _, path := range []string{feed, "/api/v1/agencies/" + faultOrg + "/datasets"} {
		res := request(t, p, "GET", path, "")
		if res.code != 503 || res.header.Get("Retry-After") == "" || !strings.Contains(res.body, `"status":503`) {
			t.Errorf("GET %s with the database away: %d, Retry-After %q, %.200s; want 503 problem with Retry-After",
				path, res.code, res.header.Get("Retry-After"), res.body)
		}
	}

	proxy.Restore()
	deadline := time.Now().Add(30 * time.Second)
	for readyz(t, p) != 200 {
		if time.Now().After(deadline) {
			t.Fatalf("not ready 30 s after the database came back\n%s", p.stderr.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	if code := createDataset(t, p, "Efter"); code != 201 {
		t.Fatalf("a write after the database came back: %d", code)
	}
	code, body := p.do(t, "GET", "/api/v1/agencies/"+faultOrg+"/datasets", nil)
	got := string(body)
	if code != 200 || !strings.Contains(got, "Före") || !strings.Contains(got, "Efter") || strings.Contains(got, "Under") {
		t.Errorf("the catalog after the outage: %d %s; want Före and Efter, not the refused Under", code, got)
	}
	named := p.logged("database unavailable")
	if logs := p.stderr.String(); strings.Contains(logs, "panic") || !named {
		t.Errorf("the log should name the outage and hold no panic:\n%s", logs)
	}
}

type answer struct {
	code   int
	header http.Header
	body   string
}

// request sends a JSON body as the operator and returns the whole answer.
func request(t *testing.T, p *proc, method, path, body string) answer {
	t.Helper()
	req, err := http.NewRequest(method, "http://"+p.addr+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+procAdmin)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b strings.Builder
	_, err = io.Copy(&b, res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{code: res.StatusCode, header: res.Header, body: b.String()}
}
