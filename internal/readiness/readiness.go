package readiness

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"iter"
	"mime"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/internal/outbound"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
)

// Thresholds of the readiness rules.
const (
	TLSExpiryWarning  = 30 * 24 * time.Hour
	SlowResponse      = 30 * time.Second
	acceptRDFXML      = "application/rdf+xml"
	acceptRDFXMLFirst = "application/rdf+xml, application/xml;q=0.5, */*;q=0.1"
)

// DefaultTimeout bounds a whole check (check.timeout): the download, the
// sub-catalogs, the probes and the links. What is not done by then is
// reported (RuleCheckDeadline).
const DefaultTimeout = 5 * time.Minute

// Validator validates triples against DCAT-AP-SE as a check reads them:
// each check starts a session, writes every triple it reads to it, and
// finishes it. dcat/validate's Session is one.
type Validator interface {
	NewSession() ValidationSession
}

// ValidationSession is one validation run: Write every triple, then
// Finish once. Finish's error (the validation could not spill to disk,
// say) is reported as RuleValidationFailed.
type ValidationSession interface {
	Write(t rdf.Triple) error
	Finish() (errors, warnings int, err error)
}

// SessionFunc adapts a function that starts sessions to Validator.
type SessionFunc func() ValidationSession

// NewSession calls f.
func (f SessionFunc) NewSession() ValidationSession { return f() }

// Options configure a Checker.
type Options struct {
	// Client fetches everything; required.
	Client *outbound.Client
	// Validator judges DCAT-AP-SE conformance; nil reports "not validated".
	Validator Validator
	// Progress is called as links are checked (done, total).
	Progress func(done, total int)
	// LinkConcurrency bounds links checked at once (default 32); the
	// outbound.Client's per-host limit applies too.
	LinkConcurrency int
	// SkipLinks turns the link check off.
	SkipLinks bool
	// KeepLinks keeps every link's result in Result.Links.All, for the
	// agency's link table (see LinkSummary.Table).
	KeepLinks bool
	// Links, if set, checks the links of an agency's check (CheckAgency)
	// instead of the check's own LinkChecker: the store's shared link
	// queue, which every instance works and which records the agency's
	// link table itself.
	Links LinkRunner
	// SkipProbes turns off the Accept and caching probes.
	SkipProbes bool
	// Origin is the origin whose CORS access to API descriptions is
	// checked (default DefaultPortalOrigin).
	Origin string
	// Timeout bounds a whole check (default DefaultTimeout).
	Timeout time.Duration
	// SlowAfter is how long a catalog may take to arrive before it is
	// slow (RuleSlowResponse; default SlowResponse). The time counted is
	// the wait for the headers and for the body, not katalog's own
	// reading of it.
	SlowAfter time.Duration
	// TempDir is where a check spools what it keeps past one triple (the
	// URLs to probe, an observed graph); "" means the system's.
	TempDir string
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Mapper reads the datasets of the catalogs CheckAgency observes
	// (Unmap); nil means one minting under https://katalog.invalid, which
	// only decides which dataset IRIs count as katalog's own.
	Mapper *dcat.Mapper
}

// LinkRunner checks the links of an agency's check somewhere other than
// in the check itself (the store's link queue, shared by every instance).
type LinkRunner interface {
	// RunLinks checks links (distinct URLs, with their kinds; total of
	// them) for org as found at checkedAt, records them as org's link table,
	// and returns the table's summary with done true. When ctx ends first
	// it returns what is done so far with done false: the rest is checked
	// and recorded later, nothing is lost.
	RunLinks(ctx context.Context, org catalog.OrgNumber, checkedAt time.Time, links iter.Seq[Link], total int) (sum LinkSummary, done bool, err error)
}

// Checker runs harvest-readiness checks. It is safe for concurrent use.
type Checker struct {
	opts Options
}

