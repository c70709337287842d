package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/katalog-se/katalog/catalog"
)

const scoreColumns = "id, agency, model_version, computed, total, level"

// InsertScore adds r to its agency's score history and sets r.ID.
func (s *Store) InsertScore(ctx context.Context, r *catalog.ScoreRecord) error {
	if !json.Valid(r.Score) {
		return fmt.Errorf("sqlite: insert score of agency %s: the score is not JSON", r.Agency)
	}
	r.ComputedAt = s.stamp(r.ComputedAt)
	err := s.w.QueryRowContext(ctx, `INSERT INTO scores (agency, model_version, computed, total, level, score)
		SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM agencies WHERE org_number = ?) RETURNING id`,
		string(r.Agency), r.ModelVersion, formatTime(r.ComputedAt), r.Total, r.Level, string(r.Score), string(r.Agency)).Scan(&r.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("sqlite: insert score of agency %s: %w", r.Agency, catalog.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("sqlite: insert score of agency %s: %w", r.Agency, err)
	}
	return nil
}

// scanScore reads scoreColumns, and the score document when withScore.
func scanScore(row scanner, r *catalog.ScoreRecord, withScore bool) error {
	var agency, computed, doc string
	dest := []any{&r.ID, &agency, &r.ModelVersion, &computed, &r.Total, &r.Level}
	if withScore {
		dest = append(dest, &doc)
	}
	if err := row.Scan(dest...); err != nil {
		return err
	}
	r.Agency = catalog.OrgNumber(agency)
	t, err := parseTime(computed)
	if err != nil {
		return err
	}
	r.ComputedAt = t
	if withScore {
		r.Score = json.RawMessage(doc)
	}
	return nil
}

// LatestScore returns org's newest score. ErrNotFound if it has none.
func (s *Store) LatestScore(ctx context.Context, org catalog.OrgNumber) (*catalog.ScoreRecord, error) {
	var r catalog.ScoreRecord
	err := scanScore(s.r.QueryRowContext(ctx, "SELECT "+scoreColumns+`, score FROM scores WHERE agency = ?
		ORDER BY computed DESC, id DESC LIMIT 1`, string(org)), &r, true)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: latest score of agency %s: %w", org, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: latest score of agency %s: %w", org, err)
	}
	return &r, nil
}

// Scores lists one page of org's scores, newest first, and counts them all.
func (s *Store) Scores(ctx context.Context, org catalog.OrgNumber, p catalog.Page, withScore bool) ([]catalog.ScoreRecord, int, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: scores of agency %s: %w", org, err)
	}
	defer tx.Rollback()
	var total int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM scores WHERE agency = ?", string(org)).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqlite: count scores of agency %s: %w", org, err)
	}
	cols := scoreColumns
	if withScore {
		cols += ", score"
	}
	limit, offset := limitOffset(p)
	rows, err := tx.QueryContext(ctx, "SELECT "+cols+` FROM scores WHERE agency = ?
		ORDER BY computed DESC, id DESC LIMIT ? OFFSET ?`, string(org), limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: scores of agency %s: %w", org, err)
	}
	defer rows.Close()
	var list []catalog.ScoreRecord
	for rows.Next() {
		var r catalog.ScoreRecord
		if err := scanScore(rows, &r, withScore); err != nil {
			return nil, 0, fmt.Errorf("sqlite: scores of agency %s: %w", org, err)
		}
		list = append(list, r)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("sqlite: scores of agency %s: %w", org, err)
	}
	return list, total, nil
}

// LatestScores returns every agency's newest score, ordered by agency.
func (s *Store) LatestScores(ctx context.Context) ([]catalog.ScoreRecord, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT "+scoreColumns+`, score FROM scores AS s
		WHERE id = (SELECT id FROM scores WHERE agency = s.agency ORDER BY computed DESC, id DESC LIMIT 1)
		ORDER BY agency`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: latest scores: %w", err)
	}
	defer rows.Close()
	var list []catalog.ScoreRecord
	for rows.Next() {
		var r catalog.ScoreRecord
		if err := scanScore(rows, &r, true); err != nil {
			return nil, fmt.Errorf("sqlite: latest scores: %w", err)
		}
		list = append(list, r)
	}
	return list, rows.Err()
}

var _ catalog.ScoreStore = (*Store)(nil)
