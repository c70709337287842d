package schedule

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/katalog-se/katalog/catalog"
)

// tickKey is the context key of a run's activation time.
type tickKey struct{}

// Tick returns the cron activation a scheduled run belongs to, from the
// context the scheduler passes to a Runner or JobFunc.
func Tick(ctx context.Context) (time.Time, bool) {
	t, ok := ctx.Value(tickKey{}).(time.Time)
	return t, ok
}

// tickCheck runs one activation of an agency's check.
func (s *Scheduler) tickCheck(j *checkJob) {
	s.mu.Lock()
	a := j.agency
	s.mu.Unlock()
	s.runJob(CheckJob(a.OrgNumber), j.sched, func(ctx context.Context) error { return s.check(ctx, a) })
}

// enter marks job running in this process; false if it already is.
func (s *Scheduler) enter(job string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.running[job] {
		return false
	}
	s.running[job] = true
	return true
}

// leave marks job no longer running in this process.
func (s *Scheduler) leave(job string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.running, job)
}

// runJob runs the activation of job that is due now, unless it runs
// already here or elsewhere (the lease) or another instance ran it (the run
// log), and logs the run.
func (s *Scheduler) runJob(job string, sched cron.Schedule, fn JobFunc) {
	now := time.Now().In(s.loc)
	tick, ok := prevActivation(sched, now)
	if !ok {
		tick = now.Truncate(time.Second)
	}
	log := s.log.With("job", job, "tick", tick)
	if !s.enter(job) {
		log.Debug("skipped: still running here")
		return
	}
	defer s.leave(job)
	ctx := s.base
	leased, err := s.store.TryLease(ctx, job, s.holder, now.Add(s.ttl))
	if err != nil {
		log.Error("lease failed", "err", err)
		return
	}
	if !leased {
		log.Debug("skipped: leased by another instance")
		return
	}
	stopRenew := s.renew(job)
	defer func() {
		stopRenew()
		if err := s.store.ReleaseLease(context.WithoutCancel(ctx), job, s.holder); err != nil {
			log.Error("lease release failed", "err", err)
		}
	}()
	run := &catalog.JobRun{Job: job, Scheduled: tick, Holder: s.holder, Status: catalog.StatusRunning}
	if err := s.store.StartRun(ctx, run); errors.Is(err, catalog.ErrConflict) {
		log.Debug("skipped: ran already")
		return
	} else if err != nil {
		log.Error("run log failed", "err", err)
		return
	}

	runCtx, cancel := context.WithTimeout(context.WithValue(ctx, tickKey{}, tick), s.maxRun)
	err = call(runCtx, fn)
	cancel()
	run.FinishedAt, run.Status = time.Now(), catalog.StatusOK
	if err != nil {
		run.Status, run.Error = catalog.StatusFailed, err.Error()
	}
	if err := s.store.FinishRun(context.WithoutCancel(ctx), run); err != nil {
		log.Error("run log failed", "err", err)
	}
	log.Info("job ran", "status", run.Status, "duration", run.FinishedAt.Sub(run.StartedAt), "err", err)
}

// call runs fn, turning a panic into an error so the run is still logged.
func call(ctx context.Context, fn JobFunc) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return fn(ctx)
}

// check runs the Runner on a and keeps the record: running, then ok or
// failed. Its error is the runner's (or the record's). An agency without a
// harvest URL gets a discovery check instead.
func (s *Scheduler) check(ctx context.Context, a catalog.Agency) error {
	if a.HarvestURL == "" {
		return s.discover(ctx, a)
	}
	rec := &catalog.CheckRecord{Agency: a.OrgNumber, URL: a.HarvestURL,
		Trigger: catalog.TriggerSchedule, Status: catalog.StatusRunning}
	if err := s.store.InsertCheck(ctx, rec); err != nil {
		return fmt.Errorf("record check: %w", err)
	}
	err := s.runCheck(ctx, a, rec)
	s.notify(ctx, rec)
	return err
}

