package server

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/netfault"
	"github.com/katalog-se/katalog/internal/outbound"
	"github.com/katalog-se/katalog/internal/readiness"
	"github.com/katalog-se/katalog/internal/selfcheck"
)

// browserAccept is what a browser sends when it navigates.
const browserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"

// browser is a client that navigates like one: it asks for HTML, keeps the
// cookies it is given (whatever their Secure flag: the test server is
// plain HTTP) and does not follow redirects, so that tests see them.
type browser struct {
	t       testing.TB
	f       *fixture
	cookies map[string]*http.Cookie
	// set are the Set-Cookie headers of the last answer.
	set  []*http.Cookie
	addr string // X-Forwarded-For, when the fixture trusts loopback as a proxy
}

func newBrowser(f *fixture) *browser {
	return &browser{t: f.t, f: f, cookies: map[string]*http.Cookie{}}
}

func (b *browser) do(method, path string, form url.Values, headers ...string) response {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.f.srv.URL+path, body)
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Accept", browserAccept)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if b.addr != "" {
		req.Header.Set("X-Forwarded-For", b.addr)
	}
	for _, c := range b.cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		b.t.Fatal(err)
	}
	b.set = res.Cookies()
	for _, c := range b.set {
		if c.MaxAge < 0 {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c
		}
	}
	return response{status: res.StatusCode, header: res.Header, body: data}
}

func (b *browser) get(path string, headers ...string) response {
	b.t.Helper()
	return b.do("GET", path, nil, headers...)
}

func (b *browser) post(path string, form url.Values) response {
	b.t.Helper()
	return b.do("POST", path, form)
}

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrf is the CSRF token of the forms of a page.
func csrf(t testing.TB, r response) string {
	t.Helper()
	m := csrfRe.FindStringSubmatch(string(r.body))
	if m == nil {
		t.Fatalf("no CSRF token in the page:\n%s", r.body)
	}
	return m[1]
}

// text is a page's body with its entities decoded.
func text(r response) string { return html.UnescapeString(string(r.body)) }

// setHarvestURL points the agency's harvestUrl at u.
func (f *fixture) setHarvestURL(org, tok, u string) {
	f.t.Helper()
	body := agencyBody(org, "Digg")
	body["harvestUrl"] = u
	if r := f.do("PUT", "/api/v1/agencies/"+org, tok, body); r.status != 200 {
		f.t.Fatalf("set harvestUrl: %d %s", r.status, r.body)
	}
}

// TestFailedCheckReasonOnAgencyPage: a check that is not ready says why
// on the agency's page, in the history and in the latest check's
// findings, in Swedish (English on request), and the next steps point to
// it; the check has its own page.
func TestFailedCheckReasonOnAgencyPage(t *testing.T) {
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!doctype html><title>Not a catalog</title><p>Hello")
	}))
	t.Cleanup(feed.Close)
	f := newFixture(t, withChecksAndScores(t))
	digg := f.register(orgDigg, "Digg")
	f.setHarvestURL(orgDigg, digg, feed.URL+"/datasets/dcat")
	rec := f.runCheck(orgDigg, digg)
	if rec.Status != catalog.StatusOK || rec.Ready {
		t.Fatalf("check %+v: want finished and not ready", rec)
	}
	msgs := checkViewOf(&rec).Errors
	if len(msgs) == 0 {
		t.Fatalf("the check has no error finding: %s", rec.Result)
	}
	b := newBrowser(f)
	page := text(b.get("/agencies/" + orgDigg))
	for _, want := range []string{msgs[0].Message.SV, `id="latest-check"`, "Den senaste beredskapskontrollen gick inte igenom", "inte redo",
		fmt.Sprintf(`/agencies/%s/checks/%d`, orgDigg, rec.ID)} {
		if !strings.Contains(page, want) {
			t.Errorf("the agency page lacks %q", want)
		}
	}
	if strings.Contains(page, "/api/v1/agencies/"+orgDigg+"/checks/") {
		t.Error("the agency page links a check to its raw JSON")
	}
	if en := text(b.get("/agencies/" + orgDigg + "?lang=en")); !strings.Contains(en, msgs[0].Message.EN) || !strings.Contains(en, `<html lang="en">`) {
		t.Error("the English page lacks the finding in English")
	}
	cp := b.get(fmt.Sprintf("/agencies/%s/checks/%d?lang=sv", orgDigg, rec.ID))
	if cp.status != 200 || !strings.Contains(text(cp), msgs[0].Message.SV) || !strings.Contains(text(cp), "Fel som hindrar skördning") {
		t.Errorf("the check page: %d", cp.status)
	}
	if r := b.get(fmt.Sprintf("/agencies/%s/checks", orgDigg)); r.status != 200 || !strings.Contains(text(r), msgs[0].Message.EN) && !strings.Contains(text(r), msgs[0].Message.SV) {
		t.Errorf("the checks page: %d", r.status)
	}
}

