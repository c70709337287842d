package postgres

import (
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/store/sqlstore"
)

// codeUniqueViolation is PostgreSQL's SQLSTATE for a unique violation.
const codeUniqueViolation = "23505"

// dialect is PostgreSQL's sqlstore.Dialect.
type dialect struct{}

// Name implements sqlstore.Dialect.
func (dialect) Name() string { return "postgres" }

// Rebind implements sqlstore.Dialect: PostgreSQL numbers its parameters.
func (dialect) Rebind(query string) string { return sqlstore.NumberParams(query) }

// BumpRevision implements sqlstore.Dialect. It locks the revision row until
// the transaction ends, so catalog writes of all instances run one at a
// time; GREATEST keeps the stamp from going back, whichever instance's
// clock is behind.
func (dialect) BumpRevision() string {
	return "UPDATE catalog_revision SET seq = seq + 1, modified = GREATEST(modified, ?) WHERE id = 1 RETURNING seq, modified"
}

// Time implements sqlstore.Dialect: times are timestamptz.
func (dialect) Time(t time.Time) any { return t }

// OptTime implements sqlstore.Dialect: no time is NULL.
func (dialect) OptTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

// Usable implements sqlstore.Dialect: whether the server answers only a
// query tells.
func (dialect) Usable() error { return nil }

// Classify implements sqlstore.Dialect: see unavailable; a unique violation
// is catalog.ErrConflict.
func (dialect) Classify(err error, _ bool) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == codeUniqueViolation && !errors.Is(err, catalog.ErrConflict) {
		return fmt.Errorf("%w: %w", catalog.ErrConflict, err)
	}
	return unavailable(err)
}
