// Package token mints and hashes the bearer tokens agencies write with.
// Only a token's hash is stored; the token itself is shown once.
package token

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
)

// Prefix begins every agency token, so that secret scanners can find
// leaked ones.
const Prefix = "kat_"

// New returns a fresh token (32 random bytes, base64url, behind Prefix) and
// the hash to store.
func New() (token string, hash []byte, err error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", nil, fmt.Errorf("token: %w", err)
	}
	token = Prefix + base64.RawURLEncoding.EncodeToString(b[:])
	return token, Hash(token), nil
}

// Hash is the stored form of a token: SHA-256. Tokens carry 256 bits of
// randomness, so a fast hash is enough and keeps every check constant-time.
func Hash(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}
