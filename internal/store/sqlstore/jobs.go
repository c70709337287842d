package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// The job tables (leases, run log, check history) are not part of the
// catalog: writing them bumps no revision, so feeds keep their ETags. Each
// write is one statement, and so one transaction of its own.

// TryLease takes or renews the lease on job for holder until the given
// time: granted when there is no lease, it has expired by the store's
// clock, or holder holds it. One upsert statement decides and writes, so
// it is atomic against every other instance on the database.
func (s *Store) TryLease(ctx context.Context, job, holder string, until time.Time) (bool, error) {
	if job == "" || holder == "" {
		return false, s.errorf("try lease: empty job or holder")
	}
	n, err := s.exec(ctx, `INSERT INTO job_leases (job, holder, expires) VALUES (?, ?, ?)
		ON CONFLICT (job) DO UPDATE SET holder = excluded.holder, expires = excluded.expires
		WHERE job_leases.holder = excluded.holder OR job_leases.expires <= ?`,
		job, holder, s.d.Time(micro(until)), s.d.Time(s.now()))
	if err != nil {
		return false, s.errorf("try lease on %s: %w", job, err)
	}
	return n == 1, nil
}

// ReleaseLease gives up holder's lease on job, if holder holds it.
func (s *Store) ReleaseLease(ctx context.Context, job, holder string) error {
	if _, err := s.exec(ctx, "DELETE FROM job_leases WHERE job = ? AND holder = ?", job, holder); err != nil {
		return s.errorf("release lease on %s: %w", job, err)
	}
	return nil
}

// StartRun records r in the run log and sets r.ID. ErrConflict if r.Job
// already has a run for r.Scheduled.
func (s *Store) StartRun(ctx context.Context, r *catalog.JobRun) error {
	if r.Job == "" || r.Scheduled.IsZero() || !catalog.ValidStatus(r.Status) {
		return s.errorf("start run: job %q, scheduled %v, status %q: incomplete or invalid", r.Job, r.Scheduled, r.Status)
	}
	r.Scheduled = micro(r.Scheduled)
	r.StartedAt = s.stamp(r.StartedAt)
	r.FinishedAt = micro(r.FinishedAt)
	err := s.writeRow(ctx, `INSERT INTO job_runs (job, scheduled, holder, status, started, finished, error)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (job, scheduled) DO NOTHING RETURNING id`,
		[]any{r.Job, s.d.Time(r.Scheduled), r.Holder, r.Status, s.d.Time(r.StartedAt), s.d.OptTime(r.FinishedAt), r.Error},
		&r.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return s.errorf("start run of %s at %s: %w", r.Job, r.Scheduled.Format(time.RFC3339Nano), catalog.ErrConflict)
	}
	if err != nil {
		return s.errorf("start run of %s: %w", r.Job, err)
	}
	return nil
}

// FinishRun stores r's Status, FinishedAt and Error. ErrNotFound if there
// is no run r.ID.
func (s *Store) FinishRun(ctx context.Context, r *catalog.JobRun) error {
	if !catalog.ValidStatus(r.Status) {
		return s.errorf("finish run %d: invalid status %q", r.ID, r.Status)
	}
	r.FinishedAt = micro(r.FinishedAt)
	n, err := s.exec(ctx, "UPDATE job_runs SET status = ?, finished = ?, error = ? WHERE id = ?",
		r.Status, s.d.OptTime(r.FinishedAt), r.Error, r.ID)
	if err != nil {
		return s.errorf("finish run %d: %w", r.ID, err)
	}
	if n == 0 {
		return s.errorf("finish run %d: %w", r.ID, catalog.ErrNotFound)
	}
	return nil
}

// LastRun returns job's run with the latest Scheduled time. ErrNotFound if
// there is none.
func (s *Store) LastRun(ctx context.Context, job string) (*catalog.JobRun, error) {
	r, err := one(ctx, s.r, scanRun, `SELECT id, job, scheduled, holder, status, started, finished, error
		FROM job_runs WHERE job = ? ORDER BY scheduled DESC LIMIT 1`, job)
	if err != nil {
		return nil, s.errorf("last run of %s: %w", job, err)
	}
	return r, nil
}

// scanRun reads a run: id, job, scheduled, holder, status, started,
// finished, error.
func scanRun(row scanner, r *catalog.JobRun) error {
	return row.Scan(&r.ID, &r.Job, timeCol{&r.Scheduled}, &r.Holder, &r.Status,
		timeCol{&r.StartedAt}, timeCol{&r.FinishedAt}, &r.Error)
}
