package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// agencyColumns are the columns scanAgency reads, in its order.
const agencyColumns = `org_number, name, publisher_type, homepage, email, harvest_url, check_schedule,
	short_name, department, size_class, staff, agency_group, active, created, updated`

// scanAgency reads the agencyColumns of one row into a.
func scanAgency(row scanner, a *catalog.Agency) error {
	var name string
	var active int
	err := row.Scan((*string)(&a.OrgNumber), &name, &a.PublisherType, &a.Homepage, &a.Email, &a.HarvestURL,
		&a.CheckSchedule, &a.ShortName, &a.Department, &a.SizeClass, &a.Staff, &a.Group, &active,
		timeCol{&a.CreatedAt}, timeCol{&a.UpdatedAt})
	if err != nil {
		return err
	}
	a.Active = active == 1
	a.Name = nil
	if err := json.Unmarshal([]byte(name), &a.Name); err != nil {
		return fmt.Errorf("name of agency %s: %w", a.OrgNumber, err)
	}
	return nil
}

// checkOrg refuses an organisation number that is not in normalised form
// with a valid check digit.
func checkOrg(org catalog.OrgNumber) error {
	n, err := catalog.ParseOrgNumber(string(org))
	if err != nil {
		return err
	}
	if n != org {
		return fmt.Errorf("organisation number %q is not normalised (%s)", org, n)
	}
	return nil
}

