// Package config holds katalog's typed configuration: defaults, the YAML
// file, KATALOG_* environment variables and validation. Command-line flags
// are applied by cmd/katalog on top (flag > environment > file > default).
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Config is every setting of katalog.
type Config struct {
	// DB is the database: "sqlite:PATH" (the embedded default) or a
	// "postgres://" URL.
	DB string `yaml:"db"`
	// Addr is the listen address of the HTTP service.
	Addr string `yaml:"addr"`
	// BaseURL is the absolute URL under which IRIs and links are minted.
	// Empty means http://<Addr>.
	BaseURL string `yaml:"baseUrl"`
	// AdminToken is the operator's bearer token. Empty: serve generates one.
	AdminToken string `yaml:"adminToken"`
	// NoDemo skips loading the demo data into an empty database.
	NoDemo bool `yaml:"noDemo"`
	// TempDir is where each katalog process keeps its temporary files
	// (feed snapshots, import spools), in a folder of its own; folders of
	// processes that died are swept at start. The default is per user
	// ($TMPDIR/katalog-<uid>), so users do not share it.
	TempDir string `yaml:"tempDir"`

	Log        LogConfig      `yaml:"log"`
	HTTP       HTTPConfig     `yaml:"http"`
	Check      CheckConfig    `yaml:"check"`
	Import     ImportConfig   `yaml:"import"`
	Validation ValidateConfig `yaml:"validate"`
	Report     ReportConfig   `yaml:"reports"`
	Portal     PortalConfig   `yaml:"portal"`
	Site       SiteConfig     `yaml:"site"`
	Notify     NotifyConfig   `yaml:"notify"`
}

// NotifyConfig sets the notifications of agencies when their state
// changes (ready to not ready, new broken links, fewer datasets on the
// portal).
type NotifyConfig struct {
	// SMTP is the mail server: smtp://host:port (STARTTLS when offered) or
	// smtps://host:port, with user info for AUTH PLAIN
	// (smtp://user:password@host:587). Empty: no e-mail is sent.
	SMTP string `yaml:"smtp"`
	// From is the sender address of the mails.
	From string `yaml:"from"`
}

// SiteConfig says who answers for this katalog: every page's footer and
// the accessibility statement name them.
type SiteConfig struct {
	// Organisation runs the service.
	Organisation string `yaml:"organisation"`
	// ContactEmail and ContactURL are where to write (either may be empty;
	// both empty mean katalog's issue tracker).
	ContactEmail string `yaml:"contactEmail"`
	ContactURL   string `yaml:"contactUrl"`
}

// PortalConfig sets the sync with Sveriges dataportal: what its SPARQL
// endpoint lists for each agency.
type PortalConfig struct {
	// Endpoint is the portal's SPARQL 1.1 Protocol endpoint.
	Endpoint string `yaml:"endpoint"`
	// Schedule is a cron spec (Europe/Stockholm) for the sync job, after
	// the portal's nightly harvest at about 04:00; empty turns the job off.
	Schedule string `yaml:"schedule"`
	// Timeout bounds each request to the endpoint.
	Timeout time.Duration `yaml:"timeout"`
}

// DefaultPortalEndpoint is dataportal.se's public SPARQL endpoint.
const DefaultPortalEndpoint = "https://admin.dataportal.se/sparql"

// ValidateConfig bounds one validation requested over HTTP (POST
// /api/v1/validate, which needs no token): its body is capped by
// import.maxBytes.
type ValidateConfig struct {
	// MaxTriples is the most triples one validation reads (413 beyond).
	MaxTriples int64 `yaml:"maxTriples"`
	// Timeout is the longest one validation may take (503 beyond).
	Timeout time.Duration `yaml:"timeout"`
}

// ImportConfig bounds one import run (CLI or API).
type ImportConfig struct {
	// MaxBytes is the largest feed document accepted (also the body limit
	// of the import endpoint).
	MaxBytes int64 `yaml:"maxBytes"`
	// MaxTriples is the most triples one run reads.
	MaxTriples int64 `yaml:"maxTriples"`
}

// LogConfig sets structured logging.
type LogConfig struct {
	// Level is debug, info, warn or error.
	Level string `yaml:"level"`
	// Format is text or json.
	Format string `yaml:"format"`
}

