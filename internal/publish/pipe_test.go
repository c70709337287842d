package publish_test

import (
	"context"
	"errors"
	"io"
	"runtime"
	"testing"
	"time"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/dcattest"
	"github.com/katalog-se/katalog/internal/publish"
)

var errStopWriting = errors.New("stop writing")

// failingWriter accepts limit triples, then fails; with cancel set it
// cancels the context instead of failing.
type failingWriter struct {
	n, limit int
	cancel   context.CancelFunc
}

func (w *failingWriter) Write(rdf.Triple) error {
	if w.n == w.limit {
		if w.cancel != nil {
			w.cancel()
			return nil
		}
		return errStopWriting
	}
	w.n++
	return nil
}

func (w *failingWriter) Close() error { return nil }

// waitGoroutines fails if more goroutines run than before. A goroutine that
// has been waited for may linger in the runtime's count for a moment, so
// the count is polled.
func waitGoroutines(t *testing.T, before int) {
	t.Helper()
	for range 200 {
		if runtime.NumGoroutine() <= before {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Errorf("goroutines: %d before the feed, %d after", before, runtime.NumGoroutine())
}

// TestFeedPipeStops checks that the producing goroutine of AgencyFeed and
// NationalFeed stops and is waited for when the writer fails or the
// context is cancelled in the middle of a large document.
func TestFeedPipeStops(t *testing.T) {
	st := &genStore{Store: openStore(t), n: 2000}
	if err := st.CreateAgency(context.Background(), dcattest.Agency(), []byte("hash")); err != nil {
		t.Fatal(err)
	}
	b := builder(t, st, publish.BuilderOptions{})
	feeds := map[string]func(context.Context, *failingWriter) error{
		"agency":   func(ctx context.Context, w *failingWriter) error { return b.AgencyFeed(ctx, skv, w) },
		"national": func(ctx context.Context, w *failingWriter) error { return b.NationalFeed(ctx, w) },
	}
	for name, run := range feeds {
		t.Run(name+"/write error", func(t *testing.T) {
			before := runtime.NumGoroutine()
			w := &failingWriter{limit: 5000}
			if err := run(context.Background(), w); !errors.Is(err, errStopWriting) {
				t.Errorf("error %v, want the writer's", err)
			}
			if w.n != 5000 {
				t.Errorf("wrote %d triples, want 5000", w.n)
			}
			waitGoroutines(t, before)
		})
		t.Run(name+"/cancel", func(t *testing.T) {
			before := runtime.NumGoroutine()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			w := &failingWriter{limit: 5000, cancel: cancel}
			if err := run(ctx, w); !errors.Is(err, context.Canceled) {
				t.Errorf("error %v, want context.Canceled", err)
			}
			waitGoroutines(t, before)
		})
		t.Run(name+"/whole", func(t *testing.T) {
			before := runtime.NumGoroutine()
			doc := publish.Doc{}
			if name == "agency" {
				doc.Org = skv
			}
			n, err := b.Write(context.Background(), doc, "ntriples", io.Discard)
			if err != nil || n < 2000*20 {
				t.Errorf("%d triples, error %v", n, err)
			}
			waitGoroutines(t, before)
		})
	}
}

var errWalk = errors.New("disk read failed")

// failingWalk is a store whose walk fails after n datasets.
type failingWalk struct {
	*genStore
}

func (s failingWalk) EachDataset(ctx context.Context, org catalog.OrgNumber, fn func(*catalog.Dataset) error) error {
	if err := s.genStore.EachDataset(ctx, org, fn); err != nil {
		return err
	}
	return errWalk
}

// TestWalkErrorStopsFeed: an error of the store walk (which runs in a
// goroutine of its own, ahead of the mapping) ends the document with that
// error, after every dataset read before it, and no goroutine stays.
func TestWalkErrorStopsFeed(t *testing.T) {
	st := failingWalk{&genStore{Store: openStore(t), n: 300}}
	if err := st.CreateAgency(context.Background(), dcattest.Agency(), []byte("hash")); err != nil {
		t.Fatal(err)
	}
	b := builder(t, st, publish.BuilderOptions{})
	before := runtime.NumGoroutine()
	w := &failingWriter{limit: -1}
	err := b.AgencyFeed(context.Background(), skv, w)
	if !errors.Is(err, errWalk) {
		t.Errorf("error %v, want the walk's", err)
	}
	if w.n < 300*20 {
		t.Errorf("wrote %d triples before the walk's error, want every dataset's", w.n)
	}
	waitGoroutines(t, before)
}
