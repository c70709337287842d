package postgres

import (
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/katalog-se/katalog/catalog"
)

// TestClassifyErrors checks which PostgreSQL errors become
// catalog.ErrUnavailable (503) and catalog.ErrStorageFull (507); the
// original error stays in the chain.
func TestClassifyErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		err  error
		want error // nil: returned as it is
	}{
		{"disk full", &pgconn.PgError{Code: "53100", Message: "could not extend file"}, catalog.ErrStorageFull},
		{"admin shutdown", &pgconn.PgError{Code: "57P01"}, catalog.ErrUnavailable},
		{"connection cut", fmt.Errorf("query: %w", io.ErrUnexpectedEOF), catalog.ErrUnavailable},
		{"unique violation", &pgconn.PgError{Code: "23505"}, nil},
		{"out of memory", &pgconn.PgError{Code: "53200"}, nil},
	} {
		got := unavailable(c.err)
		if c.want == nil {
			if got != c.err {
				t.Errorf("%s: %v, want it unchanged", c.name, got)
			}
			continue
		}
		if !errors.Is(got, c.want) || !errors.Is(got, c.err) {
			t.Errorf("%s: %v, want %v wrapping the original", c.name, got, c.want)
		}
	}
	if unavailable(nil) != nil {
		t.Error("nil is not nil")
	}
}
