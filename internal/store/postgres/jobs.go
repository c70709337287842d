package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/katalog-se/katalog/catalog"
)

// The job tables (leases, run log, check history) are not part of the
// catalog: writing them bumps no revision, so feeds keep their ETags. Each
// write is one statement, and so one transaction of its own.

// TryLease takes or renews the lease on job for holder until the given
// time: granted when there is no lease, it has expired by the store's
// clock, or holder holds it. One upsert statement decides and writes;
// PostgreSQL's ON CONFLICT makes it atomic against every other instance.
func (s *Store) TryLease(ctx context.Context, job, holder string, until time.Time) (bool, error) {
	if job == "" || holder == "" {
		return false, errors.New("postgres: try lease: empty job or holder")
	}
	tag, err := s.pool.Exec(ctx, `INSERT INTO job_leases (job, holder, expires) VALUES ($1, $2, $3)
		ON CONFLICT (job) DO UPDATE SET holder = excluded.holder, expires = excluded.expires
		WHERE job_leases.holder = excluded.holder OR job_leases.expires <= $4`,
		job, holder, micro(until), s.now())
	if err != nil {
		return false, fmt.Errorf("postgres: try lease on %s: %w", job, err)
	}
	return tag.RowsAffected() == 1, nil
}

// ReleaseLease gives up holder's lease on job, if holder holds it.
func (s *Store) ReleaseLease(ctx context.Context, job, holder string) error {
	if _, err := s.pool.Exec(ctx, "DELETE FROM job_leases WHERE job = $1 AND holder = $2", job, holder); err != nil {
		return fmt.Errorf("postgres: release lease on %s: %w", job, err)
	}
	return nil
}

// StartRun records r in the run log and sets r.ID. ErrConflict if r.Job
// already has a run for r.Scheduled.
func (s *Store) StartRun(ctx context.Context, r *catalog.JobRun) error {
	if r.Job == "" || r.Scheduled.IsZero() || !catalog.ValidStatus(r.Status) {
		return fmt.Errorf("postgres: start run: job %q, scheduled %v, status %q: incomplete or invalid", r.Job, r.Scheduled, r.Status)
	}
	r.Scheduled = micro(r.Scheduled)
	r.StartedAt = s.stamp(r.StartedAt)
	r.FinishedAt = micro(r.FinishedAt)
	err := s.pool.QueryRow(ctx, `INSERT INTO job_runs (job, scheduled, holder, status, started, finished, error)
		VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (job, scheduled) DO NOTHING RETURNING id`,
		r.Job, r.Scheduled, r.Holder, r.Status, r.StartedAt, optTime(r.FinishedAt), r.Error).Scan(&r.ID)
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("postgres: start run of %s at %s: %w", r.Job, r.Scheduled.Format(time.RFC3339Nano), catalog.ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("postgres: start run of %s: %w", r.Job, err)
	}
	return nil
}

// FinishRun stores r's Status, FinishedAt and Error. ErrNotFound if there
// is no run r.ID.
func (s *Store) FinishRun(ctx context.Context, r *catalog.JobRun) error {
	if !catalog.ValidStatus(r.Status) {
		return fmt.Errorf("postgres: finish run %d: invalid status %q", r.ID, r.Status)
	}
	r.FinishedAt = micro(r.FinishedAt)
	tag, err := s.pool.Exec(ctx, "UPDATE job_runs SET status = $1, finished = $2, error = $3 WHERE id = $4",
		r.Status, optTime(r.FinishedAt), r.Error, r.ID)
	if err != nil {
		return fmt.Errorf("postgres: finish run %d: %w", r.ID, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("postgres: finish run %d: %w", r.ID, catalog.ErrNotFound)
	}
	return nil
}

// LastRun returns job's run with the latest Scheduled time. ErrNotFound if
// there is none.
func (s *Store) LastRun(ctx context.Context, job string) (*catalog.JobRun, error) {
	var (
		r        catalog.JobRun
		finished *time.Time
	)
	err := s.pool.QueryRow(ctx, `SELECT id, job, scheduled, holder, status, started, finished, error
		FROM job_runs WHERE job = $1 ORDER BY scheduled DESC LIMIT 1`, job).
		Scan(&r.ID, &r.Job, &r.Scheduled, &r.Holder, &r.Status, &r.StartedAt, &finished, &r.Error)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: last run of %s: %w", job, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: last run of %s: %w", job, err)
	}
	r.Scheduled, r.StartedAt, r.FinishedAt = r.Scheduled.UTC(), r.StartedAt.UTC(), fromOptTime(finished)
	return &r, nil
}

// checkResult validates a record's Result and renders it for storage (NULL
// when empty).
func checkResult(r *catalog.CheckRecord) (*string, error) {
	if len(r.Result) == 0 {
		return nil, nil
	}
	if !json.Valid(r.Result) {
		return nil, errors.New("result is not valid JSON")
	}
	s := string(r.Result)
	return &s, nil
}

