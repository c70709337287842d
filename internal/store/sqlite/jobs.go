package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// The job tables (leases, run log, check history) are not part of the
// catalog: writing them bumps no revision, so feeds keep their ETags. Each
// write is one statement, and so one transaction of its own.

var _ catalog.JobStore = (*Store)(nil)

// TryLease takes or renews the lease on job for holder until the given
// time: granted when there is no lease, it has expired by the store's
// clock, or holder holds it. One upsert statement decides and writes.
func (s *Store) TryLease(ctx context.Context, job, holder string, until time.Time) (bool, error) {
	if job == "" || holder == "" {
		return false, errors.New("sqlite: try lease: empty job or holder")
	}
	res, err := s.w.ExecContext(ctx, `INSERT INTO job_leases (job, holder, expires) VALUES (?, ?, ?)
		ON CONFLICT (job) DO UPDATE SET holder = excluded.holder, expires = excluded.expires
		WHERE job_leases.holder = excluded.holder OR job_leases.expires <= ?`,
		job, holder, formatTime(until), formatTime(s.now()))
	if err != nil {
		return false, fmt.Errorf("sqlite: try lease on %s: %w", job, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("sqlite: try lease on %s: %w", job, err)
	}
	return n == 1, nil
}

// ReleaseLease gives up holder's lease on job, if holder holds it.
func (s *Store) ReleaseLease(ctx context.Context, job, holder string) error {
	if _, err := s.w.ExecContext(ctx, "DELETE FROM job_leases WHERE job = ? AND holder = ?", job, holder); err != nil {
		return fmt.Errorf("sqlite: release lease on %s: %w", job, err)
	}
	return nil
}

// stamp returns t truncated to what is stored, or the store's now when t is zero.
func (s *Store) stamp(t time.Time) time.Time {
	if t.IsZero() {
		return s.now()
	}
	return t.UTC().Truncate(time.Microsecond)
}

// optTime renders a time that may be zero (stored as the empty string).
func optTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return formatTime(t)
}

// parseOptTime reads a time that may be stored as the empty string.
func parseOptTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return parseTime(s)
}

