package outbound

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"time"
)

// Defaults of ClientOptions.
const (
	DefaultConnectTimeout = 10 * time.Second
	DefaultTimeout        = 60 * time.Second
	DefaultMaxBodyBytes   = 64 << 20
	DefaultMaxRedirects   = 5
	DefaultPerHostConns   = 4
	DefaultPerHostRate    = 10 // requests per second
	DefaultMaxRetries     = 2
	DefaultRetryBackoff   = time.Second
	DefaultMaxRetryWait   = 30 * time.Second
)

// ClientOptions configure a Client. Zero fields take the defaults above.
type ClientOptions struct {
	// Version is katalog's version, sent in the User-Agent
	// "katalog/<version> (+https://github.com/katalog-se/katalog)".
	Version string
	// AllowCIDRs are networks the guard lets through although they are
	// not public (config Check.AllowCIDRs; see ParseAllowCIDRs).
	AllowCIDRs []netip.Prefix
	// ConnectTimeout bounds a TCP connect and a TLS handshake.
	ConnectTimeout time.Duration
	// Timeout bounds one request: every redirect and reading the body.
	Timeout time.Duration
	// MaxBodyBytes caps a response body; reading past it fails with a
	// *BodyTooLargeError.
	MaxBodyBytes int64
	// MaxRedirects is how many redirects one request follows.
	MaxRedirects int
	// PerHostConns bounds the requests in flight to one host (host:port).
	PerHostConns int
	// PerHostRate is how many requests per second may start against one
	// host (a token bucket of PerHostBurst); negative means unlimited.
	PerHostRate float64
	// PerHostBurst is the token bucket's size; default PerHostConns.
	PerHostBurst int
	// MaxRetries is how often a 429 or 503 response is retried; negative
	// means never.
	MaxRetries int
	// RetryBackoff is the first wait when the server sends no
	// Retry-After; it doubles with each retry.
	RetryBackoff time.Duration
	// MaxRetryWait caps any wait between retries, Retry-After included.
	MaxRetryWait time.Duration
	// TLSConfig, when set, is used for HTTPS (e.g. extra root CAs).
	TLSConfig *tls.Config
}

func (o ClientOptions) withDefaults() ClientOptions {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&o.ConnectTimeout, DefaultConnectTimeout)
	def(&o.Timeout, DefaultTimeout)
	def(&o.RetryBackoff, DefaultRetryBackoff)
	def(&o.MaxRetryWait, DefaultMaxRetryWait)
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.PerHostConns <= 0 {
		o.PerHostConns = DefaultPerHostConns
	}
	if o.PerHostRate == 0 {
		o.PerHostRate = DefaultPerHostRate
	}
	if o.PerHostBurst <= 0 {
		o.PerHostBurst = o.PerHostConns
	}
	if o.MaxRetries == 0 {
		o.MaxRetries = DefaultMaxRetries
	}
	if o.Version == "" {
		o.Version = "dev"
	}
	return o
}

// Client is katalog's one outbound HTTP client. It is safe for concurrent
// use; share one per process so that per-host limits hold.
type Client struct {
	opts ClientOptions
	hc   *http.Client
	// stream is hc without the overall Timeout: a body read as it streams
	// is bounded by the caller's context (the headers still by Timeout).
	stream    *http.Client
	transport *http.Transport
	userAgent string
}

