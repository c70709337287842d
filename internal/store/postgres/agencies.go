package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"

	"github.com/jackc/pgx/v5"

	"github.com/katalog-se/katalog/catalog"
)

// agencyColumns are the columns scanAgency reads, in its order.
const agencyColumns = `org_number, name, publisher_type, homepage, email, harvest_url, check_schedule,
	short_name, department, size_class, staff, agency_group, created, updated`

// scanAgency reads the agencyColumns of one row into a.
func scanAgency(row pgx.Row, a *catalog.Agency) error {
	var org, name string
	err := row.Scan(&org, &name, &a.PublisherType, &a.Homepage, &a.Email, &a.HarvestURL, &a.CheckSchedule,
		&a.ShortName, &a.Department, &a.SizeClass, &a.Staff, &a.Group, &a.CreatedAt, &a.UpdatedAt)
	if err != nil {
		return err
	}
	a.OrgNumber = catalog.OrgNumber(org)
	a.CreatedAt, a.UpdatedAt = a.CreatedAt.UTC(), a.UpdatedAt.UTC()
	a.Name = nil
	if err := json.Unmarshal([]byte(name), &a.Name); err != nil {
		return fmt.Errorf("name of agency %s: %w", org, err)
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

// CreateAgency registers a and the hash of its write token (none when
// tokenHash is empty). It sets a's CreatedAt and UpdatedAt. ErrConflict if
// the organisation number, or the token hash, is taken.
func (s *Store) CreateAgency(ctx context.Context, a *catalog.Agency, tokenHash []byte) error {
	if err := checkOrg(a.OrgNumber); err != nil {
		return fmt.Errorf("postgres: create agency: %w", err)
	}
	name, err := json.Marshal(a.Name)
	if err != nil {
		return fmt.Errorf("postgres: create agency %s: name: %w", a.OrgNumber, err)
	}
	var hash []byte // NULL when there is no token
	if len(tokenHash) > 0 {
		hash = tokenHash
	}
	var tx0 *writeTx
	err = s.write(ctx, func(tx *writeTx) error {
		tx0 = tx
		tag, err := tx.Exec(ctx, `INSERT INTO agencies (org_number, name, publisher_type, homepage, email,
			harvest_url, check_schedule, short_name, department, size_class, staff, agency_group,
			token_hash, revision, modified, created, updated)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $15) ON CONFLICT DO NOTHING`,
			string(a.OrgNumber), string(name), a.PublisherType, a.Homepage, a.Email,
			a.HarvestURL, a.CheckSchedule, a.ShortName, a.Department, a.SizeClass, a.Staff, a.Group,
			hash, tx.seq, tx.now)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 1 {
			return nil
		}
		var exists bool
		err = tx.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM agencies WHERE org_number = $1)", string(a.OrgNumber)).Scan(&exists)
		if err != nil {
			return err
		}
		if exists {
			return catalog.ErrConflict
		}
		return fmt.Errorf("token hash of another agency: %w", catalog.ErrConflict)
	})
	if err != nil {
		return fmt.Errorf("postgres: create agency %s: %w", a.OrgNumber, err)
	}
	a.CreatedAt, a.UpdatedAt = tx0.now, tx0.now
	return nil
}

// UpdateAgency replaces a's fields but its token and creation time, and sets
// a's CreatedAt and UpdatedAt. ErrNotFound if the agency is absent.
func (s *Store) UpdateAgency(ctx context.Context, a *catalog.Agency) error {
	name, err := json.Marshal(a.Name)
	if err != nil {
		return fmt.Errorf("postgres: update agency %s: name: %w", a.OrgNumber, err)
	}
	var tx0 *writeTx
	err = s.write(ctx, func(tx *writeTx) error {
		tx0 = tx
		err := tx.QueryRow(ctx, `UPDATE agencies SET name = $1, publisher_type = $2, homepage = $3, email = $4,
			harvest_url = $5, check_schedule = $6, short_name = $7, department = $8, size_class = $9, staff = $10,
			agency_group = $11, revision = $12, modified = $13, updated = $13
			WHERE org_number = $14 RETURNING created`,
			string(name), a.PublisherType, a.Homepage, a.Email, a.HarvestURL, a.CheckSchedule,
			a.ShortName, a.Department, a.SizeClass, a.Staff, a.Group, tx.seq, tx.now,
			string(a.OrgNumber)).Scan(&a.CreatedAt)
		if errors.Is(err, pgx.ErrNoRows) {
			return catalog.ErrNotFound
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: update agency %s: %w", a.OrgNumber, err)
	}
	a.CreatedAt, a.UpdatedAt = a.CreatedAt.UTC(), tx0.now
	return nil
}

// UpsertAgencies loads agencies from a register in one transaction; see
// catalog.Store and the SQLite store, whose rules it follows: a new agency
// is created whole without a token, an existing one gets the register's
// facts and keeps its token, harvest URL and check schedule, and agencies
// that did not change are not written. When nothing changed the revision
// stays. An invalid organisation number fails the whole call.
func (s *Store) UpsertAgencies(ctx context.Context, agencies []catalog.Agency) (created, updated int, err error) {
	for i := range agencies {
		if err := checkOrg(agencies[i].OrgNumber); err != nil {
			return 0, 0, fmt.Errorf("postgres: upsert agencies: agency %d: %w", i+1, err)
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
		return 0, 0, fmt.Errorf("postgres: upsert agencies: %w", err)
	}
	return created, updated, nil
}

// upsertAgency creates or updates one agency of a register load.
func upsertAgency(ctx context.Context, tx *writeTx, in *catalog.Agency) (created, updated bool, err error) {
	var old catalog.Agency
	err = scanAgency(tx.QueryRow(ctx, "SELECT "+agencyColumns+" FROM agencies WHERE org_number = $1",
		string(in.OrgNumber)), &old)
	if errors.Is(err, pgx.ErrNoRows) {
		name, err := json.Marshal(in.Name)
		if err != nil {
			return false, false, fmt.Errorf("name: %w", err)
		}
		_, err = tx.Exec(ctx, `INSERT INTO agencies (org_number, name, publisher_type, homepage, email,
			harvest_url, check_schedule, short_name, department, size_class, staff, agency_group,
			revision, modified, created, updated)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $14)`,
			string(in.OrgNumber), string(name), in.PublisherType, in.Homepage, in.Email,
			in.HarvestURL, in.CheckSchedule, in.ShortName, in.Department, in.SizeClass, in.Staff, in.Group,
			tx.seq, tx.now)
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
	_, err = tx.Exec(ctx, `UPDATE agencies SET name = $1, publisher_type = $2, homepage = $3, email = $4,
		short_name = $5, department = $6, size_class = $7, staff = $8, agency_group = $9,
		revision = $10, modified = $11, updated = $11 WHERE org_number = $12`,
		string(name), next.PublisherType, next.Homepage, next.Email,
		next.ShortName, next.Department, next.SizeClass, next.Staff, next.Group,
		tx.seq, tx.now, string(in.OrgNumber))
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
	return next
}

// sameAgency reports whether a and b have the same stored fields, times apart.
func sameAgency(a, b *catalog.Agency) bool {
	return a.OrgNumber == b.OrgNumber && maps.Equal(a.Name, b.Name) && a.PublisherType == b.PublisherType &&
		a.Homepage == b.Homepage && a.Email == b.Email && a.HarvestURL == b.HarvestURL &&
		a.CheckSchedule == b.CheckSchedule && a.ShortName == b.ShortName && a.Department == b.Department &&
		a.SizeClass == b.SizeClass && a.Staff == b.Staff && a.Group == b.Group
}

// Agency returns the agency with organisation number org. ErrNotFound if absent.
func (s *Store) Agency(ctx context.Context, org catalog.OrgNumber) (*catalog.Agency, error) {
	var a catalog.Agency
	err := scanAgency(s.pool.QueryRow(ctx, "SELECT "+agencyColumns+" FROM agencies WHERE org_number = $1", string(org)), &a)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: agency %s: %w", org, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: agency %s: %w", org, err)
	}
	return &a, nil
}

// AgencyTokenHash returns the hash of org's write token. ErrNotFound if the
// agency is absent or has no token (as after a register load).
func (s *Store) AgencyTokenHash(ctx context.Context, org catalog.OrgNumber) ([]byte, error) {
	var hash []byte
	err := s.pool.QueryRow(ctx, "SELECT token_hash FROM agencies WHERE org_number = $1", string(org)).Scan(&hash)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: token hash of agency %s: %w", org, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: token hash of agency %s: %w", org, err)
	}
	if len(hash) == 0 {
		return nil, fmt.Errorf("postgres: agency %s has no write token: %w", org, catalog.ErrNotFound)
	}
	return hash, nil
}

// AgencyByTokenHash returns the agency whose write token hashes to hash.
// ErrNotFound if none (always for an empty hash).
func (s *Store) AgencyByTokenHash(ctx context.Context, hash []byte) (catalog.OrgNumber, error) {
	if len(hash) == 0 {
		return "", fmt.Errorf("postgres: agency by empty token hash: %w", catalog.ErrNotFound)
	}
	var org string
	err := s.pool.QueryRow(ctx, "SELECT org_number FROM agencies WHERE token_hash = $1", hash).Scan(&org)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", fmt.Errorf("postgres: agency by token hash: %w", catalog.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("postgres: agency by token hash: %w", err)
	}
	return catalog.OrgNumber(org), nil
}

// Agencies lists one page of agencies ordered by organisation number, and
// the number of all agencies, both from one snapshot. A Limit below 1
// lists all.
func (s *Store) Agencies(ctx context.Context, p catalog.Page) ([]catalog.Agency, int, error) {
	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("postgres: agencies: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	var total int
	if err := tx.QueryRow(ctx, "SELECT count(*) FROM agencies").Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("postgres: count agencies: %w", err)
	}
	limit, offset := limitOffset(p)
	rows, err := tx.Query(ctx, "SELECT "+agencyColumns+" FROM agencies ORDER BY org_number LIMIT $1 OFFSET $2", limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("postgres: agencies: %w", err)
	}
	defer rows.Close()
	var list []catalog.Agency
	for rows.Next() {
		var a catalog.Agency
		if err := scanAgency(rows, &a); err != nil {
			return nil, 0, fmt.Errorf("postgres: agencies: %w", err)
		}
		list = append(list, a)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("postgres: agencies: %w", err)
	}
	return list, total, nil
}
