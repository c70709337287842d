package publish

import (
	"context"
	"os"
	"testing"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
)

// TestFullFeedPageOutlivesDrop: a full page of a change feed (one with a
// change after it) is immutable, keeps its version when the catalog
// changes again, and its snapshot stays when Drop frees the stale ones;
// the last, open page is not immutable and goes.
func TestFullFeedPageOutlivesDrop(t *testing.T) {
	st := newStore(t)
	gen := &countingGen{store: st}
	s, err := NewCache(st, gen.gen, CacheOptions{Dir: t.TempDir(), Salt: "test"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	other := catalog.OrgNumber("2021000837")
	if err := st.CreateAgency(ctx, &catalog.Agency{OrgNumber: other, Name: catalog.LangString{"sv": "SCB"}}, nil); err != nil {
		t.Fatal(err)
	}
	full := Request{Feed: true, Format: rdfio.TriG, Limit: 1}
	_, v := read(t, s, full, false)
	if !v.Immutable {
		t.Fatalf("the national feed's first page of 1 change, with a change after it: version %+v, want immutable", v)
	}
	open, err := s.Version(ctx, Request{Feed: true, Format: rdfio.TriG, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if open.Immutable {
		t.Fatalf("the feed's only page of 1000 changes is immutable: %+v", open)
	}
	read(t, s, Request{Feed: true, Format: rdfio.TriG, Limit: 1000}, false)
	if err := st.CreateAgency(ctx, &catalog.Agency{OrgNumber: "2021005489", Name: catalog.LangString{"sv": "Bolagsverket"}}, nil); err != nil {
		t.Fatal(err)
	}
	again, err := s.Version(ctx, full)
	if err != nil {
		t.Fatal(err)
	}
	if again.ETag != v.ETag || !again.Immutable {
		t.Errorf("a full page's version moved with a later change: %+v, then %+v", v, again)
	}
	s.Drop(nil)
	ents, err := os.ReadDir(s.opts.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 1 {
		t.Errorf("%d snapshot files after Drop(nil), want the full page's 1", len(ents))
	}
	calls := gen.calls.Load()
	read(t, s, full, false)
	if n := gen.calls.Load(); n != calls {
		t.Errorf("the full page was built again after Drop (%d builds, then %d)", calls, n)
	}
}
