package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/katalog-se/katalog/catalog"
)

// Reports are not part of the catalog: writing them bumps no revision.
// Triggers in the schema refuse UPDATE and DELETE, so a stored report
// stays as it was written.

var _ catalog.ReportStore = (*Store)(nil)

const reportColumns = "id, created, model_version, agencies, indicators"

// InsertReport stores r. ErrConflict if a report with r.ID exists.
func (s *Store) InsertReport(ctx context.Context, r *catalog.ReportRecord) error {
	if r.ID == "" || !json.Valid(r.Indicators) || !json.Valid(r.Body) {
		return fmt.Errorf("sqlite: insert report %q: empty ID, or indicators or body not JSON", r.ID)
	}
	r.CreatedAt = s.stamp(r.CreatedAt)
	res, err := s.w.ExecContext(ctx, `INSERT INTO reports (id, created, model_version, agencies, indicators, body)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
		r.ID, formatTime(r.CreatedAt), r.ModelVersion, r.Agencies, string(r.Indicators), string(r.Body))
	if err != nil {
		return fmt.Errorf("sqlite: insert report %s: %w", r.ID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("sqlite: insert report %s: %w", r.ID, err)
	}
	if n == 0 {
		return fmt.Errorf("sqlite: insert report %s: %w", r.ID, catalog.ErrConflict)
	}
	return nil
}

// scanReport reads reportColumns, and the body when withBody.
func scanReport(row scanner, r *catalog.ReportRecord, withBody bool) error {
	var created, indicators, body string
	dest := []any{&r.ID, &created, &r.ModelVersion, &r.Agencies, &indicators}
	if withBody {
		dest = append(dest, &body)
	}
	if err := row.Scan(dest...); err != nil {
		return err
	}
	t, err := parseTime(created)
	if err != nil {
		return err
	}
	r.CreatedAt = t
	r.Indicators = json.RawMessage(indicators)
	if withBody {
		r.Body = json.RawMessage(body)
	}
	return nil
}

// Report returns one report with its body. ErrNotFound if absent.
func (s *Store) Report(ctx context.Context, id string) (*catalog.ReportRecord, error) {
	var r catalog.ReportRecord
	err := scanReport(s.r.QueryRowContext(ctx, "SELECT "+reportColumns+", body FROM reports WHERE id = ?", id), &r, true)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: report %s: %w", id, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: report %s: %w", id, err)
	}
	return &r, nil
}

// LatestReport returns the newest report with its body. ErrNotFound if
// there is none.
func (s *Store) LatestReport(ctx context.Context) (*catalog.ReportRecord, error) {
	var r catalog.ReportRecord
	err := scanReport(s.r.QueryRowContext(ctx, "SELECT "+reportColumns+`, body FROM reports
		ORDER BY created DESC, id DESC LIMIT 1`), &r, true)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: latest report: %w", catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: latest report: %w", err)
	}
	return &r, nil
}

// Reports lists one page of reports, newest first, without bodies, and
// counts them all.
func (s *Store) Reports(ctx context.Context, p catalog.Page) ([]catalog.ReportRecord, int, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: reports: %w", err)
	}
	defer tx.Rollback()
	var total int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM reports").Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqlite: count reports: %w", err)
	}
	limit, offset := limitOffset(p)
	rows, err := tx.QueryContext(ctx, "SELECT "+reportColumns+` FROM reports
		ORDER BY created DESC, id DESC LIMIT ? OFFSET ?`, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: reports: %w", err)
	}
	defer rows.Close()
	var list []catalog.ReportRecord
	for rows.Next() {
		var r catalog.ReportRecord
		if err := scanReport(rows, &r, false); err != nil {
			return nil, 0, fmt.Errorf("sqlite: reports: %w", err)
		}
		list = append(list, r)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("sqlite: reports: %w", err)
	}
	return list, total, nil
}
