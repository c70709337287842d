// Package server is katalog's HTTP face: the gin router, handlers, auth,
// limits, content negotiation, metrics and HTML pages. Handlers are thin:
// they parse, call one function of another package, and render.
package server

import (
	"crypto/sha256"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/report"
	"github.com/katalog-se/katalog/internal/write"
	"github.com/katalog-se/katalog/schema"
)

// BuildInfo names the running program.
type BuildInfo struct {
	Name    string
	Version string
	Commit  string
}

// APIVersion is the version of the /api/v1 contract.
const APIVersion = "1.0.0"

// Deps is everything the server needs, passed in so each part can be tested alone.
type Deps struct {
	Store     catalog.Store
	Validator *schema.Validator
	Logger    *slog.Logger
	// Feeds serves DCAT feeds and change feeds; nil disables the feed routes.
	Feeds FeedService
	// FeedPageSize is how many changes one page of a change feed holds
	// (publish.DefaultFeedPageSize when 0). Full pages never change, so it
	// must stay the same for a feed's whole life.
	FeedPageSize int
	// BaseURL is the absolute URL under which links are minted, without a trailing slash.
	BaseURL string
	// AdminToken is the operator's bearer token.
	AdminToken string
	// MaxBodyBytes caps request bodies (413 beyond).
	MaxBodyBytes int64
	// Writes makes every change; nil means a write.Service over Store
	// without an importer (and so without the import route) or subscribers.
	Writes *write.Service
	// ImportMaxBytes caps the import route's body; 0 means MaxBodyBytes.
	ImportMaxBytes int64
	// ValidateBudget bounds each validation of POST /api/v1/validate.
	ValidateBudget ValidateBudget
	// TrustedProxies are the CIDRs of reverse proxies whose
	// X-Forwarded-For names the client (for the rate limits and the audit
	// log); none means the connection's peer is the client.
	TrustedProxies []string
	// MaxConcurrentImports and MaxConcurrentValidations bound the imports
	// and validations running at once (429 beyond); 0 means 2 and 4.
	MaxConcurrentImports, MaxConcurrentValidations int
	// Checks starts readiness checks and CheckHistory keeps them; both nil
	// disables the check routes.
	Checks       CheckRunner
	CheckHistory catalog.CheckStore
	// Scores computes scores and ScoreHistory keeps them; both nil
	// disables the score routes.
	Scores       ScoreService
	ScoreHistory catalog.ScoreStore
	// Reports reads trend reports; nil disables the report routes and the
	// dashboard's indicators.
	Reports *report.Builder
	Build   BuildInfo
	// Registry receives the server's Prometheus metrics; nil makes a new one.
	Registry *prometheus.Registry
	// RateLimitPerIP limits the requests of one client address and
	// RateLimitPerToken those carrying one bearer token (429 beyond);
	// zero rates turn them off.
	RateLimitPerIP, RateLimitPerToken RateLimit
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// Contact is who answers for this katalog, in the pages' footer and
	// accessibility statement.
	Contact Contact
	// SelfChecks runs the self-service readiness checks of /check; nil
	// makes /check say that they are not offered here.
	SelfChecks SelfCheckService
	// MailServer says whether katalog can send e-mail (notify.smtp), as
	// the notification settings show it.
	MailServer bool
}

// ValidateBudget bounds one validation over HTTP. Zero values mean the
// defaults (2,000,000 triples, one minute).
type ValidateBudget struct {
	MaxTriples int64
	Timeout    time.Duration
}

// Server is the HTTP service. Create it with New.
type Server struct {
	deps      Deps
	adminHash [sha256.Size]byte
	engine    *gin.Engine
	metrics   *metrics
	routes    []route
	// imports and validations hold a slot for each import and validation
	// running: their capacity is the limit.
	imports, validations chan struct{}
	// web holds the pages; key signs sessions and CSRF tokens.
	web *web
	key []byte
	// validations of agencies' catalogs for their pages, by content.
	findings *findingsCache
}

// New builds the server and its routes.
func New(d Deps) *Server {
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	if d.Registry == nil {
		d.Registry = prometheus.NewRegistry()
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.MaxBodyBytes <= 0 {
		d.MaxBodyBytes = 10 << 20
	}
	if d.Writes == nil {
		d.Writes = write.New(d.Store, write.Options{Logger: d.Logger})
	}
	if d.ValidateBudget.MaxTriples <= 0 {
		d.ValidateBudget.MaxTriples = 2_000_000
	}
	if d.ValidateBudget.Timeout <= 0 {
		d.ValidateBudget.Timeout = time.Minute
	}
	if d.MaxConcurrentImports <= 0 {
		d.MaxConcurrentImports = 2
	}
	if d.MaxConcurrentValidations <= 0 {
		d.MaxConcurrentValidations = 4
	}
	changeFeedDefaults(&d)
	gin.SetMode(gin.ReleaseMode)
	s := &Server{deps: d, adminHash: sha256.Sum256([]byte(d.AdminToken)),
		imports: make(chan struct{}, d.MaxConcurrentImports), validations: make(chan struct{}, d.MaxConcurrentValidations),
		web: newWeb(), key: sessionKey(d.AdminToken), findings: newFindingsCache(findingsCacheSize)}
	s.metrics = newMetrics(d.Registry)
	e := gin.New()
	e.HandleMethodNotAllowed = true
	e.RedirectTrailingSlash = false
	e.RedirectFixedPath = false
	e.ContextWithFallback = true
	// X-Forwarded-For counts only from the trusted proxies (none by
	// default: gin would otherwise trust any sender).
	if err := e.SetTrustedProxies(d.TrustedProxies); err != nil {
		panic(fmt.Sprintf("server: trusted proxies %v: %v", d.TrustedProxies, err)) // config.Validate checked them
	}
	e.Use(s.recoverer(), securityHeaders(), s.rateLimits(), s.observe())
	e.NoRoute(func(c *gin.Context) {
		s.problem(c, notFound("No such resource: "+c.Request.URL.Path))
	})
	if d.Contact == (Contact{}) {
		s.deps.Contact = Contact{Organisation: "katalog", URL: "https://github.com/katalog-se/katalog/issues"}
	}
	e.NoMethod(func(c *gin.Context) {
		s.problem(c, newProblem(http.StatusMethodNotAllowed, "method-not-allowed", "Method not allowed",
			c.Request.Method+" is not allowed on "+c.Request.URL.Path))
	})
	s.routes = s.routeTable()
	for _, r := range s.routes {
		e.Handle(r.Method, r.Path, r.handlers()...)
	}
	s.engine = e
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.engine.ServeHTTP(w, r) }

// Routes lists the method and gin path of every registered route.
func (s *Server) Routes() []gin.RouteInfo { return s.engine.Routes() }
