package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/katalog-se/katalog/catalog"
)

// readOnly is a read-only transaction on one snapshot, for a count and a
// page that must agree. (SQLite's read transactions are snapshots whatever
// the level asked.)
var readOnly = &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}

// listPage reads one page of a listing and the count of all of its rows,
// both from one snapshot. count selects the count and list the rows in
// order, both with args; list gets p's LIMIT and OFFSET (none when p.Limit
// is below 1). scan reads one row.
func listPage[T any](ctx context.Context, s *Store, p catalog.Page, scan func(scanner, *T) error, count, list string, args ...any) ([]T, int, error) {
	tx, err := s.rdb.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, 0, fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	h := handle{tx, s.d}
	var total int
	if err := h.queryRow(ctx, count, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count: %w", err)
	}
	if p.Limit >= 1 {
		list += " LIMIT ? OFFSET ?"
		args = append(slices.Clip(args), p.Limit, p.Offset())
	}
	items, err := collect(ctx, h, scan, list, args...)
	if err != nil {
		return nil, 0, err
	}
	return items, total, nil
}
