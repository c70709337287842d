// Package selfcheck runs the readiness checks anyone may ask for on the
// web ("Kontrollera en katalog"): a URL is checked the way Sveriges
// dataportal harvests it, in the background, and the result is kept for a
// while under a random id, its permalink.
//
// katalog must not become a way to hammer someone else's server, so the
// service holds every check to budgets besides the outbound client's own
// (the SSRF guard, per-host limits, caps on size and time):
//
//   - a URL checked in the last CacheFor (10 minutes) is not checked
//     again: whoever asks gets that check (running or done);
//   - at most MaxRunning checks run at once (4), and one client address
//     (an IPv6 /64) runs at most PerClient at a time (1) and starts at most
//     PerClientPerHour an hour (20);
//   - a URL whose host is an address the guard refuses is refused at once,
//     and a host name that resolves to one is refused when dialled.
//
// Results live in memory, at most MaxKept of them for at most Keep (24
// hours): a permalink works on the instance that ran the check for that
// long.
package selfcheck

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/katalog-se/katalog/dcat/validate"
	"github.com/katalog-se/katalog/internal/findings"
	"github.com/katalog-se/katalog/internal/outbound"
	"github.com/katalog-se/katalog/internal/readiness"
	"github.com/knakk/rdf"
)

// Defaults of Options.
const (
	DefaultMaxRunning       = 4
	DefaultPerClient        = 1
	DefaultPerClientPerHour = 20
	DefaultCacheFor         = 10 * time.Minute
	DefaultKeep             = 24 * time.Hour
	DefaultMaxKept          = 1000
	DefaultTimeout          = 3 * time.Minute
	maxURLLength            = 2048
)

