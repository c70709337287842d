package server

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestValidateRoute(t *testing.T) {
	f := newFixture(t)
	good := `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dcterms: <http://purl.org/dc/terms/> .
<https://x.se/ds/1> a dcat:Dataset ; dcterms:title "Ett"@sv .`
	r := f.do("POST", "/api/v1/validate", "", good, "Content-Type", "text/turtle")
	var rep struct {
		Conforms bool
		Errors   int
		Profile  string
		Results  []struct{ Rule, Focus string }
	}
	if r.status != 200 {
		t.Fatalf("validate: %d %s", r.status, r.body)
	}
	r.json(t, &rep)
	if rep.Conforms || rep.Errors == 0 || rep.Profile != "dcat-ap-se-3.0.1" {
		t.Errorf("report %+v: the dataset lacks a description and publisher", rep)
	}
	found := false
	for _, res := range rep.Results {
		found = found || (res.Rule == "dataset.description.min" && res.Focus == "https://x.se/ds/1")
	}
	if !found {
		t.Errorf("no dataset.description.min for the dataset in %+v", rep.Results)
	}

	bad := f.do("POST", "/api/v1/validate?format=turtle", "", "<https://x.se/a> <https://x.se/b> .\n")
	if bad.status != 400 {
		t.Fatalf("unparsable: %d %s", bad.status, bad.body)
	}
	if p := bad.problem(t); len(p.Errors) != 1 || p.Errors[0].Line != 1 {
		t.Errorf("syntax error not located: %+v", p)
	}
	if r := f.do("POST", "/api/v1/validate?profile=nope", "", good); r.status != 400 {
		t.Errorf("unknown profile: %d", r.status)
	}
	if r := f.do("POST", "/api/v1/validate", "", strings.Repeat("#", 70<<10), "Content-Type", "text/turtle"); r.status != 413 {
		t.Errorf("over the limit: %d", r.status)
	}
}

// TestValidateBudget: a validation over HTTP stops at its triple cap (413,
// saying so) and at its time limit (503 with Retry-After).
func TestValidateBudget(t *testing.T) {
	var doc strings.Builder
	for i := range 50 {
		fmt.Fprintf(&doc, "<https://x.se/ds/%d> <http://purl.org/dc/terms/title> \"T\"@sv .\n", i)
	}
	f := newFixture(t, func(d *Deps) { d.ValidateBudget.MaxTriples = 20 })
	r := f.do("POST", "/api/v1/validate", "", doc.String(), "Content-Type", "application/n-triples")
	if r.status != 413 || !strings.Contains(r.problem(t).Detail, "at most 20 triples") {
		t.Errorf("over the triple cap: %d %s", r.status, r.body)
	}
	f = newFixture(t, func(d *Deps) { d.ValidateBudget.Timeout = time.Nanosecond })
	r = f.do("POST", "/api/v1/validate", "", doc.String(), "Content-Type", "application/n-triples")
	if r.status != 503 || r.header.Get("Retry-After") == "" || r.problem(t).Type == "" {
		t.Errorf("past the time limit: %d %s", r.status, r.body)
	}
}

// TestValidateBaseParam: ?base= resolves the posted feed's relative IRIs;
// a relative base is a 400.
func TestValidateBaseParam(t *testing.T) {
	f := newFixture(t)
	rel := `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dcterms: <http://purl.org/dc/terms/> .
<ds/1> a dcat:Dataset ; dcterms:title "Ett"@sv .`
	if r := f.do("POST", "/api/v1/validate", "", rel, "Content-Type", "text/turtle"); r.status != 400 {
		t.Errorf("relative IRIs without a base: %d %s", r.status, r.body)
	}
	r := f.do("POST", "/api/v1/validate?base=https://x.se/", "", rel, "Content-Type", "text/turtle")
	if r.status != 200 {
		t.Fatalf("with a base: %d %s", r.status, r.body)
	}
	var rep struct {
		Results []struct{ Rule, Focus string }
	}
	r.json(t, &rep)
	found := false
	for _, res := range rep.Results {
		found = found || res.Focus == "https://x.se/ds/1"
	}
	if !found {
		t.Errorf("no finding on the resolved https://x.se/ds/1: %+v", rep.Results)
	}
	if r := f.do("POST", "/api/v1/validate?base=x/", "", rel, "Content-Type", "text/turtle"); r.status != 400 || !strings.Contains(r.problem(t).Detail, "base") {
		t.Errorf("relative base: %d %s", r.status, r.body)
	}
}
