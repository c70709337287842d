// Cache serves DCAT feed documents from snapshots: a document is
// built once per catalog revision, kept as a file (and its gzip), and served
// as bytes until the next write changes the revision. A harvester storm on an
// unchanged catalog costs a revision lookup and a file read.
package publish

import (
	"compress/gzip"
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
)

// Request selects one feed document.
type Request struct {
	// Org selects an agency's catalog; "" with DatasetID "" is the national catalog.
	Org catalog.OrgNumber
	// DatasetID selects one dataset's own description.
	DatasetID string
	Format    rdfio.Format
	// Page from 1 selects a hydra page of Limit datasets; 0 means the whole catalog.
	Page, Limit int
	// Feed selects the page of the change feed (DCAT-AP Feeds) that holds
	// the Limit changes after change After.
	Feed  bool
	After int64
}

func (r Request) String() string {
	if r.Feed {
		return fmt.Sprintf("feed org=%s format=%s after=%d limit=%d", r.Org, r.Format, r.After, r.Limit)
	}
	return fmt.Sprintf("org=%s dataset=%s format=%s page=%d limit=%d", r.Org, r.DatasetID, r.Format, r.Page, r.Limit)
}

// Generator writes the document r selects to w.
type Generator func(ctx context.Context, r Request, w io.Writer) error

// Version identifies a document's content without building it.
type Version struct {
	// ETag is a strong entity tag, quotes included.
	ETag     string
	Modified time.Time
	// Immutable is true for a document that never changes again: a full
	// page of a change feed.
	Immutable bool
	seq       int64
}

// Snapshot is an open, built document. Close it after use.
type Snapshot struct {
	Version
	Content io.ReadSeekCloser
	Size    int64
	// Gzip reports whether Content is gzip-compressed.
	Gzip bool
}

// CacheOptions tune a Cache.
type CacheOptions struct {
	// Dir holds the snapshot files; it is created if missing.
	Dir string
	// MaxEntries bounds how many documents are kept (least recently used go first).
	MaxEntries int
	// Salt enters every ETag: the program version and base URL, so an
	// upgrade that changes the output also changes the tags.
	Salt   string
	Logger *slog.Logger
}

// Cache builds and caches feed documents.
type Cache struct {
	store catalog.Store
	gen   Generator
	opts  CacheOptions

	mu       sync.Mutex
	entries  map[string]*list.Element // key → element of lru holding *entry
	lru      *list.List
	building map[string]*build
}

type entry struct {
	key     string
	req     Request
	seq     int64
	version Version
	path    string
	size    int64
	gzPath  string
	gzSize  int64
	gzBuild *build
	refs    int
	evicted bool
}

type build struct {
	done chan struct{}
	e    *entry
	err  error
}

