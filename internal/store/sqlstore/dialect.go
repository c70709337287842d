package sqlstore

import (
	"strconv"
	"strings"
	"time"
)

// Dialect is what one database does its own way. The rest of the store is
// the same SQL on every database; a dialect package implements Dialect and
// hands it to New with the database's handles.
type Dialect interface {
	// Name names the database in the store's errors: "sqlite", "postgres".
	Name() string
	// Rebind returns query, written with ? placeholders, as the database
	// wants its parameters (NumberParams for $1, $2, …).
	Rebind(query string) string
	// BumpRevision is the statement every catalog write transaction starts
	// with: it raises catalog_revision's seq, stamps it with its one
	// parameter (the write's time, as Time renders it), and returns the new
	// seq and the stamp it stored, which the write then uses for every
	// time it sets.
	BumpRevision() string
	// Time returns t as the database stores a time.
	Time(t time.Time) any
	// OptTime returns t as the database stores a time that may be absent
	// (a check or run not finished): the zero time is stored as no time.
	OptTime(t time.Time) any
	// Classify wraps err, an error of the database, with
	// catalog.ErrUnavailable when it means that the database cannot be used
	// now, with catalog.ErrStorageFull when a write (write is true) found no
	// room, and with catalog.ErrConflict for a unique violation; other
	// errors it returns as they are. It keeps an error already classified
	// as it is, so classifying twice does no harm.
	Classify(err error, write bool) error
	// Usable returns an error wrapping catalog.ErrUnavailable when the
	// database is known, without asking it, to be unusable now (SQLite's
	// file gone or replaced), and nil otherwise. The store checks it before
	// every write, so that no write goes where no restart will find it.
	Usable() error
}

// NumberParams returns query with its ? placeholders numbered $1, $2, … in
// order, as PostgreSQL wants them. A ? inside a quoted string or identifier
// is left alone.
func NumberParams(query string) string {
	var (
		b     strings.Builder
		n     int
		quote byte
	)
	b.Grow(len(query) + 16)
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
