package sqlstore

import (
	"context"
	"encoding/json"

	"github.com/katalog-se/katalog/catalog"
)

// Reports are not part of the catalog: writing them bumps no revision.
// Triggers in the schema refuse UPDATE and DELETE, so a stored report
// stays as it was written.

// reportColumns are the columns scanReport reads, before the body.
const reportColumns = "id, created, model_version, agencies, indicators"

// InsertReport stores r, its CreatedAt set to now when zero and truncated
// to the microsecond. ErrConflict if a report with r.ID exists.
func (s *Store) InsertReport(ctx context.Context, r *catalog.ReportRecord) error {
	if r.ID == "" || !json.Valid(r.Indicators) || !json.Valid(r.Body) {
		return s.errorf("insert report %q: empty ID, or indicators or body not JSON", r.ID)
	}
	r.CreatedAt = s.stamp(r.CreatedAt)
	n, err := s.exec(ctx, `INSERT INTO reports (id, created, model_version, agencies, indicators, body)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
		r.ID, s.d.Time(r.CreatedAt), r.ModelVersion, r.Agencies, string(r.Indicators), string(r.Body))
	if err != nil {
		return s.errorf("insert report %s: %w", r.ID, err)
	}
	if n == 0 {
		return s.errorf("insert report %s: %w", r.ID, catalog.ErrConflict)
	}
	return nil
}

// scanReport reads reportColumns and the body.
func scanReport(row scanner, r *catalog.ReportRecord) error {
	var indicators, body string
	err := row.Scan(&r.ID, timeCol{&r.CreatedAt}, &r.ModelVersion, &r.Agencies, &indicators, &body)
	r.Indicators, r.Body = json.RawMessage(indicators), json.RawMessage(body)
	return err
}

// scanReportOnly reads reportColumns without the body.
func scanReportOnly(row scanner, r *catalog.ReportRecord) error {
	var indicators string
	err := row.Scan(&r.ID, timeCol{&r.CreatedAt}, &r.ModelVersion, &r.Agencies, &indicators)
	r.Indicators, r.Body = json.RawMessage(indicators), nil
	return err
}

// Report returns one report with its body. ErrNotFound if absent.
func (s *Store) Report(ctx context.Context, id string) (*catalog.ReportRecord, error) {
	r, err := one(ctx, s.r, scanReport, "SELECT "+reportColumns+", body FROM reports WHERE id = ?", id)
	if err != nil {
		return nil, s.errorf("report %s: %w", id, err)
	}
	return r, nil
}

// LatestReport returns the newest report with its body. ErrNotFound if
// there is none.
func (s *Store) LatestReport(ctx context.Context) (*catalog.ReportRecord, error) {
	r, err := one(ctx, s.r, scanReport, "SELECT "+reportColumns+`, body FROM reports
		ORDER BY created DESC, id DESC LIMIT 1`)
	if err != nil {
		return nil, s.errorf("latest report: %w", err)
	}
	return r, nil
}

// Reports lists one page of reports, newest first, without bodies, and
// counts them all, both from one snapshot.
func (s *Store) Reports(ctx context.Context, p catalog.Page) ([]catalog.ReportRecord, int, error) {
	list, total, err := listPage(ctx, s, p, scanReportOnly, "SELECT count(*) FROM reports",
		"SELECT "+reportColumns+" FROM reports ORDER BY created DESC, id DESC")
	if err != nil {
		return nil, 0, s.errorf("reports: %w", err)
	}
	return list, total, nil
}