// HTTPConfig bounds the HTTP server.
type HTTPConfig struct {
	MaxBodyBytes int64 `yaml:"maxBodyBytes"`
	// RateLimitPerIP and RateLimitPerToken are requests per second allowed
	// to one client address and to one bearer token (bursts of twice
	// that); 0 turns a limit off.
	RateLimitPerIP    float64       `yaml:"rateLimitPerIp"`
	RateLimitPerToken float64       `yaml:"rateLimitPerToken"`
	ReadHeaderTimeout time.Duration `yaml:"readHeaderTimeout"`
	ReadTimeout       time.Duration `yaml:"readTimeout"`
	WriteTimeout      time.Duration `yaml:"writeTimeout"`
	IdleTimeout       time.Duration `yaml:"idleTimeout"`
	ShutdownTimeout   time.Duration `yaml:"shutdownTimeout"`
	// TrustedProxies are the networks (CIDRs) of reverse proxies whose
	// X-Forwarded-For names the client: the rate limits and the audit log
	// then see the real client address. None by default: the connection's
	// peer is the client.
	TrustedProxies []string `yaml:"trustedProxies"`
	// MaxConcurrentImports and MaxConcurrentValidations bound the imports
	// and validations run at once over HTTP (429 beyond): each holds a
	// whole document's work.
	MaxConcurrentImports     int `yaml:"maxConcurrentImports"`
	MaxConcurrentValidations int `yaml:"maxConcurrentValidations"`
}

// CheckConfig sets outbound readiness checks.
type CheckConfig struct {
	// AllowCIDRs are networks outbound checks may reach although the guard
	// blocks private, loopback and link-local addresses.
	AllowCIDRs []string `yaml:"allowCidrs"`
	// LeaseTTL is how long a scheduled job's lease lasts unless renewed:
	// the job of an instance that died is taken over within it.
	LeaseTTL time.Duration `yaml:"leaseTtl"`
	// SelfServiceConcurrent bounds the self-service checks of /check run
	// at once, and SelfServicePerHour those one client address starts in
	// an hour (a client runs one at a time; a URL is checked at most once
	// in ten minutes).
	SelfServiceConcurrent int `yaml:"selfServiceConcurrent"`
	SelfServicePerHour    int `yaml:"selfServicePerHour"`
	// Timeout bounds one whole check (download, sub-catalogs, probes,
	// links); what is not done by then is reported, and links still
	// queued are checked and recorded afterwards.
	Timeout time.Duration `yaml:"timeout"`
	// MinInterval is the floor on check schedules: an agency's
	// checkSchedule that runs more often is refused by the API, and one
	// already stored is replaced by the default schedule.
	MinInterval time.Duration `yaml:"minInterval"`
	// HistoryKeep and HistoryMaxAge bound each agency's check and score
	// history: older entries beyond the newest HistoryKeep, or older than
	// HistoryMaxAge, are removed daily (the newest always stays).
	HistoryKeep   int           `yaml:"historyKeep"`
	HistoryMaxAge time.Duration `yaml:"historyMaxAge"`
	// LinkWorkers is how many links one instance checks at once from the
	// shared link queue.
	LinkWorkers int `yaml:"linkWorkers"`
}

// ReportConfig sets the trend-report job.
type ReportConfig struct {
	// Schedule is a cron spec for building trend reports.
	Schedule string `yaml:"schedule"`
	// Dir is where report files are written.
	Dir string `yaml:"dir"`
}

// Default returns the defaults: SQLite at ./katalog.db on 127.0.0.1:8080.
func Default() Config {
	return Config{
		DB:      "sqlite:./katalog.db",
		TempDir: filepath.Join(os.TempDir(), "katalog-"+strconv.Itoa(os.Getuid())),
		Addr:    "127.0.0.1:8080",
		Log:     LogConfig{Level: "info", Format: "text"},
		HTTP: HTTPConfig{
			MaxBodyBytes:      10 << 20,
			RateLimitPerIP:    200,
			RateLimitPerToken: 50,
			ReadHeaderTimeout: 10 * time.Second,
			ReadTimeout:       60 * time.Second,
			WriteTimeout:      5 * time.Minute,
			IdleTimeout:       2 * time.Minute,
			ShutdownTimeout:   30 * time.Second,

			MaxConcurrentImports:     2,
			MaxConcurrentValidations: 4,
		},
		Check: CheckConfig{LeaseTTL: 30 * time.Second, SelfServiceConcurrent: 4, SelfServicePerHour: 20,
			Timeout: 5 * time.Minute, MinInterval: time.Hour,
			HistoryKeep: 1000, HistoryMaxAge: 2 * 365 * 24 * time.Hour, LinkWorkers: 32},
		Site:       SiteConfig{Organisation: "katalog"},
		Import:     ImportConfig{MaxBytes: 512 << 20, MaxTriples: 20_000_000},
		Validation: ValidateConfig{MaxTriples: 2_000_000, Timeout: time.Minute},
		Report:     ReportConfig{Schedule: "0 5 1 * *", Dir: "./reports"},
		Portal:     PortalConfig{Endpoint: DefaultPortalEndpoint, Schedule: "30 6 * * *", Timeout: time.Minute},
	}
}