// TestDatasetPagesAndRDF: a dataset's IRI answers a browser with a page and
// an RDF client with RDF/XML (also for */* and no Accept at all, what
// harvesters send).
func TestDatasetPagesAndRDF(t *testing.T) {
	f := newFixture(t, withFeeds(t))
	digg := f.register(orgDigg, "Digg")
	var d struct{ ID string }
	f.do("POST", "/api/v1/agencies/"+orgDigg+"/datasets", digg, datasetBody("Budget")).json(t, &d)
	path := "/datasets/" + d.ID
	page := f.do("GET", path, "", nil, "Accept", "text/html")
	if page.status != 200 || !strings.HasPrefix(page.header.Get("Content-Type"), "text/html") || !strings.Contains(text(page), "<h1>Budget</h1>") ||
		!strings.Contains(text(page), "CSV") || !strings.Contains(text(page), path+".ttl") {
		t.Errorf("a browser gets %d %s", page.status, page.header.Get("Content-Type"))
	}
	if !strings.Contains(page.header.Get("Vary"), "Accept") {
		t.Errorf("the page does not vary by Accept: %q", page.header.Get("Vary"))
	}
	for _, accept := range []string{"application/rdf+xml", "*/*", "", "application/rdf+xml, text/html;q=0.5"} {
		r := f.do("GET", path, "", nil, "Accept", accept)
		if r.status != 200 || r.header.Get("Content-Type") != "application/rdf+xml" || !strings.Contains(string(r.body), "format=rdfxml") {
			t.Errorf("Accept %q: %d %s", accept, r.status, r.header.Get("Content-Type"))
		}
	}
	if r := f.do("GET", path, "", nil, "Accept", "text/turtle"); !strings.HasPrefix(r.header.Get("Content-Type"), "text/turtle") {
		t.Errorf("Turtle: %s", r.header.Get("Content-Type"))
	}
	if r := f.do("GET", "/catalog", "", nil, "Accept", browserAccept); r.status != 200 || !strings.Contains(text(r), "Nationell katalog") {
		t.Errorf("the national catalog for a browser: %d", r.status)
	}
	if r := f.do("GET", "/datasets/00000000-0000-4000-8000-000000000009", "", nil, "Accept", browserAccept); r.status != 404 ||
		!strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
		t.Errorf("an unknown dataset for a browser: %d %s", r.status, r.header.Get("Content-Type"))
	}
}

