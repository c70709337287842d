package server

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/report"
	"github.com/katalog-se/katalog/internal/store/sqlite"
)

// withReports adds checks, scores and the report builder.
func withReports(t testing.TB) func(*Deps) {
	return withReportsOn(t, withChecksAndScores(t))
}

// withReportsOn adds the report builder to what base adds.
func withReportsOn(t testing.TB, base func(*Deps)) func(*Deps) {
	return func(d *Deps) {
		base(d)
		d.Reports = report.New(d.Store.(*sqlite.Store), report.Options{Dir: t.TempDir()})
	}
}

const hostile = `<script>alert(1)</script>"><img src=x onerror=alert(1)>`

func TestScorecardDashboardAndReports(t *testing.T) {
	f := newFixture(t, withReports(t))
	digg := f.register(orgDigg, "Digg "+hostile)
	if r := f.do("POST", "/api/v1/agencies/"+orgDigg+"/datasets", digg, datasetBody("Titel "+hostile)); r.status != 201 {
		t.Fatalf("create dataset: %d %s", r.status, r.body)
	}

	// No report yet: the dashboard says so, and names no command (a
	// steward cannot run one).
	home := f.do("GET", "/", "", nil)
	if home.status != 200 || !strings.Contains(string(home.body), "Ingen trendrapport har gjorts ännu") || strings.Contains(string(home.body), "katalog report") {
		t.Fatalf("home without a report: %d %s", home.status, home.body)
	}
	if r := f.do("GET", "/reports/latest.json", "", nil); r.status != 404 {
		t.Errorf("latest report before any: %d", r.status)
	}
	if r := f.do("GET", "/reports", "", nil); r.status != 200 || !strings.Contains(string(r.body), "Ingen trendrapport har gjorts ännu") {
		t.Errorf("report list before any: %d", r.status)
	}

	// The dataset's write rescores in the background: wait for the score
	// to see it.
	const filesYes = `id="chan-files" data-state="yes"`
	page := f.do("GET", "/agencies/"+orgDigg, "", nil)
	for deadline := time.Now().Add(10 * time.Second); page.status == 200 && !strings.Contains(string(page.body), filesYes) && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
		page = f.do("GET", "/agencies/"+orgDigg, "", nil)
	}
	body := string(page.body)
	if page.status != 200 {
		t.Fatalf("scorecard: %d %s", page.status, body)
	}
	for _, want := range []string{`id="total"`, `id="level"`, filesYes, `id="chan-api" data-state="no"`,
		"Nästa steg", `id="mqa-dimensions"`, "Inga kontroller ännu", `id="rule-publication.api"`, "Erbjud data via ett API",
		"CSV: öppet", `href="/datasets/`} {
		if !strings.Contains(body, want) {
			t.Errorf("scorecard lacks %q", want)
		}
	}
	for _, p := range []struct{ name, body string }{{"scorecard", body}, {"home", string(home.body)}} {
		if strings.Contains(p.body, "<script>alert") || strings.Contains(p.body, "<img src=x") {
			t.Errorf("%s does not escape a hostile title", p.name)
		}
	}
	if !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the hostile title is not shown escaped")
	}

	// Two scores make a history: a write rescores through the write path.
	deadline := time.Now().Add(10 * time.Second)
	for i := 0; !strings.Contains(string(f.do("GET", "/agencies/"+orgDigg, "", nil).body), `<figure class="chart" id="score-history">`); i++ {
		if time.Now().After(deadline) {
			t.Fatal("no history chart after a second score")
		}
		if r := f.do("POST", "/api/v1/agencies/"+orgDigg+"/datasets", digg, datasetBody(fmt.Sprint("Fler ", i))); r.status != 201 {
			t.Fatalf("create dataset: %d %s", r.status, r.body)
		}
		time.Sleep(50 * time.Millisecond)
	}

	rep, err := f.api.deps.Reports.Run(context.Background(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	home = f.do("GET", "/", "", nil)
	if !strings.Contains(string(home.body), `id="ind-publishes"`) || !strings.Contains(string(home.body), rep.ID) || !strings.Contains(string(home.body), rep.ID+`.html#trend-publishes"`) {
		t.Errorf("dashboard lacks the report's indicators:\n%s", home.body)
	}
	if r := f.do("GET", "/reports", "", nil); r.status != 200 || !strings.Contains(string(r.body), "/reports/"+rep.ID+".sv.csv") || !strings.Contains(string(r.body), "<time datetime=") {
		t.Errorf("report list: %d", r.status)
	}
	for _, tc := range []struct{ path, ctype, want string }{
		{"/reports/" + rep.ID + ".json", "application/json", `"publishes"`},
		{"/reports/latest.csv", "text/csv", "indicator"},
		{"/reports/latest.html", "text/html", "<svg"},
		{"/reports/" + rep.ID + ".html?lang=en", "text/html", "Trend report, "},
		{"/reports/" + rep.ID + ".sv.csv", "text/csv", ";"},
	} {
		r := f.do("GET", tc.path, "", nil)
		if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), tc.ctype) || !strings.Contains(string(r.body), tc.want) {
			t.Errorf("%s: %d %s, lacks %q", tc.path, r.status, r.header.Get("Content-Type"), tc.want)
		}
	}
	r := f.do("GET", "/reports/latest.html", "", nil)
	if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'sha256-") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("report page CSP %q is not strict", csp)
	}
	for _, want := range []string{`href="/reports"`, "Trendrapport ", `.sv.csv"`, `href="/agencies/` + orgDigg + `"`} {
		if !strings.Contains(string(r.body), want) {
			t.Errorf("report page lacks %q", want)
		}
	}
	if strings.Contains(string(r.body), "<h1>Trendrapport "+rep.ID) {
		t.Error("the report page is titled by its id, not its date")
	}
	if r := f.do("GET", "/reports/"+rep.ID+".xml", "", nil); r.status != 404 {
		t.Errorf("unknown report format: %d", r.status)
	}
	var list listPage[report.Summary]
	f.do("GET", "/api/v1/reports", "", nil).json(t, &list)
	if list.Total != 1 || list.Items[0].ID != rep.ID {
		t.Errorf("report list %+v", list)
	}
}