// LoadFile reads a YAML file over c. Unknown keys are refused, so a typo is
// reported rather than ignored.
func (c *Config) LoadFile(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("config file: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	// An empty file decodes to io.EOF: it changes nothing.
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("config file %s: %w", path, err)
	}
	return nil
}

// EnvVar describes one environment variable.
type EnvVar struct {
	Name  string
	Usage string
	set   func(c *Config, v string) error
}

// EnvVars lists the KATALOG_* variables katalog reads, for help texts and the README.
func EnvVars() []EnvVar {
	dur := func(dst func(c *Config) *time.Duration) func(*Config, string) error {
		return func(c *Config, v string) error {
			d, err := time.ParseDuration(v)
			if err != nil {
				return err
			}
			*dst(c) = d
			return nil
		}
	}
	// integer sets an int setting (to 0 with the error when v is not a
	// whole number).
	integer := func(dst func(c *Config) *int) func(*Config, string) error {
		return func(c *Config, v string) error {
			n, err := strconv.Atoi(v)
			*dst(c) = n
			return err
		}
	}
	return []EnvVar{
		{"KATALOG_DB", "database: sqlite:PATH or postgres://…", func(c *Config, v string) error { c.DB = v; return nil }},
		{"KATALOG_ADDR", "listen address", func(c *Config, v string) error { c.Addr = v; return nil }},
		{"KATALOG_BASE_URL", "absolute URL under which IRIs and links are minted", func(c *Config, v string) error { c.BaseURL = v; return nil }},
		{"KATALOG_ADMIN_TOKEN", "the operator's bearer token", func(c *Config, v string) error { c.AdminToken = v; return nil }},
		{"KATALOG_NO_DEMO", "true: do not load demo data into an empty database", func(c *Config, v string) error {
			b, err := strconv.ParseBool(v)
			c.NoDemo = b
			return err
		}},
		{"KATALOG_TEMP_DIR", "where katalog keeps temporary files (a folder per process; dead processes' folders are swept at start)", func(c *Config, v string) error { c.TempDir = v; return nil }},
		{"KATALOG_LOG_LEVEL", "debug, info, warn or error", func(c *Config, v string) error { c.Log.Level = v; return nil }},
		{"KATALOG_LOG_FORMAT", "text or json", func(c *Config, v string) error { c.Log.Format = v; return nil }},
		{"KATALOG_MAX_BODY_BYTES", "largest request body accepted", func(c *Config, v string) error {
			n, err := strconv.ParseInt(v, 10, 64)
			c.HTTP.MaxBodyBytes = n
			return err
		}},
		{"KATALOG_CHECK_LEASE_TTL", "how long a scheduled job's lease lasts unless renewed (a dead instance's job is taken over within it)", dur(func(c *Config) *time.Duration { return &c.Check.LeaseTTL })},
		{"KATALOG_CHECK_TIMEOUT", "longest time one readiness check may take (links still queued are checked afterwards)", dur(func(c *Config) *time.Duration { return &c.Check.Timeout })},
		{"KATALOG_CHECK_MIN_INTERVAL", "floor on check schedules (default 1h): more frequent specs are refused", dur(func(c *Config) *time.Duration { return &c.Check.MinInterval })},
		{"KATALOG_CHECK_HISTORY_KEEP", "checks and scores kept per agency (older ones beyond it are removed daily)", integer(func(c *Config) *int { return &c.Check.HistoryKeep })},
		{"KATALOG_CHECK_HISTORY_MAX_AGE", "age beyond which checks and scores are removed daily (the newest stays)", dur(func(c *Config) *time.Duration { return &c.Check.HistoryMaxAge })},
		{"KATALOG_CHECK_LINK_WORKERS", "links one instance checks at once from the shared link queue", integer(func(c *Config) *int { return &c.Check.LinkWorkers })},
		{"KATALOG_NOTIFY_SMTP", "mail server for notifications: smtp://[user:password@]host:port or smtps://…; unset: no e-mail", func(c *Config, v string) error { c.Notify.SMTP = v; return nil }},
		{"KATALOG_NOTIFY_FROM", "sender address of notification mails", func(c *Config, v string) error { c.Notify.From = v; return nil }},
		{"KATALOG_IMPORT_MAX_BYTES", "largest feed document one import reads", func(c *Config, v string) error {
			n, err := strconv.ParseInt(v, 10, 64)
			c.Import.MaxBytes = n
			return err
		}},
		{"KATALOG_IMPORT_MAX_TRIPLES", "most triples one import reads", func(c *Config, v string) error {
			n, err := strconv.ParseInt(v, 10, 64)
			c.Import.MaxTriples = n
			return err
		}},
		{"KATALOG_VALIDATE_MAX_TRIPLES", "most triples one validation over HTTP reads", func(c *Config, v string) error {
			n, err := strconv.ParseInt(v, 10, 64)
			c.Validation.MaxTriples = n
			return err
		}},
		{"KATALOG_VALIDATE_TIMEOUT", "longest time one validation over HTTP may take", dur(func(c *Config) *time.Duration { return &c.Validation.Timeout })},
		{"KATALOG_RATE_LIMIT_PER_IP", "requests per second one client address may make (0: no limit)", func(c *Config, v string) error {
			f, err := strconv.ParseFloat(v, 64)
			c.HTTP.RateLimitPerIP = f
			return err
		}},
		{"KATALOG_RATE_LIMIT_PER_TOKEN", "requests per second one bearer token may make (0: no limit)", func(c *Config, v string) error {
			f, err := strconv.ParseFloat(v, 64)
			c.HTTP.RateLimitPerToken = f
			return err
		}},
		{"KATALOG_SHUTDOWN_TIMEOUT", "how long shutdown waits for requests in flight", dur(func(c *Config) *time.Duration { return &c.HTTP.ShutdownTimeout })},
		{"KATALOG_WRITE_TIMEOUT", "longest time to write a response", dur(func(c *Config) *time.Duration { return &c.HTTP.WriteTimeout })},
		{"KATALOG_TRUSTED_PROXIES", "comma-separated CIDRs of reverse proxies whose X-Forwarded-For names the client", func(c *Config, v string) error {
			c.HTTP.TrustedProxies = splitList(v)
			return nil
		}},
		{"KATALOG_MAX_CONCURRENT_IMPORTS", "imports run at once over HTTP (429 beyond)", integer(func(c *Config) *int { return &c.HTTP.MaxConcurrentImports })},
		{"KATALOG_MAX_CONCURRENT_VALIDATIONS", "validations run at once over HTTP (429 beyond)", integer(func(c *Config) *int { return &c.HTTP.MaxConcurrentValidations })},
		{"KATALOG_CHECK_ALLOW_CIDRS", "comma-separated CIDRs outbound checks may reach despite the guard", func(c *Config, v string) error {
			c.Check.AllowCIDRs = splitList(v)
			return nil
		}},
		{"KATALOG_SELFCHECK_CONCURRENT", "self-service checks (/check) run at once", integer(func(c *Config) *int { return &c.Check.SelfServiceConcurrent })},
		{"KATALOG_SELFCHECK_PER_HOUR", "self-service checks one client address may start in an hour", integer(func(c *Config) *int { return &c.Check.SelfServicePerHour })},
		{"KATALOG_SITE_ORGANISATION", "who runs this katalog (the pages' footer and accessibility statement)", func(c *Config, v string) error { c.Site.Organisation = v; return nil }},
		{"KATALOG_SITE_CONTACT_EMAIL", "e-mail address for questions and accessibility reports", func(c *Config, v string) error { c.Site.ContactEmail = v; return nil }},
		{"KATALOG_SITE_CONTACT_URL", "web address for questions and accessibility reports", func(c *Config, v string) error { c.Site.ContactURL = v; return nil }},
		{"KATALOG_REPORT_SCHEDULE", "cron spec of the trend-report job", func(c *Config, v string) error { c.Report.Schedule = v; return nil }},
		{"KATALOG_REPORT_DIR", "directory for report files", func(c *Config, v string) error { c.Report.Dir = v; return nil }},
		{"KATALOG_PORTAL_ENDPOINT", "dataportal.se's SPARQL endpoint", func(c *Config, v string) error { c.Portal.Endpoint = v; return nil }},
		{"KATALOG_PORTAL_SCHEDULE", "cron spec of the portal sync job (empty: off)", func(c *Config, v string) error { c.Portal.Schedule = v; return nil }},
		{"KATALOG_PORTAL_TIMEOUT", "longest time one request to the portal's endpoint may take", dur(func(c *Config) *time.Duration { return &c.Portal.Timeout })},
	}
}