// TestErrorsArePagesForBrowsers: an unknown page is an HTML 404 for a
// browser and a JSON problem for an API client; the API answers problems
// always.
func TestErrorsArePagesForBrowsers(t *testing.T) {
	f := newFixture(t)
	b := newBrowser(f)
	r := b.get("/no/such/page")
	if r.status != 404 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") || !strings.Contains(text(r), "Sidan finns inte") ||
		!strings.Contains(text(r), `href="/"`) || r.header.Get("Content-Security-Policy") == "" {
		t.Errorf("a browser's 404: %d %s\n%s", r.status, r.header.Get("Content-Type"), r.body)
	}
	if r := b.get("/no/such/page", "Accept-Language", "en-GB,en;q=0.9"); !strings.Contains(text(r), "Page not found") {
		t.Error("the 404 page is not in English for an English browser")
	}
	if r := b.get("/agencies/2021006883"); r.status != 404 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
		t.Errorf("an unknown agency's page: %d %s", r.status, r.header.Get("Content-Type"))
	}
	for _, tc := range []struct{ path, accept string }{{"/no/such/page", ""}, {"/no/such/page", "application/json"}, {"/api/v1/nope", browserAccept}} {
		r := f.do("GET", tc.path, "", nil, "Accept", tc.accept)
		if r.status != 404 {
			t.Errorf("%s (%s): %d", tc.path, tc.accept, r.status)
		}
		r.problem(t)
	}
}

// TestTextsSayCountsRight: "1 myndighet" and "2 myndigheter", "1 agency"
// and "2 agencies"; English by ?lang=en (remembered) or Accept-Language;
// size classes in words, never raw.
func TestTextsSayCountsRight(t *testing.T) {
	f := newFixture(t)
	f.register(orgDigg, "Digg")
	b := newBrowser(f)
	if p := text(b.get("/")); !strings.Contains(p, "1 myndighet.") || strings.Contains(p, "1 myndigheter") {
		t.Error("one agency is not \"1 myndighet\"")
	}
	if p := text(b.get("/?lang=en")); !strings.Contains(p, "1 agency.") || !strings.Contains(p, `<html lang="en">`) {
		t.Error("?lang=en does not give \"1 agency\"")
	}
	if p := text(b.get("/")); !strings.Contains(p, `<html lang="en">`) {
		t.Error("the chosen language is not remembered")
	}
	f.register(orgSCB, "SCB")
	if p := text(f.do("GET", "/", "", nil, "Accept", browserAccept, "Accept-Language", "en-US,en;q=0.9")); !strings.Contains(p, "2 agencies.") {
		t.Error("Accept-Language en does not give \"2 agencies\"")
	}
	if p := text(f.do("GET", "/", "", nil, "Accept", browserAccept)); !strings.Contains(p, "2 myndigheter.") {
		t.Error("two agencies are not \"2 myndigheter\"")
	}
}

// TestAgencyListFiltersAndSorts: the list is sorted by name (Swedish
// order), and filters and sorts by query parameters.
func TestAgencyListFiltersAndSorts(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for _, a := range []catalog.Agency{
		{OrgNumber: "2021006883", Name: catalog.LangString{"sv": "Ödemyndigheten"}, SizeClass: "small(10-49)", Department: "Finansdepartementet", Active: true},
		{OrgNumber: "2021000837", Name: catalog.LangString{"sv": "Statistiska centralbyrån", "en": "Statistics Sweden"}, ShortName: "SCB", SizeClass: "very_large(1000+)", Department: "Finansdepartementet", Active: true},
		{OrgNumber: "2021005281", Name: catalog.LangString{"sv": "Arkivmyndigheten"}, SizeClass: "medium(50-249)", Department: "Kulturdepartementet", Active: true},
	} {
		a.PublisherType = "http://purl.org/adms/publishertype/NationalAuthority"
		if err := f.store.CreateAgency(ctx, &a, nil); err != nil {
			t.Fatal(err)
		}
	}
	names := func(q string) []string {
		body := text(f.do("GET", "/"+q, "", nil, "Accept", browserAccept))
		var out []string
		for _, m := range regexp.MustCompile(`<th scope="row"><a href="/agencies/\d+">([^<]+)</a>`).FindAllStringSubmatch(body, -1) {
			out = append(out, m[1])
		}
		return out
	}
	for _, tc := range []struct{ query, want string }{
		{"", "Arkivmyndigheten,Statistiska centralbyrån,Ödemyndigheten"},
		{"?sort=-name", "Ödemyndigheten,Statistiska centralbyrån,Arkivmyndigheten"},
		{"?sort=size", "Ödemyndigheten,Arkivmyndigheten,Statistiska centralbyrån"},
		{"?size=very_large", "Statistiska centralbyrån"},
		{"?dept=Finansdepartementet", "Statistiska centralbyrån,Ödemyndigheten"},
		{"?q=scb", "Statistiska centralbyrån"},
		{"?q=statistics", "Statistiska centralbyrån"},
		{"?q=202100-5281", "Arkivmyndigheten"},
		{"?portal=unknown&q=myndigheten", "Arkivmyndigheten,Ödemyndigheten"},
		{"?portal=listed", ""},
		{"?min=10", ""},
	} {
		if got := strings.Join(names(tc.query), ","); got != tc.want {
			t.Errorf("%q: %s, want %s", tc.query, got, tc.want)
		}
	}
	body := text(f.do("GET", "/?size=medium", "", nil, "Accept", browserAccept))
	if !strings.Contains(body, "Visar 1 av 3 myndigheter") || strings.Contains(body, "medium(50-249)") || !strings.Contains(body, "medelstor (50–249 anställda)") {
		t.Error("the filtered list does not say how many it shows, or shows a raw size class")
	}
	if !strings.Contains(body, `aria-sort="ascending"`) {
		t.Error("the sorted column does not say so")
	}
}

