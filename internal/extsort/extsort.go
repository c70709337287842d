// Package extsort sorts byte records that may be too many to hold in
// memory: records are kept in an arena up to a memory budget, then sorted
// and written to a temporary file (a run), and in the end the runs and
// what is left in memory are merged. Memory stays within the budget (plus
// the merge's read buffers) whatever the number of records; a sorter that
// never passes its budget never touches the disk.
//
// Records are ordered by a 64-bit hash and then bytewise, and each
// distinct record is yielded once. The hash is the caller's: hashing a
// record's key (Hash of a node's bytes, say) brings every record of one key
// together, and two sorters (or a sorter and a File) whose records start
// with the key and use the same hash can be merged side by side, as a
// merge join does. Hash is deterministic, so the order is the same in
// every run.
//
// The design was the validator's spool, made reusable, and the validator
// (dcat/validate) now sorts its records with it: a counting sort by the
// top bits of the hash, runs written with each record's prefix shared with
// the previous one left out, and a k-way merge, level by level when there
// are more runs than the fan-in. A caller that builds its records itself
// can write them straight into the Sorter's memory (Room, Commit) rather
// than have Add copy them.
package extsort

import (
	"bufio"
	"bytes"
	"container/heap"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"os"
	"slices"
)

// DefaultBudget is the memory a Sorter uses before it spills (16 MiB).
const DefaultBudget = 16 << 20

// DefaultFanIn is how many runs of one level a Sorter merges into one run
// unless SetFanIn says otherwise.
const DefaultFanIn = 32

// maxArena bounds the arena, whose offsets are 32-bit.
const maxArena = 1 << 31

// refSize is the memory of one record's index entry.
const refSize = 16

// ErrCorrupt reports a temporary file that does not read back as written.
var ErrCorrupt = errors.New("extsort: a temporary file is damaged")

// Hash is a deterministic 64-bit hash of b, good enough to spread keys
// over the sort's buckets (its top bits are well mixed).
func Hash(b []byte) uint64 {
	const (
		m1 = 0x9E3779B97F4A7C15
		m2 = 0xBF58476D1CE4E5B9
	)
	h := uint64(len(b)) * m1
	for len(b) >= 8 {
		k := binary.LittleEndian.Uint64(b)
		h = bits.RotateLeft64(h^(k*m2), 29) * m1
		b = b[8:]
	}
	var tail uint64
	for i := len(b) - 1; i >= 0; i-- {
		tail = tail<<8 | uint64(b[i])
	}
	h = bits.RotateLeft64(h^(tail*m2), 29) * m1
	// A final mix (SplitMix64's).
	h ^= h >> 30
	h *= m2
	h ^= h >> 27
	h *= 0x94D049BB133111EB
	h ^= h >> 31
	return h
}

// ref is a record in the arena: its hash, offset and length.
type ref struct {
	hash   uint64
	off, n uint32
}

// Sorter sorts records. Add them, then Sort once; Close releases its
// memory and files (also after a failure). A Sorter is not safe for
// concurrent use.
type Sorter struct {
	dir    string
	budget int64
	fanIn  int
	arena  []byte
	idx    []ref
	tmp    []ref
	counts []int
	runs   []*run
	sorted bool
	err    error
	// Spills counts the runs written to disk (for tests and benchmarks).
	Spills int
}

// New returns a Sorter keeping up to budget bytes of records in memory
// (DefaultBudget when budget ≤ 0), with its temporary files in dir ("" is
// the system's temporary folder).
func New(dir string, budget int64) *Sorter {
	if budget <= 0 {
		budget = DefaultBudget
	}
	return &Sorter{dir: dir, budget: min(budget, maxArena/2), fanIn: DefaultFanIn}
}

// SetFanIn sets how many runs of one level are merged into one run
// (DefaultFanIn unless set; n < 2 leaves it). A smaller fan-in merges
// more often; tests use it to reach several levels with few records.
func (s *Sorter) SetFanIn(n int) {
	if n >= 2 {
		s.fanIn = n
	}
}

// size is the memory the records in memory take: the arena, their index
// and the sort's scratch index.
func (s *Sorter) size() int64 { return int64(len(s.arena)) + 2*int64(len(s.idx))*refSize }

// Add adds a copy of rec under hash. It fails when a spill fails (the
// Sorter is then unusable) or after Sort.
func (s *Sorter) Add(hash uint64, rec []byte) error {
	if s.err != nil {
		return s.err
	}
	if err := s.checkAdd(len(rec)); err != nil {
		return err
	}
	s.reserve(len(rec))
	if s.err != nil {
		return s.err
	}
	start := len(s.arena)
	s.arena = append(s.arena, rec...)
	return s.index(hash, start)
}

