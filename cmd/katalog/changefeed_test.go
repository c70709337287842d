package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/ldes"
	"github.com/katalog-se/katalog/dcat/syntax/codec"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/internal/publish"
	"github.com/katalog-se/katalog/internal/rdftest"
	"github.com/katalog-se/katalog/internal/store/sqlite"
)

// caseReport is a case's report.json.
type caseReport struct {
	Added, Removed, Updated, Unchanged  int
	AddedURIs, RemovedURIs, UpdatedURIs []string
}

func (r caseReport) sorted() caseReport {
	for _, l := range [][]string{r.AddedURIs, r.RemovedURIs, r.UpdatedURIs} {
		sort.Strings(l)
	}
	return r
}

func readGraph(t *testing.T, path string) []rdf.Triple {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qr, _, err := ldes.Open(f, path, "", "", fileBase(path), codec.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	qs, err := rdftest.ReadAllQuads(qr)
	if err != nil {
		t.Fatal(err)
	}
	var ts []rdf.Triple
	for _, q := range qs {
		ts = append(ts, q.Triple)
	}
	return ts
}

// TestFeedApplyDiggCases runs Digg's 26 harvester test cases through
// katalog feed apply: before.ttl and feed.trig give after.ttl (as a graph)
// and report.json (counts, unchanged included, and IRIs).
func TestFeedApplyDiggCases(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join(rdftest.SharedDir(t), "data", "ldes-dcat-ap-test-cases", "testsuite", "test*"))
	if len(dirs) == 0 {
		t.Skip("Digg's LDES test cases are absent")
	}
	out := t.TempDir()
	passed := 0
	for _, dir := range dirs {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			after := filepath.Join(out, name+".ttl")
			code, stdout, stderr := runCLI(t, nil, "feed", "apply", "--json",
				"--before", filepath.Join(dir, "before.ttl"), "--feed", filepath.Join(dir, "feed.trig"), "--out", after)
			if code != 0 {
				t.Fatalf("exit %d: %s %s", code, stdout, stderr)
			}
			var got, want caseReport
			if err := json.Unmarshal([]byte(stdout), &got); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join(dir, "report.json"))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if g, w := fmt.Sprintf("%+v", got.sorted()), fmt.Sprintf("%+v", want.sorted()); g != w {
				t.Errorf("report\n got %s\nwant %s", g, w)
			}
			if ok, why := rdftest.Isomorphic(readGraph(t, after), readGraph(t, filepath.Join(dir, "after.ttl"))); !ok {
				t.Errorf("after.ttl: %s", why)
			}
			if !t.Failed() {
				passed++
			}
		})
	}
	t.Logf("%d of %d cases pass", passed, len(dirs))
}