// withSelfChecks adds the self-service checks: allowed to reach loopback
// (allow true) or not, without link checks.
func withSelfChecks(t testing.TB, allow bool, opts selfcheck.Options) func(*Deps) {
	return func(d *Deps) {
		co := outbound.ClientOptions{Version: "test"}
		if allow {
			co = outbound.LoopbackOptions()
			opts.AllowCIDRs = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
		}
		opts.Client = outbound.NewClient(co)
		opts.Checker = func(o *readiness.Options) { o.SkipLinks, o.SkipProbes = true, true }
		svc := selfcheck.New(opts)
		t.Cleanup(svc.Close)
		d.SelfChecks = svc
		d.TrustedProxies = []string{"127.0.0.1/32"}
	}
}

// TestSelfCheckRefusesLoopback: without an allowance, a check of a
// loopback address is refused before any connection, and the form says
// why.
func TestSelfCheckRefusesLoopback(t *testing.T) {
	sentinel := netfault.NewAcceptCounter(t, "127.0.0.1:0")
	f := newFixture(t, withSelfChecks(t, false, selfcheck.Options{}))
	b := newBrowser(f)
	if r := b.get("/check"); r.status != 200 || !strings.Contains(text(r), `action="/check"`) {
		t.Fatalf("the form: %d", r.status)
	}
	r := b.post("/check", url.Values{"url": {"http://" + sentinel.Addr() + "/datasets/dcat"}})
	if r.status != 400 || !strings.Contains(text(r), "Adressen kan inte kontrolleras") || !strings.Contains(text(r), `aria-invalid="true"`) {
		t.Errorf("a loopback URL: %d\n%s", r.status, r.body)
	}
	time.Sleep(50 * time.Millisecond)
	if n := sentinel.Accepted(); n != 0 {
		t.Errorf("the loopback listener saw %d connections", n)
	}
}

