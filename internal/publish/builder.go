package publish

import (
	"context"
	"io"
)

// BuilderGenerator is the Generator of katalog's DCAT documents: the
// document r selects, written by b (a page of a change feed for r.Feed).
func BuilderGenerator(b *Builder) Generator {
	return func(ctx context.Context, r Request, w io.Writer) error {
		if r.Feed {
			_, err := b.FeedPage(ctx, r.Org, r.After, r.Limit, r.Format, w)
			return err
		}
		_, err := b.Write(ctx, Doc{Org: r.Org, DatasetID: r.DatasetID, Page: r.Page, Limit: r.Limit}, r.Format, w)
		return err
	}
}
