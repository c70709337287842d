package sqlstore

import (
	"context"

	"github.com/katalog-se/katalog/catalog"
)

// AppendAudit implements catalog.AuditStore.
func (s *Store) AppendAudit(ctx context.Context, e *catalog.AuditEntry) error {
	e.At = s.stamp(e.At)
	err := s.writeRow(ctx, `INSERT INTO audit_log (at, actor, method, route, path, agency, status, remote)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		[]any{s.d.Time(e.At), e.Actor, e.Method, e.Route, e.Path, string(e.Agency), e.Status, e.Remote}, &e.ID)
	if err != nil {
		return s.errorf("append to the audit log: %w", err)
	}
	return nil
}

func scanAudit(row scanner, e *catalog.AuditEntry) error {
	return row.Scan(&e.ID, timeCol{&e.At}, &e.Actor, &e.Method, &e.Route, &e.Path, (*string)(&e.Agency), &e.Status, &e.Remote)
}

// Audit implements catalog.AuditStore.
func (s *Store) Audit(ctx context.Context, agency catalog.OrgNumber, p catalog.Page) ([]catalog.AuditEntry, int, error) {
	const cols = "SELECT id, at, actor, method, route, path, agency, status, remote FROM audit_log"
	var (
		list  []catalog.AuditEntry
		total int
		err   error
	)
	if agency == "" {
		list, total, err = listPage(ctx, s, p, scanAudit, "SELECT count(*) FROM audit_log", cols+" ORDER BY id DESC")
	} else {
		list, total, err = listPage(ctx, s, p, scanAudit, "SELECT count(*) FROM audit_log WHERE agency = ?",
			cols+" WHERE agency = ? ORDER BY id DESC", string(agency))
	}
	if err != nil {
		return nil, 0, s.errorf("audit log: %w", err)
	}
	return list, total, nil
}
