package sqlstore

import (
	"context"
	"encoding/json"

	"github.com/katalog-se/katalog/catalog"
)

// scoreColumns are the columns scanScore reads, before the score document.
const scoreColumns = "id, agency, model_version, computed, total, level"

// InsertScore adds r to its agency's score history and sets r.ID; r's
// ComputedAt is set to now when zero and truncated to the microsecond.
// ErrNotFound if the agency is absent.
func (s *Store) InsertScore(ctx context.Context, r *catalog.ScoreRecord) error {
	if !json.Valid(r.Score) {
		return s.errorf("insert score of agency %s: the score is not JSON", r.Agency)
	}
	r.ComputedAt = s.stamp(r.ComputedAt)
	err := s.writeRow(ctx, `INSERT INTO scores (agency, model_version, computed, total, level, score)
		SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM agencies WHERE org_number = ?) RETURNING id`,
		[]any{string(r.Agency), r.ModelVersion, s.d.Time(r.ComputedAt), r.Total, r.Level, string(r.Score), string(r.Agency)},
		&r.ID)
	if err != nil {
		return s.errorf("insert score of agency %s: %w", r.Agency, noRows(err))
	}
	return nil
}

// scanScore reads scoreColumns and the score document.
func scanScore(row scanner, r *catalog.ScoreRecord) error {
	var doc string
	err := row.Scan(&r.ID, (*string)(&r.Agency), &r.ModelVersion, timeCol{&r.ComputedAt}, &r.Total, &r.Level, &doc)
	r.Score = json.RawMessage(doc)
	return err
}

// scanScoreOnly reads scoreColumns without the score document.
func scanScoreOnly(row scanner, r *catalog.ScoreRecord) error {
	return row.Scan(&r.ID, (*string)(&r.Agency), &r.ModelVersion, timeCol{&r.ComputedAt}, &r.Total, &r.Level)
}

// LatestScore returns org's newest score. ErrNotFound if it has none.
func (s *Store) LatestScore(ctx context.Context, org catalog.OrgNumber) (*catalog.ScoreRecord, error) {
	r, err := one(ctx, s.r, scanScore, "SELECT "+scoreColumns+`, score FROM scores WHERE agency = ?
		ORDER BY computed DESC, id DESC LIMIT 1`, string(org))
	if err != nil {
		return nil, s.errorf("latest score of agency %s: %w", org, err)
	}
	return r, nil
}

// Scores lists one page of org's scores, newest first, and counts them
// all, both from one snapshot; withScore false leaves the documents out.
func (s *Store) Scores(ctx context.Context, org catalog.OrgNumber, p catalog.Page, withScore bool) ([]catalog.ScoreRecord, int, error) {
	cols, scan := scoreColumns, scanScoreOnly
	if withScore {
		cols, scan = scoreColumns+", score", scanScore
	}
	list, total, err := listPage(ctx, s, p, scan, "SELECT count(*) FROM scores WHERE agency = ?",
		"SELECT "+cols+" FROM scores WHERE agency = ? ORDER BY computed DESC, id DESC", string(org))
	if err != nil {
		return nil, 0, s.errorf("scores of agency %s: %w", org, err)
	}
	return list, total, nil
}

// LatestScores returns every agency's newest score, ordered by agency: one
// index lookup an agency.
func (s *Store) LatestScores(ctx context.Context) ([]catalog.ScoreRecord, error) {
	list, err := collect(ctx, s.r, scanScore, `SELECT s.id, s.agency, s.model_version, s.computed, s.total, s.level, s.score
		FROM agencies AS a JOIN scores AS s
		ON s.id = (SELECT id FROM scores WHERE agency = a.org_number ORDER BY computed DESC, id DESC LIMIT 1)
		ORDER BY a.org_number`)
	if err != nil {
		return nil, s.errorf("latest scores: %w", err)
	}
	return list, nil
}
