package schedule

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // Europe/Stockholm even where the system has no zoneinfo

	"github.com/robfig/cron/v3"

	"github.com/katalog-se/katalog/catalog"
)

// Store is what the scheduler needs of the database: the agencies, and the
// leases, run log and check history.
type Store interface {
	Agencies(ctx context.Context, p catalog.Page) ([]catalog.Agency, int, error)
	Agency(ctx context.Context, org catalog.OrgNumber) (*catalog.Agency, error)
	catalog.JobStore
	catalog.HistoryStore
}

// Result is what a check run reports.
type Result struct {
	// Ready is the check's verdict on the endpoint.
	Ready bool
	// Report is the check's report as JSON, stored in the check record.
	Report []byte
	// URL is the endpoint a discovery check (an agency without a harvest
	// URL) is about: where it found a catalog, or the address it reports
	// trying. Ignored for an agency with a harvest URL.
	URL string
	// NoEndpoint is true when a discovery check found no catalog: there was
	// no endpoint to judge (see Scheduler.Sync).
	NoEndpoint bool
}

// Runner checks one agency's own catalog: at agency.HarvestURL or, when
// the agency has none, at the portal's conventional address under its
// homepage (a discovery check; catalog.ConventionURLs). It should return
// when ctx ends, which happens at MaxRun. An error makes the record
// "failed"; its Report, if any, is kept, else the error is.
type Runner func(ctx context.Context, agency catalog.Agency) (Result, error)

// JobFunc is the work of a global job.
type JobFunc func(ctx context.Context) error

// Defaults of Options.
const (
	DefaultLocation = "Europe/Stockholm"
	DefaultMaxRun   = 10 * time.Minute
	// DefaultLeaseTTL is how long a lease lasts unless renewed; a running
	// job renews it every third of that, so the job of an instance that
	// died is free again within this time.
	DefaultLeaseTTL    = 30 * time.Second
	DefaultMissedGrace = time.Minute
	DefaultResync      = 5 * time.Minute
)

// Options configure a Scheduler. Store and Runner are required.
type Options struct {
	// Store holds the agencies, leases, run log and check history.
	Store Store
	// Runner performs one check.
	Runner Runner
	// Location is the time zone specs are read in; DefaultLocation if nil.
	Location *time.Location
	// Seconds lets specs have a leading seconds field (six fields).
	Seconds bool
	// MaxRun is both the lease time and the timeout of one run;
	// DefaultMaxRun if zero.
	MaxRun time.Duration
	// MissedGrace is how old an activation must be before, found without a
	// run, it counts as missed (an instance may be starting it right now);
	// DefaultMissedGrace if zero.
	MissedGrace time.Duration
	// Resync is how often the scheduler re-reads all agencies, a safety
	// net behind SyncAgencies, which the write path calls on every change
	// (other instances' too, see write.Follow); DefaultResync if zero,
	// never if negative.
	Resync time.Duration
	// Holder names this instance in leases and the run log; host name,
	// process ID and a random suffix if empty.
	Holder string
	// Logger receives the scheduler's logs; slog.Default() if nil.
	Logger *slog.Logger
	// LeaseTTL is how long a lease lasts unless its holder renews it
	// (DefaultLeaseTTL when zero); running jobs renew theirs.
	LeaseTTL time.Duration
	// OnCheck, if set, is called after every check this instance finishes
	// (scheduled or manual) with its final record: for metrics and rescoring.
	OnCheck func(ctx context.Context, rec catalog.CheckRecord)
	// MinInterval is the floor on agencies' check schedules: a stored spec
	// that runs more often is replaced by DefaultSpec (DefaultMinInterval
	// when zero; none when negative, for tests).
	MinInterval time.Duration
	// Retention bounds the history of checks, scores and runs: Start
	// registers the daily job RetentionJob that prunes it. Zero Keep: no
	// pruning.
	Retention Retention
}

