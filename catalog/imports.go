package catalog

import "context"

// ImportState is what an agency's last import left: the digest of its
// source and the agency's revision right after it. An import of a source
// with the same digest while the agency is still at that revision cannot
// change anything, so it can skip reading the source.
type ImportState struct {
	Digest   string `json:"digest"`
	Revision int64  `json:"revision"`
	// Format and Triples describe the source, for the report of a skipped
	// re-import.
	Format  string `json:"format"`
	Triples int64  `json:"triples"`
}

// ImportStateStore keeps each agency's ImportState. Setting it is not a
// change of the catalog: it moves no revision.
type ImportStateStore interface {
	// ImportState returns org's state; the zero state when it has none.
	// ErrNotFound if the agency is absent.
	ImportState(ctx context.Context, org OrgNumber) (ImportState, error)
	// SetImportState records org's state. ErrNotFound if the agency is absent.
	SetImportState(ctx context.Context, org OrgNumber, st ImportState) error
}
