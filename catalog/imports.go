package catalog

import (
	"context"
	"encoding/json"
	"time"
)

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
	// At is when the import ran; zero for states kept before it was.
	At time.Time `json:"at,omitempty"`
	// Report is the import's report as JSON (internal/importer.Report,
	// its lists capped): the DCAT-AP-SE findings of the document as the
	// agency publishes it, the IRIs minted for resources published as
	// blank nodes, what could not be published. The scorecard and
	// GET /api/v1/agencies/{orgnr}/import show it.
	Report json.RawMessage `json:"report,omitempty"`
	// Rest is the part of the imported document katalog keeps but does not
	// publish (the feed's own catalog node and whatever no dataset owns,
	// and triples no syntax katalog writes can carry), as gzip-compressed
	// N-Triples. The graph is the record: this and the datasets' published
	// descriptions are the whole document.
	Rest []byte `json:"-"`
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
