package catalog

import (
	"context"
	"encoding/json"
	"time"
)

// ReportRecord is one stored trend report. Reports are immutable: a
// store adds them and never changes or removes them. The report itself is
// kept as the JSON the report builder produced, stamped with the scoring
// model's version.
type ReportRecord struct {
	// ID names the report (the builder derives it from CreatedAt, e.g.
	// "20260301T000000Z"); it is unique.
	ID           string    `json:"id"`
	CreatedAt    time.Time `json:"createdAt"`
	ModelVersion string    `json:"modelVersion"`
	// Agencies is how many agencies the report covers.
	Agencies int `json:"agencies"`
	// Indicators is the report's overall indicators as JSON: small, and
	// enough to draw trend lines from earlier reports without their bodies.
	Indicators json.RawMessage `json:"indicators"`
	// Body is the whole report document; listings leave it out.
	Body json.RawMessage `json:"body,omitempty"`
}

// ReportStore keeps trend reports.
type ReportStore interface {
	// InsertReport stores r. CreatedAt is stored to the microsecond (r's
	// truncated to match). ErrConflict if a report with r.ID exists; an
	// error if ID is empty or Indicators or Body is not JSON.
	InsertReport(ctx context.Context, r *ReportRecord) error
	// Report returns one report with its body. ErrNotFound if absent.
	Report(ctx context.Context, id string) (*ReportRecord, error)
	// LatestReport returns the newest report (by CreatedAt, then ID) with
	// its body. ErrNotFound if there is none.
	LatestReport(ctx context.Context) (*ReportRecord, error)
	// Reports lists one page of reports, newest first, with their
	// indicators but without their bodies, and the count of all; a Limit
	// below 1 lists all.
	Reports(ctx context.Context, p Page) ([]ReportRecord, int, error)
}