// Retention says how much history the daily job keeps.
type Retention struct {
	// Keep is how many checks (and scores, and runs of each job) of each
	// agency are kept at most; MaxAge how old they may be. The newest of
	// each always stays.
	Keep   int
	MaxAge time.Duration
	// Spec is when the job runs (DefaultRetentionSpec when empty).
	Spec string
}

// RetentionJob names the daily job that prunes the history;
// DefaultRetentionSpec is when it runs.
const (
	RetentionJob         = "retention"
	DefaultRetentionSpec = "17 3 * * *"
)

// Scheduler runs the checks and global jobs. Its methods are safe for
// concurrent use.
type Scheduler struct {
	store  Store
	runner Runner
	loc    *time.Location
	parser cron.Parser
	maxRun time.Duration
	ttl    time.Duration
	grace  time.Duration
	resync time.Duration
	holder string
	log    *slog.Logger
	cron   *cron.Cron
	// onCheck is Options.OnCheck.
	onCheck func(ctx context.Context, rec catalog.CheckRecord)
	// floor is Options.MinInterval in force (0: none).
	floor     time.Duration
	retention Retention
	// manual counts manual checks in flight, so Stop can wait for them.
	manual sync.WaitGroup

	base   context.Context // parent of every run's context
	cancel context.CancelFunc

	syncMu sync.Mutex // one Sync at a time

	mu      sync.Mutex
	checks  map[catalog.OrgNumber]*checkJob
	jobs    map[string]cron.EntryID
	running map[string]bool // jobs running in this process, by lease name
	started bool
}

// checkJob is the registration of one agency's checks.
type checkJob struct {
	spec   string
	sched  cron.Schedule
	entry  cron.EntryID
	agency catalog.Agency // guarded by Scheduler.mu
}

// New returns a scheduler with no jobs; Start registers the agencies'
// checks and starts it.
func New(opts Options) (*Scheduler, error) {
	if opts.Store == nil || opts.Runner == nil {
		return nil, errors.New("schedule: new: Store and Runner are required")
	}
	s := &Scheduler{
		store:     opts.Store,
		runner:    opts.Runner,
		loc:       opts.Location,
		parser:    newParser(opts.Seconds),
		maxRun:    orDefault(opts.MaxRun, DefaultMaxRun),
		ttl:       orDefault(opts.LeaseTTL, DefaultLeaseTTL),
		grace:     orDefault(opts.MissedGrace, DefaultMissedGrace),
		resync:    orDefault(opts.Resync, DefaultResync),
		holder:    opts.Holder,
		log:       opts.Logger,
		onCheck:   opts.OnCheck,
		floor:     max(orDefault(opts.MinInterval, DefaultMinInterval), 0),
		retention: opts.Retention,
		checks:    make(map[catalog.OrgNumber]*checkJob),
		jobs:      make(map[string]cron.EntryID),
		running:   make(map[string]bool),
	}
	if s.loc == nil {
		loc, err := time.LoadLocation(DefaultLocation)
		if err != nil {
			return nil, fmt.Errorf("schedule: new: %w", err)
		}
		s.loc = loc
	}
	if s.holder == "" {
		s.holder = defaultHolder()
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.log = s.log.With("component", "schedule")
	logger := cronLogger{s.log}
	s.cron = cron.New(
		cron.WithLocation(s.loc),
		cron.WithParser(s.parser),
		cron.WithLogger(logger),
		cron.WithChain(cron.Recover(logger), cron.SkipIfStillRunning(logger)),
	)
	s.base, s.cancel = context.WithCancel(context.Background())
	return s, nil
}

// orDefault returns d, or def when d is zero.
func orDefault(d, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return d
}

// defaultHolder names this process: host, PID and a random suffix (so two
// schedulers in one process differ too).
func defaultHolder() string {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "katalog"
	}
	b := make([]byte, 4)
	rand.Read(b)
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
}

// Holder returns the name this instance takes leases under.
func (s *Scheduler) Holder() string { return s.holder }

// Validate checks spec as this scheduler reads a global job's (with a
// seconds field if Options.Seconds); see the package function Validate.
func (s *Scheduler) Validate(spec string) error {
	_, err := parse(s.parser, spec, 0)
	return err
}