// notify hands a finished check record to OnCheck.
func (s *Scheduler) notify(ctx context.Context, rec *catalog.CheckRecord) {
	if s.onCheck != nil && rec.Status != catalog.StatusRunning {
		s.onCheck(context.WithoutCancel(ctx), *rec)
	}
}

// renew keeps this instance's lease on job alive while the job runs,
// renewing it every third of the lease's time, until the returned func is
// called (which waits for the renewer to stop). If this instance dies, the
// lease lapses within the lease time and another instance takes the job.
func (s *Scheduler) renew(job string) (stop func()) {
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(s.ttl / 3)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				ok, err := s.store.TryLease(s.base, job, s.holder, time.Now().Add(s.ttl))
				if err != nil || !ok {
					s.log.Warn("lease renewal failed", "job", job, "renewed", ok, "err", err)
				}
			}
		}
	}()
	return func() {
		close(done)
		<-stopped
	}
}

// ErrRunning is returned by CheckNow when the agency's check is running
// already (here or, holding the lease, in another instance).
var ErrRunning = errors.New("the check is running already")

// CheckNow starts a manual check of a now, in the background, and returns
// its record (status running, with its ID) at once. It takes the agency's
// lease like a scheduled run, so a check never runs twice at once; when
// that fails it returns ErrRunning. Stop waits for manual checks too.
func (s *Scheduler) CheckNow(ctx context.Context, a catalog.Agency) (*catalog.CheckRecord, error) {
	if a.HarvestURL == "" {
		return nil, errors.New("schedule: check now: the agency has no harvest URL")
	}
	job := CheckJob(a.OrgNumber)
	if !s.enter(job) {
		return nil, ErrRunning
	}
	leased, err := s.store.TryLease(ctx, job, s.holder, time.Now().Add(s.ttl))
	if err != nil || !leased {
		s.leave(job)
		if err != nil {
			return nil, fmt.Errorf("schedule: check now: %w", err)
		}
		return nil, ErrRunning
	}
	stopRenew := s.renew(job)
	release := func() {
		stopRenew()
		if err := s.store.ReleaseLease(context.WithoutCancel(s.base), job, s.holder); err != nil {
			s.log.Error("lease release failed", "job", job, "err", err)
		}
		s.leave(job)
	}
	rec := &catalog.CheckRecord{Agency: a.OrgNumber, URL: a.HarvestURL,
		Trigger: catalog.TriggerManual, Status: catalog.StatusRunning}
	if err := s.store.InsertCheck(ctx, rec); err != nil {
		release()
		return nil, fmt.Errorf("schedule: check now: %w", err)
	}
	started := *rec
	s.manual.Add(1)
	go func() {
		defer s.manual.Done()
		runCtx, cancel := context.WithTimeout(s.base, s.maxRun)
		err := s.runCheck(runCtx, a, rec)
		cancel()
		release() // before OnCheck: the next check may start once this one is reported
		if err != nil {
			s.log.Warn("manual check failed", "agency", a.OrgNumber, "err", err)
		}
		s.notify(s.base, rec)
	}()
	return &started, nil
}

// runCheck runs the Runner for the started record rec and finishes it.
func (s *Scheduler) runCheck(ctx context.Context, a catalog.Agency, rec *catalog.CheckRecord) error {
	var res Result
	runErr := call(ctx, func(ctx context.Context) error {
		var err error
		res, err = s.runner(ctx, a)
		return err
	})
	finish(rec, res, runErr)
	// The record is finished even when the run was cancelled.
	if err := s.store.UpdateCheck(context.WithoutCancel(ctx), rec); err != nil {
		return errors.Join(runErr, fmt.Errorf("record check result: %w", err))
	}
	return runErr
}

// finish completes rec with the run's outcome.
func finish(rec *catalog.CheckRecord, res Result, runErr error) {
	rec.FinishedAt = time.Now()
	rec.Result = finalReport(res.Report, runErr)
	if runErr != nil {
		rec.Status, rec.Ready = catalog.StatusFailed, false
	} else {
		rec.Status, rec.Ready = catalog.StatusOK, res.Ready
	}
}

