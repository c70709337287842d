// Package store opens the catalog.Store a configuration names.
package store

import (
	"context"
	"fmt"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/store/sqlite"
)

// Open opens the store of driver ("sqlite") at dsn and applies migrations.
func Open(ctx context.Context, driver, dsn string) (catalog.Store, error) {
	switch driver {
	case "sqlite":
		s, err := sqlite.Open(ctx, dsn)
		if err != nil {
			return nil, fmt.Errorf("open sqlite store %s: %w", dsn, err)
		}
		return s, nil
	case "postgres":
		return nil, fmt.Errorf("the PostgreSQL store is not built yet; use sqlite:PATH")
	}
	return nil, fmt.Errorf("unknown store driver %q", driver)
}