// Start registers the agencies' checks (recording missed activations) and
// starts the clock. ctx bounds this setup only; Stop ends the scheduler.
func (s *Scheduler) Start(ctx context.Context) error {
	s.mu.Lock()
	if s.started {
		s.mu.Unlock()
		return errors.New("schedule: already started")
	}
	s.started = true
	s.mu.Unlock()
	if err := s.Sync(ctx); err != nil {
		return fmt.Errorf("schedule: start: %w", err)
	}
	if s.retention.Keep > 0 {
		spec := s.retention.Spec
		if spec == "" {
			spec = DefaultRetentionSpec
		}
		if err := s.AddJob(ctx, RetentionJob, spec, s.Prune); err != nil {
			return fmt.Errorf("schedule: start: %w", err)
		}
	}
	if s.resync > 0 {
		s.cron.Schedule(cron.Every(s.resync), cron.FuncJob(func() {
			if err := s.Sync(s.base); err != nil {
				s.log.Error("resync failed", "err", err)
			}
		}))
	}
	s.cron.Start()
	s.log.Info("scheduler started", "holder", s.holder, "location", s.loc.String(), "checks", s.count())
	return nil
}

// count returns the number of registered checks.
func (s *Scheduler) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.checks)
}

// Stop stops the clock and waits for running jobs to finish. When ctx ends
// first, it cancels their contexts, waits for them to return, and returns
// ctx's error.
func (s *Scheduler) Stop(ctx context.Context) error {
	cronDone := s.cron.Stop()
	done, finish := context.WithCancel(context.Background())
	go func() {
		<-cronDone.Done()
		s.manual.Wait()
		finish()
	}()
	select {
	case <-done.Done():
		s.cancel()
		return nil
	case <-ctx.Done():
		s.cancel()
		<-done.Done()
		return fmt.Errorf("schedule: stop: %w", ctx.Err())
	}
}

// AddJob registers (or replaces) the global job name, run on spec under
// the lease name. Names beginning "check:" are the agencies'. When the
// job's latest activation passed since its last run, it is recorded missed.
func (s *Scheduler) AddJob(ctx context.Context, name, spec string, fn JobFunc) error {
	if name == "" || strings.HasPrefix(name, checkPrefix) {
		return fmt.Errorf("schedule: add job %q: empty or reserved name", name)
	}
	sched, err := parse(s.parser, spec, 0)
	if err != nil {
		return fmt.Errorf("schedule: add job %s: %w", name, err)
	}
	s.mu.Lock()
	if id, ok := s.jobs[name]; ok {
		s.cron.Remove(id)
	}
	s.jobs[name] = s.cron.Schedule(sched, cron.FuncJob(func() { s.runJob(name, sched, fn) }))
	s.mu.Unlock()
	if err := s.recordMissed(ctx, name, sched, time.Time{}, nil); err != nil {
		return fmt.Errorf("schedule: add job %s: %w", name, err)
	}
	return nil
}

// Prune removes the history beyond Options.Retention now: the daily
// retention job's work.
func (s *Scheduler) Prune(ctx context.Context) error {
	r := s.retention
	before := time.Time{}
	if r.MaxAge > 0 {
		before = time.Now().Add(-r.MaxAge)
	}
	p, err := s.store.PruneHistory(ctx, r.Keep, before)
	if err != nil {
		return fmt.Errorf("schedule: prune the history: %w", err)
	}
	s.log.Info("history pruned", "checks", p.Checks, "scores", p.Scores, "runs", p.Runs, "deliveries", p.Deliveries,
		"notifications", p.Notifications, "linkCycles", p.LinkCycles, "keep", r.Keep, "maxAge", r.MaxAge)
	return nil
}

// RemoveJob unregisters the global job name, if registered.
func (s *Scheduler) RemoveJob(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id, ok := s.jobs[name]; ok {
		s.cron.Remove(id)
		delete(s.jobs, name)
	}
}
