package publish

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/internal/store/sqlite"
)

const org = catalog.OrgNumber("2021006883")

func newStore(t *testing.T) catalog.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	a := &catalog.Agency{OrgNumber: org, Name: catalog.LangString{"sv": "Digg"}}
	if err := s.CreateAgency(context.Background(), a, []byte("hash")); err != nil {
		t.Fatal(err)
	}
	return s
}

// countingGen writes the revision it sees, so tests can tell builds apart.
type countingGen struct {
	store catalog.Store
	calls atomic.Int64
}

func (g *countingGen) gen(ctx context.Context, r Request, w io.Writer) error {
	g.calls.Add(1)
	rev, err := g.store.Revision(ctx, r.Org)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "document %s at %d\n", r, rev.Seq)
	return err
}

func read(t *testing.T, s *Cache, r Request, gz bool) (string, Version) {
	t.Helper()
	ctx := context.Background()
	v, err := s.Version(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := s.Open(ctx, r, v, gz)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Content.Close()
	var rd io.Reader = snap.Content
	if gz {
		zr, err := gzip.NewReader(snap.Content)
		if err != nil {
			t.Fatal(err)
		}
		rd = zr
	}
	b, err := io.ReadAll(rd)
	if err != nil {
		t.Fatal(err)
	}
	return string(b), snap.Version
}

func TestSnapshotReusedUntilAWrite(t *testing.T) {
	st := newStore(t)
	g := &countingGen{store: st}
	s, err := NewCache(st, g.gen, CacheOptions{Dir: t.TempDir(), Salt: "v1"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r := Request{Org: org, Format: rdfio.RDFXML}
	first, v1 := read(t, s, r, false)
	for i := 0; i < 5; i++ {
		again, v := read(t, s, r, false)
		if again != first || v.ETag != v1.ETag {
			t.Fatalf("unchanged catalog served differently: %q %q", again, v.ETag)
		}
	}
	if g.calls.Load() != 1 {
		t.Fatalf("built %d times for an unchanged catalog", g.calls.Load())
	}
	// A write changes the revision: a new build, a new ETag.
	d := &catalog.Dataset{ID: "6f1c2a9e-3b57-4d0e-9a51-5e2f4c8b7a01", Agency: org, Title: catalog.LangString{"sv": "x"}}
	if err := st.CreateDataset(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	second, v2 := read(t, s, r, false)
	if second == first || v2.ETag == v1.ETag || g.calls.Load() != 2 {
		t.Fatalf("after a write: %q etag %s (was %s), %d builds", second, v2.ETag, v1.ETag, g.calls.Load())
	}
	// Other formats and pages are other documents with other tags.
	_, vt := read(t, s, Request{Org: org, Format: rdfio.Turtle}, false)
	_, vp := read(t, s, Request{Org: org, Format: rdfio.RDFXML, Page: 1, Limit: 10}, false)
	if vt.ETag == v2.ETag || vp.ETag == v2.ETag || vt.ETag == vp.ETag {
		t.Fatalf("tags collide: %s %s %s", v2.ETag, vt.ETag, vp.ETag)
	}
}

func TestGzipVariant(t *testing.T) {
	st := newStore(t)
	g := &countingGen{store: st}
	s, _ := NewCache(st, g.gen, CacheOptions{Dir: t.TempDir()})
	defer s.Close()
	r := Request{Org: org, Format: rdfio.NTriples}
	plain, _ := read(t, s, r, false)
	unzipped, _ := read(t, s, r, true)
	if plain != unzipped {
		t.Fatalf("gzip variant differs: %q vs %q", plain, unzipped)
	}
	if g.calls.Load() != 1 {
		t.Fatalf("gzip rebuilt the document: %d builds", g.calls.Load())
	}
}

func TestConcurrentRequestsBuildOnce(t *testing.T) {
	st := newStore(t)
	g := &countingGen{store: st}
	s, _ := NewCache(st, g.gen, CacheOptions{Dir: t.TempDir()})
	defer s.Close()
	r := Request{Format: rdfio.RDFXML}
	var wg sync.WaitGroup
	for i := 0; i < 32; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			read(t, s, r, i%2 == 0)
		}()
	}
	wg.Wait()
	if g.calls.Load() != 1 {
		t.Fatalf("%d builds for one document", g.calls.Load())
	}
}

func TestEvictionRemovesFiles(t *testing.T) {
	st := newStore(t)
	g := &countingGen{store: st}
	dir := t.TempDir()
	s, _ := NewCache(st, g.gen, CacheOptions{Dir: dir, MaxEntries: 2})
	for p := 1; p <= 5; p++ {
		read(t, s, Request{Org: org, Format: rdfio.RDFXML, Page: p, Limit: 1}, p%2 == 0)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "feed-*"))
	if len(files) > 4 { // two entries, each with at most a gzip twin
		t.Fatalf("%d snapshot files kept with MaxEntries 2: %v", len(files), files)
	}
	s.Close()
	files, _ = filepath.Glob(filepath.Join(dir, "feed-*"))
	if len(files) != 0 {
		t.Fatalf("Close left %v", files)
	}
}

func TestUnknownAgencyAndDataset(t *testing.T) {
	st := newStore(t)
	g := &countingGen{store: st}
	s, _ := NewCache(st, g.gen, CacheOptions{Dir: t.TempDir()})
	defer s.Close()
	for _, r := range []Request{{Org: "2021000837", Format: rdfio.RDFXML}, {DatasetID: "nope", Format: rdfio.RDFXML}} {
		if _, err := s.Version(context.Background(), r); err == nil {
			t.Errorf("%s: no error", r)
		}
	}
}

func TestFailedBuildLeavesNoFile(t *testing.T) {
	st := newStore(t)
	dir := t.TempDir()
	s, _ := NewCache(st, func(ctx context.Context, r Request, w io.Writer) error {
		w.Write([]byte("half a document"))
		return fmt.Errorf("boom")
	}, CacheOptions{Dir: dir})
	defer s.Close()
	r := Request{Format: rdfio.RDFXML}
	v, _ := s.Version(context.Background(), r)
	if _, err := s.Open(context.Background(), r, v, false); err == nil {
		t.Fatal("a failed build must fail the request")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Fatalf("left %d files", len(entries))
	}
}

// TestDropFreesStaleSnapshots: Drop removes the files of the named
// agency's and the national documents, and keeps another agency's.
func TestDropFreesStaleSnapshots(t *testing.T) {
	st := newStore(t)
	gen := &countingGen{store: st}
	s, err := NewCache(st, gen.gen, CacheOptions{Dir: t.TempDir(), Salt: "test"})
	if err != nil {
		t.Fatal(err)
	}
	other := catalog.OrgNumber("2021000837")
	if err := st.CreateAgency(context.Background(), &catalog.Agency{OrgNumber: other, Name: catalog.LangString{"sv": "SCB"}}, nil); err != nil {
		t.Fatal(err)
	}
	reqs := []Request{{Org: org, Format: rdfio.Turtle}, {Format: rdfio.Turtle}, {Org: other, Format: rdfio.Turtle}}
	for _, r := range reqs {
		read(t, s, r, false)
	}
	files := func() int {
		ents, err := os.ReadDir(s.opts.Dir)
		if err != nil {
			t.Fatal(err)
		}
		return len(ents)
	}
	if n := files(); n != 3 {
		t.Fatalf("%d snapshot files, want 3", n)
	}
	s.Drop([]catalog.OrgNumber{org})
	if n := files(); n != 1 {
		t.Errorf("%d snapshot files after dropping %s, want the other agency's 1", n, org)
	}
	s.Drop(nil)
	if n := files(); n != 0 {
		t.Errorf("%d snapshot files after dropping all", n)
	}
}