// ApplyEnv applies the KATALOG_* variables found by lookup (os.LookupEnv in
// production) over c.
func (c *Config) ApplyEnv(lookup func(string) (string, bool)) error {
	for _, e := range EnvVars() {
		v, ok := lookup(e.Name)
		if !ok {
			continue
		}
		if err := e.set(c, v); err != nil {
			return fmt.Errorf("%s=%q: %w", e.Name, v, err)
		}
	}
	return nil
}

// Validate refuses settings that cannot work, naming the setting.
func (c *Config) Validate() error {
	var errs []error
	bad := func(setting, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", setting, fmt.Sprintf(format, args...)))
	}
	if _, _, err := c.Database(); err != nil {
		bad("db", "%v", err)
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		bad("addr", "want host:port, got %q", c.Addr)
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			bad("base-url", "want an absolute http(s) URL without query or fragment, got %q", c.BaseURL)
		}
	}
	if c.AdminToken != "" && len(c.AdminToken) < 16 {
		bad("admin-token", "must be at least 16 characters")
	}
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		bad("log.level", "want debug, info, warn or error, got %q", c.Log.Level)
	}
	switch c.Log.Format {
	case "text", "json":
	default:
		bad("log.format", "want text or json, got %q", c.Log.Format)
	}
	if c.HTTP.RateLimitPerIP < 0 || c.HTTP.RateLimitPerToken < 0 {
		bad("http.rateLimitPerIp", "rate limits cannot be negative")
	}
	if c.Check.LeaseTTL < time.Second {
		bad("check.leaseTtl", "must be at least 1s, got %s", c.Check.LeaseTTL)
	}
	if c.Check.Timeout < time.Second {
		bad("check.timeout", "must be at least 1s, got %s", c.Check.Timeout)
	}
	if c.Check.MinInterval < time.Second {
		bad("check.minInterval", "must be at least 1s, got %s", c.Check.MinInterval)
	}
	if c.Check.HistoryKeep < 1 {
		bad("check.historyKeep", "must be at least 1, got %d", c.Check.HistoryKeep)
	}
	if c.Check.HistoryMaxAge < 24*time.Hour {
		bad("check.historyMaxAge", "must be at least 24h, got %s", c.Check.HistoryMaxAge)
	}
	if c.Check.LinkWorkers < 1 {
		bad("check.linkWorkers", "must be at least 1, got %d", c.Check.LinkWorkers)
	}
	if _, err := c.Notify.Server(); err != nil {
		bad("notify.smtp", "%v", err)
	}
	if c.Notify.SMTP != "" && c.Notify.From == "" {
		bad("notify.from", "a sender address is needed when notify.smtp is set")
	}
	if c.Import.MaxBytes < 1024 {
		bad("import.maxBytes", "must be at least 1024, got %d", c.Import.MaxBytes)
	}
	if c.Import.MaxTriples < 1 {
		bad("import.maxTriples", "must be at least 1, got %d", c.Import.MaxTriples)
	}
	if c.Validation.MaxTriples < 1 {
		bad("validate.maxTriples", "must be at least 1, got %d", c.Validation.MaxTriples)
	}
	if c.Validation.Timeout < time.Second {
		bad("validate.timeout", "must be at least 1s, got %s", c.Validation.Timeout)
	}
	if c.HTTP.MaxBodyBytes < 1024 {
		bad("http.maxBodyBytes", "must be at least 1024, got %d", c.HTTP.MaxBodyBytes)
	}
	for name, d := range map[string]time.Duration{
		"http.readHeaderTimeout": c.HTTP.ReadHeaderTimeout, "http.readTimeout": c.HTTP.ReadTimeout,
		"http.writeTimeout": c.HTTP.WriteTimeout, "http.idleTimeout": c.HTTP.IdleTimeout,
		"http.shutdownTimeout": c.HTTP.ShutdownTimeout,
	} {
		if d <= 0 {
			bad(name, "must be positive, got %s", d)
		}
	}
	if u, err := url.Parse(c.Portal.Endpoint); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Fragment != "" {
		bad("portal.endpoint", "want an absolute http(s) URL, got %q", c.Portal.Endpoint)
	}
	if c.Portal.Timeout < time.Second {
		bad("portal.timeout", "must be at least 1s, got %s", c.Portal.Timeout)
	}
	for _, s := range c.Check.AllowCIDRs {
		if _, err := netip.ParsePrefix(s); err != nil {
			bad("check.allowCidrs", "%q is not a CIDR", s)
		}
	}
	for _, s := range c.HTTP.TrustedProxies {
		if _, err := netip.ParsePrefix(s); err != nil {
			bad("http.trustedProxies", "%q is not a CIDR", s)
		}
	}
	if c.Check.SelfServiceConcurrent < 1 || c.Check.SelfServicePerHour < 1 {
		bad("check.selfServiceConcurrent", "self-service limits must be at least 1, got %d and %d", c.Check.SelfServiceConcurrent, c.Check.SelfServicePerHour)
	}
	if u := c.Site.ContactURL; u != "" && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
		bad("site.contactUrl", "want an http(s) URL, got %q", u)
	}
	if c.HTTP.MaxConcurrentImports < 1 || c.HTTP.MaxConcurrentValidations < 1 {
		bad("http.maxConcurrentImports", "concurrency limits must be at least 1, got %d and %d", c.HTTP.MaxConcurrentImports, c.HTTP.MaxConcurrentValidations)
	}
	return errors.Join(errs...)
}

