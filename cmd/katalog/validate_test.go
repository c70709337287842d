package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/internal/demo"
	"github.com/katalog-se/katalog/internal/store/sqlite"
	"github.com/katalog-se/katalog/internal/write"
)

// demoDB returns a database with the demo agencies and datasets.
func demoDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "k.db")
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := demo.Load(context.Background(), st, write.New(st, write.Options{})); err != nil {
		t.Fatal(err)
	}
	return "sqlite:" + path
}

func TestValidateCommand(t *testing.T) {
	db := demoDB(t)
	dir := t.TempDir()
	code, feed, errOut := runCLI(t, nil, "export", "--db", db, "--agency", "2021006883", "--format", "turtle")
	if code != 0 {
		t.Fatalf("export: %d %s", code, errOut)
	}
	good := filepath.Join(dir, "digg.ttl")
	os.WriteFile(good, []byte(feed), 0o600)
	code, out, errOut := runCLI(t, nil, "validate", good)
	if code != 0 || !strings.Contains(out, "conforms") {
		t.Fatalf("katalog's own feed: exit %d\n%s\n%s", code, out, errOut)
	}

	bad := filepath.Join(dir, "bad.rdf")
	os.WriteFile(bad, []byte(checkFeed), 0o600)
	code, out, _ = runCLI(t, nil, "validate", "--json", bad)
	var rep struct {
		Conforms bool
		Errors   int
		Profile  string
		Results  []struct {
			Severity, Rule, Focus, Path string
			Message                     struct{ SV, EN string }
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 1 || rep.Conforms || rep.Errors == 0 || rep.Profile != "dcat-ap-se-3.0.1" {
		t.Fatalf("bad feed: exit %d %+v (%v)", code, rep, err)
	}
	rules := map[string]bool{}
	for _, r := range rep.Results {
		rules[r.Rule] = true
		if r.Message.SV == "" || r.Message.EN == "" {
			t.Errorf("finding without both languages: %+v", r)
		}
	}
	for _, want := range []string{"catalog.description.min", "dataset.publisher.min"} {
		if !rules[want] {
			t.Errorf("no %s finding in %v", want, rules)
		}
	}

	broken := filepath.Join(dir, "broken.ttl")
	os.WriteFile(broken, []byte("@prefix x: <http://x/> .\nx:a x:b \n"), 0o600)
	code, _, errOut = runCLI(t, nil, "validate", broken)
	if code != 2 || !strings.Contains(errOut, "line") {
		t.Errorf("unparsable: exit %d %q, want 2 with the line", code, errOut)
	}
	if code, _, _ := runCLI(t, nil, "validate", "--profile", "dcat-ap-se-9", good); code != 2 {
		t.Errorf("unknown profile: exit %d, want 2", code)
	}
}

// TestValidateBase: --base resolves a document's relative IRIs; without
// it they are a syntax error (exit 2), and a relative --base is a usage
// error.
func TestValidateBase(t *testing.T) {
	dir := t.TempDir()
	rel := filepath.Join(dir, "rel.ttl")
	os.WriteFile(rel, []byte(`@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<catalog> a dcat:Catalog ; dcat:dataset <ds/1> .
<ds/1> a dcat:Dataset ; dcterms:title "Ett"@sv .
`), 0o600)
	code, _, errOut := runCLI(t, nil, "validate", rel)
	if code != 2 || !strings.Contains(errOut, "base") {
		t.Fatalf("no base: exit %d %q, want 2 naming the missing base", code, errOut)
	}
	code, out, errOut := runCLI(t, nil, "validate", "--json", "--base", "https://example.se/katalog/", rel)
	var rep struct {
		Results []struct{ Rule, Focus string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 1 {
		t.Fatalf("--base: exit %d %v %s", code, err, errOut)
	}
	foci := map[string]bool{}
	for _, r := range rep.Results {
		foci[r.Focus] = true
	}
	if !foci["https://example.se/katalog/catalog"] || !foci["https://example.se/katalog/ds/1"] {
		t.Errorf("relative IRIs not resolved against --base: %v", foci)
	}
	if code, _, errOut := runCLI(t, nil, "validate", "--base", "katalog/", rel); code != 2 || !strings.Contains(errOut, "--base") {
		t.Errorf("relative --base: exit %d %q", code, errOut)
	}
}
