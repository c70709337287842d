package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestDefaultIsValid(t *testing.T) {
	c := Default()
	if err := c.Validate(); err != nil {
		t.Fatalf("defaults invalid: %v", err)
	}
	if got := c.EffectiveBaseURL(); got != "http://127.0.0.1:8080" {
		t.Errorf("EffectiveBaseURL = %q", got)
	}
}

func TestPrecedenceFileThenEnv(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "katalog.yaml")
	yaml := "db: sqlite:/tmp/from-file.db\naddr: 127.0.0.1:9000\nhttp:\n  shutdownTimeout: 5s\n"
	if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	c := Default()
	if err := c.LoadFile(path); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"KATALOG_ADDR": "127.0.0.1:9100", "KATALOG_CHECK_ALLOW_CIDRS": "127.0.0.1/32, ::1/128"}
	if err := c.ApplyEnv(func(k string) (string, bool) { v, ok := env[k]; return v, ok }); err != nil {
		t.Fatal(err)
	}
	if c.DB != "sqlite:/tmp/from-file.db" {
		t.Errorf("DB from file lost: %q", c.DB)
	}
	if c.Addr != "127.0.0.1:9100" {
		t.Errorf("env must win over file: %q", c.Addr)
	}
	if c.HTTP.ShutdownTimeout != 5*time.Second {
		t.Errorf("shutdown timeout = %s", c.HTTP.ShutdownTimeout)
	}
	if len(c.Check.AllowCIDRs) != 2 || c.Check.AllowCIDRs[1] != "::1/128" {
		t.Errorf("allow cidrs = %v", c.Check.AllowCIDRs)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestLoadFileRefusesUnknownKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.yaml")
	os.WriteFile(path, []byte("adress: 1.2.3.4:80\n"), 0o600)
	c := Default()
	err := c.LoadFile(path)
	if err == nil || !strings.Contains(err.Error(), "adress") {
		t.Fatalf("want an error naming the unknown key, got %v", err)
	}
}

func TestLoadEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.yaml")
	os.WriteFile(path, nil, 0o600)
	c := Default()
	if err := c.LoadFile(path); err != nil {
		t.Fatal(err)
	}
	if c.Addr != Default().Addr {
		t.Error("empty file changed settings")
	}
}

func TestValidateNamesTheSetting(t *testing.T) {
	cases := []struct {
		name    string
		mutate  func(*Config)
		setting string
	}{
		{"bad db", func(c *Config) { c.DB = "mysql://x" }, "db:"},
		{"empty sqlite path", func(c *Config) { c.DB = "sqlite:" }, "db:"},
		{"bad addr", func(c *Config) { c.Addr = "8080" }, "addr:"},
		{"relative base", func(c *Config) { c.BaseURL = "/katalog" }, "base-url:"},
		{"ftp base", func(c *Config) { c.BaseURL = "ftp://x.se" }, "base-url:"},
		{"short token", func(c *Config) { c.AdminToken = "abc" }, "admin-token:"},
		{"log level", func(c *Config) { c.Log.Level = "loud" }, "log.level:"},
		{"log format", func(c *Config) { c.Log.Format = "xml" }, "log.format:"},
		{"body cap", func(c *Config) { c.HTTP.MaxBodyBytes = 10 }, "http.maxBodyBytes:"},
		{"timeout", func(c *Config) { c.HTTP.ShutdownTimeout = 0 }, "http.shutdownTimeout:"},
		{"cidr", func(c *Config) { c.Check.AllowCIDRs = []string{"127.0.0.1"} }, "check.allowCidrs:"},
		{"portal endpoint", func(c *Config) { c.Portal.Endpoint = "admin.dataportal.se/sparql" }, "portal.endpoint:"},
		{"portal timeout", func(c *Config) { c.Portal.Timeout = 0 }, "portal.timeout:"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := Default()
			tc.mutate(&c)
			err := c.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.setting) {
				t.Fatalf("want error naming %q, got %v", tc.setting, err)
			}
		})
	}
}

func TestApplyEnvRejectsBadValues(t *testing.T) {
	c := Default()
	err := c.ApplyEnv(func(k string) (string, bool) {
		if k == "KATALOG_SHUTDOWN_TIMEOUT" {
			return "soon", true
		}
		return "", false
	})
	if err == nil || !strings.Contains(err.Error(), "KATALOG_SHUTDOWN_TIMEOUT") {
		t.Fatalf("want error naming the variable, got %v", err)
	}
}