// TestFeedApplyResumes: --out FILE.trig keeps one graph per entity, so a
// second feed applied to it gives what both applied at once give, even
// when the second removes what the first only linked from another entity.
func TestFeedApplyResumes(t *testing.T) {
	dir := t.TempDir()
	before := filepath.Join(dir, "empty.ttl")
	os.WriteFile(before, nil, 0o600)
	first := filepath.Join(dir, "first.trig")
	os.WriteFile(first, []byte(feedHead+`
<https://e.se/f#1> a as:Create ; as:object <https://e.se/cat> ; as:published "2024-01-01T00:00:00Z"^^xsd:dateTime .
<https://e.se/f#1> { <https://e.se/cat> a dcat:Catalog ; dcterms:title "K"@sv . }
<https://e.se/f#2> a as:Create ; as:object <https://e.se/ds> ; as:published "2024-01-01T00:00:01Z"^^xsd:dateTime .
<https://e.se/f#2> { <https://e.se/ds> a dcat:Dataset ; dcterms:title "D"@sv . <https://e.se/cat> dcat:dataset <https://e.se/ds> . }
<#Feed> tree:member <https://e.se/f#1>, <https://e.se/f#2> .
`), 0o600)
	second := filepath.Join(dir, "second.trig")
	os.WriteFile(second, []byte(feedHead+`
<https://e.se/f#3> a as:Update ; as:object <https://e.se/cat> ; as:published "2024-01-02T00:00:00Z"^^xsd:dateTime .
<https://e.se/f#3> { <https://e.se/cat> a dcat:Catalog ; dcterms:title "K2"@sv . }
<https://e.se/f#4> a as:Delete ; as:object <https://e.se/ds> ; as:published "2024-01-02T00:00:01Z"^^xsd:dateTime .
<#Feed> tree:member <https://e.se/f#3>, <https://e.se/f#4> .
`), 0o600)
	state := filepath.Join(dir, "state.trig")
	if code, out, errOut := runCLI(t, nil, "feed", "apply", "--before", before, "--feed", first, "--out", state); code != 0 {
		t.Fatalf("first: %d %s %s", code, out, errOut)
	}
	end := filepath.Join(dir, "end.nt")
	code, out, errOut := runCLI(t, nil, "feed", "apply", "--json", "--before", state, "--feed", second, "--out", end)
	if code != 0 {
		t.Fatalf("second: %d %s %s", code, out, errOut)
	}
	var rep caseReport
	json.Unmarshal([]byte(out), &rep)
	if rep.Updated != 1 || rep.Removed != 1 || rep.Unchanged != 0 || !slices.Equal(rep.RemovedURIs, []string{"https://e.se/ds"}) {
		t.Errorf("report %+v", rep)
	}
	got := readGraph(t, end)
	if len(got) != 2 || strings.Contains(fmt.Sprint(got), "dataset") {
		t.Errorf("after both feeds: %v", got)
	}
}

const feedHead = `@prefix ldes: <https://w3id.org/ldes#> . @prefix tree: <https://w3id.org/tree#> .
@prefix as: <https://www.w3.org/ns/activitystreams#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dcterms: <http://purl.org/dc/terms/> .
<#Feed> a ldes:EventStream ; ldes:timestampPath as:published ; ldes:versionOfPath as:object ; tree:view <> .
`

