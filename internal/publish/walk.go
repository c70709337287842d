package publish

import (
	"context"

	"github.com/katalog-se/katalog/catalog"
)

// walkBuffer is how many datasets the store walk may run ahead of the
// mapping.
const walkBuffer = 64

// eachDataset is store.EachDataset with the walk (reading and decoding
// rows) in a goroutine of its own, so that it overlaps the mapping: fn
// runs in the caller's goroutine, for every dataset in the store's order.
// An error from fn stops the walk and is returned; so is the walk's own
// error. The walk's goroutine has ended when eachDataset returns.
func (b *Builder) eachDataset(ctx context.Context, org catalog.OrgNumber, fn func(*catalog.Dataset) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch := make(chan *catalog.Dataset, walkBuffer)
	walked := make(chan error, 1)
	go func() {
		defer close(ch)
		walked <- b.store.EachDataset(ctx, org, func(d *catalog.Dataset) error {
			// The store refills d for the next row; its maps and slices
			// are fresh each time, so a shallow copy is the dataset's own.
			c := *d
			select {
			case ch <- &c:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	var err error
	for d := range ch {
		if err != nil {
			continue // draining: the walk has been told to stop
		}
		if err = fn(d); err != nil {
			cancel()
		}
	}
	if walkErr := <-walked; err == nil {
		err = walkErr
	}
	return err
}
