package server

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// access says who may call a route.
type access int

const (
	public   access = iota // anyone
	operator               // the operator token only
	agencyRW               // the operator or the agency named in the path
	steward                // a steward signed in on the web for the agency in the path, with a CSRF token
)

// route is one entry of the route table: it drives both the router and the
// OpenAPI document, so the two cannot drift apart.
type route struct {
	Method  string
	Path    string // gin syntax: /api/v1/agencies/:orgnr
	Summary string
	Tag     string
	Access  access
	// Body names the JSON Schema of the request body, if any.
	Body string
	// Produces lists the media types of a successful response.
	Produces []string
	// Status is the status of a successful response.
	Status int
	Handle gin.HandlerFunc
	// extraParams documents query parameters in OpenAPI.
	extraParams []map[string]any
	auth        gin.HandlerFunc
	// audit, for writes that need a token, records them in the audit log.
	audit gin.HandlerFunc
}

func (r route) handlers() []gin.HandlerFunc {
	var hs []gin.HandlerFunc
	for _, h := range []gin.HandlerFunc{r.audit, r.auth, r.Handle} {
		if h != nil {
			hs = append(hs, h)
		}
	}
	return hs
}

const (
	jsonType = "application/json"
	htmlType = "text/html"
)

// routeTable lists every route of the service.
func (s *Server) routeTable() []route {
	rt := []route{
		{Method: "GET", Path: "/healthz", Summary: "Liveness", Tag: "ops", Produces: []string{jsonType}, Status: 200, Handle: s.healthz},
		{Method: "GET", Path: "/readyz", Summary: "Readiness: the store answers", Tag: "ops", Produces: []string{jsonType}, Status: 200, Handle: s.readyz},
		{Method: "GET", Path: "/metrics", Summary: "Prometheus metrics", Tag: "ops", Produces: []string{"text/plain"}, Status: 200, Handle: s.metricsHandler()},
		{Method: "GET", Path: "/api/v1/api-info", Summary: "Name, version and contact of this API", Tag: "meta", Produces: []string{jsonType}, Status: 200, Handle: s.apiInfo},
		{Method: "GET", Path: "/api/v1/openapi.json", Summary: "This OpenAPI document", Tag: "meta", Produces: []string{jsonType}, Status: 200, Handle: s.openAPIHandler},
		{Method: "GET", Path: "/api/v1/schemas/:name", Summary: "A JSON Schema of a request body", Tag: "meta", Produces: []string{"application/schema+json"}, Status: 200, Handle: s.schemaHandler},

		{Method: "POST", Path: "/api/v1/agencies", Summary: "Register an agency; the response carries its write token, once", Tag: "agencies", Access: operator, Body: "agency", Produces: []string{jsonType}, Status: 201, Handle: s.createAgency},
		{Method: "GET", Path: "/api/v1/agencies", Summary: "List agencies (paged: limit, page from 1)", Tag: "agencies", Produces: []string{jsonType}, Status: 200, Handle: s.listAgencies},
		{Method: "GET", Path: "/api/v1/agencies/:orgnr", Summary: "One agency", Tag: "agencies", Produces: []string{jsonType}, Status: 200, Handle: s.getAgency},
		{Method: "PUT", Path: "/api/v1/agencies/:orgnr", Summary: "Update an agency", Tag: "agencies", Access: agencyRW, Body: "agency", Produces: []string{jsonType}, Status: 200, Handle: s.updateAgency},

		{Method: "POST", Path: "/api/v1/agencies/:orgnr/datasets", Summary: "Create a dataset", Tag: "datasets", Access: agencyRW, Body: "dataset", Produces: []string{jsonType}, Status: 201, Handle: s.createDataset},
		{Method: "GET", Path: "/api/v1/agencies/:orgnr/datasets", Summary: "List an agency's datasets (paged)", Tag: "datasets", Produces: []string{jsonType}, Status: 200, Handle: s.listDatasets},
		{Method: "GET", Path: "/api/v1/agencies/:orgnr/datasets/:id", Summary: "One dataset", Tag: "datasets", Produces: []string{jsonType}, Status: 200, Handle: s.getDataset},
		{Method: "PUT", Path: "/api/v1/agencies/:orgnr/datasets/:id", Summary: "Replace a dataset", Tag: "datasets", Access: agencyRW, Body: "dataset", Produces: []string{jsonType}, Status: 200, Handle: s.replaceDataset},
		{Method: "DELETE", Path: "/api/v1/agencies/:orgnr/datasets/:id", Summary: "Delete a dataset", Tag: "datasets", Access: agencyRW, Status: 204, Handle: s.deleteDataset},

		{Method: "POST", Path: "/api/v1/agencies/:orgnr/tokens", Summary: "Create a named token for the agency (201 with the token, once; it may expire)", Tag: "tokens", Access: agencyRW, Body: "token", Produces: []string{jsonType}, Status: 201, Handle: s.createToken},
		{Method: "GET", Path: "/api/v1/agencies/:orgnr/tokens", Summary: "The agency's live tokens, without their secrets (operator or that agency)", Tag: "tokens", Access: agencyRW, Produces: []string{jsonType}, Status: 200, Handle: s.listTokens},
		{Method: "DELETE", Path: "/api/v1/agencies/:orgnr/tokens/:id", Summary: "Revoke one of the agency's tokens; every instance refuses it at once", Tag: "tokens", Access: agencyRW, Status: 204, Handle: s.revokeToken},
		{Method: "GET", Path: "/api/v1/agencies/:orgnr/notifications", Summary: "How the agency is told when its state changes (its catalog no longer ready, new broken links, fewer datasets on dataportal.se): e-mail to its address, a signed webhook, on each change or as a daily digest; the webhook's secret is never shown (operator or that agency)", Tag: "notifications", Access: agencyRW, Produces: []string{jsonType}, Status: 200, Handle: s.getNotifications},
		{Method: "PUT", Path: "/api/v1/agencies/:orgnr/notifications", Summary: "Replace the agency's notification settings (operator or that agency)", Tag: "notifications", Access: agencyRW, Body: "notifications", Produces: []string{jsonType}, Status: 200, Handle: s.putNotifications},
		{Method: "GET", Path: "/api/v1/audit", Summary: "The audit log of writes: who, when, what (operator only; paged, agency=ORGNR filters)", Tag: "ops", Access: operator, Produces: []string{jsonType}, Status: 200, Handle: s.auditLog},

		{Method: "GET", Path: "/api/v1/agencies/:orgnr/import", Summary: "What the agency's last import found and kept: its report (the DCAT-AP-SE findings of the document as published, the IRIs minted for blank resources, what could not be published) and where the rest of its graph is", Tag: "datasets", Produces: []string{jsonType}, Status: 200, Handle: s.getImportState},
		{Method: "GET", Path: "/api/v1/agencies/:orgnr/import/:file", Summary: "rest.nt: the triples of the last import katalog keeps but does not publish (the feed's own catalog node, what no dataset owns), as N-Triples", Tag: "datasets", Produces: []string{"application/n-triples"}, Status: 200, Handle: s.getImportRest},
		{Method: "GET", Path: "/api/v1/agencies/:orgnr/links", Summary: "The agency's link table: every URL its catalog links to (accessURL, downloadURL, landingPage, endpointURL, endpointDescription, conformsTo, foaf:page) as the latest check found it, with since when each is broken and, for API descriptions, what they are and whether CORS lets dataportal.se read them; broken first, longest broken first (paged; broken=true|false and kind filter)", Tag: "checks", Produces: []string{jsonType}, Status: 200, Handle: s.listLinks, extraParams: linkParams},

		{Method: "GET", Path: "/api/v1/agencies/:orgnr/observed", Summary: "The agency's own catalog as katalog observes it where it is published (its harvestUrl, or the conventional address under its homepage): the latest observation, the latest version with what it added and removed, and the versions, newest first (paged)", Tag: "observed", Produces: []string{jsonType}, Status: 200, Handle: s.getObserved, extraParams: observedParams},
		{Method: "GET", Path: "/api/v1/agencies/:orgnr/observed/:file", Summary: "One version's graph as {id}.nt: canonical N-Triples, exactly the triples published; ETag is its SHA-256", Tag: "observed", Produces: []string{"application/n-triples"}, Status: 200, Handle: s.getObservedGraph},
		{Method: "GET", Path: "/api/v1/agencies/:orgnr/portal", Summary: "What dataportal.se lists for the agency, as of the last sync that reached it: status listed, notListed or unknown, the datasets on the portal and in its catalogs, those missing", Tag: "portal", Produces: []string{jsonType}, Status: 200, Handle: s.getPortal},

		{Method: "POST", Path: "/api/v1/validate", Summary: "Validate the posted feed (RDF/XML, Turtle, N-Triples, JSON-LD) against DCAT-AP-SE 3.0.1; the same report as katalog validate --json", Tag: "validation", Produces: []string{jsonType}, Status: 200, Handle: s.validateFeed, extraParams: validateParams},
	}
	rt = append(rt, s.pageRoutes()...)
	if s.deps.Feeds != nil {
		rt = append(rt, s.feedRoutes()...)
		rt = append(rt, s.changeFeedRoutes()...)
	}
	if s.deps.Checks != nil && s.deps.CheckHistory != nil {
		rt = append(rt,
			route{Method: "POST", Path: "/api/v1/agencies/:orgnr/checks", Summary: "Run a harvest-readiness check of the agency's harvestUrl now; 202 with its id", Tag: "checks", Access: agencyRW, Produces: []string{jsonType}, Status: 202, Handle: s.startCheck},
			route{Method: "GET", Path: "/api/v1/agencies/:orgnr/checks", Summary: "The agency's readiness-check history, newest first (paged)", Tag: "checks", Produces: []string{jsonType}, Status: 200, Handle: s.listChecks},
			route{Method: "GET", Path: "/api/v1/agencies/:orgnr/checks/:id", Summary: "One readiness check with its findings", Tag: "checks", Produces: []string{jsonType}, Status: 200, Handle: s.getCheck},
		)
	}
	if s.deps.Scores != nil && s.deps.ScoreHistory != nil {
		rt = append(rt,
			route{Method: "GET", Path: "/api/v1/agencies/:orgnr/score", Summary: "The agency's current maturity score with every rule's points, evidence and advice, and per channel the source (hosted in katalog, the agency's own catalog, the portal) and date of its evidence (portal null until a sync)", Tag: "scores", Produces: []string{jsonType}, Status: 200, Handle: s.getScore},
			route{Method: "GET", Path: "/api/v1/agencies/:orgnr/score/history", Summary: "The agency's scores over time, newest first (paged)", Tag: "scores", Produces: []string{jsonType}, Status: 200, Handle: s.scoreHistory},
		)
	}
	if s.deps.Reports != nil {
		rt = append(rt,
			route{Method: "GET", Path: "/api/v1/reports", Summary: "Trend reports, newest first (paged), with their indicators", Tag: "reports", Produces: []string{jsonType}, Status: 200, Handle: s.listReports},
			route{Method: "GET", Path: "/reports/:file", Summary: "One trend report as {id}.json, {id}.csv, {id}.sv.csv (semicolons, decimal comma) or {id}.html, a page in Swedish or English ({id} may be latest)", Tag: "reports", Produces: []string{jsonType, "text/csv", htmlType}, Status: 200, Handle: s.reportFile},
		)
	}
	if s.deps.Writes.CanImport() {
		rt = append(rt, route{Method: "POST", Path: "/api/v1/agencies/:orgnr/import", Summary: "Make a DCAT feed (RDF/XML, Turtle, N-Triples, JSON-LD) or DCAT-AP-SE-Processor JSON the agency's whole catalog, all or nothing; unchanged datasets are not rewritten", Tag: "datasets", Access: agencyRW, Produces: []string{jsonType}, Status: 200, Handle: s.importFeed, extraParams: importParams})
	}
	for i := range rt {
		switch rt[i].Access {
		case operator:
			rt[i].auth = s.requireOperator
		case agencyRW:
			rt[i].auth = s.requireAgency
		case steward:
			rt[i].auth = s.requireSession
		}
		if rt[i].auth != nil && rt[i].Method != "GET" {
			rt[i].audit = s.audit
		}
	}
	return rt
}