// NewClient returns a Client with opts (zero fields take defaults).
func NewClient(opts ClientOptions) *Client {
	opts = opts.withDefaults()
	guard := Guard{Allow: opts.AllowCIDRs}
	dialer := &net.Dialer{Timeout: opts.ConnectTimeout, KeepAlive: 30 * time.Second, ControlContext: guard.control}
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would defeat the guard
		DialContext:           dialer.DialContext,
		TLSClientConfig:       opts.TLSConfig.Clone(),
		TLSHandshakeTimeout:   opts.ConnectTimeout,
		ResponseHeaderTimeout: opts.Timeout,
		MaxConnsPerHost:       opts.PerHostConns,
		MaxIdleConnsPerHost:   opts.PerHostConns,
		MaxIdleConns:          256,
		IdleConnTimeout:       90 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	c := &Client{
		opts:      opts,
		transport: tr,
		userAgent: "katalog/" + opts.Version + " (+https://github.com/katalog-se/katalog)",
	}
	c.hc = &http.Client{
		Transport:     newHostLimiter(tr, opts.PerHostConns, opts.PerHostRate, opts.PerHostBurst),
		Timeout:       opts.Timeout,
		CheckRedirect: c.checkRedirect,
	}
	c.stream = &http.Client{Transport: c.hc.Transport, CheckRedirect: c.checkRedirect}
	return c
}

// Dedicated returns a client with c's options (the same guard, caps,
// timeouts, rate and retries) but a connection pool of its own, holding at
// most one connection per host: a link worker that holds one of a host's
// slots in the shared link queue checks its batch over it and closes it
// (CloseIdleConnections) before it gives the slot up, so the connections a
// host sees are the slots held.
func (c *Client) Dedicated() *Client {
	o := c.opts
	o.PerHostConns, o.PerHostBurst = 1, 1
	return NewClient(o)
}

// UserAgent is the User-Agent header the client sends.
func (c *Client) UserAgent() string { return c.userAgent }

// MaxBodyBytes is the body cap in force.
func (c *Client) MaxBodyBytes() int64 { return c.opts.MaxBodyBytes }

// CloseIdleConnections closes idle keep-alive connections.
func (c *Client) CloseIdleConnections() { c.transport.CloseIdleConnections() }

// Hop is one redirect followed.
type Hop struct {
	From   string `json:"from"`
	Status int    `json:"status"`
	To     string `json:"to"`
}

// Response is an HTTP response whose Body is capped at MaxBodyBytes, with
// the redirects that led to it and the retries it took. Close its Body.
type Response struct {
	*http.Response
	Redirects []Hop
	Retries   int
}

type hopsKey struct{}

func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return &SchemeError{URL: req.URL.String()}
	}
	prev := via[len(via)-1]
	if hops, ok := req.Context().Value(hopsKey{}).(*[]Hop); ok && req.Response != nil {
		*hops = append(*hops, Hop{From: prev.URL.String(), Status: req.Response.StatusCode, To: req.URL.String()})
	}
	next := req.URL.String()
	for _, r := range via {
		if r.URL.String() == next {
			return &RedirectLoopError{URL: next}
		}
	}
	if len(via) > c.opts.MaxRedirects {
		return &TooManyRedirectsError{URL: via[0].URL.String(), Max: c.opts.MaxRedirects}
	}
	return nil
}

// Get is Do of a GET request with the given extra headers.
func (c *Client) Get(ctx context.Context, rawURL string, header http.Header) (*Response, error) {
	return c.request(ctx, http.MethodGet, rawURL, header)
}

// Head is Do of a HEAD request with the given extra headers.
func (c *Client) Head(ctx context.Context, rawURL string, header http.Header) (*Response, error) {
	return c.request(ctx, http.MethodHead, rawURL, header)
}

// PostForm is Post of form, encoded as application/x-www-form-urlencoded,
// with the given extra headers (a SPARQL 1.1 Protocol query, say). The body
// is sent again on a retry and on a 307 or 308 redirect.
func (c *Client) PostForm(ctx context.Context, rawURL string, form url.Values, header http.Header) (*Response, error) {
	h := header.Clone()
	if h == nil {
		h = http.Header{}
	}
	h.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.Post(ctx, rawURL, h, []byte(form.Encode()))
}