// TestScorecardShowsLastImport (#14): the scorecard sums up the agency's
// last import: when, the DCAT-AP-SE errors and warnings of the document as
// published, and the IRIs minted, with a link to the whole report.
func TestScorecardShowsLastImport(t *testing.T) {
	f := newFixture(t, withChecksAndScores(t))
	digg := f.register(orgDigg, "Digg")
	if r := f.do("POST", "/api/v1/agencies/"+orgDigg+"/datasets", digg, datasetBody("Titel")); r.status != 201 {
		t.Fatalf("create dataset: %d %s", r.status, r.body)
	}
	at := time.Date(2026, 5, 31, 10, 0, 0, 0, time.UTC)
	if err := f.store.SetImportState(context.Background(), orgDigg, catalog.ImportState{Digest: "d", At: at,
		Report: []byte(`{"validation":{"conforms":false,"errors":3,"warnings":7,"profile":"dcat-ap-se-3.0.1","results":[]},"mintedCount":2}`)}); err != nil {
		t.Fatal(err)
	}
	page := f.do("GET", "/agencies/"+orgDigg, "", nil)
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(string(page.body), `id="import"`) && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
		page = f.do("GET", "/agencies/"+orgDigg, "", nil)
	}
	body := string(page.body)
	for _, want := range []string{"Senaste import", "31 maj 2026", "3 fel", "7 varningar", "2 tomma noder fick IRI:er", "/api/v1/agencies/" + orgDigg + "/import"} {
		if !strings.Contains(body, want) {
			t.Errorf("scorecard lacks %q", want)
		}
	}
}