// Options configure a Service.
type Options struct {
	// Client makes every request; required.
	Client *outbound.Client
	// AllowCIDRs are the networks the client may reach although the guard
	// blocks them (the same as the client's), for refusing at once.
	AllowCIDRs []netip.Prefix
	// Profile validates what is read; the zero value is DCAT-AP-SE's default.
	Profile *validate.Profile
	// MaxRunning, PerClient and PerClientPerHour bound the checks (see the
	// package documentation); 0 means the default.
	MaxRunning, PerClient, PerClientPerHour int
	// CacheFor is how long a URL's check stands for new requests; Keep how
	// long a result is kept; MaxKept how many; Timeout one check's time.
	CacheFor, Keep, Timeout time.Duration
	MaxKept                 int
	// Checker tunes the readiness checker of each check (tests skip the
	// link check); nil uses the defaults.
	Checker func(*readiness.Options)
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Statuses of a check.
const (
	StatusRunning = "running"
	StatusDone    = "ok"
	StatusFailed  = "failed"
)

// Check is one self-service check: a copy, safe to read.
type Check struct {
	ID       string
	URL      string
	Started  time.Time
	Finished time.Time
	// Status is StatusRunning, StatusDone or StatusFailed (the check could
	// not be completed; Error says why).
	Status string
	Error  string
	Result *readiness.Result
	// Validation is the catalog's validation, grouped by dataset (nil
	// when nothing could be validated).
	Validation *findings.Report
	// LinksDone and LinksTotal count the links checked so far.
	LinksDone, LinksTotal int
}

// LimitError says a check was refused by a budget, and when to try again.
type LimitError struct {
	// Which is "running" (all slots busy), "client" (the client runs one
	// already) or "hourly" (the client started its hour's checks).
	Which string
	Retry time.Duration
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("selfcheck: over the %s limit; try again in %s", e.Which, e.Retry.Round(time.Second))
}

// ErrBadURL is returned (wrapped) for a URL the service does not check:
// not an absolute http(s) URL, with user information, too long, or whose
// host is an address the guard refuses.
var ErrBadURL = errors.New("not a URL that can be checked")

// Service runs and keeps self-service checks. It is safe for concurrent use.
type Service struct {
	opts      Options
	validator *findings.Validator
	base      context.Context
	stop      context.CancelFunc
	wg        sync.WaitGroup

	mu      sync.Mutex
	checks  map[string]*Check
	byURL   map[string]string
	running int
	clients map[string]*client
}

// client is what the service keeps of one client address.
type client struct {
	running int
	starts  []time.Time
}

// New returns a service; Close stops its checks.
func New(opts Options) *Service {
	if opts.Client == nil {
		panic("selfcheck: New needs a Client")
	}
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&opts.MaxRunning, DefaultMaxRunning)
	def(&opts.PerClient, DefaultPerClient)
	def(&opts.PerClientPerHour, DefaultPerClientPerHour)
	def(&opts.MaxKept, DefaultMaxKept)
	for _, d := range []struct {
		v *time.Duration
		d time.Duration
	}{{&opts.CacheFor, DefaultCacheFor}, {&opts.Keep, DefaultKeep}, {&opts.Timeout, DefaultTimeout}} {
		if *d.v <= 0 {
			*d.v = d.d
		}
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Profile == nil {
		p, err := validate.Lookup(validate.DefaultProfile)
		if err != nil {
			panic(err) // the default profile is built in
		}
		opts.Profile = &p
	}
	base, stop := context.WithCancel(context.Background())
	return &Service{opts: opts, validator: findings.NewValidator(*opts.Profile), base: base, stop: stop, checks: map[string]*Check{}, byURL: map[string]string{}, clients: map[string]*client{}}
}

// Close cancels the running checks and waits for them to end.
func (s *Service) Close() {
	s.stop()
	s.wg.Wait()
}

// Normalize checks that raw is a URL the service may check and returns it
// in its canonical form (scheme and host lower case, no fragment).
func (s *Service) Normalize(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if len(raw) > maxURLLength {
		return "", fmt.Errorf("%w: longer than %d characters", ErrBadURL, maxURLLength)
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "" {
		return "", fmt.Errorf("%w: not an absolute http or https URL", ErrBadURL)
	}
	if u.User != nil {
		return "", fmt.Errorf("%w: user information (user:password@) in the URL", ErrBadURL)
	}
	u.Scheme, u.Host, u.Fragment, u.RawFragment = strings.ToLower(u.Scheme), strings.ToLower(u.Host), "", ""
	host := u.Hostname()
	if addr, err := netip.ParseAddr(host); err == nil {
		if err := (outbound.Guard{Allow: s.opts.AllowCIDRs}).Check(addr); err != nil {
			return "", fmt.Errorf("%w: the address is not allowed (not a public address)", ErrBadURL)
		}
	} else if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		if (outbound.Guard{Allow: s.opts.AllowCIDRs}).Check(netip.MustParseAddr("127.0.0.1")) != nil {
			return "", fmt.Errorf("%w: the address is not allowed (not a public address)", ErrBadURL)
		}
	}
	return u.String(), nil
}

// Start starts a check of rawURL for the client at address clientAddr, or
// returns the check of the same URL made in the last CacheFor (reused
// true). It refuses a URL it does not check (ErrBadURL) and a check over
// a budget (*LimitError).
func (s *Service) Start(rawURL, clientAddr string) (c *Check, reused bool, err error) {
	u, err := s.Normalize(rawURL)
	if err != nil {
		return nil, false, err
	}
	now := s.opts.Now()
	key := clientKey(clientAddr)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweep(now)
	if id, ok := s.byURL[u]; ok {
		if c := s.checks[id]; c != nil && (c.Status == StatusRunning || now.Sub(c.Finished) < s.opts.CacheFor) {
			cp := *c
			return &cp, true, nil
		}
	}
	cl := s.clients[key]
	if cl == nil {
		cl = &client{}
		s.clients[key] = cl
	}
	if err := s.admit(cl, now); err != nil {
		return nil, false, err
	}
	c = &Check{ID: newID(), URL: u, Started: now, Status: StatusRunning}
	s.checks[c.ID], s.byURL[u] = c, c.ID
	s.running++
	cl.running++
	cl.starts = append(cl.starts, now)
	s.wg.Add(1)
	go s.run(c, key)
	cp := *c
	return &cp, false, nil
}

// admit applies the budgets to a new check of cl (s.mu held).
func (s *Service) admit(cl *client, now time.Time) error {
	hourAgo := now.Add(-time.Hour)
	kept := cl.starts[:0]
	for _, t := range cl.starts {
		if t.After(hourAgo) {
			kept = append(kept, t)
		}
	}
	cl.starts = kept
	switch {
	case cl.running >= s.opts.PerClient:
		return &LimitError{Which: "client", Retry: 30 * time.Second}
	case len(cl.starts) >= s.opts.PerClientPerHour:
		return &LimitError{Which: "hourly", Retry: cl.starts[0].Add(time.Hour).Sub(now)}
	case s.running >= s.opts.MaxRunning:
		return &LimitError{Which: "running", Retry: 30 * time.Second}
	}
	return nil
}

// Get returns a copy of the check id, if it is kept.
func (s *Service) Get(id string) (*Check, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.checks[id]
	if !ok {
		return nil, false
	}
	cp := *c
	return &cp, true
}

// Running is how many checks run now.
func (s *Service) Running() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.running
}

