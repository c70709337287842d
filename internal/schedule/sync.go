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
// agency with a harvest URL, on its CheckSchedule or DefaultSpec. A check
// whose spec changed is re-registered; one whose agency lost its URL (or
// left) is dropped; the others get the agency's current fields. A stored
// spec this scheduler cannot read is logged and replaced by DefaultSpec.
// Newly registered checks are examined for a missed activation. Call it
// after an agency's harvest URL or schedule changes; Start calls it, and it
// runs every Options.Resync to follow other instances' changes.
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
	var added []*checkJob
	s.mu.Lock()
	for _, a := range agencies {
		if a.HarvestURL == "" {
			continue
		}
		want[a.OrgNumber] = true
		spec, sched := s.checkSchedule(a)
		j, ok := s.checks[a.OrgNumber]
		if ok && j.spec == spec {
			j.agency = a
			continue
		}
		if ok {
			s.cron.Remove(j.entry)
		}
		nj := &checkJob{spec: spec, sched: sched, agency: a}
		nj.entry = s.cron.Schedule(sched, cron.FuncJob(func() { s.tickCheck(nj) }))
		s.checks[a.OrgNumber] = nj
		if !ok {
			added = append(added, nj)
		}
	}
	for org, j := range s.checks {
		if !want[org] {
			s.cron.Remove(j.entry)
			delete(s.checks, org)
		}
	}
	s.mu.Unlock()

	var errs []error
	for _, j := range added {
		a := j.agency
		err := s.recordMissed(ctx, CheckJob(a.OrgNumber), j.sched, a.UpdatedAt, func(r *catalog.JobRun) error {
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

// checkSchedule returns the spec a's checks run on and its schedule.
func (s *Scheduler) checkSchedule(a catalog.Agency) (string, cron.Schedule) {
	spec := a.CheckSchedule
	if spec != "" {
		sched, err := parse(s.parser, spec)
		if err == nil {
			return spec, sched
		}
		s.log.Warn("agency's check schedule unreadable; using the default", "agency", a.OrgNumber, "err", err)
	}
	spec = DefaultSpec(a.OrgNumber)
	sched, err := parse(s.parser, spec)
	if err != nil {
		panic(fmt.Sprintf("schedule: default spec %q: %v", spec, err)) // DefaultSpec is always valid
	}
	return spec, sched
}