// discover runs a discovery check of a, an agency without a harvest URL:
// the runner looks for a catalog at the portal's conventional address
// under a's homepage (and keeps what it saw as the agency's observation).
// The check history is about endpoints, so the record is kept only when
// there is a verdict to keep: a catalog was found (the record is of its
// address), or none was but a's latest check said ready, a verdict that
// would otherwise outlive its endpoint (the record says it is gone: not
// ready). An agency that simply has no catalog there gets no record, so it
// does not look broken; the run log has the run either way. No record is
// "running" meanwhile: the lease keeps the run single.
func (s *Scheduler) discover(ctx context.Context, a catalog.Agency) error {
	started := time.Now()
	var res Result
	runErr := call(ctx, func(ctx context.Context) error {
		var err error
		res, err = s.runner(ctx, a)
		return err
	})
	if runErr == nil && res.NoEndpoint {
		stands, err := s.readyVerdictStands(ctx, a.OrgNumber)
		if err != nil || !stands {
			return err
		}
	}
	rec := &catalog.CheckRecord{Agency: a.OrgNumber, URL: res.URL, Trigger: catalog.TriggerSchedule, StartedAt: started}
	if rec.URL == "" {
		if urls := catalog.ConventionURLs(a.Homepage); urls != nil {
			rec.URL = urls[0]
		}
	}
	finish(rec, res, runErr)
	if err := s.store.InsertCheck(context.WithoutCancel(ctx), rec); err != nil {
		return errors.Join(runErr, fmt.Errorf("record check: %w", err))
	}
	s.notify(ctx, rec)
	return runErr
}

// readyVerdictStands reports whether org's latest check said ready.
func (s *Scheduler) readyVerdictStands(ctx context.Context, org catalog.OrgNumber) (bool, error) {
	last, err := s.store.LatestCheck(ctx, org)
	switch {
	case errors.Is(err, catalog.ErrNotFound):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("latest check: %w", err)
	}
	return last.Status == catalog.StatusOK && last.Ready, nil
}

// finalReport returns the report to store: the runner's if it is JSON, else
// an object with the error (and no report at all when there is neither).
func finalReport(report []byte, runErr error) json.RawMessage {
	if len(report) > 0 && json.Valid(report) {
		return report
	}
	obj := map[string]string{}
	if runErr != nil {
		obj["error"] = runErr.Error()
	}
	if len(report) > 0 {
		obj["error"] = "the check's report is not JSON"
	}
	if len(obj) == 0 {
		return nil
	}
	b, _ := json.Marshal(obj) // a map of strings always marshals
	return b
}

// recordMissed records job's latest activation (older than the grace
// period) as missed if it passed after the job's last run, or when the job
// never ran, after since (never when since is zero). onMissed, if not nil,
// adds what else the job records (a check record). Another instance doing
// the same at once is not an error: the run log keeps one record.
func (s *Scheduler) recordMissed(ctx context.Context, job string, sched cron.Schedule, since time.Time,
	onMissed func(*catalog.JobRun) error) error {
	missed, ok := prevActivation(sched, time.Now().In(s.loc).Add(-s.grace))
	if !ok {
		return nil
	}
	last, err := s.store.LastRun(ctx, job)
	switch {
	case err == nil:
		since = last.Scheduled
	case !errors.Is(err, catalog.ErrNotFound):
		return fmt.Errorf("missed runs of %s: %w", job, err)
	}
	if since.IsZero() || !missed.After(since) {
		return nil
	}
	run := &catalog.JobRun{Job: job, Scheduled: missed, Status: catalog.StatusMissed, StartedAt: missed, FinishedAt: missed}
	if err := s.store.StartRun(ctx, run); errors.Is(err, catalog.ErrConflict) {
		return nil
	} else if err != nil {
		return fmt.Errorf("record missed run of %s: %w", job, err)
	}
	s.log.Warn("missed run recorded, not caught up", "job", job, "tick", missed, "lastRun", since)
	if onMissed != nil {
		if err := onMissed(run); err != nil {
			return fmt.Errorf("record missed run of %s: %w", job, err)
		}
	}
	return nil
}
