package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const checkFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dcterms="http://purl.org/dc/terms/">
  <dcat:Catalog rdf:about="https://data.digg.se/catalog">
    <dcterms:title xml:lang="sv">Diggs katalog</dcterms:title>
    <dcterms:publisher rdf:resource="http://dataportal.se/organisation/SE2021006883"/>
    <dcat:dataset>
      <dcat:Dataset rdf:about="https://data.digg.se/ds/1">
        <dcterms:title xml:lang="sv">Ett</dcterms:title>
        <dcterms:description xml:lang="sv">Första</dcterms:description>
      </dcat:Dataset>
    </dcat:dataset>
  </dcat:Catalog>
</rdf:RDF>
`

// feedServer serves the demo's Digg catalog (katalog's own RDF/XML, which
// validates) at /dcat and 404 elsewhere.
func feedServer(t *testing.T) *httptest.Server {
	code, feed, errOut := runCLI(t, nil, "export", "--db", demoDB(t), "--agency", "2021006883", "--format", "rdfxml")
	if code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/dcat":
			w.Header().Set("Content-Type", "application/rdf+xml")
			w.Header().Set("ETag", `"v1"`)
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Write([]byte(feed))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestCheckCommand(t *testing.T) {
	srv := feedServer(t)
	allow := map[string]string{"KATALOG_CHECK_ALLOW_CIDRS": "127.0.0.1/32"}

	code, out, errOut := runCLI(t, allow, "check", srv.URL+"/dcat")
	if code != 0 || !strings.Contains(out, "READY") || !strings.Contains(out, "0 errors") {
		t.Fatalf("good feed: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, _ = runCLI(t, allow, "check", "--json", srv.URL+"/missing")
	var res struct {
		Ready      bool
		HTTPStatus int `json:"httpStatus"`
		Findings   []struct{ Rule, Severity string }
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != 1 || res.Ready || res.HTTPStatus != 404 || len(res.Findings) == 0 {
		t.Errorf("404: exit %d, %+v (%v)", code, res, err)
	}
	// Without the allowance the guard refuses loopback: not ready, and said so.
	code, out, _ = runCLI(t, nil, "check", srv.URL+"/dcat")
	if code != 1 || !strings.Contains(out, "NOT READY") {
		t.Errorf("guarded loopback: exit %d %s", code, out)
	}
	if code, _, _ = runCLI(t, nil, "check", "ftp://example.se/x"); code != 2 {
		t.Errorf("not http: exit %d, want 2", code)
	}
}

func TestImportFromURL(t *testing.T) {
	srv := feedServer(t)
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "k.db")
	reg := filepath.Join(dir, "reg.csv")
	os.WriteFile(reg, []byte("org_nr,name\n2021006883,Digg\n"), 0o600)
	if code, _, errOut := runCLI(t, nil, "agencies", "import", "--db", db, reg); code != 0 {
		t.Fatal(errOut)
	}
	allow := map[string]string{"KATALOG_CHECK_ALLOW_CIDRS": "127.0.0.1/32"}
	code, out, errOut := runCLI(t, allow, "import", "--db", db, "--agency", "2021006883", srv.URL+"/dcat")
	if code != 0 || !strings.Contains(out, "added") || !strings.Contains(out, "rdfxml") {
		t.Fatalf("import URL: exit %d %q %q", code, out, errOut)
	}
	code, _, errOut = runCLI(t, nil, "import", "--db", db, "--agency", "2021006883", srv.URL+"/dcat")
	if code != 2 || !strings.Contains(errOut, "127.0.0.1") {
		t.Errorf("guarded loopback: exit %d %q, want 2 naming the address", code, errOut)
	}
}
