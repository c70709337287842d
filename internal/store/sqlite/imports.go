package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/katalog-se/katalog/catalog"
)

// ImportState returns org's last import state; the zero state when none.
func (s *Store) ImportState(ctx context.Context, org catalog.OrgNumber) (catalog.ImportState, error) {
	var st catalog.ImportState
	var exists bool
	err := s.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM agencies WHERE org_number = ?),
		coalesce((SELECT digest FROM import_state WHERE agency = ?), ''),
		coalesce((SELECT revision FROM import_state WHERE agency = ?), 0),
		coalesce((SELECT format FROM import_state WHERE agency = ?), ''),
		coalesce((SELECT triples FROM import_state WHERE agency = ?), 0)`,
		string(org), string(org), string(org), string(org), string(org)).Scan(&exists, &st.Digest, &st.Revision, &st.Format, &st.Triples)
	if err != nil {
		return st, fmt.Errorf("sqlite: import state of agency %s: %w", org, err)
	}
	if !exists {
		return st, fmt.Errorf("sqlite: import state of agency %s: %w", org, catalog.ErrNotFound)
	}
	return st, nil
}

// SetImportState records org's import state; it moves no revision.
func (s *Store) SetImportState(ctx context.Context, org catalog.OrgNumber, st catalog.ImportState) error {
	var agency string
	err := s.w.QueryRowContext(ctx, `INSERT INTO import_state (agency, digest, revision, format, triples)
		SELECT org_number, ?, ?, ?, ? FROM agencies WHERE org_number = ?
		ON CONFLICT (agency) DO UPDATE SET digest = excluded.digest, revision = excluded.revision,
			format = excluded.format, triples = excluded.triples
		RETURNING agency`, st.Digest, st.Revision, st.Format, st.Triples, string(org)).Scan(&agency)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("sqlite: set import state of agency %s: %w", org, catalog.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("sqlite: set import state of agency %s: %w", org, err)
	}
	return nil
}

var _ catalog.ImportStateStore = (*Store)(nil)