// TestSelfCheckRunsAndHoldsItsLimits: with loopback allowed, a check
// starts (303 to its permalink), shows its progress as JSON for the page's
// script and its report when done; 50 clients at once get 4 checks and 46
// refusals (429 with Retry-After), and the checked server never sees more
// than 4 requests at once.
func TestSelfCheckRunsAndHoldsItsLimits(t *testing.T) {
	doc, err := os.ReadFile("../readiness/testdata/good.rdf")
	if err != nil {
		t.Fatal(err)
	}
	hold := make(chan struct{})
	var holding atomic.Bool
	var inFlight, most atomic.Int64
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		if holding.Load() {
			<-hold
		}
		w.Header().Set("Content-Type", "application/rdf+xml")
		fmt.Fprint(w, strings.ReplaceAll(string(doc), "LINKS", "http://"+r.Host))
	}))
	t.Cleanup(feed.Close)
	f := newFixture(t, withSelfChecks(t, true, selfcheck.Options{MaxRunning: 4}))
	b := newBrowser(f)
	r := b.post("/check", url.Values{"url": {feed.URL + "/datasets/dcat"}})
	loc := r.header.Get("Location")
	if r.status != 303 || !strings.HasPrefix(loc, "/check/") {
		t.Fatalf("start: %d %q", r.status, loc)
	}
	var state struct{ Status, Progress string }
	for deadline := time.Now().Add(20 * time.Second); state.Status != "ok"; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the check did not finish: %+v", state)
		}
		f.do("GET", loc, "", nil, "Accept", "application/json").json(t, &state)
	}
	page := text(b.get(loc))
	for _, want := range []string{"redo för skördning", "Validering mot DCAT-AP-SE", "Permanent länk", loc} {
		if !strings.Contains(page, want) {
			t.Errorf("the result page lacks %q", want)
		}
	}

	holding.Store(true)
	var codes sync.Map
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := newBrowser(f)
			c.addr = fmt.Sprintf("198.51.100.%d", i+1)
			r := c.post("/check", url.Values{"url": {fmt.Sprintf("%s/datasets/dcat?n=%d", feed.URL, i)}})
			if r.status == 429 && r.header.Get("Retry-After") == "" {
				t.Error("a 429 without Retry-After")
			}
			n, _ := codes.LoadOrStore(r.status, new(atomic.Int64))
			n.(*atomic.Int64).Add(1)
		}()
	}
	wg.Wait()
	count := func(code int) int64 {
		if n, ok := codes.Load(code); ok {
			return n.(*atomic.Int64).Load()
		}
		return 0
	}
	if count(303) != 4 || count(429) != 46 {
		codes.Range(func(k, v any) bool { t.Logf("%v: %d", k, v.(*atomic.Int64).Load()); return true })
		t.Errorf("50 at once: %d started, %d refused; want 4 and 46", count(303), count(429))
	}
	time.Sleep(100 * time.Millisecond)
	if most.Load() > 4 {
		t.Errorf("the checked server saw %d requests at once", most.Load())
	}
	close(hold)
}

