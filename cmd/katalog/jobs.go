package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/config"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/validate"
	"github.com/katalog-se/katalog/internal/linkwork"
	"github.com/katalog-se/katalog/internal/notify"
	"github.com/katalog-se/katalog/internal/outbound"
	"github.com/katalog-se/katalog/internal/publish"
	"github.com/katalog-se/katalog/internal/readiness"
	"github.com/katalog-se/katalog/internal/report"
	"github.com/katalog-se/katalog/internal/schedule"
	"github.com/katalog-se/katalog/internal/score"
	"github.com/katalog-se/katalog/internal/server"
	"github.com/katalog-se/katalog/internal/store/sqlstore"
	"github.com/katalog-se/katalog/internal/write"
)

// hostedValidator validates the DCAT-AP-SE feed katalog serves for an
// agency, from the builder's triples in memory, for the score's validation
// input.
func hostedValidator(b *publish.Builder) func(ctx context.Context, org catalog.OrgNumber) (*score.ValidationSummary, error) {
	p, err := validate.Lookup(validate.DefaultProfile)
	if err != nil {
		panic(err) // the default profile is built in
	}
	v := validate.New(p, validate.WithMaxResults(1))
	return func(ctx context.Context, org catalog.OrgNumber) (*score.ValidationSummary, error) {
		rep, err := b.ValidateAgency(ctx, org, v)
		if err != nil {
			return nil, err
		}
		return &score.ValidationSummary{Profile: rep.Profile, ValidatedAt: time.Now(), Errors: rep.Errors, Warnings: rep.Warnings}, nil
	}
}

// checkMetrics counts readiness checks by outcome and times them.
type checkMetrics struct {
	runs     *prometheus.CounterVec
	duration prometheus.Histogram
	links    prometheus.Counter
}

func newCheckMetrics(reg *prometheus.Registry) *checkMetrics {
	m := &checkMetrics{
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "katalog_checks_total", Help: "Readiness checks finished, by outcome (ready, not_ready, failed).",
		}, []string{"outcome"}),
		duration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "katalog_check_duration_seconds", Help: "Duration of readiness checks.",
			Buckets: prometheus.ExponentialBuckets(0.1, 2, 12),
		}),
		links: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "katalog_links_checked_total", Help: "Links this instance checked from the shared link queue.",
		}),
	}
	reg.MustRegister(m.runs, m.duration, m.links)
	return m
}

func (m *checkMetrics) observe(rec catalog.CheckRecord) {
	outcome := "failed"
	switch {
	case rec.Status == catalog.StatusOK && rec.Ready:
		outcome = "ready"
	case rec.Status == catalog.StatusOK:
		outcome = "not_ready"
	}
	m.runs.WithLabelValues(outcome).Inc()
	if !rec.FinishedAt.IsZero() {
		m.duration.Observe(rec.FinishedAt.Sub(rec.StartedAt).Seconds())
	}
}

// checkRunner runs the readiness check of an agency's own catalog for the
// scheduler (its harvest URL, or a discovery at the portal's conventional
// address), and keeps through the write path every link it probed (the
// agency's link table) and what it read (the agency's observed catalog).
func checkRunner(checker *readiness.Checker, writes *write.Service) schedule.Runner {
	return func(ctx context.Context, a catalog.Agency) (schedule.Result, error) {
		ac, err := checker.CheckAgency(ctx, a, readiness.Recorders{Links: writes.RecordLinks, Observe: writes.Observe})
		if err != nil {
			return schedule.Result{}, err
		}
		return schedule.Result{Ready: ac.Ready, Report: ac.Report, URL: ac.URL, NoEndpoint: ac.NoEndpoint()}, nil
	}
}

// schedulerChecks adapts the scheduler to the server's CheckRunner.
type schedulerChecks struct{ s *schedule.Scheduler }

func (c schedulerChecks) CheckNow(ctx context.Context, a catalog.Agency) (*catalog.CheckRecord, error) {
	rec, err := c.s.CheckNow(ctx, a)
	if errors.Is(err, schedule.ErrRunning) {
		return nil, fmt.Errorf("%w: %w", server.ErrCheckRunning, err)
	}
	return rec, err
}

func (c schedulerChecks) Sync(ctx context.Context) error { return c.s.Sync(ctx) }

// background is what serve runs besides the HTTP server: the scheduler,
// the rescoring queue and the link workers.
type background struct {
	sched   *schedule.Scheduler
	scores  *score.Service
	reports *report.Builder
	links   *linkwork.Pool
	// changes finds changes of agencies' state; deliver sends the
	// notifications of them.
	changes *notify.Detector
	deliver *notify.Deliverer
	// stopFollowing ends write.Follow and waits for it.
	stopFollowing func()
}

