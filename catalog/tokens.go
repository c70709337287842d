package catalog

import (
	"context"
	"time"
)

// Token is one of an agency's bearer tokens, without its secret: katalog
// keeps only the secret's hash, and shows the secret once, when the token
// is made. An agency may have several (one per system that writes for
// it), each named, each revocable on its own.
type Token struct {
	ID     int64     `json:"id"`
	Agency OrgNumber `json:"agency"`
	Name   string    `json:"name"`
	// CreatedAt is when the token was made; ExpiresAt when it stops
	// working (nil: never); LastUsedAt when it last opened a write (to the
	// minute; nil: never).
	CreatedAt  time.Time  `json:"createdAt"`
	ExpiresAt  *time.Time `json:"expiresAt"`
	LastUsedAt *time.Time `json:"lastUsedAt"`
}

// TokenStore keeps agencies' tokens. A revoked token is gone at once for
// every instance: each request looks its hash up.
type TokenStore interface {
	// CreateToken adds t (with the hash of its secret) to its agency and
	// sets t.ID and t.CreatedAt. ErrNotFound if the agency is absent,
	// ErrConflict if the hash is taken.
	CreateToken(ctx context.Context, t *Token, hash []byte) error
	// Tokens lists org's live tokens (not revoked), oldest first; expired
	// ones are listed too, so that they can be seen and revoked.
	Tokens(ctx context.Context, org OrgNumber) ([]Token, error)
	// RevokeToken revokes one of org's tokens. ErrNotFound if org has no
	// live token id.
	RevokeToken(ctx context.Context, org OrgNumber, id int64) error
	// TokenByHash returns the live, unexpired token (at now) whose secret
	// hashes to hash. ErrNotFound if there is none.
	TokenByHash(ctx context.Context, hash []byte, now time.Time) (*Token, error)
	// TouchToken records that token id was used at; the store may skip
	// the write when the recorded use is less than a minute older.
	TouchToken(ctx context.Context, id int64, at time.Time) error
}