// InsertCheck adds r to its agency's history and sets r.ID; see
// catalog.CheckStore. ErrNotFound if the agency is absent.
func (s *Store) InsertCheck(ctx context.Context, r *catalog.CheckRecord) error {
	if !catalog.ValidTrigger(r.Trigger) || !catalog.ValidStatus(r.Status) {
		return fmt.Errorf("postgres: insert check of agency %s: invalid trigger %q or status %q", r.Agency, r.Trigger, r.Status)
	}
	result, err := checkResult(r)
	if err != nil {
		return fmt.Errorf("postgres: insert check of agency %s: %w", r.Agency, err)
	}
	r.StartedAt = s.stamp(r.StartedAt)
	r.FinishedAt = micro(r.FinishedAt)
	err = s.pool.QueryRow(ctx, `INSERT INTO checks (agency, url, trigger_kind, status, ready, started, finished, result)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		string(r.Agency), r.URL, r.Trigger, r.Status, r.Ready, r.StartedAt, optTime(r.FinishedAt), result).Scan(&r.ID)
	if pgCode(err) == codeForeignKeyViolation {
		return fmt.Errorf("postgres: insert check of agency %s: %w", r.Agency, catalog.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("postgres: insert check of agency %s: %w", r.Agency, err)
	}
	return nil
}

// UpdateCheck stores r's Status, Ready, FinishedAt and Result. ErrNotFound
// if r.Agency has no check r.ID.
func (s *Store) UpdateCheck(ctx context.Context, r *catalog.CheckRecord) error {
	if !catalog.ValidStatus(r.Status) {
		return fmt.Errorf("postgres: update check %d: invalid status %q", r.ID, r.Status)
	}
	result, err := checkResult(r)
	if err != nil {
		return fmt.Errorf("postgres: update check %d: %w", r.ID, err)
	}
	r.FinishedAt = micro(r.FinishedAt)
	tag, err := s.pool.Exec(ctx, "UPDATE checks SET status = $1, ready = $2, finished = $3, result = $4 WHERE id = $5 AND agency = $6",
		r.Status, r.Ready, optTime(r.FinishedAt), result, r.ID, string(r.Agency))
	if err != nil {
		return fmt.Errorf("postgres: update check %d: %w", r.ID, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("postgres: update check %d of agency %s: %w", r.ID, r.Agency, catalog.ErrNotFound)
	}
	return nil
}

// checkColumns are the columns scanCheck reads, in its order.
const checkColumns = "id, agency, url, trigger_kind, status, ready, started, finished, result"

// scanCheck reads the checkColumns of one row into r.
func scanCheck(row pgx.Row, r *catalog.CheckRecord) error {
	var (
		org      string
		finished *time.Time
		result   *string
	)
	if err := row.Scan(&r.ID, &org, &r.URL, &r.Trigger, &r.Status, &r.Ready, &r.StartedAt, &finished, &result); err != nil {
		return err
	}
	r.Agency = catalog.OrgNumber(org)
	r.StartedAt, r.FinishedAt = r.StartedAt.UTC(), fromOptTime(finished)
	r.Result = nil
	if result != nil {
		r.Result = json.RawMessage(*result)
	}
	return nil
}

// Check returns org's check id. ErrNotFound if org has no such check.
func (s *Store) Check(ctx context.Context, org catalog.OrgNumber, id int64) (*catalog.CheckRecord, error) {
	var r catalog.CheckRecord
	err := scanCheck(s.pool.QueryRow(ctx, "SELECT "+checkColumns+" FROM checks WHERE id = $1 AND agency = $2", id, string(org)), &r)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: check %d of agency %s: %w", id, org, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: check %d of agency %s: %w", id, org, err)
	}
	return &r, nil
}

// Checks lists one page of org's checks, newest first, with their count,
// both from one snapshot.
func (s *Store) Checks(ctx context.Context, org catalog.OrgNumber, p catalog.Page) ([]catalog.CheckRecord, int, error) {
	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("postgres: checks of agency %s: %w", org, err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	var total int
	if err := tx.QueryRow(ctx, "SELECT count(*) FROM checks WHERE agency = $1", string(org)).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("postgres: count checks of agency %s: %w", org, err)
	}
	limit, offset := limitOffset(p)
	rows, err := tx.Query(ctx, "SELECT "+checkColumns+` FROM checks WHERE agency = $1
		ORDER BY started DESC, id DESC LIMIT $2 OFFSET $3`, string(org), limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("postgres: checks of agency %s: %w", org, err)
	}
	defer rows.Close()
	var list []catalog.CheckRecord
	for rows.Next() {
		var r catalog.CheckRecord
		if err := scanCheck(rows, &r); err != nil {
			return nil, 0, fmt.Errorf("postgres: checks of agency %s: %w", org, err)
		}
		list = append(list, r)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("postgres: checks of agency %s: %w", org, err)
	}
	return list, total, nil
}

// LatestCheck returns org's newest check. ErrNotFound if it has none.
func (s *Store) LatestCheck(ctx context.Context, org catalog.OrgNumber) (*catalog.CheckRecord, error) {
	var r catalog.CheckRecord
	err := scanCheck(s.pool.QueryRow(ctx, "SELECT "+checkColumns+` FROM checks WHERE agency = $1
		ORDER BY started DESC, id DESC LIMIT 1`, string(org)), &r)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: latest check of agency %s: %w", org, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: latest check of agency %s: %w", org, err)
	}
	return &r, nil
}

// interruptedResult is the result of a check whose instance died.
const interruptedResult = `{"error":"interrupted: the instance running the check stopped before it finished"}`

// InterruptChecks marks checks running since before cutoff as failed.
func (s *Store) InterruptChecks(ctx context.Context, cutoff, now time.Time) (int, error) {
	tag, err := s.pool.Exec(ctx, `UPDATE checks SET status = 'failed', ready = false, finished = $1, result = $2
		WHERE status = 'running' AND started < $3`, micro(now), interruptedResult, micro(cutoff))
	if err != nil {
		return 0, fmt.Errorf("postgres: interrupt checks: %w", unavailable(err))
	}
	return int(tag.RowsAffected()), nil
}
