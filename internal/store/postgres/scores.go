package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/katalog-se/katalog/catalog"
)

// scoreColumns are the columns scanScore reads, before the score document.
const scoreColumns = "id, agency, model_version, computed, total, level"

// InsertScore adds r to its agency's score history and sets r.ID; r's
// ComputedAt is set to now when zero and truncated to the microsecond.
// ErrNotFound if the agency is absent.
func (s *Store) InsertScore(ctx context.Context, r *catalog.ScoreRecord) error {
	if !json.Valid(r.Score) {
		return fmt.Errorf("postgres: insert score of agency %s: the score is not JSON", r.Agency)
	}
	r.ComputedAt = s.stamp(r.ComputedAt)
	err := s.pool.QueryRow(ctx, `INSERT INTO scores (agency, model_version, computed, total, level, score)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		string(r.Agency), r.ModelVersion, r.ComputedAt, r.Total, r.Level, string(r.Score)).Scan(&r.ID)
	if pgCode(err) == codeForeignKeyViolation {
		return fmt.Errorf("postgres: insert score of agency %s: %w", r.Agency, catalog.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("postgres: insert score of agency %s: %w", r.Agency, err)
	}
	return nil
}

// scanScore reads scoreColumns, and the score document when withScore.
func scanScore(row pgx.Row, r *catalog.ScoreRecord, withScore bool) error {
	var agency, doc string
	dest := []any{&r.ID, &agency, &r.ModelVersion, &r.ComputedAt, &r.Total, &r.Level}
	if withScore {
		dest = append(dest, &doc)
	}
	if err := row.Scan(dest...); err != nil {
		return err
	}
	r.Agency = catalog.OrgNumber(agency)
	r.ComputedAt = r.ComputedAt.UTC()
	if withScore {
		r.Score = json.RawMessage(doc)
	}
	return nil
}

// LatestScore returns org's newest score. ErrNotFound if it has none.
func (s *Store) LatestScore(ctx context.Context, org catalog.OrgNumber) (*catalog.ScoreRecord, error) {
	var r catalog.ScoreRecord
	err := scanScore(s.pool.QueryRow(ctx, "SELECT "+scoreColumns+`, score FROM scores WHERE agency = $1
		ORDER BY computed DESC, id DESC LIMIT 1`, string(org)), &r, true)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: latest score of agency %s: %w", org, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: latest score of agency %s: %w", org, err)
	}
	return &r, nil
}

// Scores lists one page of org's scores, newest first, and counts them
// all, both from one snapshot.
func (s *Store) Scores(ctx context.Context, org catalog.OrgNumber, p catalog.Page, withScore bool) ([]catalog.ScoreRecord, int, error) {
	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("postgres: scores of agency %s: %w", org, err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	var total int
	if err := tx.QueryRow(ctx, "SELECT count(*) FROM scores WHERE agency = $1", string(org)).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("postgres: count scores of agency %s: %w", org, err)
	}
	cols := scoreColumns
	if withScore {
		cols += ", score"
	}
	limit, offset := limitOffset(p)
	rows, err := tx.Query(ctx, "SELECT "+cols+` FROM scores WHERE agency = $1
		ORDER BY computed DESC, id DESC LIMIT $2 OFFSET $3`, string(org), limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("postgres: scores of agency %s: %w", org, err)
	}
	defer rows.Close()
	var list []catalog.ScoreRecord
	for rows.Next() {
		var r catalog.ScoreRecord
		if err := scanScore(rows, &r, withScore); err != nil {
			return nil, 0, fmt.Errorf("postgres: scores of agency %s: %w", org, err)
		}
		list = append(list, r)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("postgres: scores of agency %s: %w", org, err)
	}
	return list, total, nil
}

// LatestScores returns every agency's newest score, ordered by agency.
func (s *Store) LatestScores(ctx context.Context) ([]catalog.ScoreRecord, error) {
	rows, err := s.pool.Query(ctx, "SELECT DISTINCT ON (agency) "+scoreColumns+`, score FROM scores
		ORDER BY agency, computed DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("postgres: latest scores: %w", err)
	}
	defer rows.Close()
	var list []catalog.ScoreRecord
	for rows.Next() {
		var r catalog.ScoreRecord
		if err := scanScore(rows, &r, true); err != nil {
			return nil, fmt.Errorf("postgres: latest scores: %w", err)
		}
		list = append(list, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: latest scores: %w", err)
	}
	return list, nil
}