// NewCache returns a Cache that builds documents with gen into opts.Dir.
func NewCache(store catalog.Store, gen Generator, opts CacheOptions) (*Cache, error) {
	if opts.Dir == "" {
		return nil, errors.New("publish: a snapshot directory is needed")
	}
	if err := os.MkdirAll(opts.Dir, 0o750); err != nil {
		return nil, fmt.Errorf("publish: snapshot directory: %w", err)
	}
	if opts.MaxEntries <= 0 {
		opts.MaxEntries = 256
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &Cache{store: store, gen: gen, opts: opts, entries: map[string]*list.Element{}, lru: list.New(), building: map[string]*build{}}, nil
}

// Version returns the ETag and modification time of r's document from the
// catalog revision alone. catalog.ErrNotFound for an unknown agency or dataset.
func (s *Cache) Version(ctx context.Context, r Request) (Version, error) {
	if r.Feed {
		return s.feedVersion(ctx, r)
	}
	org := r.Org
	if r.DatasetID != "" {
		d, err := s.store.DatasetByID(ctx, r.DatasetID)
		if err != nil {
			return Version{}, err
		}
		org = d.Agency
	}
	rev, err := s.store.Revision(ctx, org)
	if err != nil {
		return Version{}, err
	}
	h := sha256.Sum256([]byte(s.opts.Salt + "\x00" + r.String()))
	tag := `"r` + strconv.FormatInt(rev.Seq, 10) + "-" + hex.EncodeToString(h[:6]) + `"`
	return Version{ETag: tag, Modified: rev.Modified.UTC().Truncate(time.Second), seq: rev.Seq}, nil
}

// feedVersion versions a page of a change feed by its changes alone: the
// last of them (and of the one after the page, which completes it), so a
// full page keeps its version for good.
func (s *Cache) feedVersion(ctx context.Context, r Request) (Version, error) {
	if r.Org != "" {
		if _, err := s.store.Agency(ctx, r.Org); err != nil {
			return Version{}, err
		}
	}
	if r.Limit < 1 {
		return Version{}, fmt.Errorf("publish: a feed page of %d changes", r.Limit)
	}
	span, err := s.store.ChangeSpan(ctx, r.Org, r.After, r.Limit+1)
	if err != nil {
		return Version{}, err
	}
	modified := span.LastAt
	if span.Count == 0 {
		rev, err := s.store.Revision(ctx, r.Org)
		if err != nil {
			return Version{}, err
		}
		modified = rev.Modified
	}
	h := sha256.Sum256([]byte(s.opts.Salt + "\x00" + r.String()))
	tag := `"f` + strconv.FormatInt(span.Last, 10) + "-" + hex.EncodeToString(h[:6]) + `"`
	return Version{ETag: tag, Modified: modified.UTC().Truncate(time.Second), Immutable: span.Count > r.Limit, seq: span.Last}, nil
}

// Open returns r's document at v (from Version), building it when the
// snapshot is missing or stale. With gz it returns the gzip-compressed bytes.
func (s *Cache) Open(ctx context.Context, r Request, v Version, gz bool) (*Snapshot, error) {
	key := r.String()
	e, err := s.entryFor(ctx, key, r, v)
	if err != nil {
		return nil, err
	}
	path, size := e.path, e.size
	if gz {
		if path, size, err = s.gzipOf(e); err != nil {
			s.release(e)
			return nil, err
		}
	}
	f, err := os.Open(path)
	if err != nil {
		s.release(e)
		return nil, fmt.Errorf("publish: open snapshot: %w", err)
	}
	return &Snapshot{Version: e.version, Content: &snapshotFile{File: f, release: func() { s.release(e) }}, Size: size, Gzip: gz}, nil
}

// snapshotFile releases its cache entry when closed, so eviction never
// deletes a file that is being served.
type snapshotFile struct {
	*os.File
	once    sync.Once
	release func()
}

func (f *snapshotFile) Close() error {
	err := f.File.Close()
	f.once.Do(f.release)
	return err
}

// entryFor returns a referenced, current entry for key, building it once
// however many requests ask at the same time.
func (s *Cache) entryFor(ctx context.Context, key string, r Request, v Version) (*entry, error) {
	for {
		s.mu.Lock()
		if el, ok := s.entries[key]; ok {
			e := el.Value.(*entry)
			// A newer snapshot than asked for is fine: its own Version goes out.
			if e.seq >= v.seq {
				e.refs++
				s.lru.MoveToFront(el)
				s.mu.Unlock()
				return e, nil
			}
		}
		if b, ok := s.building[key]; ok {
			s.mu.Unlock()
			select {
			case <-b.done:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			if b.err != nil {
				return nil, b.err
			}
			continue // now cached: take a reference above
		}
		b := &build{done: make(chan struct{})}
		s.building[key] = b
		s.mu.Unlock()

		e, err := s.build(context.WithoutCancel(ctx), key, r, v)
		s.mu.Lock()
		delete(s.building, key)
		b.e, b.err = e, err
		if err == nil {
			s.insert(e)
		}
		s.mu.Unlock()
		close(b.done)
		if err != nil {
			return nil, err
		}
		return e, nil // insert gave the caller its reference
	}
}

// build writes the document to a new snapshot file. If the catalog changed
// while it was written, the result is discarded and built again, so a
// snapshot never carries an ETag that does not match its bytes.
func (s *Cache) build(ctx context.Context, key string, r Request, v Version) (*entry, error) {
	for attempt := 0; ; attempt++ {
		f, err := os.CreateTemp(s.opts.Dir, "feed-*.snap")
		if err != nil {
			return nil, fmt.Errorf("publish: snapshot file: %w", err)
		}
		start := time.Now()
		err = s.gen(ctx, r, f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(f.Name())
			return nil, fmt.Errorf("publish: build %s: %w", key, err)
		}
		after, err := s.Version(ctx, r)
		if err != nil {
			os.Remove(f.Name())
			return nil, err
		}
		if after.seq != v.seq && attempt < 3 {
			os.Remove(f.Name())
			v = after
			continue
		}
		st, err := os.Stat(f.Name())
		if err != nil {
			os.Remove(f.Name())
			return nil, err
		}
		s.opts.Logger.Debug("feed snapshot built", "request", key, "bytes", st.Size(), "duration", time.Since(start))
		return &entry{key: key, req: r, seq: after.seq, version: after, path: f.Name(), size: st.Size()}, nil
	}
}

// insert caches e (with one reference for the caller) and evicts the least
// recently used entries beyond the bound. Called with s.mu held.
func (s *Cache) insert(e *entry) {
	e.refs = 1
	if el, ok := s.entries[e.key]; ok {
		old := el.Value.(*entry)
		s.lru.Remove(el)
		s.evict(old)
	}
	s.entries[e.key] = s.lru.PushFront(e)
	for s.lru.Len() > s.opts.MaxEntries {
		el := s.lru.Back()
		old := el.Value.(*entry)
		s.lru.Remove(el)
		delete(s.entries, old.key)
		s.evict(old)
	}
}

// Drop removes the snapshots of the named agencies' catalogs and of the
// national catalog, which a change to those agencies made stale; nil drops
// every snapshot. Files still being served go when their readers finish.
// Nothing depends on it for correctness (a stale snapshot is never served:
// Version reads the revision), but the disk is freed at once rather than
// when the least recently used entries are pushed out. Full pages of change
// feeds, which never change, stay.
func (s *Cache) Drop(orgs []catalog.OrgNumber) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for el := s.lru.Front(); el != nil; {
		next := el.Next()
		e := el.Value.(*entry)
		stale := orgs == nil || (e.req.DatasetID == "" && (e.req.Org == "" || slices.Contains(orgs, e.req.Org)))
		if stale && !e.version.Immutable {
			s.lru.Remove(el)
			delete(s.entries, e.key)
			s.evict(e)
		}
		el = next
	}
}

// evict marks e gone and deletes its files once nobody reads them. Called with s.mu held.
func (s *Cache) evict(e *entry) {
	e.evicted = true
	if e.refs == 0 {
		removeFiles(e)
	}
}

func (s *Cache) release(e *entry) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e.refs--
	if e.refs == 0 && e.evicted {
		removeFiles(e)
	}
}

