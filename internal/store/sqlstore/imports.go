package sqlstore

import (
	"context"

	"github.com/katalog-se/katalog/catalog"
)

// ImportState returns org's last import state; the zero state when none.
// ErrNotFound if the agency is absent.
func (s *Store) ImportState(ctx context.Context, org catalog.OrgNumber) (catalog.ImportState, error) {
	var st catalog.ImportState
	var exists bool
	err := s.r.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM agencies WHERE org_number = ?),
		coalesce((SELECT digest FROM import_state WHERE agency = ?), ''),
		coalesce((SELECT revision FROM import_state WHERE agency = ?), 0),
		coalesce((SELECT format FROM import_state WHERE agency = ?), ''),
		coalesce((SELECT triples FROM import_state WHERE agency = ?), 0)`,
		string(org), string(org), string(org), string(org), string(org)).Scan(&exists, &st.Digest, &st.Revision, &st.Format, &st.Triples)
	if err != nil {
		return st, s.errorf("import state of agency %s: %w", org, err)
	}
	if !exists {
		return st, s.errorf("import state of agency %s: %w", org, catalog.ErrNotFound)
	}
	return st, nil
}

// SetImportState records org's import state; it moves no revision.
// ErrNotFound if the agency is absent.
func (s *Store) SetImportState(ctx context.Context, org catalog.OrgNumber, st catalog.ImportState) error {
	var agency string
	err := s.writeRow(ctx, `INSERT INTO import_state (agency, digest, revision, format, triples)
		SELECT org_number, ?, ?, ?, ? FROM agencies WHERE org_number = ?
		ON CONFLICT (agency) DO UPDATE SET digest = excluded.digest, revision = excluded.revision,
			format = excluded.format, triples = excluded.triples
		RETURNING agency`, []any{st.Digest, st.Revision, st.Format, st.Triples, string(org)}, &agency)
	if err != nil {
		return s.errorf("set import state of agency %s: %w", org, noRows(err))
	}
	return nil
}