// CreateAgency registers a and the hash of its first write token, named
// "initial" (none when tokenHash is empty). A registered agency is active
// (only a register load, UpsertAgencies, says otherwise): it sets a's
// Active, CreatedAt and
// UpdatedAt. ErrConflict if the organisation number, or the token hash, is
// taken.
func (s *Store) CreateAgency(ctx context.Context, a *catalog.Agency, tokenHash []byte) error {
	if err := checkOrg(a.OrgNumber); err != nil {
		return s.errorf("create agency: %w", err)
	}
	name, err := json.Marshal(a.Name)
	if err != nil {
		return s.errorf("create agency %s: name: %w", a.OrgNumber, err)
	}
	var now time.Time
	err = s.write(ctx, func(tx *writeTx) error {
		now = tx.now
		n, err := tx.execCount(ctx, `INSERT INTO agencies (org_number, name, publisher_type, homepage, email,
			harvest_url, check_schedule, short_name, department, size_class, staff, agency_group,
			token_hash, revision, modified, created, updated)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			string(a.OrgNumber), string(name), a.PublisherType, a.Homepage, a.Email,
			a.HarvestURL, a.CheckSchedule, a.ShortName, a.Department, a.SizeClass, a.Staff, a.Group,
			tx.seq, tx.stamp, tx.stamp, tx.stamp)
		switch {
		case err != nil:
			return err
		case n == 0:
			return catalog.ErrConflict
		}
		if err := tx.logCatalog(ctx, a.OrgNumber, catalog.OpCreate); err != nil || len(tokenHash) == 0 {
			return err
		}
		_, err = tx.exec(ctx, "INSERT INTO agency_tokens (agency, name, hash, created) VALUES (?, ?, ?, ?)",
			string(a.OrgNumber), "initial", tokenHash, tx.stamp)
		return err
	})
	if err != nil {
		return s.errorf("create agency %s: %w", a.OrgNumber, err)
	}
	a.CreatedAt, a.UpdatedAt, a.Active = now, now, true
	return nil
}

// UpdateAgency replaces a's fields but its token, creation time and active
// flag (the register's word), and sets a's Active, CreatedAt and UpdatedAt
// as stored. ErrNotFound if the agency is absent.
func (s *Store) UpdateAgency(ctx context.Context, a *catalog.Agency) error {
	name, err := json.Marshal(a.Name)
	if err != nil {
		return s.errorf("update agency %s: name: %w", a.OrgNumber, err)
	}
	var created, now time.Time
	var active int
	err = s.write(ctx, func(tx *writeTx) error {
		now = tx.now
		err := tx.queryRow(ctx, `UPDATE agencies SET name = ?, publisher_type = ?, homepage = ?, email = ?,
			harvest_url = ?, check_schedule = ?, short_name = ?, department = ?, size_class = ?, staff = ?,
			agency_group = ?, revision = ?, modified = ?, updated = ?
			WHERE org_number = ? RETURNING created, active`,
			string(name), a.PublisherType, a.Homepage, a.Email, a.HarvestURL, a.CheckSchedule,
			a.ShortName, a.Department, a.SizeClass, a.Staff, a.Group, tx.seq, tx.stamp, tx.stamp,
			string(a.OrgNumber)).Scan(timeCol{&created}, &active)
		if err != nil {
			return noRows(err)
		}
		return tx.logCatalog(ctx, a.OrgNumber, catalog.OpUpdate)
	})
	if err != nil {
		return s.errorf("update agency %s: %w", a.OrgNumber, err)
	}
	a.CreatedAt, a.UpdatedAt, a.Active = created, now, active == 1
	return nil
}

// UpsertAgencies loads agencies from a register in one transaction. A new
// agency is created whole, without a token. An existing one gets the
// register's facts (name, publisher type, short name, department, size
// class, staff, group, whether it is active, and homepage and email when
// the register has them)
// and keeps its token, harvest URL and check schedule. created counts new
// agencies, updated the existing ones that changed; agencies that did not
// change are not written, and when nothing changed the revision stays. An
// invalid organisation number fails the whole call. agencies is not modified.
func (s *Store) UpsertAgencies(ctx context.Context, agencies []catalog.Agency) (created, updated int, err error) {
	for i := range agencies {
		if err := checkOrg(agencies[i].OrgNumber); err != nil {
			return 0, 0, s.errorf("upsert agencies: agency %d: %w", i+1, err)
		}
	}
	err = s.write(ctx, func(tx *writeTx) error {
		created, updated = 0, 0
		for i := range agencies {
			c, u, err := upsertAgency(ctx, tx, &agencies[i])
			if err != nil {
				return fmt.Errorf("agency %s: %w", agencies[i].OrgNumber, err)
			}
			if c {
				created++
			}
			if u {
				updated++
			}
		}
		if created+updated == 0 {
			return errNoChange
		}
		return nil
	})
	if err != nil {
		return 0, 0, s.errorf("upsert agencies: %w", err)
	}
	return created, updated, nil
}

// upsertAgency creates or updates one agency of a register load.
func upsertAgency(ctx context.Context, tx *writeTx, in *catalog.Agency) (created, updated bool, err error) {
	var old catalog.Agency
	err = scanAgency(tx.queryRow(ctx, "SELECT "+agencyColumns+" FROM agencies WHERE org_number = ?",
		string(in.OrgNumber)), &old)
	if errors.Is(err, sql.ErrNoRows) {
		name, err := json.Marshal(in.Name)
		if err != nil {
			return false, false, fmt.Errorf("name: %w", err)
		}
		_, err = tx.exec(ctx, `INSERT INTO agencies (org_number, name, publisher_type, homepage, email,
			harvest_url, check_schedule, short_name, department, size_class, staff, agency_group, active,
			revision, modified, created, updated)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			string(in.OrgNumber), string(name), in.PublisherType, in.Homepage, in.Email,
			in.HarvestURL, in.CheckSchedule, in.ShortName, in.Department, in.SizeClass, in.Staff, in.Group, boolInt(in.Active),
			tx.seq, tx.stamp, tx.stamp, tx.stamp)
		if err == nil {
			err = tx.logCatalog(ctx, in.OrgNumber, catalog.OpCreate)
		}
		return err == nil, false, err
	}
	if err != nil {
		return false, false, err
	}
	next := registerFacts(old, in)
	if sameAgency(&old, &next) {
		return false, false, nil
	}
	name, err := json.Marshal(next.Name)
	if err != nil {
		return false, false, fmt.Errorf("name: %w", err)
	}
	_, err = tx.exec(ctx, `UPDATE agencies SET name = ?, publisher_type = ?, homepage = ?, email = ?,
		short_name = ?, department = ?, size_class = ?, staff = ?, agency_group = ?, active = ?,
		revision = ?, modified = ?, updated = ? WHERE org_number = ?`,
		string(name), next.PublisherType, next.Homepage, next.Email,
		next.ShortName, next.Department, next.SizeClass, next.Staff, next.Group, boolInt(next.Active),
		tx.seq, tx.stamp, tx.stamp, string(in.OrgNumber))
	if err == nil {
		err = tx.logCatalog(ctx, in.OrgNumber, catalog.OpUpdate)
	}
	return false, err == nil, err
}

// registerFacts returns old with the facts an agency register holds taken
// from in.
func registerFacts(old catalog.Agency, in *catalog.Agency) catalog.Agency {
	next := old
	next.Name = in.Name
	next.PublisherType = in.PublisherType
	if in.Homepage != "" {
		next.Homepage = in.Homepage
	}
	if in.Email != "" {
		next.Email = in.Email
	}
	next.ShortName = in.ShortName
	next.Department = in.Department
	next.SizeClass = in.SizeClass
	next.Staff = in.Staff
	next.Group = in.Group
	next.Active = in.Active
	return next
}

// sameAgency reports whether a and b have the same stored fields, times apart.
func sameAgency(a, b *catalog.Agency) bool {
	return a.OrgNumber == b.OrgNumber && maps.Equal(a.Name, b.Name) && a.PublisherType == b.PublisherType &&
		a.Homepage == b.Homepage && a.Email == b.Email && a.HarvestURL == b.HarvestURL &&
		a.CheckSchedule == b.CheckSchedule && a.ShortName == b.ShortName && a.Department == b.Department &&
		a.SizeClass == b.SizeClass && a.Staff == b.Staff && a.Group == b.Group && a.Active == b.Active
}

// Agency returns the agency with organisation number org. ErrNotFound if absent.
func (s *Store) Agency(ctx context.Context, org catalog.OrgNumber) (*catalog.Agency, error) {
	a, err := one(ctx, s.r, scanAgency, "SELECT "+agencyColumns+" FROM agencies WHERE org_number = ?", string(org))
	if err != nil {
		return nil, s.errorf("agency %s: %w", org, err)
	}
	return a, nil
}

// Agencies lists one page of agencies ordered by organisation number, and
// the number of all agencies, both from one snapshot. A Limit below 1
// lists all.
func (s *Store) Agencies(ctx context.Context, p catalog.Page) ([]catalog.Agency, int, error) {
	list, total, err := listPage(ctx, s, p, scanAgency, "SELECT count(*) FROM agencies",
		"SELECT "+agencyColumns+" FROM agencies ORDER BY org_number")
	if err != nil {
		return nil, 0, s.errorf("agencies: %w", err)
	}
	return list, total, nil
}