// checkAdd reports why a record of n bytes cannot be added, if it cannot.
func (s *Sorter) checkAdd(n int) error {
	if s.err != nil {
		return s.err
	}
	if s.sorted {
		return errors.New("extsort: Add after Sort")
	}
	if n >= maxArena/4 {
		return fmt.Errorf("extsort: a record of %d bytes is too large", n)
	}
	return nil
}

// index indexes the record that runs from start to the end of the arena,
// and spills when the budget is passed.
func (s *Sorter) index(hash uint64, start int) error {
	s.idx = append(s.idx, ref{hash: hash, off: uint32(start), n: uint32(len(s.arena) - start)})
	if s.size() >= s.budget || len(s.arena) >= maxArena-1<<20 {
		s.fail(s.spill())
	}
	return s.err
}

// Room returns an empty slice at the end of the Sorter's memory with room
// for at least n bytes (spilling the records in memory first if there is
// not). Append one record to it and pass the result to Commit: the record
// is then added where it was built, without the copy Add makes. Only the
// latest Room may be committed, once, and nothing else may be added in
// between. Room returns nil after a failure (see Err) or after Sort.
func (s *Sorter) Room(n int) []byte {
	if s.err != nil || s.sorted {
		return nil
	}
	s.reserve(max(n, 1)) // an arena, never nil
	if s.err != nil {
		return nil
	}
	return s.arena[len(s.arena):len(s.arena)]
}

// Commit adds rec, built by appending to the slice Room returned, under
// hash. A record that outgrew that room (append moved it elsewhere) is
// copied, as by Add. It fails as Add does.
func (s *Sorter) Commit(hash uint64, rec []byte) error {
	if err := s.checkAdd(len(rec)); err != nil {
		return err
	}
	start := len(s.arena)
	if len(rec) == 0 || len(rec) > cap(s.arena)-start || &s.arena[:start+1][start] != &rec[0] {
		return s.Add(hash, rec)
	}
	s.arena = s.arena[:start+len(rec)]
	return s.index(hash, start)
}

// Err is the failure that made the Sorter unusable (a spill, or reading a
// temporary file back in Each), if any.
func (s *Sorter) Err() error { return s.err }

func (s *Sorter) fail(err error) {
	if err != nil && s.err == nil {
		s.err = err
	}
}

// reserve makes room for a record of n bytes: the arena doubles up to
// three quarters of the budget; when that is full, the records spill.
func (s *Sorter) reserve(n int) {
	if cap(s.arena)-len(s.arena) >= n {
		return
	}
	lim := int(s.budget * 3 / 4)
	if len(s.arena) > 0 && len(s.arena)+n > lim {
		s.fail(s.spill())
		if cap(s.arena)-len(s.arena) >= n {
			return
		}
	}
	c := min(max(2*cap(s.arena), 64<<10), lim)
	c = max(c, len(s.arena)+n)
	a := make([]byte, len(s.arena), c)
	copy(a, s.arena)
	s.arena = a
}

func (s *Sorter) rec(r ref) []byte { return s.arena[r.off : r.off+r.n] }

func (s *Sorter) compare(a, b ref) int {
	if a.hash != b.hash {
		if a.hash < b.hash {
			return -1
		}
		return 1
	}
	return bytes.Compare(s.rec(a), s.rec(b))
}

