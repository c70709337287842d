package catalog

import (
	"context"
	"time"
)

// What a Change changed.
const (
	// ChangeDataset: one of the agency's datasets (with its distributions
	// and data services).
	ChangeDataset = "dataset"
	// ChangeCatalog: the agency itself, which katalog publishes as its
	// catalog (name, publisher, homepage).
	ChangeCatalog = "catalog"
)

// How a Change changed it.
const (
	OpCreate = "create"
	OpUpdate = "update"
	OpDelete = "delete"
)

// Change is one entry of the store's history of what katalog publishes:
// every write to a dataset or an agency appends one, in the same
// transaction, so the history is the catalog's whole story in order. It
// is what the change feed (DCAT-AP Feeds) publishes.
type Change struct {
	// Seq orders changes: it grows with every change.
	Seq int64 `json:"seq"`
	// Revision is the catalog revision the change's write made (several
	// changes of one write share it).
	Revision int64     `json:"revision"`
	At       time.Time `json:"at"`
	Agency   OrgNumber `json:"agency"`
	// Kind is ChangeDataset or ChangeCatalog; Op OpCreate, OpUpdate or
	// OpDelete.
	Kind string `json:"kind"`
	Op   string `json:"op"`
	// ID is the dataset's ID (ChangeDataset).
	ID string `json:"id,omitempty"`
	// Dataset is the dataset as written (ChangeDataset, not OpDelete);
	// Catalog the agency as written (ChangeCatalog). Their timestamps are
	// the change's.
	Dataset *Dataset `json:"dataset,omitempty"`
	Catalog *Agency  `json:"catalog,omitempty"`
}

// ChangeLog reads the history of changes.
type ChangeLog interface {
	// Changes returns up to limit changes of org (of every agency when org
	// is ""), those with Seq greater than after, in Seq order.
	Changes(ctx context.Context, org OrgNumber, after int64, limit int) ([]Change, error)
	// LastChange returns the Seq of org's newest change (every agency's
	// when org is ""), 0 when there is none.
	LastChange(ctx context.Context, org OrgNumber) (int64, error)
	// ChangeBefore returns org's newest change of one item, kind
	// ChangeDataset with the dataset's id or ChangeCatalog with id "", whose
	// Seq is below before; nil when there is none.
	ChangeBefore(ctx context.Context, org OrgNumber, kind, id string, before int64) (*Change, error)
	// LiveDatasets returns, for every dataset org had right after change
	// at, its newest change up to at (never a delete), ordered by ID.
	LiveDatasets(ctx context.Context, org OrgNumber, at int64) ([]Change, error)
	// ChangeSpan sums up, without reading their documents, up to limit of
	// org's changes (every agency's when org is "") after the change after:
	// how many there are, and the Seq and time of the last of them.
	ChangeSpan(ctx context.Context, org OrgNumber, after int64, limit int) (ChangeSpan, error)
}

// ChangeSpan sums up a run of changes (see ChangeLog.ChangeSpan).
type ChangeSpan struct {
	Count  int
	Last   int64
	LastAt time.Time
}
