package main

import (
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/rdftest"
	"github.com/katalog-se/katalog/internal/store/sqlite"
)

// portalEndpoint is a real SPARQL endpoint (Jena) over a small portal: it
// lists one of Digg's two imported datasets and one more; nothing of SCB's.
var portalEndpoint = rdftest.NewSPARQLServer("testdata/portal.nt")

func TestMain(m *testing.M) {
	code := m.Run()
	portalEndpoint.Close()
	os.Exit(code)
}

// portalSyncJSON is the --json result's shape.
type portalSyncJSON struct {
	Endpoint  string                 `json:"endpoint"`
	Agencies  int                    `json:"agencies"`
	Listed    int                    `json:"listed"`
	NotListed int                    `json:"notListed"`
	Statuses  []catalog.PortalStatus `json:"statuses"`
	Failed    bool                   `json:"failed"`
	Error     string                 `json:"error"`
}

// scoreCount counts org's stored scores.
func scoreCount(t *testing.T, path string, org catalog.OrgNumber) int {
	t.Helper()
	st, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, n, err := st.Scores(t.Context(), org, catalog.Page{Number: 1, Limit: 1}, false)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestPortalSyncCommand: `katalog portal sync --json` asks the endpoint,
// prints and keeps every agency's status and rescores them before it
// ends; with the endpoint down it exits 1 and changes nothing.
func TestPortalSyncCommand(t *testing.T) {
	url := portalEndpoint.URL(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "k.db")
	db := "sqlite:" + path
	reg := filepath.Join(dir, "reg.csv")
	feed := filepath.Join(dir, "feed.ttl")
	os.WriteFile(reg, []byte("org_nr,name\n2021006883,Myndigheten för digital förvaltning\n2021000837,Statistiska centralbyrån\n"), 0o600)
	os.WriteFile(feed, []byte(importFeed), 0o600)
	if code, _, errOut := runCLI(t, nil, "agencies", "import", "--db", db, reg); code != 0 {
		t.Fatalf("register: %d %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, nil, "import", "--db", db, "--agency", "2021006883", feed); code != 0 {
		t.Fatalf("import: %d %s", code, errOut)
	}
	env := map[string]string{"KATALOG_PORTAL_ENDPOINT": url, "KATALOG_CHECK_ALLOW_CIDRS": "127.0.0.1/32"}
	scores := scoreCount(t, path, "2021000837")

	code, out, errOut := runCLI(t, env, "portal", "sync", "--db", db, "--json")
	if code != 0 {
		t.Fatalf("portal sync: %d %s %s", code, out, errOut)
	}
	var res portalSyncJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("--json: %v\n%s", err, out)
	}
	if res.Endpoint != url || res.Agencies != 2 || res.Listed != 1 || res.NotListed != 1 || len(res.Statuses) != 2 {
		t.Fatalf("result %+v", res)
	}
	scb, digg := res.Statuses[0], res.Statuses[1] // by organisation number
	if digg.Agency != "2021006883" || digg.Status != "listed" || digg.OnPortal != 2 || digg.InCatalogs != 2 || !slices.Equal(digg.Missing, []string{"https://data.digg.se/ds/2"}) {
		t.Errorf("Digg: %+v", digg)
	}
	if scb.Status != "notListed" || scb.OnPortal != 0 || scb.InCatalogs != 0 || scb.Missing == nil {
		t.Errorf("SCB: %+v", scb)
	}
	if n := scoreCount(t, path, "2021000837"); n != scores+1 {
		t.Errorf("SCB's scores: %d before the sync, %d after: not rescored", scores, n)
	}

	// Human output.
	code, out, _ = runCLI(t, env, "portal", "sync", "--db", db)
	if code != 0 || !strings.Contains(out, "2 agencies, 1 listed, 1 not listed") || !strings.Contains(out, "2021006883  listed     2 on the portal, 1 of its 2 there; missing: https://data.digg.se/ds/2") {
		t.Errorf("human output: %d\n%s", code, out)
	}

	// The endpoint down: exit 1, nothing stored, nobody rescored.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	down := "http://" + ln.Addr().String() + "/sparql"
	ln.Close()
	scores = scoreCount(t, path, "2021000837")
	env["KATALOG_PORTAL_ENDPOINT"] = down
	code, out, errOut = runCLI(t, env, "portal", "sync", "--db", db, "--json")
	res = portalSyncJSON{}
	if code != 1 || json.Unmarshal([]byte(out), &res) != nil || !res.Failed || res.Endpoint != down || !strings.Contains(errOut, "endpoint failed") {
		t.Errorf("endpoint down: exit %d\n%s\n%s", code, out, errOut)
	}
	st, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, n, err := st.PortalHistory(t.Context(), "2021006883", catalog.Page{Number: 1, Limit: 5}); err != nil || n != 2 {
		t.Errorf("Digg's portal history after a failed sync: %d (%v), want the 2 syncs that reached the portal", n, err)
	}
	if n := scoreCount(t, path, "2021000837"); n != scores {
		t.Errorf("a failed sync rescored: %d scores, was %d", n, scores)
	}

	for _, args := range [][]string{{"portal", "sync", "extra"}, {"portal", "sync", "--no-such-flag"}} {
		if code, _, _ := runCLI(t, env, append(args, "--db", db)...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, _, errOut := runCLI(t, map[string]string{"KATALOG_PORTAL_ENDPOINT": "admin.dataportal.se/sparql"}, "portal", "sync", "--db", db); code != 2 || !strings.Contains(errOut, "portal.endpoint") {
		t.Errorf("a bad endpoint: exit %d %s", code, errOut)
	}
}

// TestPortalScheduleIsChecked: serve registers the portal job on
// portal.schedule and refuses a spec it cannot read.
func TestPortalScheduleIsChecked(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "k.db")
	env := map[string]string{"KATALOG_PORTAL_SCHEDULE": "at dawn", "KATALOG_ADDR": freeAddr(t)}
	code, _, errOut := runCLI(t, env, "serve", "--no-demo", "--db", db)
	if code != 2 || !strings.Contains(errOut, "portal.schedule") {
		t.Errorf("serve with a bad portal.schedule: exit %d %s", code, errOut)
	}
}
