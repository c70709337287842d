package server

import (
	"github.com/gin-gonic/gin"
)

// access says who may call a route.
type access int

const (
	public   access = iota // anyone
	operator               // the operator token only
	agencyRW               // the operator or the agency named in the path
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

		{Method: "GET", Path: "/api/v1/agencies/:orgnr/links", Summary: "The agency's link table: every URL its catalog links to (accessURL, downloadURL, landingPage, endpointURL, endpointDescription, conformsTo, foaf:page) as the latest check found it, with since when each is broken and, for API descriptions, what they are and whether CORS lets dataportal.se read them; broken first, longest broken first (paged; broken=true|false and kind filter)", Tag: "checks", Produces: []string{jsonType}, Status: 200, Handle: s.listLinks, extraParams: linkParams},

		{Method: "GET", Path: "/api/v1/agencies/:orgnr/observed", Summary: "The agency's own catalog as katalog observes it where it is published (its harvestUrl, or the conventional address under its homepage): the latest observation, the latest version with what it added and removed, and the versions, newest first (paged)", Tag: "observed", Produces: []string{jsonType}, Status: 200, Handle: s.getObserved, extraParams: observedParams},
		{Method: "GET", Path: "/api/v1/agencies/:orgnr/observed/:file", Summary: "One version's graph as {id}.nt: canonical N-Triples, exactly the triples published; ETag is its SHA-256", Tag: "observed", Produces: []string{"application/n-triples"}, Status: 200, Handle: s.getObservedGraph},

		{Method: "POST", Path: "/api/v1/validate", Summary: "Validate the posted feed (RDF/XML, Turtle, N-Triples, JSON-LD) against DCAT-AP-SE 3.0.1; the same report as katalog validate --json", Tag: "validation", Produces: []string{jsonType}, Status: 200, Handle: s.validateFeed, extraParams: validateParams},

		{Method: "GET", Path: "/", Summary: "Overview dashboard (HTML)", Tag: "pages", Produces: []string{htmlType}, Status: 200, Handle: s.homePage},
		{Method: "GET", Path: "/agencies/:orgnr", Summary: "An agency's page (HTML)", Tag: "pages", Produces: []string{htmlType}, Status: 200, Handle: s.agencyPage},
	}
	if s.deps.Feeds != nil {
		rt = append(rt, s.feedRoutes()...)
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
			route{Method: "GET", Path: "/api/v1/agencies/:orgnr/score", Summary: "The agency's current maturity score with every rule's points, evidence and advice", Tag: "scores", Produces: []string{jsonType}, Status: 200, Handle: s.getScore},
			route{Method: "GET", Path: "/api/v1/agencies/:orgnr/score/history", Summary: "The agency's scores over time, newest first (paged)", Tag: "scores", Produces: []string{jsonType}, Status: 200, Handle: s.scoreHistory},
		)
	}
	if s.deps.Reports != nil {
		rt = append(rt,
			route{Method: "GET", Path: "/api/v1/reports", Summary: "Trend reports, newest first (paged), with their indicators", Tag: "reports", Produces: []string{jsonType}, Status: 200, Handle: s.listReports},
			route{Method: "GET", Path: "/reports/:file", Summary: "One trend report as {id}.json, {id}.csv or {id}.html ({id} may be latest)", Tag: "reports", Produces: []string{jsonType, "text/csv", htmlType}, Status: 200, Handle: s.reportFile},
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
		}
		if rt[i].auth != nil && rt[i].Method != "GET" {
			rt[i].audit = s.audit
		}
	}
	return rt
}
