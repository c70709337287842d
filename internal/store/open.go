// Package store opens the store a configuration names.
package store

import (
	"context"
	"fmt"

	"github.com/katalog-se/katalog/internal/store/postgres"
	"github.com/katalog-se/katalog/internal/store/sqlite"
	"github.com/katalog-se/katalog/internal/store/sqlstore"
)

// Open opens the store of driver at dsn and applies migrations: "sqlite"
// with a file path, or "postgres" with a postgres:// or postgresql:// URL
// (or a key=value connection string). Either is the one SQL store, which
// keeps the catalog, the jobs, scores, reports and import states (it
// implements every store interface of package catalog).
func Open(ctx context.Context, driver, dsn string) (*sqlstore.Store, error) {
	switch driver {
	case "sqlite":
		s, err := sqlite.Open(ctx, dsn)
		if err != nil {
			return nil, fmt.Errorf("open sqlite store %s: %w", dsn, err)
		}
		return s, nil
	case "postgres":
		// The DSN may hold a password: the error names host and database only.
		s, err := postgres.Open(ctx, dsn)
		if err != nil {
			return nil, fmt.Errorf("open postgres store: %w", err)
		}
		return s, nil
	}
	return nil, fmt.Errorf("unknown store driver %q", driver)
}
