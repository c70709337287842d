package readiness

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"sort"
	"strings"
	"time"

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

// Validator validates triples against DCAT-AP-SE and counts results by
// severity. dcat/validate provides one; the lead wires it in.
type Validator interface {
	Validate(ctx context.Context, r rdfio.Reader) (errors, warnings int, err error)
}

// ValidatorFunc adapts a function to Validator.
type ValidatorFunc func(ctx context.Context, r rdfio.Reader) (errors, warnings int, err error)

// Validate calls f.
func (f ValidatorFunc) Validate(ctx context.Context, r rdfio.Reader) (int, int, error) {
	return f(ctx, r)
}

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
	// SkipProbes turns off the Accept and caching probes.
	SkipProbes bool
	// Origin is the origin whose CORS access to API descriptions is
	// checked (default DefaultPortalOrigin).
	Origin string
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Mapper reads the datasets of the catalogs CheckAgency observes
	// (Unmap); nil means one minting under https://katalog.invalid, which
	// only decides which dataset IRIs count as katalog's own.
	Mapper *dcat.Mapper
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
	// sink, if not nil, is fed every triple the check read (the main
	// document, then each sub-catalog loaded) when a catalog was read.
	sink *observedSink
	// discovering: the URL is a guess (the portal's convention), so when no
	// catalog is there nothing more is asked of the server (no probes).
	discovering bool
}

// readOutcome says whether a check read a catalog and, if not, why.
type readOutcome struct {
	// found: the main document parsed and held triples.
	found bool
	// reason is the finding that says why not (nil when found).
	reason *Finding
}

// check is Check with options; it also tells whether a catalog was read.
func (c *Checker) check(ctx context.Context, rawURL string, o checkOptions) (*Result, readOutcome, error) {
	if !isHTTPURL(rawURL) {
		return nil, readOutcome{}, fmt.Errorf("check: %q is not an absolute http or https URL", rawURL)
	}
	res := &Result{URL: rawURL, CheckedAt: c.opts.Now().UTC().Truncate(time.Second)}
	defer res.finish()
	main, resp := c.fetchMain(ctx, res)
	if err := ctx.Err(); err != nil {
		return nil, readOutcome{}, fmt.Errorf("check: %s: %w", rawURL, err)
	}
	if main == nil {
		return res, readOutcome{reason: lastError(res)}, nil
	}
	docs := []*document{main}
	subLinks := 0
	st, err := main.scan()
	res.Triples, res.Datasets = st.triples, st.datasets
	if err != nil {
		res.add(RuleRDFXMLSyntax, syntaxEvidence(err))
	} else {
		c.judgeGraph(res, st)
		subs, n := c.subCatalogs(ctx, res, main, st)
		docs, subLinks = append(docs, subs...), n
		c.validate(ctx, res, docs)
	}
	out := outcome(res, err, st)
	if out.found && o.sink != nil {
		o.sink.feed(docs)
	}
	if !c.opts.SkipProbes && (out.found || !o.discovering) {
		c.probeCaching(ctx, res, resp)
		c.probeOffers(ctx, res)
	}
	if !c.opts.SkipLinks && err == nil {
		total := st.links + subLinks
		lc := &LinkChecker{Client: c.opts.Client, Concurrency: c.opts.LinkConcurrency, Origin: c.opts.Origin, Progress: c.opts.Progress, KeepAll: c.opts.KeepLinks}
		res.Links = lc.Run(ctx, linksOf(docs), total)
		if res.Links.Broken > 0 {
			res.add(RuleBrokenLinks, brokenEvidence(res.Links))
		}
		if res.Links.NoCORS > 0 {
			res.add(RuleOpenAPICORS, strings.Join(res.Links.NoCORSSample, " "))
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, readOutcome{}, fmt.Errorf("check: %s: %w", rawURL, err)
	}
	return res, out, nil
}

// outcome says whether the main document, scanned with parseErr, is a
// catalog read, and if not why: served as a web page, not RDF, or empty.
func outcome(res *Result, parseErr error, st stats) readOutcome {
	switch {
	case parseErr != nil && res.Has(RuleContentTypeHTML):
		return readOutcome{reason: res.finding(RuleContentTypeHTML)}
	case parseErr != nil:
		return readOutcome{reason: res.finding(RuleRDFXMLSyntax)}
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

// fetchMain fetches the harvest URL and judges transport and headers.
// It returns the document to parse, or nil when there is none.
func (c *Checker) fetchMain(ctx context.Context, res *Result) (*document, *outbound.Response) {
	start := time.Now()
	resp, err := c.opts.Client.Get(ctx, res.URL, http.Header{"Accept": {acceptRDFXMLFirst}})
	if err != nil {
		res.DurationMs = time.Since(start).Milliseconds()
		res.add(fetchRule(err), outbound.PublicError(err))
		return nil, nil
	}
	defer resp.Body.Close()
	res.HTTPStatus = resp.StatusCode
	res.ContentType = resp.Header.Get("Content-Type")
	res.FinalURL = resp.Request.URL.String()
	res.Redirects, res.Retries = resp.Redirects, resp.Retries
	c.judgeTransport(res, resp)
	if resp.StatusCode != http.StatusOK {
		res.DurationMs = time.Since(start).Milliseconds()
		res.add(RuleHTTPStatus, fmt.Sprintf("HTTP %d %s", resp.StatusCode, http.StatusText(resp.StatusCode)))
		return nil, nil
	}
	body, err := io.ReadAll(resp.Body)
	res.Bytes = int64(len(body))
	res.DurationMs = time.Since(start).Milliseconds()
	if err != nil {
		res.add(fetchRule(err), outbound.PublicError(err))
		return nil, nil
	}
	if time.Duration(res.DurationMs)*time.Millisecond > SlowResponse {
		res.add(RuleSlowResponse, fmt.Sprintf("%d ms", res.DurationMs))
	}
	format := judgeContentType(res, res.ContentType)
	return &document{url: res.FinalURL, format: format, body: body}, resp
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

// validate runs the validator over all documents.
func (c *Checker) validate(ctx context.Context, res *Result, docs []*document) {
	if c.opts.Validator == nil {
		res.add(RuleNotValidated, "")
		return
	}
	errs, warns, err := c.opts.Validator.Validate(ctx, &multiReader{docs: docs})
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