// pageRoutes lists the HTML pages: in Swedish, or English by ?lang=en or
// Accept-Language; errors are pages too for browsers.
func (s *Server) pageRoutes() []route {
	p := func(method, path, summary string, h gin.HandlerFunc) route {
		return route{Method: method, Path: path, Summary: summary, Tag: "pages", Produces: []string{htmlType}, Status: 200, Handle: h}
	}
	rt := []route{
		p("GET", "/", "The agencies: every agency with its score, level and portal status, searchable, filterable (q, size, dept, level, portal, min) and sortable (sort), under the latest report's indicators", s.homePage),
		p("GET", "/agencies/:orgnr", "An agency's page: every rule with points, evidence and advice, next steps, channels with sources and dates, checks with findings, links, its own catalog, the portal, datasets", s.agencyPage),
		p("GET", "/agencies/:orgnr/validation", "Every validation finding of the agency's catalogs (in katalog and its own), by dataset", s.validationPage),
		p("GET", "/reports", "The trend reports, newest first, with dates and downloads", s.reportsPage),
		p("GET", "/check", "Check a catalog: a readiness check of any public URL, without a token", s.checkFormPage),
		p("GET", "/check/:id", "A self-service check: progress while it runs, then the report (JSON for Accept: application/json); kept for a day", s.selfCheckPage),
		p("GET", "/validate", "Validate a feed: paste or upload, findings by dataset with line numbers", s.validateFormPage),
		p("GET", "/signin", "Sign in as a steward with the agency's token", s.signinPage),
		p("GET", "/tillganglighet", "The accessibility statement (tillgänglighetsredogörelse)", s.accessibilityPage),
	}
	post := func(path, summary string, status int, h gin.HandlerFunc) route {
		r := p("POST", path, summary, h)
		r.Status = status
		return r
	}
	rt = append(rt,
		post("/check", "Start a self-service check of the posted url (form); 303 to its page, 429 over a budget", http.StatusSeeOther, s.startSelfCheck),
		post("/validate", "Validate the pasted or uploaded feed (form)", http.StatusOK, s.validateFormPost),
		post("/signin", "Start a steward's session with an agency token (form, CSRF); 303 to the agency", http.StatusSeeOther, s.signin),
		post("/signout", "End the session (form, CSRF); 303 home", http.StatusSeeOther, s.signout),
	)
	if s.deps.CheckHistory != nil {
		rt = append(rt,
			p("GET", "/agencies/:orgnr/checks", "The agency's readiness checks, newest first (page)", s.checksPage),
			p("GET", "/agencies/:orgnr/checks/:id", "One readiness check with every finding", s.checkPage))
	}
	if s.deps.Checks != nil {
		r := post("/agencies/:orgnr/checks", "Run the agency's readiness check now (a signed-in steward's form, CSRF); 303 to the check", http.StatusSeeOther, s.runCheck)
		r.Access = steward
		rt = append(rt, r)
	}
	return rt
}
