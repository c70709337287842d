package sqlite

import (
	"github.com/katalog-se/katalog/catalog"
)

// encodeDoc returns the canonical content document of d and its hash.
func encodeDoc(d *catalog.Dataset) (doc []byte, hash string, err error) {
	return catalog.EncodeContent(d)
}

// decodeDoc sets d's content from doc; see catalog.DecodeContent.
func decodeDoc(doc string, d *catalog.Dataset) error { return catalog.DecodeContent(doc, d) }