// sortMem sorts the records in memory: a counting sort by the top bits of
// the hash into buckets of a few records each, then each bucket.
func (s *Sorter) sortMem() {
	n := len(s.idx)
	if n < 1<<12 {
		slices.SortFunc(s.idx, s.compare)
		return
	}
	b := min(bits.Len(uint(n/16)), 22)
	if cap(s.counts) < 1<<b+1 {
		s.counts = make([]int, 1<<b+1)
	}
	counts := s.counts[:1<<b+1]
	clear(counts)
	shift := 64 - b
	for _, x := range s.idx {
		counts[x.hash>>shift+1]++
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	if cap(s.tmp) < n {
		s.tmp = make([]ref, n, cap(s.idx))
	}
	tmp := s.tmp[:n]
	for _, x := range s.idx {
		k := x.hash >> shift
		tmp[counts[k]] = x
		counts[k]++
	}
	s.idx, s.tmp = tmp, s.idx[:0]
	lo := 0
	for _, hi := range counts[:1<<b] {
		if hi-lo > 1 {
			slices.SortFunc(s.idx[lo:hi], s.compare)
		}
		lo = hi
	}
}

// run is one sorted temporary file.
type run struct {
	f     *os.File
	path  string // "" once removed
	level int
}

func (r *run) close() {
	if r.f != nil {
		r.f.Close()
		r.f = nil
	}
	if r.path != "" {
		os.Remove(r.path)
		r.path = ""
	}
}

// newRun creates a temporary file, unlinked at once where the system
// allows it (it then vanishes when closed, or with the process).
func newRun(dir string, level int) (*run, *bufio.Writer, error) {
	f, err := os.CreateTemp(dir, "katalog-sort-*.run")
	if err != nil {
		return nil, nil, fmt.Errorf("extsort: spilling to disk: %w", err)
	}
	r := &run{f: f, path: f.Name(), level: level}
	if os.Remove(r.path) == nil {
		r.path = ""
	}
	return r, bufio.NewWriterSize(f, 256<<10), nil
}

// runWriter writes the records of a run, each as the length of the
// prefix it shares with the previous record (and whether their hashes are
// equal), the hash unless it is, and the rest.
type runWriter struct {
	w     *bufio.Writer
	prev  []byte
	hash  uint64
	first bool
}

func newRunWriter(w *bufio.Writer) *runWriter { return &runWriter{w: w, first: true} }

func (rw *runWriter) write(hash uint64, rec []byte) error {
	shared := commonPrefix(rec, rw.prev)
	same := !rw.first && hash == rw.hash
	var hdr [3*binary.MaxVarintLen64 + 8]byte
	flag := uint64(shared) << 1
	if same {
		flag |= 1
	}
	n := binary.PutUvarint(hdr[:], flag)
	if !same {
		binary.BigEndian.PutUint64(hdr[n:], hash)
		n += 8
	}
	n += binary.PutUvarint(hdr[n:], uint64(len(rec)-shared))
	if _, err := rw.w.Write(hdr[:n]); err != nil {
		return err
	}
	if _, err := rw.w.Write(rec[shared:]); err != nil {
		return err
	}
	rw.prev = append(rw.prev[:0], rec...)
	rw.hash, rw.first = hash, false
	return nil
}

// commonPrefix returns the length of the prefix a and b share.
func commonPrefix(a, b []byte) int {
	i := 0
	for len(a) >= 8 && len(b) >= 8 {
		if x := binary.LittleEndian.Uint64(a) ^ binary.LittleEndian.Uint64(b); x != 0 {
			return i + bits.TrailingZeros64(x)/8
		}
		a, b, i = a[8:], b[8:], i+8
	}
	for j := 0; j < len(a) && j < len(b) && a[j] == b[j]; j++ {
		i++
	}
	return i
}

// spill writes the records in memory as a sorted run (without repeats)
// and merges runs level by level so that fewer than s.fanIn runs of each
// level stay.
func (s *Sorter) spill() error {
	if s.err != nil || len(s.idx) == 0 {
		return s.err
	}
	s.sortMem()
	r, w, err := newRun(s.dir, 0)
	if err != nil {
		return err
	}
	rw := newRunWriter(w)
	var prev ref
	for i, x := range s.idx {
		if i > 0 && x.hash == prev.hash && bytes.Equal(s.rec(x), s.rec(prev)) {
			continue
		}
		prev = x
		if err := rw.write(x.hash, s.rec(x)); err != nil {
			r.close()
			return fmt.Errorf("extsort: spilling to disk: %w", err)
		}
	}
	if err := w.Flush(); err != nil {
		r.close()
		return fmt.Errorf("extsort: spilling to disk: %w", err)
	}
	s.runs = append(s.runs, r)
	s.Spills++
	s.arena, s.idx = s.arena[:0], s.idx[:0]
	for level := 0; ; level++ {
		var same []*run
		for _, x := range s.runs {
			if x.level == level {
				same = append(same, x)
			}
		}
		if len(same) < s.fanIn {
			return nil
		}
		if err := s.mergeRuns(same, level+1); err != nil {
			return err
		}
	}
}

// mergeRuns merges runs into one run of level.
func (s *Sorter) mergeRuns(runs []*run, level int) error {
	out, w, err := newRun(s.dir, level)
	if err != nil {
		return err
	}
	srcs := make([]source, 0, len(runs))
	for _, r := range runs {
		src, err := newFileSource(r.f)
		if err != nil {
			out.close()
			return err
		}
		srcs = append(srcs, src)
	}
	rw := newRunWriter(w)
	it := newIter(srcs, nil)
	for it.Next() {
		if err := rw.write(it.Hash(), it.Record()); err != nil {
			out.close()
			return fmt.Errorf("extsort: merging spilled runs: %w", err)
		}
	}
	err = it.Err()
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		out.close()
		return fmt.Errorf("extsort: merging spilled runs: %w", err)
	}
	kept := s.runs[:0]
	for _, r := range s.runs {
		if slices.Contains(runs, r) {
			r.close()
		} else {
			kept = append(kept, r)
		}
	}
	s.runs = append(kept, out)
	return nil
}

