package publish

import (
	"io"

	"github.com/katalog-se/katalog/dcat/syntax/codec"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
)

// NewWriter returns a streaming writer of syntax f onto w (see codec.NewWriter).
func NewWriter(f rdfio.Format, w io.Writer) (rdfio.Writer, error) { return codec.NewWriter(f, w) }