// groupedValidation is a findings.Session as the readiness check's
// validation session: its grouped report goes to *report.
type groupedValidation struct {
	ctx    context.Context
	s      *findings.Session
	report **findings.Report
}

func (v *groupedValidation) Write(t rdf.Triple) error { return v.s.Write(t) }

// Finish reports the counts and keeps the grouped report.
func (v *groupedValidation) Finish() (errors, warnings int, err error) {
	rep, err := v.s.Report(v.ctx)
	if err != nil {
		return 0, 0, err
	}
	*v.report = rep
	return rep.Errors, rep.Warnings, nil
}

// run checks c.URL and records the outcome.
func (s *Service) run(c *Check, clientKey string) {
	defer s.wg.Done()
	ctx, cancel := context.WithTimeout(s.base, s.opts.Timeout)
	defer cancel()
	var validation *findings.Report
	ro := readiness.Options{Client: s.opts.Client, LinkConcurrency: 8,
		Validator: readiness.SessionFunc(func() readiness.ValidationSession {
			return &groupedValidation{ctx: ctx, s: s.validator.NewSession(), report: &validation}
		}),
		Progress: func(done, total int) {
			s.mu.Lock()
			c.LinksDone, c.LinksTotal = done, total
			s.mu.Unlock()
		}}
	if s.opts.Checker != nil {
		s.opts.Checker(&ro)
	}
	res, err := readiness.NewChecker(ro).Check(ctx, c.URL)
	s.mu.Lock()
	defer s.mu.Unlock()
	c.Finished = s.opts.Now()
	switch {
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled):
		c.Status, c.Error = StatusFailed, "the check took longer than "+s.opts.Timeout.String()+" or was stopped"
	case err != nil:
		c.Status, c.Error = StatusFailed, err.Error()
	case ctx.Err() != nil:
		c.Status, c.Error, c.Result = StatusFailed, "the check took longer than "+s.opts.Timeout.String(), res
	default:
		c.Status, c.Result, c.Validation = StatusDone, res, validation
	}
	s.running--
	if cl := s.clients[clientKey]; cl != nil {
		cl.running--
	}
}

// sweep forgets checks older than Keep, then the oldest finished ones
// beyond MaxKept, and clients with nothing running nor started in the
// last hour (s.mu held).
func (s *Service) sweep(now time.Time) {
	var finished []*Check
	for id, c := range s.checks {
		if c.Status != StatusRunning && now.Sub(c.Finished) > s.opts.Keep {
			s.forget(id, c)
			continue
		}
		if c.Status != StatusRunning {
			finished = append(finished, c)
		}
	}
	for len(s.checks) >= s.opts.MaxKept && len(finished) > 0 {
		oldest := 0
		for i, c := range finished {
			if c.Finished.Before(finished[oldest].Finished) {
				oldest = i
			}
		}
		s.forget(finished[oldest].ID, finished[oldest])
		finished = append(finished[:oldest], finished[oldest+1:]...)
	}
	for k, cl := range s.clients {
		if cl.running == 0 && (len(cl.starts) == 0 || now.Sub(cl.starts[len(cl.starts)-1]) > time.Hour) {
			delete(s.clients, k)
		}
	}
}

func (s *Service) forget(id string, c *Check) {
	delete(s.checks, id)
	if s.byURL[c.URL] == id {
		delete(s.byURL, c.URL)
	}
}

// clientKey is the budget key of a client address: the address, or its
// /64 for IPv6 (one host usually holds a whole /64).
func clientKey(addr string) string {
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return addr
	}
	if a.Is6() && !a.Is4In6() {
		p, _ := a.Prefix(64)
		return p.String()
	}
	return a.Unmap().String()
}

// newID is a random, unguessable check id.
func newID() string {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("selfcheck: no randomness: %v", err))
	}
	return hex.EncodeToString(b)
}
