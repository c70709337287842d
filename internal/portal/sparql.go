package portal

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
	"unicode"

	"github.com/katalog-se/katalog/internal/outbound"
)

// ErrEndpoint marks every failure of the portal's SPARQL endpoint: it could
// not be reached, answered with another status than 200 or with something
// other than SPARQL JSON results, or took longer than the timeout. A sync
// that meets it stores nothing.
var ErrEndpoint = errors.New("the portal's SPARQL endpoint failed")

// Defaults of ClientOptions.
const (
	DefaultTimeout = time.Minute
	// DefaultMaxResultBytes caps one answer: a page of DefaultPageSize rows
	// is far smaller.
	DefaultMaxResultBytes = 32 << 20
)

// ClientOptions configure a Client.
type ClientOptions struct {
	// Timeout bounds each request, its answer read whole; default
	// DefaultTimeout.
	Timeout time.Duration
	// MaxResultBytes caps each answer; default DefaultMaxResultBytes.
	MaxResultBytes int64
}

// Client asks a SPARQL 1.1 Protocol endpoint SELECT queries: POSTed as
// application/x-www-form-urlencoded (query=…), answered as
// application/sparql-results+json, through katalog's guarded client. It is
// safe for concurrent use.
type Client struct {
	http     *outbound.Client
	endpoint string
	opts     ClientOptions
	requests atomic.Int64
}

// NewClient returns a Client of endpoint over hc.
func NewClient(hc *outbound.Client, endpoint string, opts ClientOptions) *Client {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxResultBytes <= 0 {
		opts.MaxResultBytes = DefaultMaxResultBytes
	}
	return &Client{http: hc, endpoint: endpoint, opts: opts}
}

// Endpoint is the endpoint's URL.
func (c *Client) Endpoint() string { return c.endpoint }

// Requests counts the requests the client has sent.
func (c *Client) Requests() int64 { return c.requests.Load() }

// Term is one RDF term of a solution, as SPARQL JSON results write it.
type Term struct {
	// Type is "uri", "literal" or "bnode" ("typed-literal" in old
	// endpoints).
	Type     string `json:"type"`
	Value    string `json:"value"`
	Datatype string `json:"datatype,omitempty"`
	Lang     string `json:"xml:lang,omitempty"`
}

// Solution binds the variables of one result row; an unbound variable is
// absent.
type Solution map[string]Term

// results is the application/sparql-results+json document of a SELECT.
type results struct {
	Head struct {
		Vars []string `json:"vars"`
	} `json:"head"`
	Results *struct {
		Bindings []Solution `json:"bindings"`
	} `json:"results"`
}

// Select sends query and returns its solutions in the endpoint's order.
// Every failure wraps ErrEndpoint.
func (c *Client) Select(parent context.Context, query string) ([]Solution, error) {
	ctx, cancel := context.WithTimeout(parent, c.opts.Timeout)
	defer cancel()
	if err := parent.Err(); err != nil {
		return nil, fmt.Errorf("ask the portal: %w", err)
	}
	c.requests.Add(1)
	resp, err := c.http.PostForm(ctx, c.endpoint, url.Values{"query": {query}},
		http.Header{"Accept": {"application/sparql-results+json"}})
	if err != nil {
		return nil, c.fail(parent, ctx, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		head, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
		return nil, c.fail(parent, ctx, fmt.Errorf("HTTP %d: %s", resp.StatusCode, oneLine(head)))
	}
	if mt, _, err := mime.ParseMediaType(resp.Header.Get("Content-Type")); err != nil || !strings.HasSuffix(mt, "json") {
		return nil, c.fail(parent, ctx, fmt.Errorf("answered %q, not application/sparql-results+json", resp.Header.Get("Content-Type")))
	}
	var doc results
	dec := json.NewDecoder(io.LimitReader(resp.Body, c.opts.MaxResultBytes+1))
	if err := dec.Decode(&doc); err != nil {
		return nil, c.fail(parent, ctx, fmt.Errorf("reading the results: %w", err))
	}
	if doc.Results == nil || doc.Results.Bindings == nil {
		return nil, c.fail(parent, ctx, errors.New("the answer holds no results.bindings: not the results of a SELECT"))
	}
	return doc.Results.Bindings, nil
}

// fail wraps err as the endpoint's failure, naming a timeout as such.
// When the caller gave up (its context ended), that is the error instead.
func (c *Client) fail(parent, ctx context.Context, err error) error {
	if perr := parent.Err(); perr != nil {
		return fmt.Errorf("ask the portal: %w", perr)
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		err = fmt.Errorf("no answer within %s: %w", c.opts.Timeout, err)
	}
	return fmt.Errorf("%w (%s): %w", ErrEndpoint, c.endpoint, err)
}

// oneLine makes the start of an error body fit for a log line.
func oneLine(b []byte) string {
	s := strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, string(b))
	return strings.Join(strings.Fields(s), " ")
}
