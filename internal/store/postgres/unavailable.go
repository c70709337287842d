package postgres

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/katalog-se/katalog/catalog"
)

// unavailable wraps err with catalog.ErrUnavailable when it says the
// database cannot be reached (no connection, a connection lost, the server
// shutting down), so the service answers 503 and the caller may retry, and
// with catalog.ErrStorageFull when the server's disk is full (SQLSTATE
// 53100 disk_full); other errors are returned as they are.
func unavailable(err error) error {
	if err == nil || errors.Is(err, catalog.ErrUnavailable) || errors.Is(err, catalog.ErrStorageFull) {
		return err
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	var pe *pgconn.PgError
	switch {
	case errors.As(err, &ce), errors.As(err, &ne), pgconn.SafeToRetry(err),
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF),
		pgconn.Timeout(err) && !errors.Is(err, context.Canceled):
		return fmt.Errorf("%w: %w", catalog.ErrUnavailable, err)
	case errors.As(err, &pe) && pe.Code == "53100":
		return fmt.Errorf("%w: %w", catalog.ErrStorageFull, err)
	case errors.As(err, &pe) && (pe.Code == "57P01" || pe.Code == "57P02" || pe.Code == "57P03"):
		// admin_shutdown, crash_shutdown, cannot_connect_now
		return fmt.Errorf("%w: %w", catalog.ErrUnavailable, err)
	}
	return err
}