// Sort ends the adding and returns an iterator over every distinct record,
// in order: those in memory and those of the runs, merged. A Sorter is
// sorted once; its iterator is valid until Close.
func (s *Sorter) Sort() (*Iter, error) {
	if s.err != nil {
		return nil, s.err
	}
	if s.sorted {
		return nil, errors.New("extsort: sorted twice")
	}
	s.sorted = true
	s.sortMem()
	srcs := []source{&memSource{s: s}}
	for _, r := range s.runs {
		src, err := newFileSource(r.f)
		if err != nil {
			s.fail(err)
			return nil, err
		}
		srcs = append(srcs, src)
	}
	return newIter(srcs, nil), nil
}

// Each sorts as Sort and calls fn with every distinct record in order; the
// record passed is valid only during the call. It stops at fn's first
// error and returns it as is; a failure to read a temporary file is
// returned and kept for Err.
func (s *Sorter) Each(fn func(hash uint64, rec []byte) error) error {
	it, err := s.Sort()
	if err != nil {
		return err
	}
	for it.Next() {
		if err := fn(it.Hash(), it.Record()); err != nil {
			return err
		}
	}
	s.fail(it.Err())
	return it.Err()
}

// TempFiles returns the open temporary files of the runs spilled so far
// (tests damage them to see a failure to read one back reported).
func (s *Sorter) TempFiles() []*os.File {
	fs := make([]*os.File, 0, len(s.runs))
	for _, r := range s.runs {
		fs = append(fs, r.f)
	}
	return fs
}

// Len is the number of records in memory (not yet spilled).
func (s *Sorter) Len() int { return len(s.idx) }

// Close releases the memory and the temporary files.
func (s *Sorter) Close() {
	for _, r := range s.runs {
		r.close()
	}
	s.runs, s.arena, s.idx, s.tmp = nil, nil, nil, nil
}

// A source yields sorted records.
type source interface {
	// next advances; the record is valid until the following call.
	next() (hash uint64, rec []byte, ok bool, err error)
}

type memSource struct {
	s *Sorter
	i int
}

func (m *memSource) next() (uint64, []byte, bool, error) {
	if m.i >= len(m.s.idx) {
		return 0, nil, false, nil
	}
	x := m.s.idx[m.i]
	m.i++
	return x.hash, m.s.rec(x), true, nil
}

type fileSource struct {
	r    *bufio.Reader
	buf  []byte
	hash uint64
}

func newFileSource(f *os.File) (*fileSource, error) {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("extsort: reading a temporary file: %w", err)
	}
	return &fileSource{r: bufio.NewReaderSize(f, 64<<10)}, nil
}

// next reads a record as runWriter wrote it.
func (f *fileSource) next() (uint64, []byte, bool, error) {
	flag, err := binary.ReadUvarint(f.r)
	if errors.Is(err, io.EOF) {
		return 0, nil, false, nil
	}
	bad := func(err error) (uint64, []byte, bool, error) {
		return 0, nil, false, fmt.Errorf("extsort: reading a temporary file: %w", err)
	}
	if err != nil {
		return bad(err)
	}
	if flag&1 == 0 {
		var h [8]byte
		if _, err := io.ReadFull(f.r, h[:]); err != nil {
			return bad(err)
		}
		f.hash = binary.BigEndian.Uint64(h[:])
	}
	shared := flag >> 1
	n, err := binary.ReadUvarint(f.r)
	if err != nil {
		return bad(err)
	}
	if shared > uint64(len(f.buf)) || n > maxArena {
		return bad(ErrCorrupt)
	}
	f.buf = slices.Grow(f.buf[:shared], int(n))[:shared+n]
	if _, err := io.ReadFull(f.r, f.buf[shared:]); err != nil {
		return bad(err)
	}
	return f.hash, f.buf, true, nil
}

// head is a source with its current record.
type head struct {
	src  source
	hash uint64
	rec  []byte
}

type heads []*head