func TestDatabase(t *testing.T) {
	c := Default()
	c.DB = "postgres://u@localhost/k"
	d, dsn, err := c.Database()
	if err != nil || d != "postgres" || dsn != c.DB {
		t.Fatalf("got %q %q %v", d, dsn, err)
	}
}

func TestPortalSettings(t *testing.T) {
	c := Default()
	if c.Portal.Endpoint != "https://admin.dataportal.se/sparql" || c.Portal.Schedule != "30 6 * * *" {
		t.Errorf("portal defaults %+v", c.Portal)
	}
	path := filepath.Join(t.TempDir(), "k.yaml")
	os.WriteFile(path, []byte("portal:\n  schedule: \"0 7 * * *\"\n  timeout: 20s\n"), 0o600)
	if err := c.LoadFile(path); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"KATALOG_PORTAL_ENDPOINT": "http://127.0.0.1:3030/sparql", "KATALOG_PORTAL_TIMEOUT": "5s"}
	if err := c.ApplyEnv(func(k string) (string, bool) { v, ok := env[k]; return v, ok }); err != nil {
		t.Fatal(err)
	}
	if c.Portal.Endpoint != env["KATALOG_PORTAL_ENDPOINT"] || c.Portal.Schedule != "0 7 * * *" || c.Portal.Timeout != 5*time.Second {
		t.Errorf("portal settings %+v", c.Portal)
	}
	if err := c.Validate(); err != nil {
		t.Error(err)
	}
}

func TestNotifyServer(t *testing.T) {
	tests := []struct {
		in      string
		want    *SMTPServer
		wantErr bool
	}{
		{"", nil, false},
		{"smtp://mail.example.se:587", &SMTPServer{Host: "mail.example.se:587"}, false},
		{"smtp://katalog:hemligt@mail.example.se", &SMTPServer{Host: "mail.example.se:25", User: "katalog", Password: "hemligt"}, false},
		{"smtps://mail.example.se", &SMTPServer{Host: "mail.example.se:465", TLS: true}, false},
		{"http://mail.example.se", nil, true},
		{"smtp://", nil, true},
		{"smtp://mail.example.se/inbox", nil, true},
	}
	for _, tt := range tests {
		got, err := NotifyConfig{SMTP: tt.in}.Server()
		if (err != nil) != tt.wantErr || (got == nil) != (tt.want == nil) || got != nil && *got != *tt.want {
			t.Errorf("Server(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
	c := Default()
	c.Notify.SMTP = "smtp://u:secret@mail.example.se:587"
	err := c.Validate()
	if err == nil || !strings.Contains(err.Error(), "notify.from") {
		t.Errorf("smtp without a sender: %v", err)
	}
	c.Notify.SMTP = "ftp://u:secret@x"
	if err := c.Validate(); err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("a bad smtp setting names its password: %v", err)
	}
}

// TestIntEnvSettings: the whole-number settings of the environment reach
// their fields, and a value that is not a whole number is refused naming
// the variable.
func TestIntEnvSettings(t *testing.T) {
	c := Default()
	env := map[string]string{
		"KATALOG_CHECK_HISTORY_KEEP":         "7",
		"KATALOG_CHECK_LINK_WORKERS":         "3",
		"KATALOG_MAX_CONCURRENT_IMPORTS":     "4",
		"KATALOG_MAX_CONCURRENT_VALIDATIONS": "5",
		"KATALOG_SELFCHECK_CONCURRENT":       "6",
		"KATALOG_SELFCHECK_PER_HOUR":         "8",
	}
	if err := c.ApplyEnv(func(k string) (string, bool) { v, ok := env[k]; return v, ok }); err != nil {
		t.Fatal(err)
	}
	if c.Check.HistoryKeep != 7 || c.Check.LinkWorkers != 3 || c.HTTP.MaxConcurrentImports != 4 ||
		c.HTTP.MaxConcurrentValidations != 5 || c.Check.SelfServiceConcurrent != 6 || c.Check.SelfServicePerHour != 8 {
		t.Errorf("check %+v, http %+v", c.Check, c.HTTP)
	}
	err := c.ApplyEnv(func(k string) (string, bool) {
		if k == "KATALOG_CHECK_LINK_WORKERS" {
			return "many", true
		}
		return "", false
	})
	if err == nil || !strings.Contains(err.Error(), "KATALOG_CHECK_LINK_WORKERS") {
		t.Errorf("want an error naming KATALOG_CHECK_LINK_WORKERS, got %v", err)
	}
}
