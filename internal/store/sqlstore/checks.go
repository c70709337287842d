package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

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
		return s.errorf("insert check of agency %s: invalid trigger %q or status %q", r.Agency, r.Trigger, r.Status)
	}
	result, err := checkResult(r)
	if err != nil {
		return s.errorf("insert check of agency %s: %w", r.Agency, err)
	}
	r.StartedAt = s.stamp(r.StartedAt)
	r.FinishedAt = micro(r.FinishedAt)
	err = s.writeRow(ctx, `INSERT INTO checks (agency, url, trigger_kind, status, ready, started, finished, result)
		SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM agencies WHERE org_number = ?) RETURNING id`,
		[]any{string(r.Agency), r.URL, r.Trigger, r.Status, r.Ready, s.d.Time(r.StartedAt), s.d.OptTime(r.FinishedAt), result,
			string(r.Agency)},
		&r.ID)
	if err != nil {
		return s.errorf("insert check of agency %s: %w", r.Agency, noRows(err))
	}
	return nil
}

// UpdateCheck stores r's Status, Ready, FinishedAt and Result. ErrNotFound
// if r.Agency has no check r.ID.
func (s *Store) UpdateCheck(ctx context.Context, r *catalog.CheckRecord) error {
	if !catalog.ValidStatus(r.Status) {
		return s.errorf("update check %d: invalid status %q", r.ID, r.Status)
	}
	result, err := checkResult(r)
	if err != nil {
		return s.errorf("update check %d: %w", r.ID, err)
	}
	r.FinishedAt = micro(r.FinishedAt)
	n, err := s.exec(ctx, "UPDATE checks SET status = ?, ready = ?, finished = ?, result = ? WHERE id = ? AND agency = ?",
		r.Status, r.Ready, s.d.OptTime(r.FinishedAt), result, r.ID, string(r.Agency))
	if err != nil {
		return s.errorf("update check %d: %w", r.ID, err)
	}
	if n == 0 {
		return s.errorf("update check %d of agency %s: %w", r.ID, r.Agency, catalog.ErrNotFound)
	}
	return nil
}

// checkColumns are the columns scanCheck reads, in its order.
const checkColumns = "id, agency, url, trigger_kind, status, ready, started, finished, result"

// scanCheck reads the checkColumns of one row into r.
func scanCheck(row scanner, r *catalog.CheckRecord) error {
	var result sql.NullString
	err := row.Scan(&r.ID, (*string)(&r.Agency), &r.URL, &r.Trigger, &r.Status, &r.Ready,
		timeCol{&r.StartedAt}, timeCol{&r.FinishedAt}, &result)
	if err != nil {
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
	r, err := one(ctx, s.r, scanCheck, "SELECT "+checkColumns+" FROM checks WHERE id = ? AND agency = ?", id, string(org))
	if err != nil {
		return nil, s.errorf("check %d of agency %s: %w", id, org, err)
	}
	return r, nil
}

// Checks lists one page of org's checks, newest first, with their count,
// both from one snapshot.
func (s *Store) Checks(ctx context.Context, org catalog.OrgNumber, p catalog.Page) ([]catalog.CheckRecord, int, error) {
	list, total, err := listPage(ctx, s, p, scanCheck, "SELECT count(*) FROM checks WHERE agency = ?",
		"SELECT "+checkColumns+" FROM checks WHERE agency = ? ORDER BY started DESC, id DESC", string(org))
	if err != nil {
		return nil, 0, s.errorf("checks of agency %s: %w", org, err)
	}
	return list, total, nil
}

// LatestCheck returns org's newest check. ErrNotFound if it has none.
func (s *Store) LatestCheck(ctx context.Context, org catalog.OrgNumber) (*catalog.CheckRecord, error) {
	r, err := one(ctx, s.r, scanCheck, "SELECT "+checkColumns+` FROM checks WHERE agency = ?
		ORDER BY started DESC, id DESC LIMIT 1`, string(org))
	if err != nil {
		return nil, s.errorf("latest check of agency %s: %w", org, err)
	}
	return r, nil
}

// interruptedResult is the result of a check whose instance died.
const interruptedResult = `{"error":"interrupted: the instance running the check stopped before it finished"}`

// InterruptChecks marks checks running since before cutoff as failed.
func (s *Store) InterruptChecks(ctx context.Context, cutoff, now time.Time) (int, error) {
	n, err := s.exec(ctx, `UPDATE checks SET status = 'failed', ready = ?, finished = ?, result = ?
		WHERE status = 'running' AND started < ?`, false, s.d.Time(micro(now)), interruptedResult, s.d.Time(micro(cutoff)))
	if err != nil {
		return 0, s.errorf("interrupt checks: %w", err)
	}
	return int(n), nil
}
