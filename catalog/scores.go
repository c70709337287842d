package catalog

import (
	"context"
	"encoding/json"
	"time"
)

// ScoreRecord is one stored maturity score of an agency. The score itself
// is kept as the JSON the scoring model produced, stamped with the model's
// version, so history stays readable when the model changes.
type ScoreRecord struct {
	// ID is assigned by InsertScore; it grows with every record.
	ID           int64     `json:"id"`
	Agency       OrgNumber `json:"agency"`
	ModelVersion string    `json:"modelVersion"`
	ComputedAt   time.Time `json:"computedAt"`
	// Total is 0–100 and Level 1–5, as in Score.
	Total float64 `json:"total"`
	Level int     `json:"level"`
	// Score is the whole score document.
	Score json.RawMessage `json:"score"`
}

// ScoreStore keeps agencies' score history.
type ScoreStore interface {
	// InsertScore adds r to its agency's history and sets r.ID. Times are
	// stored to the microsecond (r's truncated to match). ErrNotFound if the
	// agency is absent; an error if Score is not JSON.
	InsertScore(ctx context.Context, r *ScoreRecord) error
	// LatestScore returns org's newest score (by ComputedAt, then ID).
	// ErrNotFound if it has none.
	LatestScore(ctx context.Context, org OrgNumber) (*ScoreRecord, error)
	// Scores lists one page of org's scores, newest first, with the count
	// of all; a Limit below 1 lists all. withScore false leaves Score out
	// (for history charts).
	Scores(ctx context.Context, org OrgNumber, p Page, withScore bool) ([]ScoreRecord, int, error)
	// LatestScores returns every agency's newest score, ordered by agency.
	LatestScores(ctx context.Context) ([]ScoreRecord, error)
}
