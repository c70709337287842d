package sqlstore

import (
	"context"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// touchEvery is how stale a token's recorded last use may get before a use
// is written again: a token used in a busy loop costs one write a minute.
const touchEvery = time.Minute

// CreateToken implements catalog.TokenStore.
func (s *Store) CreateToken(ctx context.Context, t *catalog.Token, hash []byte) error {
	t.CreatedAt = s.now()
	var expires any
	if t.ExpiresAt != nil {
		e := micro(*t.ExpiresAt)
		t.ExpiresAt, expires = &e, s.d.Time(e)
	}
	err := s.writeRow(ctx, `INSERT INTO agency_tokens (agency, name, hash, created, expires)
		SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM agencies WHERE org_number = ?) RETURNING id`,
		[]any{string(t.Agency), t.Name, hash, s.d.Time(t.CreatedAt), expires, string(t.Agency)}, &t.ID)
	if err != nil {
		return s.errorf("create token %q of agency %s: %w", t.Name, t.Agency, noRows(err))
	}
	return nil
}

// tokenColumns are the columns scanToken reads.
const tokenColumns = "id, agency, name, created, expires, last_used"

func scanToken(row scanner, t *catalog.Token) error {
	var expires, used time.Time
	if err := row.Scan(&t.ID, (*string)(&t.Agency), &t.Name, timeCol{&t.CreatedAt}, timeCol{&expires}, timeCol{&used}); err != nil {
		return err
	}
	t.ExpiresAt, t.LastUsedAt = optTime(expires), optTime(used)
	return nil
}

// Tokens implements catalog.TokenStore.
func (s *Store) Tokens(ctx context.Context, org catalog.OrgNumber) ([]catalog.Token, error) {
	list, err := collect(ctx, s.r, scanToken, "SELECT "+tokenColumns+" FROM agency_tokens WHERE agency = ? AND revoked IS NULL ORDER BY id", string(org))
	if err != nil {
		return nil, s.errorf("tokens of agency %s: %w", org, err)
	}
	return list, nil
}

// RevokeToken implements catalog.TokenStore.
func (s *Store) RevokeToken(ctx context.Context, org catalog.OrgNumber, id int64) error {
	n, err := s.exec(ctx, "UPDATE agency_tokens SET revoked = ? WHERE agency = ? AND id = ? AND revoked IS NULL",
		s.d.Time(s.now()), string(org), id)
	if err == nil && n == 0 {
		err = catalog.ErrNotFound
	}
	if err != nil {
		return s.errorf("revoke token %d of agency %s: %w", id, org, err)
	}
	return nil
}

// TokenByHash implements catalog.TokenStore.
func (s *Store) TokenByHash(ctx context.Context, hash []byte, now time.Time) (*catalog.Token, error) {
	if len(hash) == 0 {
		return nil, s.errorf("token by empty hash: %w", catalog.ErrNotFound)
	}
	t, err := one(ctx, s.r, scanToken, "SELECT "+tokenColumns+` FROM agency_tokens
		WHERE hash = ? AND revoked IS NULL AND (expires IS NULL OR expires > ?)`, hash, s.d.Time(micro(now)))
	if err != nil {
		return nil, s.errorf("token by hash: %w", err)
	}
	return t, nil
}

// TouchToken implements catalog.TokenStore.
func (s *Store) TouchToken(ctx context.Context, id int64, at time.Time) error {
	at = micro(at)
	_, err := s.exec(ctx, "UPDATE agency_tokens SET last_used = ? WHERE id = ? AND (last_used IS NULL OR last_used < ?)",
		s.d.Time(at), id, s.d.Time(at.Add(-touchEvery)))
	if err != nil {
		return s.errorf("record the use of token %d: %w", id, err)
	}
	return nil
}