// StartRun records r in the run log and sets r.ID. ErrConflict if r.Job
// already has a run for r.Scheduled.
func (s *Store) StartRun(ctx context.Context, r *catalog.JobRun) error {
	if r.Job == "" || r.Scheduled.IsZero() || !catalog.ValidStatus(r.Status) {
		return fmt.Errorf("sqlite: start run: job %q, scheduled %v, status %q: incomplete or invalid", r.Job, r.Scheduled, r.Status)
	}
	r.Scheduled = r.Scheduled.UTC().Truncate(time.Microsecond)
	r.StartedAt = s.stamp(r.StartedAt)
	r.FinishedAt = r.FinishedAt.UTC().Truncate(time.Microsecond)
	err := s.w.QueryRowContext(ctx, `INSERT INTO job_runs (job, scheduled, holder, status, started, finished, error)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (job, scheduled) DO NOTHING RETURNING id`,
		r.Job, formatTime(r.Scheduled), r.Holder, r.Status, formatTime(r.StartedAt), optTime(r.FinishedAt), r.Error).Scan(&r.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("sqlite: start run of %s at %s: %w", r.Job, formatTime(r.Scheduled), catalog.ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("sqlite: start run of %s: %w", r.Job, err)
	}
	return nil
}

// FinishRun stores r's Status, FinishedAt and Error. ErrNotFound if there
// is no run r.ID.
func (s *Store) FinishRun(ctx context.Context, r *catalog.JobRun) error {
	if !catalog.ValidStatus(r.Status) {
		return fmt.Errorf("sqlite: finish run %d: invalid status %q", r.ID, r.Status)
	}
	r.FinishedAt = r.FinishedAt.UTC().Truncate(time.Microsecond)
	res, err := s.w.ExecContext(ctx, "UPDATE job_runs SET status = ?, finished = ?, error = ? WHERE id = ?",
		r.Status, optTime(r.FinishedAt), r.Error, r.ID)
	if err != nil {
		return fmt.Errorf("sqlite: finish run %d: %w", r.ID, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("sqlite: finish run %d: %w", r.ID, err)
	} else if n == 0 {
		return fmt.Errorf("sqlite: finish run %d: %w", r.ID, catalog.ErrNotFound)
	}
	return nil
}

// LastRun returns job's run with the latest Scheduled time. ErrNotFound if
// there is none.
func (s *Store) LastRun(ctx context.Context, job string) (*catalog.JobRun, error) {
	var (
		r                            catalog.JobRun
		scheduled, started, finished string
	)
	err := s.r.QueryRowContext(ctx, `SELECT id, job, scheduled, holder, status, started, finished, error
		FROM job_runs WHERE job = ? ORDER BY scheduled DESC LIMIT 1`, job).
		Scan(&r.ID, &r.Job, &scheduled, &r.Holder, &r.Status, &started, &finished, &r.Error)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: last run of %s: %w", job, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: last run of %s: %w", job, err)
	}
	if r.Scheduled, err = parseTime(scheduled); err == nil {
		if r.StartedAt, err = parseTime(started); err == nil {
			r.FinishedAt, err = parseOptTime(finished)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: last run of %s: %w", job, err)
	}
	return &r, nil
}

// checkResult validates a record's Result and renders it for storage (NULL
// when empty).
func checkResult(r *catalog.CheckRecord) (any, error) {
	if len(r.Result) == 0 {
		return nil, nil
	}
	if !json.Valid(r.Result) {
		return nil, errors.New("result is not valid JSON")
	}
	return string(r.Result), nil
}

// InsertCheck adds r to its agency's history and sets r.ID; see
// catalog.CheckStore. ErrNotFound if the agency is absent.
func (s *Store) InsertCheck(ctx context.Context, r *catalog.CheckRecord) error {
	if !catalog.ValidTrigger(r.Trigger) || !catalog.ValidStatus(r.Status) {
		return fmt.Errorf("sqlite: insert check of agency %s: invalid trigger %q or status %q", r.Agency, r.Trigger, r.Status)
	}
	result, err := checkResult(r)
	if err != nil {
		return fmt.Errorf("sqlite: insert check of agency %s: %w", r.Agency, err)
	}
	r.StartedAt = s.stamp(r.StartedAt)
	r.FinishedAt = r.FinishedAt.UTC().Truncate(time.Microsecond)
	err = s.w.QueryRowContext(ctx, `INSERT INTO checks (agency, url, trigger_kind, status, ready, started, finished, result)
		SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM agencies WHERE org_number = ?) RETURNING id`,
		string(r.Agency), r.URL, r.Trigger, r.Status, r.Ready, formatTime(r.StartedAt), optTime(r.FinishedAt), result,
		string(r.Agency)).Scan(&r.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("sqlite: insert check of agency %s: %w", r.Agency, catalog.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("sqlite: insert check of agency %s: %w", r.Agency, err)
	}
	return nil
}

// UpdateCheck stores r's Status, Ready, FinishedAt and Result. ErrNotFound
// if r.Agency has no check r.ID.
func (s *Store) UpdateCheck(ctx context.Context, r *catalog.CheckRecord) error {
	if !catalog.ValidStatus(r.Status) {
		return fmt.Errorf("sqlite: update check %d: invalid status %q", r.ID, r.Status)
	}
	result, err := checkResult(r)
	if err != nil {
		return fmt.Errorf("sqlite: update check %d: %w", r.ID, err)
	}
	r.FinishedAt = r.FinishedAt.UTC().Truncate(time.Microsecond)
	res, err := s.w.ExecContext(ctx, "UPDATE checks SET status = ?, ready = ?, finished = ?, result = ? WHERE id = ? AND agency = ?",
		r.Status, r.Ready, optTime(r.FinishedAt), result, r.ID, string(r.Agency))
	if err != nil {
		return fmt.Errorf("sqlite: update check %d: %w", r.ID, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("sqlite: update check %d: %w", r.ID, err)
	} else if n == 0 {
		return fmt.Errorf("sqlite: update check %d of agency %s: %w", r.ID, r.Agency, catalog.ErrNotFound)
	}
	return nil
}

// checkColumns are the columns scanCheck reads, in its order.
const checkColumns = "id, agency, url, trigger_kind, status, ready, started, finished, result"

// scanCheck reads the checkColumns of one row into r.
func scanCheck(row scanner, r *catalog.CheckRecord) error {
	var (
		org, started, finished string
		result                 sql.NullString
	)
	if err := row.Scan(&r.ID, &org, &r.URL, &r.Trigger, &r.Status, &r.Ready, &started, &finished, &result); err != nil {
		return err
	}
	r.Agency = catalog.OrgNumber(org)
	var err error
	if r.StartedAt, err = parseTime(started); err != nil {
		return err
	}
	if r.FinishedAt, err = parseOptTime(finished); err != nil {
		return err
	}
	r.Result = nil
	if result.Valid {
		r.Result = json.RawMessage(result.String)
	}
	return nil
}

// Check returns org's check id. ErrNotFound if org has no such check.
func (s *Store) Check(ctx context.Context, org catalog.OrgNumber, id int64) (*catalog.CheckRecord, error) {
	var r catalog.CheckRecord
	err := scanCheck(s.r.QueryRowContext(ctx, "SELECT "+checkColumns+" FROM checks WHERE id = ? AND agency = ?", id, string(org)), &r)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: check %d of agency %s: %w", id, org, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: check %d of agency %s: %w", id, org, err)
	}
	return &r, nil
}

// Checks lists one page of org's checks, newest first, with their count.
func (s *Store) Checks(ctx context.Context, org catalog.OrgNumber, p catalog.Page) ([]catalog.CheckRecord, int, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: checks of agency %s: %w", org, err)
	}
	defer tx.Rollback()
	var total int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM checks WHERE agency = ?", string(org)).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqlite: count checks of agency %s: %w", org, err)
	}
	limit, offset := limitOffset(p)
	rows, err := tx.QueryContext(ctx, "SELECT "+checkColumns+` FROM checks WHERE agency = ?
		ORDER BY started DESC, id DESC LIMIT ? OFFSET ?`, string(org), limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: checks of agency %s: %w", org, err)
	}
	defer rows.Close()
	var list []catalog.CheckRecord
	for rows.Next() {
		var r catalog.CheckRecord
		if err := scanCheck(rows, &r); err != nil {
			return nil, 0, fmt.Errorf("sqlite: checks of agency %s: %w", org, err)
		}
		list = append(list, r)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("sqlite: checks of agency %s: %w", org, err)
	}
	return list, total, nil
}

