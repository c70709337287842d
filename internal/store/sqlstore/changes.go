package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// changeBatch is how many changes one insert writes (eight parameters each).
const changeBatch = 500

// changeCols selects a change for scanChange.
const changeCols = "SELECT seq, revision, at, agency, kind, op, item, doc FROM changes"

// change is one row to append to the history.
type change struct {
	org      catalog.OrgNumber
	kind, op string
	item     string
	doc      *string // nil: no document (a delete)
}

// logChanges appends cs to the history in the write's transaction, stamped
// with its revision and time.
func (tx *writeTx) logChanges(ctx context.Context, cs ...change) error {
	for len(cs) > 0 {
		batch := cs[:min(len(cs), changeBatch)]
		cs = cs[len(batch):]
		args := make([]any, 0, 8*len(batch))
		for _, c := range batch {
			var doc any
			if c.doc != nil {
				doc = *c.doc
			}
			args = append(args, tx.seq, tx.stamp, string(c.org), c.kind, c.op, c.item, doc)
		}
		if _, err := tx.exec(ctx, "INSERT INTO changes (revision, at, agency, kind, op, item, doc) VALUES "+params(len(batch), 7), args...); err != nil {
			return fmt.Errorf("append to the history: %w", err)
		}
	}
	return nil
}

// datasetChange is the history entry of writing (doc) or deleting (nil)
// dataset id.
func datasetChange(org catalog.OrgNumber, op, id string, doc *string) change {
	return change{org: org, kind: catalog.ChangeDataset, op: op, item: id, doc: doc}
}

// logCatalog appends the agency org as it now stands in the transaction,
// as a change op to its catalog.
func (tx *writeTx) logCatalog(ctx context.Context, org catalog.OrgNumber, op string) error {
	var a catalog.Agency
	if err := scanAgency(tx.queryRow(ctx, "SELECT "+agencyColumns+" FROM agencies WHERE org_number = ?", string(org)), &a); err != nil {
		return fmt.Errorf("history of agency %s: %w", org, err)
	}
	doc, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("history of agency %s: %w", org, err)
	}
	s := string(doc)
	return tx.logChanges(ctx, change{org: org, kind: catalog.ChangeCatalog, op: op, doc: &s})
}

// Changes implements catalog.ChangeLog.
func (s *Store) Changes(ctx context.Context, org catalog.OrgNumber, after int64, limit int) ([]catalog.Change, error) {
	const cols = changeCols
	var (
		list []catalog.Change
		err  error
	)
	if org == "" {
		list, err = collect(ctx, s.r, scanChange, cols+" WHERE seq > ? ORDER BY seq LIMIT ?", after, limit)
	} else {
		list, err = collect(ctx, s.r, scanChange, cols+" WHERE agency = ? AND seq > ? ORDER BY seq LIMIT ?", string(org), after, limit)
	}
	if err != nil {
		return nil, s.errorf("changes of %q after %d: %w", org, after, err)
	}
	return list, nil
}

// LastChange implements catalog.ChangeLog.
func (s *Store) LastChange(ctx context.Context, org catalog.OrgNumber) (int64, error) {
	var seq sql.NullInt64
	var err error
	if org == "" {
		err = s.r.queryRow(ctx, "SELECT max(seq) FROM changes").Scan(&seq)
	} else {
		err = s.r.queryRow(ctx, "SELECT max(seq) FROM changes WHERE agency = ?", string(org)).Scan(&seq)
	}
	if err != nil {
		return 0, s.errorf("last change of %q: %w", org, err)
	}
	return seq.Int64, nil
}

// scanChange reads one history entry, decoding its document.
func scanChange(row scanner, c *catalog.Change) error {
	var doc sql.NullString
	if err := row.Scan(&c.Seq, &c.Revision, timeCol{&c.At}, (*string)(&c.Agency), &c.Kind, &c.Op, &c.ID, &doc); err != nil {
		return err
	}
	if !doc.Valid {
		return nil
	}
	switch c.Kind {
	case catalog.ChangeDataset:
		d := &catalog.Dataset{ID: c.ID, Agency: c.Agency, UpdatedAt: c.At}
		if err := decodeDoc(doc.String, d); err != nil {
			return err
		}
		c.Dataset = d
	case catalog.ChangeCatalog:
		c.ID = ""
		a := &catalog.Agency{}
		if err := json.Unmarshal([]byte(doc.String), a); err != nil {
			return fmt.Errorf("agency in the history: %w", err)
		}
		c.Catalog = a
	}
	return nil
}

// ChangeBefore implements catalog.ChangeLog.
func (s *Store) ChangeBefore(ctx context.Context, org catalog.OrgNumber, kind, id string, before int64) (*catalog.Change, error) {
	list, err := collect(ctx, s.r, scanChange, changeCols+
		" WHERE agency = ? AND kind = ? AND item = ? AND seq < ? ORDER BY seq DESC LIMIT 1", string(org), kind, id, before)
	if err != nil {
		return nil, s.errorf("%s %q of %s before %d: %w", kind, id, org, before, err)
	}
	if len(list) == 0 {
		return nil, nil
	}
	return &list[0], nil
}

// LiveDatasets implements catalog.ChangeLog.
func (s *Store) LiveDatasets(ctx context.Context, org catalog.OrgNumber, at int64) ([]catalog.Change, error) {
	list, err := collect(ctx, s.r, scanChange, changeCols+` c
		WHERE agency = ? AND kind = 'dataset' AND op <> 'delete' AND seq = (
			SELECT max(seq) FROM changes n WHERE n.agency = c.agency AND n.kind = 'dataset' AND n.item = c.item AND n.seq <= ?)
		ORDER BY item`, string(org), at)
	if err != nil {
		return nil, s.errorf("datasets of %s at change %d: %w", org, at, err)
	}
	return list, nil
}

// ChangeSpan implements catalog.ChangeLog.
func (s *Store) ChangeSpan(ctx context.Context, org catalog.OrgNumber, after int64, limit int) (catalog.ChangeSpan, error) {
	var (
		span catalog.ChangeSpan
		rows []struct {
			seq int64
			at  time.Time
		}
		err error
	)
	scan := func(row scanner, v *struct {
		seq int64
		at  time.Time
	}) error {
		return row.Scan(&v.seq, timeCol{&v.at})
	}
	if org == "" {
		rows, err = collect(ctx, s.r, scan, "SELECT seq, at FROM changes WHERE seq > ? ORDER BY seq LIMIT ?", after, limit)
	} else {
		rows, err = collect(ctx, s.r, scan, "SELECT seq, at FROM changes WHERE agency = ? AND seq > ? ORDER BY seq LIMIT ?", string(org), after, limit)
	}
	if err != nil {
		return span, s.errorf("changes of %q after %d: %w", org, after, err)
	}
	span.Count = len(rows)
	if len(rows) > 0 {
		span.Last, span.LastAt = rows[len(rows)-1].seq, rows[len(rows)-1].at
	}
	return span, nil
}
