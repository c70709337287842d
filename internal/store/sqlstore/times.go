package sqlstore

import (
	"fmt"
	"time"
)

// timeCol scans a stored time into *t, whichever way the database hands it
// over: a time.Time (PostgreSQL's timestamptz) or RFC 3339 text (SQLite's).
// NULL and the empty text are no time, the zero time. Times read are UTC.
type timeCol struct{ t *time.Time }

// Scan implements sql.Scanner.
func (c timeCol) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c.t = time.Time{}
	case time.Time:
		*c.t = v.UTC()
	case string:
		return c.parse(v)
	case []byte:
		return c.parse(string(v))
	default:
		return fmt.Errorf("stored time: unexpected %T", src)
	}
	return nil
}

// parse reads a time stored as text.
func (c timeCol) parse(s string) error {
	if s == "" {
		*c.t = time.Time{}
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("stored time %q: %w", s, err)
	}
	*c.t = t.UTC()
	return nil
}

// micro returns t in UTC truncated to the microsecond, as stored.
func micro(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// now is the time a write is stamped with, as stored.
func now() time.Time { return micro(time.Now()) }

// stamp returns t as stored, or the store's now when t is zero.
func (s *Store) stamp(t time.Time) time.Time {
	if t.IsZero() {
		return s.now()
	}
	return micro(t)
}