// Database splits DB into a driver ("sqlite" or "postgres") and its data
// source.
func (c *Config) Database() (driver, dsn string, err error) {
	switch {
	case strings.HasPrefix(c.DB, "sqlite:"):
		p := strings.TrimPrefix(c.DB, "sqlite:")
		if p == "" {
			return "", "", fmt.Errorf("sqlite: needs a path, e.g. sqlite:./katalog.db")
		}
		return "sqlite", p, nil
	case strings.HasPrefix(c.DB, "postgres://"), strings.HasPrefix(c.DB, "postgresql://"):
		return "postgres", c.DB, nil
	}
	return "", "", fmt.Errorf("want sqlite:PATH or postgres://…, got %q", c.DB)
}

// EffectiveBaseURL is BaseURL, or http://Addr when unset, without a trailing slash.
func (c *Config) EffectiveBaseURL() string {
	if c.BaseURL != "" {
		return strings.TrimRight(c.BaseURL, "/")
	}
	return "http://" + c.Addr
}

// SMTPServer is notify.smtp read: where to send mail and how.
type SMTPServer struct {
	// Host is host:port.
	Host string
	// TLS: smtps (TLS from the start); otherwise STARTTLS when offered.
	TLS bool
	// User and Password, when User is set, are sent with AUTH PLAIN.
	User, Password string
}

// Server reads SMTP: nil when it is unset (no e-mail).
func (n NotifyConfig) Server() (*SMTPServer, error) {
	if n.SMTP == "" {
		return nil, nil
	}
	u, err := url.Parse(n.SMTP)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Host == "" || u.Path != "" && u.Path != "/" || u.RawQuery != "" {
		return nil, fmt.Errorf("want smtp://[user:password@]host:port or smtps://…, got %q", redactUser(n.SMTP))
	}
	host := u.Host
	if u.Port() == "" {
		port := "25"
		if u.Scheme == "smtps" {
			port = "465"
		}
		host = net.JoinHostPort(u.Hostname(), port)
	}
	s := &SMTPServer{Host: host, TLS: u.Scheme == "smtps"}
	if u.User != nil {
		s.User = u.User.Username()
		s.Password, _ = u.User.Password()
	}
	return s, nil
}

// redactUser hides the user info of a URL-like setting in messages.
func redactUser(s string) string {
	if i := strings.Index(s, "@"); i >= 0 {
		if j := strings.Index(s, "://"); j >= 0 && j < i {
			return s[:j+3] + "…" + s[i:]
		}
	}
	return s
}

// splitList splits a comma-separated setting, dropping empty items.
func splitList(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
