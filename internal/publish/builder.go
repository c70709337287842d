package publish

import (
	"context"
	"io"
)

// BuilderGenerator is the Generator of katalog's DCAT documents: the
// document r selects, written by b.
func BuilderGenerator(b *Builder) Generator {
	return func(ctx context.Context, r Request, w io.Writer) error {
		_, err := b.Write(ctx, Doc{Org: r.Org, DatasetID: r.DatasetID, Page: r.Page, Limit: r.Limit}, r.Format, w)
		return err
	}
}
