package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/katalog-se/katalog/catalog"
)

// Reports are not part of the catalog: writing them bumps no revision.
// A trigger in the schema refuses UPDATE and DELETE, so a stored report
// stays as it was written.

var _ catalog.ReportStore = (*Store)(nil)

// reportColumns are the columns scanReport reads, before the body.
const reportColumns = "id, created, model_version, agencies, indicators"

// InsertReport stores r, its CreatedAt set to now when zero and truncated
// to the microsecond. ErrConflict if a report with r.ID exists.
func (s *Store) InsertReport(ctx context.Context, r *catalog.ReportRecord) error {
	if r.ID == "" || !json.Valid(r.Indicators) || !json.Valid(r.Body) {
		return fmt.Errorf("postgres: insert report %q: empty ID, or indicators or body not JSON", r.ID)
	}
	r.CreatedAt = s.stamp(r.CreatedAt)
	tag, err := s.pool.Exec(ctx, `INSERT INTO reports (id, created, model_version, agencies, indicators, body)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
		r.ID, r.CreatedAt, r.ModelVersion, r.Agencies, string(r.Indicators), string(r.Body))
	if err != nil {
		return fmt.Errorf("postgres: insert report %s: %w", r.ID, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("postgres: insert report %s: %w", r.ID, catalog.ErrConflict)
	}
	return nil
}

// scanReport reads reportColumns, and the body when withBody.
func scanReport(row pgx.Row, r *catalog.ReportRecord, withBody bool) error {
	var indicators, body string
	dest := []any{&r.ID, &r.CreatedAt, &r.ModelVersion, &r.Agencies, &indicators}
	if withBody {
		dest = append(dest, &body)
	}
	if err := row.Scan(dest...); err != nil {
		return err
	}
	r.CreatedAt = r.CreatedAt.UTC()
	r.Indicators = json.RawMessage(indicators)
	r.Body = nil
	if withBody {
		r.Body = json.RawMessage(body)
	}
	return nil
}

// Report returns one report with its body. ErrNotFound if absent.
func (s *Store) Report(ctx context.Context, id string) (*catalog.ReportRecord, error) {
	var r catalog.ReportRecord
	err := scanReport(s.pool.QueryRow(ctx, "SELECT "+reportColumns+", body FROM reports WHERE id = $1", id), &r, true)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: report %s: %w", id, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: report %s: %w", id, err)
	}
	return &r, nil
}

// LatestReport returns the newest report with its body. ErrNotFound if
// there is none.
func (s *Store) LatestReport(ctx context.Context) (*catalog.ReportRecord, error) {
	var r catalog.ReportRecord
	err := scanReport(s.pool.QueryRow(ctx, "SELECT "+reportColumns+`, body FROM reports
		ORDER BY created DESC, id DESC LIMIT 1`), &r, true)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: latest report: %w", catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: latest report: %w", err)
	}
	return &r, nil
}

// Reports lists one page of reports, newest first, without bodies, and
// counts them all, both from one snapshot.
func (s *Store) Reports(ctx context.Context, p catalog.Page) ([]catalog.ReportRecord, int, error) {
	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("postgres: reports: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	var total int
	if err := tx.QueryRow(ctx, "SELECT count(*) FROM reports").Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("postgres: count reports: %w", err)
	}
	limit, offset := limitOffset(p)
	rows, err := tx.Query(ctx, "SELECT "+reportColumns+` FROM reports
		ORDER BY created DESC, id DESC LIMIT $1 OFFSET $2`, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("postgres: reports: %w", err)
	}
	defer rows.Close()
	var list []catalog.ReportRecord
	for rows.Next() {
		var r catalog.ReportRecord
		if err := scanReport(rows, &r, false); err != nil {
			return nil, 0, fmt.Errorf("postgres: reports: %w", err)
		}
		list = append(list, r)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("postgres: reports: %w", err)
	}
	return list, total, nil
}
