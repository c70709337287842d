package schedule

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/katalog-se/katalog/catalog"
)

// checkPrefix begins the job (and lease) names of agencies' checks.
const checkPrefix = "check:"

// CheckJob returns the job and lease name of org's checks.
func CheckJob(org catalog.OrgNumber) string { return checkPrefix + string(org) }

// Sync makes the registered checks those of the store's agencies: one per
// agency with a harvest URL or, failing that, a homepage (a discovery
// check: the runner looks for a catalog where the portal would,
// catalog.ConventionURLs), on its CheckSchedule or DefaultSpec. A check
// whose spec changed is re-registered; one whose agency lost both (or
// left) is dropped; the others get the agency's current fields. A stored
// spec this scheduler cannot read is logged and replaced by DefaultSpec.
// Newly registered checks are examined for a missed activation. Start
// calls it, and it runs every Options.Resync as a safety net; changes are
// followed as they happen through SyncAgencies.
func (s *Scheduler) Sync(ctx context.Context) error {
	s.syncMu.Lock()
	defer s.syncMu.Unlock()
	// A check still "running" after the longest a run may last (runs are
	// cancelled at MaxRun) belongs to an instance that died: say so.
	now := time.Now()
	if n, err := s.store.InterruptChecks(ctx, now.Add(-s.maxRun-s.grace), now); err != nil {
		return fmt.Errorf("schedule: sync: %w", err)
	} else if n > 0 {
		s.log.Warn("checks interrupted by a stopped instance marked failed", "checks", n)
	}
	agencies, _, err := s.store.Agencies(ctx, catalog.Page{})
	if err != nil {
		return fmt.Errorf("schedule: sync: %w", err)
	}
	want := make(map[catalog.OrgNumber]bool, len(agencies))
	for _, a := range agencies {
		want[a.OrgNumber] = true
	}
	s.mu.Lock()
	for org := range s.checks {
		if !want[org] {
			s.unregister(org)
		}
	}
	s.mu.Unlock()
	return s.apply(ctx, agencies)
}

// SyncAgencies re-reads the named agencies only and makes their checks
// follow (registered, re-registered, dropped) as Sync would; nil means all
// of them (Sync). It is what the write path calls after an agency's harvest
// URL or schedule may have changed.
func (s *Scheduler) SyncAgencies(ctx context.Context, orgs []catalog.OrgNumber) error {
	if orgs == nil {
		return s.Sync(ctx)
	}
	s.syncMu.Lock()
	defer s.syncMu.Unlock()
	agencies := make([]catalog.Agency, 0, len(orgs))
	for _, org := range orgs {
		a, err := s.store.Agency(ctx, org)
		switch {
		case errors.Is(err, catalog.ErrNotFound):
			s.mu.Lock()
			s.unregister(org)
			s.mu.Unlock()
		case err != nil:
			return fmt.Errorf("schedule: sync %s: %w", org, err)
		default:
			agencies = append(agencies, *a)
		}
	}
	return s.apply(ctx, agencies)
}

// Checkable reports whether a gets a scheduled check: it has a harvest URL,
// or a homepage under which to look for a catalog by the portal's
// convention.
func Checkable(a catalog.Agency) bool {
	return a.HarvestURL != "" || catalog.ConventionURLs(a.Homepage) != nil
}

// apply registers the checks of agencies (dropping those not Checkable)
// and records missed activations of the new ones. The caller holds syncMu.
func (s *Scheduler) apply(ctx context.Context, agencies []catalog.Agency) error {
	var added []*checkJob
	s.mu.Lock()
	for _, a := range agencies {
		if !Checkable(a) {
			s.unregister(a.OrgNumber)
			continue
		}
		if j, isNew := s.register(a); isNew {
			added = append(added, j)
		}
	}
	s.mu.Unlock()
	var errs []error
	for _, j := range added {
		a := j.agency
		err := s.recordMissed(ctx, CheckJob(a.OrgNumber), j.sched, a.UpdatedAt, func(r *catalog.JobRun) error {
			if a.HarvestURL == "" {
				return nil // a discovery check has no endpoint whose history would show the gap
			}
			return s.store.InsertCheck(ctx, &catalog.CheckRecord{Agency: a.OrgNumber, URL: a.HarvestURL,
				Trigger: catalog.TriggerMissed, Status: catalog.StatusMissed, StartedAt: r.Scheduled, FinishedAt: r.Scheduled})
		})
		if err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("schedule: sync: %w", err)
	}
	return nil
}

// register makes a's check run on its schedule, re-registering it when the
// spec changed, and reports whether it was not registered before. The
// caller holds mu.
func (s *Scheduler) register(a catalog.Agency) (*checkJob, bool) {
	spec, sched := s.checkSchedule(a)
	j, ok := s.checks[a.OrgNumber]
	if ok && j.spec == spec {
		j.agency = a
		return j, false
	}
	if ok {
		s.cron.Remove(j.entry)
	}
	nj := &checkJob{spec: spec, sched: sched, agency: a}
	nj.entry = s.cron.Schedule(sched, cron.FuncJob(func() { s.tickCheck(nj) }))
	s.checks[a.OrgNumber] = nj
	return nj, !ok
}

// unregister drops org's check, if any. The caller holds mu.
func (s *Scheduler) unregister(org catalog.OrgNumber) {
	if j, ok := s.checks[org]; ok {
		s.cron.Remove(j.entry)
		delete(s.checks, org)
	}
}

// checkSchedule returns the spec a's checks run on and its schedule: its
// own, unless that is unreadable or runs more often than the floor, then
// DefaultSpec.
func (s *Scheduler) checkSchedule(a catalog.Agency) (string, cron.Schedule) {
	spec := a.CheckSchedule
	if spec != "" {
		sched, err := parse(s.parser, spec, s.floor)
		if err == nil {
			return spec, sched
		}
		var often *TooFrequentError
		if errors.As(err, &often) {
			s.log.Warn("agency's check schedule runs more often than check.minInterval; using the default", "agency", a.OrgNumber, "err", err)
		} else {
			s.log.Warn("agency's check schedule unreadable; using the default", "agency", a.OrgNumber, "err", err)
		}
	}
	spec = DefaultSpec(a.OrgNumber)
	sched, err := parse(s.parser, spec, 0)
	if err != nil {
		panic(fmt.Sprintf("schedule: default spec %q: %v", spec, err)) // DefaultSpec is always valid
	}
	return spec, sched
}
