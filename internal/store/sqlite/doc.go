package sqlite

import (
	"encoding/json"
	"fmt"

	"github.com/katalog-se/katalog/catalog"
)

// docDataset is the document a dataset is stored as: catalog.ContentDoc.
type docDataset = catalog.ContentDoc

// encodeDoc returns the canonical content document of d and its hash.
func encodeDoc(d *catalog.Dataset) (doc []byte, hash string, err error) {
	return catalog.EncodeContent(d)
}

// decodeDoc sets d's content from doc. Fields doc lacks are zeroed, so d may
// hold another dataset before; ID, agency and timestamps are left alone.
// Documents as encodeDoc writes them take the fast path; anything else goes
// to encoding/json.
func decodeDoc(doc string, d *catalog.Dataset) error {
	id, agency, created, updated := d.ID, d.Agency, d.CreatedAt, d.UpdatedAt
	*d = catalog.Dataset{ID: id, Agency: agency, CreatedAt: created, UpdatedAt: updated}
	if fastDecode(doc, d) {
		return nil
	}
	*d = catalog.Dataset{ID: id, Agency: agency, CreatedAt: created, UpdatedAt: updated}
	if err := json.Unmarshal([]byte(doc), (*docDataset)(d)); err != nil {
		return fmt.Errorf("decode dataset %s: %w", id, err)
	}
	return nil
}
