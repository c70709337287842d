package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/katalog-se/katalog/catalog"
)

// ImportState returns org's last import state; the zero state when none.
func (s *Store) ImportState(ctx context.Context, org catalog.OrgNumber) (catalog.ImportState, error) {
	var st catalog.ImportState
	var exists bool
	err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM agencies WHERE org_number = $1),
		coalesce((SELECT digest FROM import_state WHERE agency = $1), ''),
		coalesce((SELECT revision FROM import_state WHERE agency = $1), 0),
		coalesce((SELECT format FROM import_state WHERE agency = $1), ''),
		coalesce((SELECT triples FROM import_state WHERE agency = $1), 0)`, string(org)).Scan(&exists, &st.Digest, &st.Revision, &st.Format, &st.Triples)
	if err != nil {
		return st, fmt.Errorf("postgres: import state of agency %s: %w", org, err)
	}
	if !exists {
		return st, fmt.Errorf("postgres: import state of agency %s: %w", org, catalog.ErrNotFound)
	}
	return st, nil
}

// SetImportState records org's import state; it moves no revision.
func (s *Store) SetImportState(ctx context.Context, org catalog.OrgNumber, st catalog.ImportState) error {
	var agency string
	err := s.pool.QueryRow(ctx, `INSERT INTO import_state (agency, digest, revision, format, triples)
		SELECT org_number, $1, $2, $3, $4 FROM agencies WHERE org_number = $5
		ON CONFLICT (agency) DO UPDATE SET digest = excluded.digest, revision = excluded.revision,
			format = excluded.format, triples = excluded.triples
		RETURNING agency`, st.Digest, st.Revision, st.Format, st.Triples, string(org)).Scan(&agency)
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("postgres: set import state of agency %s: %w", org, catalog.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("postgres: set import state of agency %s: %w", org, err)
	}
	return nil
}

var _ catalog.ImportStateStore = (*Store)(nil)