// startBackground wires and starts the scheduler (checks, on each agency's
// schedule) and the scoring service (rescoring after changes and checks).
//
// Both follow the write path: every change rescores the agencies it
// touched and re-reads their schedules, and changes by other processes on
// the same database (write.Follow) re-read the schedules too.
func startBackground(ctx context.Context, c config.Config, st *sqlstore.Store, client *outbound.Client, tmp string, reg *prometheus.Registry, log *slog.Logger, writes *write.Service) (*background, error) {
	scores, err := newScores(c, st, log)
	if err != nil {
		return nil, err
	}
	reports := newReports(c, st)
	metrics := newCheckMetrics(reg)
	// The mapper reads observed catalogs' datasets: under katalog's own
	// base, so that its own IRIs are told apart.
	mapper, err := dcat.NewMapper(c.EffectiveBaseURL())
	if err != nil {
		return nil, usageErr("base-url: %v", err)
	}
	holder := instanceName()
	links, err := linkwork.New(linkwork.Options{Store: st, Client: client, Record: writes.RecordLinkCycle, Holder: holder,
		Workers: c.Check.LinkWorkers, LeaseTTL: c.Check.LeaseTTL, Logger: log, Checked: func(n int) { metrics.links.Add(float64(n)) }})
	if err != nil {
		return nil, err
	}
	checker := readiness.NewChecker(readiness.Options{Client: client, Validator: feedValidator(), KeepLinks: true, Mapper: mapper,
		Links: links, Timeout: c.Check.Timeout, TempDir: tmp})
	sched, err := schedule.New(schedule.Options{
		Holder:      holder,
		Store:       st,
		Runner:      checkRunner(checker, writes),
		Logger:      log,
		LeaseTTL:    c.Check.LeaseTTL,
		MinInterval: c.Check.MinInterval,
		Retention:   schedule.Retention{Keep: c.Check.HistoryKeep, MaxAge: c.Check.HistoryMaxAge},
		OnCheck: func(ctx context.Context, rec catalog.CheckRecord) {
			metrics.observe(rec)
			writes.CheckFinished(ctx, rec.Agency)
		},
	})
	if err != nil {
		return nil, err
	}
	changes, deliver, err := newNotifications(c, st, writes, client, holder, log)
	if err != nil {
		return nil, err
	}
	writes.Subscribe(write.Rescoring(scores.Enqueue))
	writes.Subscribe(write.Scheduling(sched.SyncAgencies, log))
	writes.Subscribe(changes.Subscriber())
	scores.Start()
	links.Start()
	changes.Start()
	deliver.Start()
	if err := sched.Start(ctx); err != nil {
		deliver.Stop()
		changes.Stop()
		links.Stop()
		scores.Stop()
		return nil, err
	}
	followCtx, stopFollowing := context.WithCancel(ctx)
	followed := make(chan struct{})
	go func() {
		defer close(followed)
		writes.Follow(followCtx, write.DefaultFollowInterval)
	}()
	bg := &background{sched: sched, scores: scores, reports: reports, links: links, changes: changes, deliver: deliver,
		stopFollowing: func() { stopFollowing(); <-followed }}
	if err := sched.AddJob(ctx, "notify-digest", notifyDigestSpec, changes.Digest); err != nil {
		bg.stop(time.Second, log)
		return nil, err
	}
	if c.Report.Schedule != "" {
		err := sched.AddJob(ctx, "report", c.Report.Schedule, func(ctx context.Context) error {
			_, err := buildReport(ctx, scores, reports)
			return err
		})
		if err != nil {
			bg.stop(time.Second, log)
			return nil, usageErr("reports.schedule: %v", err)
		}
	}
	if c.Portal.Schedule != "" {
		if err := addPortalJob(ctx, c, st, writes, log, sched); err != nil {
			bg.stop(time.Second, log)
			return nil, err
		}
	}
	return bg, nil
}

// addPortalJob registers the portal sync as a global job on
// portal.schedule: one instance runs each morning's sync, after the
// portal's harvest; its PortalSynced event queues the rescoring.
func addPortalJob(ctx context.Context, c config.Config, st *sqlstore.Store, writes *write.Service, log *slog.Logger, sched *schedule.Scheduler) error {
	syncer, _, err := newPortalSyncer(c, st, writes, log)
	if err != nil {
		return err
	}
	err = sched.AddJob(ctx, "portal", c.Portal.Schedule, func(ctx context.Context) error {
		_, err := syncer.Sync(ctx)
		return err
	})
	if err != nil {
		return usageErr("portal.schedule: %v", err)
	}
	return nil
}

// stop stops the scheduler (waiting up to timeout for running checks) and
// the rescoring queue.
func (bg *background) stop(timeout time.Duration, log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if bg.stopFollowing != nil {
		bg.stopFollowing()
	}
	if err := bg.sched.Stop(ctx); err != nil {
		log.Warn("scheduler stop", "err", err)
	}
	bg.links.Stop()
	bg.deliver.Stop()
	bg.changes.Stop()
	bg.scores.Stop()
}

// notifyDigestSpec is when the daily digests of changes are sent.
const notifyDigestSpec = "0 7 * * *"

// newNotifications wires the detection of agencies' changes and the
// delivery of their notifications: e-mail through notify.smtp when set,
// webhooks through the guarded client.
func newNotifications(c config.Config, st *sqlstore.Store, writes *write.Service, client *outbound.Client, holder string, log *slog.Logger) (*notify.Detector, *notify.Deliverer, error) {
	server, err := c.Notify.Server()
	if err != nil {
		return nil, nil, usageErr("notify.smtp: %v", err)
	}
	changes, err := notify.NewDetector(notify.DetectorOptions{Store: st, Writer: writes, Mail: server != nil, BaseURL: c.EffectiveBaseURL(), Logger: log})
	if err != nil {
		return nil, nil, err
	}
	var mailer notify.Mailer
	if server != nil {
		mailer = &notify.SMTPMailer{Addr: server.Host, TLS: server.TLS, User: server.User, Password: server.Password, From: c.Notify.From}
	}
	deliver, err := notify.NewDeliverer(notify.DelivererOptions{Store: st, Mailer: mailer, Client: client, Holder: holder, Logger: log})
	if err != nil {
		return nil, nil, err
	}
	return changes, deliver, nil
}

// instanceName names this process in leases: host, process ID and a
// random suffix.
func instanceName() string {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "katalog"
	}
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
}
