package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/katalog-se/katalog/catalog"
)

// SavePortalSync implements catalog.PortalStore.
func (s *Store) SavePortalSync(ctx context.Context, statuses []catalog.PortalStatus) error {
	err := s.tx(ctx, func(h handle) error {
		for _, st := range statuses {
			if st.Status != catalog.PortalListed && st.Status != catalog.PortalNotListed {
				return fmt.Errorf("agency %s: status %q is neither listed nor notListed", st.Agency, st.Status)
			}
			missing, _ := json.Marshal(nonNil(st.Missing))
			publishers, _ := json.Marshal(nonNil(st.Publishers))
			n, err := h.execCount(ctx, `INSERT INTO portal_statuses (agency, status, checked, on_portal, in_catalogs, missing, publishers)
				SELECT ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM agencies WHERE org_number = ?)`,
				string(st.Agency), st.Status, s.d.Time(s.stamp(st.CheckedAt)), st.OnPortal, st.InCatalogs, string(missing), string(publishers), string(st.Agency))
			switch {
			case err != nil:
				return fmt.Errorf("agency %s: %w", st.Agency, err)
			case n == 0:
				return fmt.Errorf("agency %s: %w", st.Agency, catalog.ErrNotFound)
			}
		}
		return nil
	})
	if err != nil {
		return s.errorf("save the portal sync: %w", err)
	}
	return nil
}

// portalColumns are the columns scanPortal reads.
const portalColumns = "agency, status, checked, on_portal, in_catalogs, missing, publishers"

// scanPortal reads one stored portal status.
func scanPortal(row scanner, st *catalog.PortalStatus) error {
	var missing, publishers string
	if err := row.Scan((*string)(&st.Agency), &st.Status, timeCol{&st.CheckedAt}, &st.OnPortal, &st.InCatalogs, &missing, &publishers); err != nil {
		return err
	}
	if err := json.Unmarshal([]byte(missing), &st.Missing); err != nil {
		return fmt.Errorf("missing datasets: %w", err)
	}
	return json.Unmarshal([]byte(publishers), &st.Publishers)
}

// LatestPortalStatus implements catalog.PortalStore.
func (s *Store) LatestPortalStatus(ctx context.Context, org catalog.OrgNumber) (*catalog.PortalStatus, error) {
	st, err := one(ctx, s.r, scanPortal, "SELECT "+portalColumns+` FROM portal_statuses WHERE agency = ?
		ORDER BY checked DESC, id DESC LIMIT 1`, string(org))
	if err != nil {
		return nil, s.errorf("portal status of agency %s: %w", org, err)
	}
	return st, nil
}

// LatestPortalStatuses implements catalog.PortalStore.
func (s *Store) LatestPortalStatuses(ctx context.Context) ([]catalog.PortalStatus, error) {
	list, err := collect(ctx, s.r, scanPortal, `SELECT p.agency, p.status, p.checked, p.on_portal, p.in_catalogs, p.missing, p.publishers
		FROM agencies AS a JOIN portal_statuses AS p
		ON p.id = (SELECT id FROM portal_statuses WHERE agency = a.org_number ORDER BY checked DESC, id DESC LIMIT 1)
		ORDER BY a.org_number`)
	if err != nil {
		return nil, s.errorf("latest portal statuses: %w", err)
	}
	return list, nil
}

// PortalHistory implements catalog.PortalStore.
func (s *Store) PortalHistory(ctx context.Context, org catalog.OrgNumber, p catalog.Page) ([]catalog.PortalStatus, int, error) {
	list, total, err := listPage(ctx, s, p, scanPortal, "SELECT count(*) FROM portal_statuses WHERE agency = ?",
		"SELECT "+portalColumns+" FROM portal_statuses WHERE agency = ? ORDER BY checked DESC, id DESC", string(org))
	if err != nil {
		return nil, 0, s.errorf("portal history of agency %s: %w", org, err)
	}
	return list, total, nil
}

// nonNil is list, or an empty list for nil, so that it is stored as [].
func nonNil(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}