// TestStewardSession: a steward signs in with the agency's token (CSRF
// protected; the cookie HttpOnly, SameSite=Strict and Secure under an
// https base URL), runs a check from the page, cannot act for another
// agency or without the form's token, and signs out.
func TestStewardSession(t *testing.T) {
	f := newFixture(t, withChecksAndScores(t))
	digg := f.register(orgDigg, "Digg")
	f.register(orgSCB, "SCB")
	f.setHarvestURL(orgDigg, digg, f.srv.URL+"/agencies/"+orgDigg+"/datasets/dcat")
	b := newBrowser(f)

	form := b.get("/signin?next=/agencies/" + orgDigg)
	tok := csrf(t, form)
	if r := b.post("/signin", url.Values{"token": {digg}}); r.status != 403 {
		t.Errorf("sign-in without the CSRF token: %d", r.status)
	}
	if r := b.post("/signin", url.Values{"token": {"kat_not-a-token"}, "csrf": {tok}}); r.status != 401 || !strings.Contains(text(r), "Token gäller inte") {
		t.Errorf("a wrong token: %d", r.status)
	}
	r := b.post("/signin", url.Values{"token": {digg}, "csrf": {tok}, "next": {"/agencies/" + orgDigg}})
	if r.status != 303 || r.header.Get("Location") != "/agencies/"+orgDigg {
		t.Fatalf("sign-in: %d %q", r.status, r.header.Get("Location"))
	}
	var sess *http.Cookie
	for _, c := range b.set {
		if strings.HasSuffix(c.Name, "katalog_session") {
			sess = c
		}
	}
	if sess == nil || !sess.HttpOnly || sess.SameSite != http.SameSiteStrictMode || !sess.Secure || sess.Name != "__Host-katalog_session" || sess.Path != "/" {
		t.Fatalf("session cookie %+v: want HttpOnly, SameSite=Strict, Secure, __Host-", sess)
	}
	if strings.Contains(sess.Value, digg) || strings.Contains(sess.Value, strings.TrimPrefix(digg, "kat_")) {
		t.Error("the session cookie holds the token")
	}
	page := b.get("/agencies/" + orgDigg)
	if !strings.Contains(text(page), "Du är inloggad för myndigheten") || !strings.Contains(text(page), "Kör beredskapskontrollen nu") ||
		page.header.Get("Cache-Control") != "private, no-store" {
		t.Fatalf("the signed-in page lacks the steward's part (Cache-Control %q)", page.header.Get("Cache-Control"))
	}
	tok = csrf(t, page)
	if r := b.post("/agencies/"+orgDigg+"/checks", url.Values{}); r.status != 403 {
		t.Errorf("a check without the CSRF token: %d", r.status)
	}
	if r := b.post("/agencies/"+orgDigg+"/checks", url.Values{"csrf": {"forged"}}); r.status != 403 {
		t.Errorf("a check with a forged CSRF token: %d", r.status)
	}
	if r := b.do("POST", "/agencies/"+orgDigg+"/checks", url.Values{"csrf": {tok}}, "Sec-Fetch-Site", "cross-site"); r.status != 403 {
		t.Errorf("a cross-site post: %d", r.status)
	}
	if r := b.post("/agencies/"+orgSCB+"/checks", url.Values{"csrf": {tok}}); r.status != 403 {
		t.Errorf("a check of another agency: %d", r.status)
	}
	r = b.post("/agencies/"+orgDigg+"/checks", url.Values{"csrf": {tok}})
	if r.status != 303 || !strings.HasPrefix(r.header.Get("Location"), "/agencies/"+orgDigg+"/checks/") {
		t.Fatalf("run a check: %d %q", r.status, r.header.Get("Location"))
	}
	running := b.get(r.header.Get("Location"))
	if running.status != 200 {
		t.Errorf("the check's page: %d", running.status)
	}
	var audit listPage[catalog.AuditEntry]
	f.do("GET", "/api/v1/audit?agency="+orgDigg, testAdmin, nil).json(t, &audit)
	found := false
	for _, e := range audit.Items {
		found = found || (e.Route == "/agencies/:orgnr/checks" && e.Status == 303 && strings.HasPrefix(e.Actor, "agency:"+orgDigg+":token:"))
	}
	if !found {
		t.Errorf("the web check is not in the audit log: %+v", audit.Items)
	}

	if r := b.post("/signout", url.Values{}); r.status != 403 {
		t.Errorf("sign-out without the CSRF token: %d", r.status)
	}
	if r := b.post("/signout", url.Values{"csrf": {tok}}); r.status != 303 {
		t.Errorf("sign-out: %d", r.status)
	}
	if p := text(b.get("/agencies/" + orgDigg)); strings.Contains(p, "Du är inloggad") {
		t.Error("still signed in after signing out")
	}
	if r := b.post("/agencies/"+orgDigg+"/checks", url.Values{"csrf": {tok}}); r.status != 401 {
		t.Errorf("a check after signing out: %d", r.status)
	}
}

