package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/spf13/cobra"

	"github.com/katalog-se/katalog/config"
	"github.com/katalog-se/katalog/internal/demo"
	"github.com/katalog-se/katalog/internal/importer"
	"github.com/katalog-se/katalog/internal/outbound"
	"github.com/katalog-se/katalog/internal/selfcheck"
	"github.com/katalog-se/katalog/internal/server"
	"github.com/katalog-se/katalog/internal/write"
	"github.com/katalog-se/katalog/schema"
)

func (a *app) serveCmd() *cobra.Command {
	var noDemo bool
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the HTTP service (an empty database gets the built-in demo unless --no-demo)",
		Long: `Run the HTTP service: the JSON API under /api/v1, the DCAT-AP-SE feeds, the HTML
pages, /healthz, /readyz and /metrics. SIGINT or SIGTERM shut it down cleanly:
requests in flight finish first.

When KATALOG_ADMIN_TOKEN is unset, serve generates an operator token and
prints it once on stderr.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := a.config()
			if err != nil {
				return err
			}
			if cmd.Flags().Changed("no-demo") {
				c.NoDemo = noDemo
			}
			return a.serve(c)
		},
	}
	cmd.Flags().BoolVar(&noDemo, "no-demo", false, "do not load the demo into an empty database (env KATALOG_NO_DEMO)")
	return cmd
}

func (a *app) serve(c config.Config) error {
	log := a.logger(c)
	st, err := a.openStore(c)
	if err != nil {
		return err
	}
	defer st.Close()
	tmp, err := openTemp(c, log)
	if err != nil {
		return err
	}
	defer tmp.Close()
	spool, err := tmp.Sub("import")
	if err != nil {
		return err
	}
	imp, err := newImporter(c, st, importer.WithSpoolDir(spool))
	if err != nil {
		return err
	}
	writes := write.New(st, write.Options{Importer: imp, Logger: log})
	if !c.NoDemo {
		loaded, err := demo.Load(a.ctx, st, writes)
		if err != nil {
			return err
		}
		if loaded {
			log.Info("empty database: loaded the demo agencies and datasets (--no-demo skips this)")
		}
	}
	if c.AdminToken == "" {
		tok, err := randomToken()
		if err != nil {
			return err
		}
		c.AdminToken = tok
		fmt.Fprintf(a.stderr, "\nOperator token (shown once; set KATALOG_ADMIN_TOKEN to choose your own):\n  %s\n\n", tok)
	}
	validator, err := schema.New(schema.WithMinCheckInterval(c.Check.MinInterval))
	if err != nil {
		return fmt.Errorf("compile JSON schemas: %w", err)
	}
	base := c.EffectiveBaseURL()
	feeds, closeFeeds, err := newFeeds(tmp, st, base, log)
	if err != nil {
		return err
	}
	defer closeFeeds()
	writes.Subscribe(write.Snapshots(feeds.Drop))
	client, err := newClient(c)
	if err != nil {
		return err
	}
	defer client.CloseIdleConnections()
	selfChecks, err := newSelfChecks(c, client)
	if err != nil {
		return err
	}
	defer selfChecks.Close()
	reg := prometheus.NewRegistry()
	checkTmp, err := tmp.Sub("check")
	if err != nil {
		return err
	}
	bg, err := startBackground(a.ctx, c, st, client, checkTmp, reg, log, writes)
	if err != nil {
		return fmt.Errorf("start the scheduler: %w", err)
	}
	defer bg.stop(c.HTTP.ShutdownTimeout, log)
	srv := server.New(server.Deps{
		Store: st, Validator: validator, Logger: log, Feeds: feeds, BaseURL: base,
		AdminToken: c.AdminToken, MaxBodyBytes: c.HTTP.MaxBodyBytes,
		Writes: writes, ImportMaxBytes: c.Import.MaxBytes,
		ValidateBudget:       server.ValidateBudget{MaxTriples: c.Validation.MaxTriples, Timeout: c.Validation.Timeout},
		TrustedProxies:       c.HTTP.TrustedProxies,
		MaxConcurrentImports: c.HTTP.MaxConcurrentImports, MaxConcurrentValidations: c.HTTP.MaxConcurrentValidations,
		RateLimitPerIP:    server.RateLimit{Rate: c.HTTP.RateLimitPerIP, Burst: int(2 * c.HTTP.RateLimitPerIP)},
		RateLimitPerToken: server.RateLimit{Rate: c.HTTP.RateLimitPerToken, Burst: int(2 * c.HTTP.RateLimitPerToken)},
		Checks:            schedulerChecks{bg.sched}, CheckHistory: st,
		Scores: bg.scores, ScoreHistory: st, Reports: bg.reports, Registry: reg,
		Build:      server.BuildInfo{Name: "katalog", Version: version, Commit: commit},
		SelfChecks: selfChecks, Contact: siteContact(c),
		MailServer: c.Notify.SMTP != "",
	})
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", c.Addr, err)
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: c.HTTP.ReadHeaderTimeout,
		ReadTimeout:       c.HTTP.ReadTimeout,
		WriteTimeout:      c.HTTP.WriteTimeout,
		IdleTimeout:       c.HTTP.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(a.ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	log.Info("katalog serving", "addr", ln.Addr().String(), "base_url", base, "db", c.DB, "version", version)
	select {
	case err := <-errc:
		return fmt.Errorf("http server: %w", err)
	case <-a.ctx.Done():
	}
	log.Info("shutting down: finishing requests in flight", "timeout", c.HTTP.ShutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), c.HTTP.ShutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped cleanly")
	return nil
}

func randomToken() (string, error) {
	var b [24]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b[:]), nil
}

// newSelfChecks wires the self-service checks of /check over the guarded
// client, within the configured budgets.
func newSelfChecks(c config.Config, client *outbound.Client) (*selfcheck.Service, error) {
	allow, err := outbound.ParseAllowCIDRs(c.Check.AllowCIDRs)
	if err != nil {
		return nil, usageErr("check.allowCidrs: %v", err)
	}
	return selfcheck.New(selfcheck.Options{Client: client, AllowCIDRs: allow,
		MaxRunning: c.Check.SelfServiceConcurrent, PerClientPerHour: c.Check.SelfServicePerHour}), nil
}

// siteContact is who the pages name as answering for this katalog; with
// no address configured, katalog's issue tracker.
func siteContact(c config.Config) server.Contact {
	ct := server.Contact{Organisation: c.Site.Organisation, Email: c.Site.ContactEmail, URL: c.Site.ContactURL}
	if ct.Email == "" && ct.URL == "" {
		ct.URL = "https://github.com/katalog-se/katalog/issues"
	}
	return ct
}
