package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/katalog-se/katalog/catalog"
)

// ImportState returns org's last import state; the zero state when none.
// ErrNotFound if the agency is absent.
func (s *Store) ImportState(ctx context.Context, org catalog.OrgNumber) (catalog.ImportState, error) {
	var st catalog.ImportState
	var exists bool
	err := s.r.queryRow(ctx, "SELECT EXISTS (SELECT 1 FROM agencies WHERE org_number = ?)", string(org)).Scan(&exists)
	if err != nil {
		return st, s.errorf("import state of agency %s: %w", org, err)
	}
	if !exists {
		return st, s.errorf("import state of agency %s: %w", org, catalog.ErrNotFound)
	}
	var report string
	err = s.r.queryRow(ctx, "SELECT digest, revision, format, triples, at, report, rest FROM import_state WHERE agency = ?", string(org)).
		Scan(&st.Digest, &st.Revision, &st.Format, &st.Triples, timeCol{&st.At}, &report, &st.Rest)
	if errors.Is(err, sql.ErrNoRows) {
		return catalog.ImportState{}, nil
	}
	if err != nil {
		return st, s.errorf("import state of agency %s: %w", org, err)
	}
	if report != "" {
		st.Report = json.RawMessage(report)
	}
	return st, nil
}

// SetImportState records org's import state; it moves no revision.
// ErrNotFound if the agency is absent.
func (s *Store) SetImportState(ctx context.Context, org catalog.OrgNumber, st catalog.ImportState) error {
	var agency string
	err := s.writeRow(ctx, `INSERT INTO import_state (agency, digest, revision, format, triples, at, report, rest)
		SELECT org_number, ?, ?, ?, ?, ?, ?, ? FROM agencies WHERE org_number = ?
		ON CONFLICT (agency) DO UPDATE SET digest = excluded.digest, revision = excluded.revision,
			format = excluded.format, triples = excluded.triples, at = excluded.at, report = excluded.report, rest = excluded.rest
		RETURNING agency`, []any{st.Digest, st.Revision, st.Format, st.Triples, s.d.OptTime(st.At), string(st.Report), st.Rest, string(org)}, &agency)
	if err != nil {
		return s.errorf("set import state of agency %s: %w", org, noRows(err))
	}
	return nil
}