// TestFeedApplyURL follows a feed's pages over HTTP through the guarded
// client (a relation back to the first page does not loop), and refuses
// an invalid feed whole.
func TestFeedApplyURL(t *testing.T) {
	var srv *httptest.Server
	pages := map[string]string{
		"/feed": feedHead + `
<https://e.se/f#1> a as:Create ; as:object <https://e.se/ds> ; as:published "2024-01-01T00:00:00Z"^^xsd:dateTime .
<https://e.se/f#1> { <https://e.se/ds> a dcat:Dataset ; dcterms:title "Första"@sv . }
<#Feed> tree:member <https://e.se/f#1> .
<> tree:relation <#r> . <#r> a tree:GreaterThanOrEqualToRelation ; tree:node <feed2> ; tree:path as:published ; tree:value "2024-01-01T00:00:00Z"^^xsd:dateTime .
`,
		"/feed2": feedHead + `
<https://e.se/f#2> a as:Update ; as:object <https://e.se/ds> ; as:published "2024-01-02T00:00:00Z"^^xsd:dateTime .
<https://e.se/f#2> { <https://e.se/ds> a dcat:Dataset ; dcterms:title "Andra"@sv . }
<#Feed> tree:member <https://e.se/f#2> .
<> tree:relation <#back> . <#back> tree:node <feed> .
`,
		"/bad": feedHead + `
<https://e.se/f#1> a as:Create ; as:published "2024-01-01T00:00:00Z"^^xsd:dateTime .
<#Feed> tree:member <https://e.se/f#1> .
`,
		"/broken": feedHead + `<https://e.se/f#1> { <a> <b> "unterminated }`,
	}
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if !strings.Contains(r.Header.Get("Accept"), "application/trig") {
			http.Error(w, "not acceptable", http.StatusNotAcceptable)
			return
		}
		w.Header().Set("Content-Type", "application/trig")
		fmt.Fprint(w, body)
	}))
	defer srv.Close()
	allow := map[string]string{"KATALOG_CHECK_ALLOW_CIDRS": "127.0.0.1/32"}
	dir := t.TempDir()
	before := filepath.Join(dir, "before.ttl")
	os.WriteFile(before, nil, 0o600)
	after := filepath.Join(dir, "after.ttl")

	code, out, errOut := runCLI(t, allow, "feed", "apply", "--json", "--before", before, "--feed", srv.URL+"/feed", "--out", after)
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	var rep feedApplyReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Added != 1 || rep.Events != 2 || len(rep.Pages) != 2 || rep.Bytes == 0 {
		t.Errorf("report %+v", rep)
	}
	if g := fmt.Sprint(readGraph(t, after)); !strings.Contains(g, "Andra") || strings.Contains(g, "Första") {
		t.Errorf("after: %s", g)
	}
	// Without the exception the guard refuses loopback: unreadable, 2.
	if code, _, errOut := runCLI(t, nil, "feed", "apply", "--before", before, "--feed", srv.URL+"/feed"); code != 2 {
		t.Errorf("loopback without the exception: exit %d %s", code, errOut)
	}
	// An event without as:object: invalid, nothing applied, 1.
	code, out, _ = runCLI(t, allow, "feed", "apply", "--json", "--before", before, "--feed", srv.URL+"/bad", "--out", filepath.Join(dir, "no.ttl"))
	if code != 1 || !strings.Contains(out, ldes.RuleObjectMissing) {
		t.Errorf("invalid feed: exit %d %s", code, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "no.ttl")); err == nil {
		t.Error("an invalid feed wrote --out")
	}
	// A syntax error: invalid, 1, located.
	if code, _, errOut := runCLI(t, allow, "feed", "apply", "--before", before, "--feed", srv.URL+"/broken"); code != 1 || !strings.Contains(errOut, "line") {
		t.Errorf("syntax error: exit %d %s", code, errOut)
	}
	// Usage and unreadable files: 2.
	for _, args := range [][]string{
		{"feed", "apply", "--feed", srv.URL + "/feed"},
		{"feed", "apply", "--before", filepath.Join(dir, "missing.ttl"), "--feed", srv.URL + "/feed"},
		{"feed", "apply", "--before", before, "--feed", filepath.Join(dir, "missing.trig")},
		{"feed", "apply", "--before", before, "--feed", srv.URL + "/feed", "--out", filepath.Join(dir, "x.unknown")},
		{"feed", "apply", "--before", before, "--feed", srv.URL + "/missing"},
	} {
		if code, _, _ := runCLI(t, allow, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

// TestFeedValidate: katalog's own feed conforms, member by member; Digg's
// test feeds (plain literals, no publishers) do not.
func TestFeedValidate(t *testing.T) {
	db := demoDB(t)
	ctx := context.Background()
	st, err := sqlite.Open(ctx, strings.TrimPrefix(db, "sqlite:"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := dcat.NewMapper("https://katalog.example.se")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := publish.NewBuilder(st, m, publish.BuilderOptions{}).FeedPage(ctx, "", 0, 1000, rdfio.TriG, &buf); err != nil {
		t.Fatal(err)
	}
	st.Close()
	path := filepath.Join(t.TempDir(), "national.trig")
	os.WriteFile(path, buf.Bytes(), 0o600)
	code, out, errOut := runCLI(t, nil, "feed", "validate", "--json", path)
	var res feedValidation
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != 0 || !res.Conforms || res.Events < 20 || len(res.Members) != res.Events {
		t.Fatalf("katalog's national feed: exit %d %v %+v %s", code, err, res, errOut)
	}
	dirs, _ := filepath.Glob(filepath.Join(rdftest.SharedDir(t), "data", "ldes-dcat-ap-test-cases", "testsuite", "test3"))
	if len(dirs) == 1 {
		code, out, _ := runCLI(t, nil, "feed", "validate", filepath.Join(dirs[0], "feed.trig"))
		if code != 1 || !strings.Contains(out, "dataset.publisher.min") {
			t.Errorf("Digg's test 3: exit %d %s", code, out)
		}
	}
}