// NewChecker returns a Checker. It panics when opts.Client is nil.
func NewChecker(opts Options) *Checker {
	if opts.Client == nil {
		panic("check: NewChecker needs a Client")
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Origin == "" {
		opts.Origin = DefaultPortalOrigin
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.SlowAfter <= 0 {
		opts.SlowAfter = SlowResponse
	}
	if opts.Mapper == nil {
		m, err := dcat.NewMapper("https://katalog.invalid")
		if err != nil {
			panic("check: the default mapper: " + err.Error()) // a constant, valid base
		}
		opts.Mapper = m
	}
	return &Checker{opts: opts}
}

// Validation is the summary of DCAT-AP-SE validation.
type Validation struct {
	Validated bool `json:"validated"`
	Errors    int  `json:"errors"`
	Warnings  int  `json:"warnings"`
}

// SubCatalog is a dcterms:hasPart catalog dereferenced from its IRI.
type SubCatalog struct {
	URL        string `json:"url"`
	OK         bool   `json:"ok"`
	HTTPStatus int    `json:"httpStatus,omitempty"`
	Triples    int    `json:"triples"`
	Datasets   int    `json:"datasets"`
	Error      string `json:"error,omitempty"`
}

// Result is one readiness check; its JSON is `katalog check --json`.
// Triples and Datasets count the main document plus dereferenced
// sub-catalogs. Ready is true when no finding has severity error.
type Result struct {
	URL         string         `json:"url"`
	Ready       bool           `json:"ready"`
	CheckedAt   time.Time      `json:"checkedAt"`
	HTTPStatus  int            `json:"httpStatus"`
	ContentType string         `json:"contentType"`
	Bytes       int64          `json:"bytes"`
	DurationMs  int64          `json:"durationMs"`
	TLS         bool           `json:"tls"`
	TLSExpires  *time.Time     `json:"tlsExpires,omitempty"`
	FinalURL    string         `json:"finalUrl,omitempty"`
	Redirects   []outbound.Hop `json:"redirects,omitempty"`
	Retries     int            `json:"retries,omitempty"`
	Triples     int            `json:"triples"`
	Datasets    int            `json:"datasets"`
	Validation  Validation     `json:"validation"`
	Links       LinkSummary    `json:"links"`
	Offers      []string       `json:"offers,omitempty"`
	SubCatalogs []SubCatalog   `json:"subCatalogs,omitempty"`
	Findings    []Finding      `json:"findings"`
}

func (r *Result) add(rule, evidence string) { r.Findings = append(r.Findings, finding(rule, evidence)) }

// Has reports whether the result has a finding of rule.
func (r *Result) Has(rule string) bool {
	for _, f := range r.Findings {
		if f.Rule == rule {
			return true
		}
	}
	return false
}

// finish sorts findings (errors first, stable) and decides readiness.
func (r *Result) finish() {
	sort.SliceStable(r.Findings, func(i, j int) bool { return r.Findings[i].Severity < r.Findings[j].Severity })
	r.Ready = true
	for _, f := range r.Findings {
		if f.Severity == SeverityError {
			r.Ready = false
		}
	}
	if r.Findings == nil {
		r.Findings = []Finding{}
	}
}

// Check fetches rawURL as dataportal.se would and judges it. Problems of
// the source are findings; the error is for unusable input (not an
// absolute http(s) URL) or a cancelled ctx.
func (c *Checker) Check(ctx context.Context, rawURL string) (*Result, error) {
	res, _, err := c.check(ctx, rawURL, checkOptions{})
	return res, err
}

// checkOptions are what CheckAgency asks of a check besides Check's work.
type checkOptions struct {
	// sink, if not nil, is fed every triple the check reads (the main
	// document, then each sub-catalog loaded).
	sink *observedSink
	// discovering: the URL is a guess (the portal's convention), so when no
	// catalog is there nothing more is asked of the server (no probes).
	discovering bool
	// agency, when set, is whose check it is: its links go to
	// Options.Links when there is one.
	agency catalog.OrgNumber
}

// readOutcome says whether a check read a catalog and, if not, why.
type readOutcome struct {
	// found: the main document parsed and held triples.
	found bool
	// reason is the finding that says why not (nil when found).
	reason *Finding
	// linksRecorded: the link runner recorded the agency's link table.
	linksRecorded bool
}

// errCheckDeadline is the cause of a check's context when its Timeout
// passes: a timeout (net.Error), so what it cuts off is reported as one.
var errCheckDeadline error = deadlineError{}

type deadlineError struct{}

func (deadlineError) Error() string   { return "the check's time limit passed" }
func (deadlineError) Timeout() bool   { return true }
func (deadlineError) Temporary() bool { return false }

// check is Check with options; it also tells whether a catalog was read.
//
// The main document is downloaded once and read as it streams (pass); the
// sub-catalogs likewise. Then, at the same time: the caching probe (a
// conditional GET whose body is not read when the server ignores it), the
// Accept probes (HEAD, or a GET closed after its headers) and the links.
// The whole check is bounded by Options.Timeout.
func (c *Checker) check(ctx context.Context, rawURL string, o checkOptions) (*Result, readOutcome, error) {
	if !isHTTPURL(rawURL) {
		return nil, readOutcome{}, fmt.Errorf("check: %q is not an absolute http or https URL", rawURL)
	}
	res := &Result{URL: rawURL, CheckedAt: c.opts.Now().UTC().Truncate(time.Second)}
	defer res.finish()
	cctx, cancel := context.WithTimeoutCause(ctx, c.opts.Timeout, errCheckDeadline)
	defer cancel()
	p, err := c.newPass(o)
	if err != nil {
		return nil, readOutcome{}, err
	}
	defer p.close()
	phase := "reading the catalog"
	st, resp, readErr := c.fetchMain(cctx, res, p)
	if err := ctx.Err(); err != nil {
		return nil, readOutcome{}, fmt.Errorf("check: %s: %w", rawURL, err)
	}
	if resp == nil {
		c.deadline(cctx, res, phase)
		return res, readOutcome{reason: lastError(res)}, nil
	}
	res.Triples, res.Datasets = st.triples, st.datasets
	if readErr == nil {
		phase = "loading the sub-catalogs"
		c.judgeGraph(res, st)
		c.subCatalogs(cctx, res, p, st)
		c.validate(res, p)
	}
	out := outcome(res, readErr, st)
	phase = "probing the server and checking the links"
	var probes probeResult
	var wg sync.WaitGroup
	if !c.opts.SkipProbes && (out.found || !o.discovering) {
		wg.Go(func() { probes = c.probe(cctx, res, resp) })
	}
	var links linkOutcome
	if p.links != nil && readErr == nil {
		wg.Go(func() { links = c.runLinks(cctx, res, p.links, o.agency) })
	}
	wg.Wait()
	probes.apply(res)
	if err := links.apply(res); err != nil {
		return nil, readOutcome{}, fmt.Errorf("check: %s: %w", rawURL, err)
	}
	out.linksRecorded = links.recorded
	if !links.done {
		phase = fmt.Sprintf("checking the links (%d of %d done; the rest are checked and recorded later)", res.Links.Checked, links.total)
	}
	c.deadline(cctx, res, phase)
	if err := ctx.Err(); err != nil {
		return nil, readOutcome{}, fmt.Errorf("check: %s: %w", rawURL, err)
	}
	return res, out, nil
}

// deadline adds RuleCheckDeadline when the check's time limit passed,
// saying what it was doing.
func (c *Checker) deadline(ctx context.Context, res *Result, phase string) {
	if errors.Is(context.Cause(ctx), errCheckDeadline) {
		res.add(RuleCheckDeadline, fmt.Sprintf("stopped after %s while %s", c.opts.Timeout, phase))
	}
}

// linkOutcome is what the link check of a check gave.
type linkOutcome struct {
	sum      LinkSummary
	total    int
	done     bool
	recorded bool
	err      error
}

// runLinks checks the links the pass spooled: through Options.Links for an
// agency's check when there is one, else with the check's own LinkChecker.
func (c *Checker) runLinks(ctx context.Context, res *Result, spool *linkSpool, org catalog.OrgNumber) linkOutcome {
	out := linkOutcome{total: spool.count(), done: true}
	if spool.err != nil {
		out.err = spool.err
		return out
	}
	if org != "" && c.opts.Links != nil {
		if out.total == 0 {
			return out // nothing to check; the link table stays as it is
		}
		out.sum, out.done, out.err = c.opts.Links.RunLinks(ctx, org, res.CheckedAt, spool.links(), out.total)
		out.recorded = out.err == nil
		return out
	}
	lc := &LinkChecker{Client: c.opts.Client, Concurrency: c.opts.LinkConcurrency, Origin: c.opts.Origin, Progress: c.opts.Progress, KeepAll: c.opts.KeepLinks}
	out.sum = lc.Run(ctx, spool.links(), out.total)
	out.done = out.sum.Checked+out.sum.Skipped >= out.total
	return out
}

// apply puts the link check into res with its findings.
func (l linkOutcome) apply(res *Result) error {
	if l.err != nil {
		return l.err
	}
	res.Links = l.sum
	if res.Links.Broken > 0 {
		res.add(RuleBrokenLinks, brokenEvidence(res.Links))
	}
	if res.Links.NotSpec > 0 {
		res.add(RuleAPIDescriptionNotSpec, fmt.Sprintf("%d of %d: %s", res.Links.NotSpec, res.Links.APIDescriptions, strings.Join(res.Links.NotSpecSample, "; ")))
	}
	if res.Links.NoCORS > 0 {
		res.add(RuleOpenAPICORS, strings.Join(res.Links.NoCORSSample, " "))
	}
	if res.Links.APIVerified > 0 {
		res.add(RuleAPIDescriptionVerified, fmt.Sprintf("%d of %d", res.Links.APIVerified, res.Links.APIDescriptions))
	}
	return nil
}

// outcome says whether the main document, read with parseErr, is a
// catalog read, and if not why: served as a web page, not RDF, or empty.
func outcome(res *Result, parseErr error, st stats) readOutcome {
	switch {
	case parseErr != nil && res.Has(RuleContentTypeHTML):
		return readOutcome{reason: res.finding(RuleContentTypeHTML)}
	case parseErr != nil:
		return readOutcome{reason: lastError(res)}
	case st.triples == 0:
		return readOutcome{reason: res.finding(RuleNoCatalog)}
	}
	return readOutcome{found: true}
}

// finding returns the result's first finding of rule, or nil.
func (r *Result) finding(rule string) *Finding {
	for i := range r.Findings {
		if r.Findings[i].Rule == rule {
			f := r.Findings[i]
			return &f
		}
	}
	return nil
}

// lastError returns the result's last finding of severity error (what
// ended a fetch), or nil.
func lastError(r *Result) *Finding {
	for i := len(r.Findings) - 1; i >= 0; i-- {
		if r.Findings[i].Severity == SeverityError {
			f := r.Findings[i]
			return &f
		}
	}
	return nil
}

// fetchMain downloads the harvest URL once, judging transport and headers,
// and reads the body as it streams through p. It returns the response
// (its headers; the body is closed) or nil when there was no 200 answer to
// read, the document's stats and the error that ended the read: a fetch
// error (already a finding) or a syntax error (made one here).
func (c *Checker) fetchMain(ctx context.Context, res *Result, p *pass) (stats, *outbound.Response, error) {
	start := time.Now()
	resp, err := c.opts.Client.GetStream(ctx, res.URL, http.Header{"Accept": {acceptRDFXMLFirst}})
	if err != nil {
		res.DurationMs = time.Since(start).Milliseconds()
		res.add(fetchRule(err), outbound.PublicError(err))
		return stats{}, nil, err
	}
	defer resp.Body.Close()
	headers := time.Since(start)
	res.HTTPStatus = resp.StatusCode
	res.ContentType = resp.Header.Get("Content-Type")
	res.FinalURL = resp.Request.URL.String()
	res.Redirects, res.Retries = resp.Redirects, resp.Retries
	c.judgeTransport(res, resp)
	if resp.StatusCode != http.StatusOK {
		res.DurationMs = headers.Milliseconds()
		res.add(RuleHTTPStatus, fmt.Sprintf("HTTP %d %s", resp.StatusCode, http.StatusText(resp.StatusCode)))
		return stats{}, nil, nil
	}
	format := judgeContentType(res, res.ContentType)
	body := &bodyReader{r: resp.Body}
	st, err := p.read(ctx, body, format, res.FinalURL, true)
	if err == nil {
		body.drain()
	}
	res.Bytes = body.n
	took := headers + body.wait
	res.DurationMs = took.Milliseconds()
	switch {
	case body.err != nil:
		res.add(fetchRule(body.err), outbound.PublicError(body.err))
		return st, resp, body.err
	case err != nil && ctx.Err() != nil:
		res.add(RuleTimeout, outbound.PublicError(ctx.Err()))
		return st, resp, err
	case err != nil:
		res.add(RuleRDFXMLSyntax, syntaxEvidence(err))
		return st, resp, err
	}
	if took > c.opts.SlowAfter {
		res.add(RuleSlowResponse, fmt.Sprintf("%d ms", res.DurationMs))
	}
	return st, resp, nil
}

// fetchRule classifies a fetch error as a rule.
func fetchRule(err error) string {
	var (
		blocked *outbound.BlockedError
		loop    *outbound.RedirectLoopError
		many    *outbound.TooManyRedirectsError
		big     *outbound.BodyTooLargeError
		certErr *tls.CertificateVerificationError
		unknown x509.UnknownAuthorityError
		invalid x509.CertificateInvalidError
		host    x509.HostnameError
	)
	switch {
	case errors.As(err, &blocked):
		return RuleAddressBlocked
	case errors.As(err, &loop):
		return RuleRedirectLoop
	case errors.As(err, &many):
		return RuleTooManyRedirects
	case errors.As(err, &big):
		return RuleBodyTooLarge
	case errors.As(err, &certErr), errors.As(err, &unknown), errors.As(err, &invalid), errors.As(err, &host):
		return RuleTLSInvalid
	case outbound.IsTimeout(err):
		return RuleTimeout
	}
	return RuleUnreachable
}

// judgeTransport looks at redirects and TLS.
func (c *Checker) judgeTransport(res *Result, resp *outbound.Response) {
	for _, h := range resp.Redirects {
		switch h.Status {
		case http.StatusMovedPermanently, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		default:
			res.add(RuleRedirectStatus, fmt.Sprintf("%d %s -> %s", h.Status, h.From, h.To))
		}
	}
	if resp.TLS == nil {
		res.add(RuleHTTPSMissing, res.FinalURL)
		return
	}
	res.TLS = true
	if len(resp.TLS.PeerCertificates) == 0 {
		return
	}
	exp := resp.TLS.PeerCertificates[0].NotAfter.UTC()
	res.TLSExpires = &exp
	if exp.Sub(c.opts.Now()) < TLSExpiryWarning {
		res.add(RuleTLSExpiring, "expires "+exp.Format(time.RFC3339))
	}
}

// judgeContentType adds content-type findings and picks the syntax to
// parse the body as.
func judgeContentType(res *Result, ct string) rdfio.Format {
	if strings.TrimSpace(ct) == "" {
		res.add(RuleContentTypeMissing, "")
		return rdfio.RDFXML
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		res.add(RuleContentTypeUnknown, ct)
		return rdfio.RDFXML
	}
	switch mt {
	case acceptRDFXML:
		return rdfio.RDFXML
	case "text/html", "application/xhtml+xml":
		res.add(RuleContentTypeHTML, ct)
		return rdfio.RDFXML
	case "application/xml", "text/xml", "text/plain", "application/octet-stream":
		res.add(RuleContentTypeGeneric, ct)
		return rdfio.RDFXML
	}
	if f, err := rdfio.ParseFormat(mt); err == nil && f != rdfio.RDFXML {
		res.add(RuleContentTypeOther, ct)
		if f != rdfio.JSONLD { // no JSON-LD reader yet: try RDF/XML
			return f
		}
		return rdfio.RDFXML
	}
	res.add(RuleContentTypeUnknown, ct)
	return rdfio.RDFXML
}

func syntaxEvidence(err error) string {
	var se *rdfio.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("line %d, column %d: %s", se.Line, se.Column, se.Msg)
	}
	return err.Error()
}

// judgeGraph applies the rules about the main document's content.
func (c *Checker) judgeGraph(res *Result, st stats) {
	if len(st.catalogs) == 0 {
		res.add(RuleNoCatalog, "")
	}
	if st.datasets == 0 && len(st.hasPart) == 0 {
		res.add(RuleNoDatasets, "")
	}
	if st.catalogRecords > 0 {
		res.add(RuleCatalogRecord, fmt.Sprintf("%d dcat:CatalogRecord", st.catalogRecords))
	}
}

// validate finishes the validation session the pass fed.
func (c *Checker) validate(res *Result, p *pass) {
	if p.session == nil {
		res.add(RuleNotValidated, "")
		return
	}
	errs, warns, err := p.session.Finish()
	if err != nil {
		res.add(RuleValidationFailed, err.Error())
		return
	}
	res.Validation = Validation{Validated: true, Errors: errs, Warnings: warns}
	if errs > 0 {
		res.add(RuleValidationErrors, fmt.Sprintf("%d errors", errs))
	}
	if warns > 0 {
		res.add(RuleValidationWarnings, fmt.Sprintf("%d warnings", warns))
	}
}

func brokenEvidence(s LinkSummary) string {
	parts := make([]string, 0, len(s.BrokenSample))
	for _, b := range s.BrokenSample {
		if b.Status != 0 {
			parts = append(parts, fmt.Sprintf("%s (HTTP %d)", b.URL, b.Status))
		} else {
			parts = append(parts, fmt.Sprintf("%s (%s)", b.URL, b.Error))
		}
	}
	ev := fmt.Sprintf("%d of %d broken: %s", s.Broken, s.Checked, strings.Join(parts, "; "))
	return ev
}

// LinkRecorder keeps an agency's link table (write.Service.RecordLinks).
type LinkRecorder func(ctx context.Context, org catalog.OrgNumber, checkedAt time.Time, links []catalog.LinkResult) error