func removeFiles(e *entry) {
	os.Remove(e.path)
	if e.gzPath != "" {
		os.Remove(e.gzPath)
	}
}

// gzipOf returns the gzip file of e's document, compressing it once.
func (s *Cache) gzipOf(e *entry) (string, int64, error) {
	s.mu.Lock()
	if e.gzPath != "" {
		p, n := e.gzPath, e.gzSize
		s.mu.Unlock()
		return p, n, nil
	}
	if b := e.gzBuild; b != nil {
		s.mu.Unlock()
		<-b.done
		if b.err != nil {
			return "", 0, b.err
		}
		return s.gzipOf(e)
	}
	b := &build{done: make(chan struct{})}
	e.gzBuild = b
	s.mu.Unlock()

	path, size, err := compressFile(e.path, s.opts.Dir)
	s.mu.Lock()
	e.gzBuild = nil
	if err == nil {
		e.gzPath, e.gzSize = path, size
	}
	b.err = err
	s.mu.Unlock()
	close(b.done)
	return path, size, err
}

func compressFile(src, dir string) (string, int64, error) {
	in, err := os.Open(src)
	if err != nil {
		return "", 0, fmt.Errorf("publish: gzip: %w", err)
	}
	defer in.Close()
	out, err := os.CreateTemp(dir, "feed-*.gz")
	if err != nil {
		return "", 0, fmt.Errorf("publish: gzip: %w", err)
	}
	zw, _ := gzip.NewWriterLevel(out, gzip.BestSpeed)
	_, err = io.Copy(zw, in)
	if cerr := zw.Close(); err == nil {
		err = cerr
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(out.Name())
		return "", 0, fmt.Errorf("publish: gzip: %w", err)
	}
	st, err := os.Stat(out.Name())
	if err != nil {
		return "", 0, err
	}
	return out.Name(), st.Size(), nil
}

// Close deletes every snapshot file.
func (s *Cache) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for key, el := range s.entries {
		removeFiles(el.Value.(*entry))
		delete(s.entries, key)
	}
	s.lru.Init()
	matches, _ := filepath.Glob(filepath.Join(s.opts.Dir, "feed-*"))
	for _, m := range matches {
		os.Remove(m)
	}
	return nil
}