// TestSessionEndsWithItsToken: revoking the token ends its sessions.
func TestSessionEndsWithItsToken(t *testing.T) {
	f := newFixture(t)
	digg := f.register(orgDigg, "Digg")
	b := newBrowser(f)
	tok := csrf(t, b.get("/signin"))
	if r := b.post("/signin", url.Values{"token": {digg}, "csrf": {tok}}); r.status != 303 {
		t.Fatalf("sign-in: %d", r.status)
	}
	if !strings.Contains(text(b.get("/agencies/"+orgDigg)), "Du är inloggad") {
		t.Fatal("not signed in")
	}
	var list listPage[catalog.Token]
	f.do("GET", "/api/v1/agencies/"+orgDigg+"/tokens", testAdmin, nil).json(t, &list)
	for _, tk := range list.Items {
		if r := f.do("DELETE", fmt.Sprintf("/api/v1/agencies/%s/tokens/%d", orgDigg, tk.ID), testAdmin, nil); r.status != 204 {
			t.Fatalf("revoke: %d", r.status)
		}
	}
	if strings.Contains(text(b.get("/agencies/"+orgDigg)), "Du är inloggad") {
		t.Error("the session outlived its token")
	}
}

// TestValidateForm: a pasted feed's findings come grouped by dataset with
// line numbers; a syntax error is shown with its line and column.
func TestValidateForm(t *testing.T) {
	f := newFixture(t)
	b := newBrowser(f)
	if r := b.get("/validate"); r.status != 200 || !strings.Contains(text(r), `enctype="multipart/form-data"`) {
		t.Fatalf("the form: %d", r.status)
	}
	feed := "@prefix dcat: <http://www.w3.org/ns/dcat#> .\n@prefix dcterms: <http://purl.org/dc/terms/> .\n\n<https://x.se/ds/1> a dcat:Dataset ;\n  dcterms:title \"Ett\"@sv .\n"
	r := b.post("/validate", url.Values{"feed": {feed}, "format": {"turtle"}})
	page := text(r)
	if r.status != 200 || !strings.Contains(page, "Följer inte profilen") || !strings.Contains(page, "rad 4") || !strings.Contains(page, "<h3>Ett") {
		t.Errorf("a pasted feed: %d\n%s", r.status, page)
	}
	r = b.post("/validate", url.Values{"feed": {"<https://x.se/a> <https://x.se/b> .\n"}, "format": {"turtle"}})
	if r.status != 400 || !strings.Contains(text(r), "rad 1, kolumn") {
		t.Errorf("a syntax error: %d\n%s", r.status, r.body)
	}
	if r := b.post("/validate", url.Values{"feed": {"  "}}); r.status != 400 || !strings.Contains(text(r), "Klistra in ett flöde") {
		t.Errorf("an empty form: %d", r.status)
	}
}

// TestPagesHaveNavigationAndStatement: every page has the skip link, the
// navigation, the footer with contact and the accessibility statement.
func TestPagesHaveNavigationAndStatement(t *testing.T) {
	f := newFixture(t, withReports(t), func(d *Deps) { d.Contact = Contact{Organisation: "Testmyndigheten", Email: "webb@example.se"} })
	f.register(orgDigg, "Digg")
	b := newBrowser(f)
	for _, p := range []string{"/", "/agencies/" + orgDigg, "/reports", "/check", "/validate", "/signin", "/tillganglighet", "/catalog", "/nope"} {
		r := b.get(p)
		page := text(r)
		for _, want := range []string{`class="skip" href="#main"`, `<nav class="main"`, `<footer class="site">`, `href="/tillganglighet"`, "mailto:webb@example.se", `<main id="main"`} {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %s", p, want)
			}
		}
		if csp := r.header.Get("Content-Security-Policy"); strings.Contains(csp, "unsafe") || !strings.Contains(csp, "style-src 'sha256-") {
			t.Errorf("%s: CSP %q", p, csp)
		}
	}
	st := text(b.get("/tillganglighet"))
	for _, want := range []string{"lagen (2018:1937) om tillgänglighet till digital offentlig service", "https://www.digg.se/tdosanmalan", "delvis förenlig", "WCAG 2.1", "Testmyndigheten"} {
		if !strings.Contains(st, want) {
			t.Errorf("the accessibility statement lacks %q", want)
		}
	}
	if en := text(b.get("/tillganglighet?lang=en")); !strings.Contains(en, "partially compliant") {
		t.Error("the English statement")
	}
}