// LatestCheck returns org's newest check. ErrNotFound if it has none.
func (s *Store) LatestCheck(ctx context.Context, org catalog.OrgNumber) (*catalog.CheckRecord, error) {
	var r catalog.CheckRecord
	err := scanCheck(s.r.QueryRowContext(ctx, "SELECT "+checkColumns+` FROM checks WHERE agency = ?
		ORDER BY started DESC, id DESC LIMIT 1`, string(org)), &r)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: latest check of agency %s: %w", org, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: latest check of agency %s: %w", org, err)
	}
	return &r, nil
}

// interruptedResult is the result of a check whose instance died.
const interruptedResult = `{"error":"interrupted: the instance running the check stopped before it finished"}`

// InterruptChecks marks checks running since before cutoff as failed.
func (s *Store) InterruptChecks(ctx context.Context, cutoff, now time.Time) (int, error) {
	res, err := s.w.ExecContext(ctx, `UPDATE checks SET status = 'failed', ready = 0, finished = ?, result = ?
		WHERE status = 'running' AND started < ?`, formatTime(now.UTC().Truncate(time.Microsecond)), interruptedResult, formatTime(cutoff.UTC()))
	if err != nil {
		return 0, fmt.Errorf("sqlite: interrupt checks: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("sqlite: interrupt checks: %w", err)
	}
	return int(n), nil
}