func (h heads) Len() int { return len(h) }
func (h heads) Less(i, j int) bool {
	if h[i].hash != h[j].hash {
		return h[i].hash < h[j].hash
	}
	return bytes.Compare(h[i].rec, h[j].rec) < 0
}
func (h heads) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *heads) Push(x any)   { *h = append(*h, x.(*head)) }
func (h *heads) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// Iter yields sorted distinct records. Call Next until it reports false,
// then Err.
type Iter struct {
	hs      heads
	started bool
	err     error
	hash    uint64
	cur     []byte
	done    func()
}

// newIter merges srcs; done, if not nil, runs when the iterator ends.
func newIter(srcs []source, done func()) *Iter {
	it := &Iter{done: done}
	for _, s := range srcs {
		hash, rec, ok, err := s.next()
		if err != nil {
			it.err = err
			return it
		}
		if ok {
			it.hs = append(it.hs, &head{src: s, hash: hash, rec: rec})
		}
	}
	heap.Init(&it.hs)
	return it
}

// Next advances to the next distinct record and reports whether there is
// one.
func (it *Iter) Next() bool {
	for it.err == nil && len(it.hs) > 0 {
		h := it.hs[0]
		fresh := !it.started || h.hash != it.hash || !bytes.Equal(h.rec, it.cur)
		if fresh {
			it.started = true
			it.hash = h.hash
			it.cur = append(it.cur[:0], h.rec...)
		}
		hash, rec, ok, err := h.src.next()
		if err != nil {
			it.err = err
			return false
		}
		if ok {
			h.hash, h.rec = hash, rec
			heap.Fix(&it.hs, 0)
		} else {
			heap.Pop(&it.hs)
		}
		if fresh {
			return true
		}
	}
	if it.done != nil {
		it.done()
		it.done = nil
	}
	return false
}

// Hash is the current record's hash.
func (it *Iter) Hash() uint64 { return it.hash }

// Record is the current record; it is valid until the next call of Next.
func (it *Iter) Record() []byte { return it.cur }

// Err is the error that ended the iteration, if any.
func (it *Iter) Err() error { return it.err }

// File is a sorted file written in order: Append records already in the
// order of a Sorter (hash, then bytes), then Finish; it can then be read
// any number of times. It is how a pass over sorted records writes its
// output for a later merge without sorting it again.
type File struct {
	r    *run
	w    *bufio.Writer
	rw   *runWriter
	last []byte
	lh   uint64
	n    int64
}

// NewFile creates an empty File in dir.
func NewFile(dir string) (*File, error) {
	r, w, err := newRun(dir, 0)
	if err != nil {
		return nil, err
	}
	return &File{r: r, w: w, rw: newRunWriter(w)}, nil
}

// Append writes a record; it must not sort before the previous one (an
// equal one is written once).
func (f *File) Append(hash uint64, rec []byte) error {
	if f.w == nil {
		return errors.New("extsort: Append after Finish")
	}
	if f.n > 0 {
		c := 0
		switch {
		case hash < f.lh:
			c = -1
		case hash > f.lh:
			c = 1
		default:
			c = bytes.Compare(rec, f.last)
		}
		if c < 0 {
			return errors.New("extsort: records appended out of order")
		}
		if c == 0 {
			return nil
		}
	}
	if err := f.rw.write(hash, rec); err != nil {
		return fmt.Errorf("extsort: writing a temporary file: %w", err)
	}
	f.last, f.lh = append(f.last[:0], rec...), hash
	f.n++
	return nil
}

// Len is the number of records appended.
func (f *File) Len() int64 { return f.n }

// Finish ends the writing.
func (f *File) Finish() error {
	if f.w == nil {
		return nil
	}
	err := f.w.Flush()
	f.w = nil
	if err != nil {
		return fmt.Errorf("extsort: writing a temporary file: %w", err)
	}
	return nil
}

// Iter reads the File from its start. Only one iterator of a File may be
// in use at a time.
func (f *File) Iter() (*Iter, error) {
	if err := f.Finish(); err != nil {
		return nil, err
	}
	src, err := newFileSource(f.r.f)
	if err != nil {
		return nil, err
	}
	return newIter([]source{src}, nil), nil
}

// Close removes the File.
func (f *File) Close() { f.r.close() }

// Merge returns an iterator over the distinct records of several sorted
// iterators, merged.
func Merge(its ...*Iter) *Iter {
	srcs := make([]source, 0, len(its))
	for _, it := range its {
		srcs = append(srcs, iterSource{it})
	}
	return newIter(srcs, nil)
}

// iterSource makes an Iter a source of a merge.
type iterSource struct{ it *Iter }

func (s iterSource) next() (uint64, []byte, bool, error) {
	if s.it.Next() {
		return s.it.Hash(), s.it.Record(), true, nil
	}
	return 0, nil, false, s.it.Err()
}
