package catalog

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Errors every Store returns (wrapped) so callers can tell cases apart with errors.Is.
var (
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("already exists")
	// ErrUnavailable means the database cannot be used now (gone, not
	// answering); the caller may try again later.
	ErrUnavailable = errors.New("database unavailable")
	// ErrStorageFull means the database could not write because its disk
	// is full or refuses more data (a file size limit, a write I/O error).
	// The write was rolled back; it may succeed once space is freed.
	ErrStorageFull = errors.New("database storage full")
)

// ErrorClassifier is implemented by stores that can tell, after the fact,
// which of their errors mean ErrUnavailable or ErrStorageFull (a driver
// error, say, from a read that could not open the file). Classify returns
// err wrapped with the one that applies, or err as it is.
type ErrorClassifier interface {
	Classify(err error) error
}

// Page selects one page of a listing: Number counts from 1.
type Page struct {
	Number int
	Limit  int
}

// Offset is the number of items before the page.
func (p Page) Offset() int {
	if p.Number < 1 {
		return 0
	}
	return (p.Number - 1) * p.Limit
}

// Revision identifies a state of a catalog: it changes whenever anything in
// it is written. Feeds use it for ETag and Last-Modified.
type Revision struct {
	// Seq grows with every write.
	Seq int64
	// Modified is the time of the last write.
	Modified time.Time
}

// Store keeps agencies and datasets. Every method is safe for concurrent use;
// every write is one transaction: it happens whole or not at all.
type Store interface {
	// CreateAgency registers a new agency with the hash of its first write
	// token (named "initial"; none when empty). It returns ErrConflict if
	// the organisation number is taken.
	CreateAgency(ctx context.Context, a *Agency, tokenHash []byte) error
	// UpdateAgency replaces an agency's fields (not its token). ErrNotFound if absent.
	UpdateAgency(ctx context.Context, a *Agency) error
	// UpsertAgencies creates or updates register facts of many agencies in
	// one transaction, keeping tokens and existing settings. It reports how
	// many were created and updated.
	UpsertAgencies(ctx context.Context, agencies []Agency) (created, updated int, err error)
	// Agency returns one agency. ErrNotFound if absent.
	Agency(ctx context.Context, org OrgNumber) (*Agency, error)
	// Agencies lists agencies ordered by organisation number, with the total count.
	Agencies(ctx context.Context, p Page) ([]Agency, int, error)

	// CreateDataset adds a dataset to its agency. ErrNotFound if the agency
	// is absent, ErrConflict if the ID is taken.
	CreateDataset(ctx context.Context, d *Dataset) error
	// ReplaceDataset replaces a dataset whole. ErrNotFound if absent.
	ReplaceDataset(ctx context.Context, d *Dataset) error
	// DeleteDataset removes a dataset. ErrNotFound if absent.
	DeleteDataset(ctx context.Context, org OrgNumber, id string) error
	// Dataset returns one dataset of an agency. ErrNotFound if absent.
	Dataset(ctx context.Context, org OrgNumber, id string) (*Dataset, error)
	// DatasetByID returns a dataset by its ID alone. ErrNotFound if absent.
	DatasetByID(ctx context.Context, id string) (*Dataset, error)
	// Datasets lists one page of org's datasets ordered by ID, with the
	// count of all of org's datasets. When org is "" it pages through the
	// datasets of all agencies, ordered by agency then ID, and counts them
	// all (the national catalog's paging). An unknown agency has none; a
	// Limit below 1 lists all.
	Datasets(ctx context.Context, org OrgNumber, p Page) ([]Dataset, int, error)
	// EachDataset calls fn for every dataset of org (of all agencies when
	// org is ""), ordered by agency and ID, streaming from the database so
	// memory stays flat. fn's dataset is reused between calls: copy what you
	// keep. An error from fn stops the walk and is returned.
	EachDataset(ctx context.Context, org OrgNumber, fn func(*Dataset) error) error
	// CountDatasets counts org's datasets (all when org is "").
	CountDatasets(ctx context.Context, org OrgNumber) (int, error)
	// DatasetHashes returns the content hash (see Dataset.ContentHash) of each of
	// org's datasets by ID.
	DatasetHashes(ctx context.Context, org OrgNumber) (map[string]string, error)
	// SyncDatasets makes datasets the whole catalog of org, in one
	// transaction: a dataset with a new ID is added, one whose content hash
	// differs from the stored one's is replaced (keeping its CreatedAt), one
	// with equal content is left untouched (its UpdatedAt stays), and org's
	// datasets missing from the list are removed. Timestamps of the given
	// datasets are set. The agency's revision changes only when something
	// did. ErrNotFound if the agency is absent; ErrConflict if an ID belongs
	// to another agency or appears twice.
	SyncDatasets(ctx context.Context, org OrgNumber, datasets []*Dataset) (SyncResult, error)
	// SyncDatasetStream is SyncDatasets for catalogs too large to hold in
	// memory: each calls yield once per dataset (in any order) and is
	// called once, inside the store's transaction; the datasets are
	// encoded and written in batches as they come, and their timestamps
	// set as SyncDatasets sets them. Without opts.AllowRemovals, a sync
	// that would remove datasets fails with a *RemovalsError and writes
	// nothing. An error from each stops the sync and is returned; nothing
	// is written then either.
	SyncDatasetStream(ctx context.Context, org OrgNumber, each func(yield func(*Dataset) error) error, opts SyncOptions) (SyncResult, error)
	ImportStateStore
	LinkStore
	ObservedStore
	PortalStore
	TokenStore
	AuditStore
	ChangeLog
	FeedHarvestStore
	NotifyStore

	// Revision returns the current revision of org's catalog, or of the
	// whole national catalog when org is "".
	Revision(ctx context.Context, org OrgNumber) (Revision, error)

	// ChangedAgencies lists the agencies written to (the agency or any of
	// its datasets) after the national revision since, ordered by
	// organisation number: what another process changed, for those that
	// follow the store.
	ChangedAgencies(ctx context.Context, since int64) ([]OrgNumber, error)

	// Ping checks that the database answers.
	Ping(ctx context.Context) error
	// Close releases the database.
	Close() error
}

// SyncResult says what SyncDatasets did, by dataset ID, each list in the
// order of the datasets given (Removed ordered by ID).
type SyncResult struct {
	Added     []string `json:"added"`
	Updated   []string `json:"updated"`
	Unchanged []string `json:"unchanged"`
	Removed   []string `json:"removed"`
}

// SyncOptions tune SyncDatasetStream.
type SyncOptions struct {
	// AllowRemovals lets the sync remove the agency's datasets that the
	// input lacks; without it, such a sync is refused (*RemovalsError).
	AllowRemovals bool
}

// RemovalsError refuses a sync that would remove datasets the caller did
// not allow it to remove. IDs lists them, sorted. It wraps ErrConflict.
type RemovalsError struct {
	IDs []string
}

// Error implements error.
func (e *RemovalsError) Error() string {
	return fmt.Sprintf("the sync would remove %d datasets and removals were not allowed", len(e.IDs))
}

// Unwrap returns ErrConflict.
func (e *RemovalsError) Unwrap() error { return ErrConflict }

// Changed reports whether the sync wrote anything.
func (r SyncResult) Changed() bool {
	return len(r.Added)+len(r.Updated)+len(r.Removed) > 0
}
