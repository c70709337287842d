package sqlstore

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/katalog-se/katalog/catalog"
)

// encodeDoc returns the document d is stored as and its hash, the hex
// SHA-256 of the document (for an imported dataset, of the document
// without its published description's compressed bytes, which its own
// SHA-256 stands for: catalog.Dataset.ContentHash). encoding/json writes
// struct fields in declaration order and map keys sorted, so equal
// content gives equal bytes.
//
// An imported dataset's document carries its published description
// (catalog.Published, the canonical N-Triples gzip-compressed, base64 in
// JSON): the change log keeps the document as written, so every version
// in the history can be published as it was.
//
// The document is d's catalog.ContentDoc (the datasets.doc column): its
// content without its identity and bookkeeping (ID, agency, timestamps,
// which have columns of their own), with empty fields left out. Without a
// published description it is byte for byte the canonical content
// document whose hash is catalog.Dataset.ContentHash, so the stored
// content_hash is that hash (TestDocHashIsContentHash).
func encodeDoc(d *catalog.Dataset) (doc []byte, hash string, err error) {
	doc, hash, err = hashDoc(d)
	if err != nil || doc != nil {
		return doc, hash, err
	}
	doc, err = marshalDoc(d)
	if err != nil {
		return nil, "", err
	}
	return doc, hash, nil
}

// hashDoc returns the hash encodeDoc returns for d and, when that hash is
// the SHA-256 of the document d is stored as, the document; for an
// imported dataset (whose hash leaves out its published description's
// compressed bytes) the document is nil and marshalDoc makes it. A sync
// compares the hash first, so it encodes the compressed description only
// of the imported datasets that changed.
func hashDoc(d *catalog.Dataset) (doc []byte, hash string, err error) {
	if d.Published != nil && d.Published.Gzip != nil {
		hash, err = d.ContentHash()
		if err != nil {
			return nil, "", fmt.Errorf("encode dataset %s: %w", d.ID, err)
		}
		return nil, hash, nil
	}
	doc, err = marshalDoc(d)
	if err != nil {
		return nil, "", err
	}
	sum := sha256.Sum256(doc)
	return doc, hex.EncodeToString(sum[:]), nil
}

// marshalDoc returns the document d is stored as.
func marshalDoc(d *catalog.Dataset) ([]byte, error) {
	doc, err := json.Marshal((*catalog.ContentDoc)(d))
	if err != nil {
		return nil, fmt.Errorf("encode dataset %s: %w", d.ID, err)
	}
	return doc, nil
}

// decodeDoc sets d's content from a document encodeDoc wrote. Fields doc
// lacks are zeroed, so d may hold another dataset before; ID, agency and
// timestamps are left alone. Documents as encodeDoc writes them take a fast
// path several times quicker than encoding/json (a feed decodes one per
// dataset); anything else goes to encoding/json.
func decodeDoc(doc string, d *catalog.Dataset) error {
	id, agency, created, updated := d.ID, d.Agency, d.CreatedAt, d.UpdatedAt
	*d = catalog.Dataset{ID: id, Agency: agency, CreatedAt: created, UpdatedAt: updated}
	if fastDecode(doc, d) {
		return nil
	}
	*d = catalog.Dataset{ID: id, Agency: agency, CreatedAt: created, UpdatedAt: updated}
	if err := json.Unmarshal([]byte(doc), (*catalog.ContentDoc)(d)); err != nil {
		return fmt.Errorf("decode dataset %s: %w", id, err)
	}
	return nil
}