// GetStream is Get for a body read as it streams: the response headers
// must come within the client's Timeout, but reading the body is bounded
// by ctx alone (and the body cap), so a large document parsed while it
// downloads is not cut off by the per-request Timeout.
func (c *Client) GetStream(ctx context.Context, rawURL string, header http.Header) (*Response, error) {
	req, err := c.newRequest(ctx, http.MethodGet, rawURL, header, nil)
	if err != nil {
		return nil, err
	}
	return c.do(req, c.stream, nil)
}

// Post sends body to rawURL (a webhook) with the given extra headers,
// through the guard and limits like every request, retrying 429 and 503
// (the body is sent again).
func (c *Client) Post(ctx context.Context, rawURL string, header http.Header, body []byte) (*Response, error) {
	req, err := c.newRequest(ctx, http.MethodPost, rawURL, header, body)
	if err != nil {
		return nil, err
	}
	return c.do(req, c.hc, body)
}

func (c *Client) request(ctx context.Context, method, rawURL string, header http.Header) (*Response, error) {
	req, err := c.newRequest(ctx, method, rawURL, header, nil)
	if err != nil {
		return nil, err
	}
	return c.Do(req)
}

// newRequest builds a request with the extra headers and, if not nil, a
// body that can be sent again (for retries and 307/308 redirects).
func (c *Client) newRequest(ctx context.Context, method, rawURL string, header http.Header, body []byte) (*http.Request, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, rawURL, rd)
	if err != nil {
		return nil, fmt.Errorf("check: %s %q: %w", method, rawURL, err)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	return req, nil
}

// Do sends req through the guard and limits, retrying 429 and 503
// responses. It sends no body (Post and PostForm do). Errors
// are *url.Error values wrapping, where it applies, *BlockedError,
// *RedirectLoopError, *TooManyRedirectsError or *SchemeError.
func (c *Client) Do(req *http.Request) (*Response, error) {
	if req.Body != nil && req.Body != http.NoBody {
		return nil, errors.New("check: requests with a body are not supported")
	}
	return c.do(req, c.hc, nil)
}

// do sends req with hc, retrying 429 and 503; body, if not nil, is req's
// body, sent again with each attempt.
func (c *Client) do(req *http.Request, hc *http.Client, body []byte) (*Response, error) {
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return nil, &SchemeError{URL: req.URL.String()}
	}
	ctx := req.Context()
	for attempt := 0; ; attempt++ {
		var hops []Hop
		r := req.Clone(context.WithValue(ctx, hopsKey{}, &hops))
		if body != nil {
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		if r.Header.Get("User-Agent") == "" {
			r.Header.Set("User-Agent", c.userAgent)
		}
		resp, err := hc.Do(r)
		if err != nil {
			return nil, err
		}
		if retryable(resp.StatusCode) && attempt < c.opts.MaxRetries {
			wait := retryDelay(resp.Header, attempt+1, c.opts.RetryBackoff, c.opts.MaxRetryWait, time.Now())
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
			resp.Body.Close()
			if err := sleep(ctx, wait); err != nil {
				return nil, fmt.Errorf("check: waiting to retry %s: %w", req.URL, err)
			}
			continue
		}
		resp.Body = &cappedBody{rc: resp.Body, remaining: c.opts.MaxBodyBytes, limit: c.opts.MaxBodyBytes}
		return &Response{Response: resp, Redirects: hops, Retries: attempt}, nil
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// cappedBody fails with *BodyTooLargeError once more than limit bytes
// would be read.
type cappedBody struct {
	rc        io.ReadCloser
	remaining int64
	limit     int64
}

func (b *cappedBody) Read(p []byte) (int, error) {
	if b.remaining <= 0 {
		var one [1]byte
		n, err := b.rc.Read(one[:])
		if n > 0 {
			return 0, &BodyTooLargeError{Limit: b.limit}
		}
		return 0, err
	}
	if int64(len(p)) > b.remaining {
		p = p[:b.remaining]
	}
	n, err := b.rc.Read(p)
	b.remaining -= int64(n)
	return n, err
}

func (b *cappedBody) Close() error { return b.rc.Close() }
