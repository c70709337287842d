package validate

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

// A spool sorts the session's records by node (see the package doc):
// records are appended to an arena in memory; when the arena and its
// index pass the memory budget they are sorted and written to a
// temporary file (a run), and at the end the runs and what is left in
// memory are merged. A spool that never passes its budget never touches
// the disk: the small-input path is the same code without the files.
//
// A record is a byte string whose first bytes name its node; records are
// ordered by a 64-bit hash of the node's key and then bytewise, so that
// all records of one node come together (two nodes whose hashes collide
// still come apart: the key follows the hash). Identical records (a
// repeated triple) come together too, and each is yielded once.
type spool struct {
	arena  []byte
	idx    []recRef
	tmp    []recRef // the sort's scratch index
	counts []int
	budget int64
	dir    string
	fanIn  int
	runs   []*run
	err    error
	spills int
}

// recRef is a record in the arena: its node hash, offset and length.
type recRef struct {
	hash   uint64
	off, n uint32
}

const recRefSize = 16

// maxArena bounds the arena, whose offsets are 32-bit.
const maxArena = 1 << 31

// size is the memory the records in memory take: the arena, their index
// and the sort's scratch index.
func (sp *spool) size() int64 { return int64(len(sp.arena)) + 2*int64(len(sp.idx))*recRefSize }

// reserve makes room for a record of about n bytes in the arena. The
// arena doubles up to three quarters of the budget (rather than letting
// append grow it by a quarter at a time, each growth a copy); when that
// is full, the records are spilled.
func (sp *spool) reserve(n int) {
	if cap(sp.arena)-len(sp.arena) >= n {
		return
	}
	lim := int(sp.budget * 3 / 4)
	if len(sp.arena) > 0 && len(sp.arena)+n > lim {
		if err := sp.spill(); err != nil && sp.err == nil {
			sp.err = err
		}
		if cap(sp.arena)-len(sp.arena) >= n {
			return
		}
	}
	c := min(max(2*cap(sp.arena), 64<<10), lim)
	c = max(c, len(sp.arena)+n)
	a := make([]byte, len(sp.arena), c)
	copy(a, sp.arena)
	sp.arena = a
}

// added indexes the record appended to the arena from start, and spills
// when the budget is passed.
func (sp *spool) added(hash uint64, start int) {
	sp.idx = append(sp.idx, recRef{hash: hash, off: uint32(start), n: uint32(len(sp.arena) - start)})
	if sp.size() >= sp.budget || len(sp.arena) >= maxArena-1<<20 {
		if err := sp.spill(); err != nil && sp.err == nil {
			sp.err = err
		}
	}
}

func (sp *spool) rec(r recRef) []byte { return sp.arena[r.off : r.off+r.n] }

func (sp *spool) compare(a, b recRef) int {
	if a.hash != b.hash {
		if a.hash < b.hash {
			return -1
		}
		return 1
	}
	return bytes.Compare(sp.rec(a), sp.rec(b))
}

// sortMem sorts the records in memory: a counting sort by the top bits
// of the hash into buckets of a few nodes each, then each bucket.
func (sp *spool) sortMem() {
	n := len(sp.idx)
	if n < 1<<12 {
		slices.SortFunc(sp.idx, sp.compare)
		return
	}
	b := min(bits.Len(uint(n/16)), 22)
	if cap(sp.counts) < 1<<b+1 {
		sp.counts = make([]int, 1<<b+1)
	}
	counts := sp.counts[:1<<b+1]
	clear(counts)
	shift := 64 - b
	for _, x := range sp.idx {
		counts[x.hash>>shift+1]++
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	// counts[k] is where bucket k starts.
	if cap(sp.tmp) < n {
		sp.tmp = make([]recRef, n, cap(sp.idx))
	}
	tmp := sp.tmp[:n]
	for _, x := range sp.idx {
		k := x.hash >> shift
		tmp[counts[k]] = x
		counts[k]++
	}
	// counts[k] is where bucket k ends.
	sp.idx, sp.tmp = tmp, sp.idx[:0]
	lo := 0
	for _, hi := range counts[:1<<b] {
		if hi-lo > 1 {
			slices.SortFunc(sp.idx[lo:hi], sp.compare)
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
func (sp *spool) newRun(level int) (*run, *bufio.Writer, error) {
	f, err := os.CreateTemp(sp.dir, "katalog-validate-*.run")
	if err != nil {
		return nil, nil, fmt.Errorf("validate: spilling to disk: %w", err)
	}
	r := &run{f: f, path: f.Name(), level: level}
	if os.Remove(r.path) == nil {
		r.path = ""
	}
	return r, bufio.NewWriterSize(f, 256<<10), nil
}

// runWriter writes the records of a run, each as the length of the
// prefix it shares with the previous record (and whether their hashes
// are equal), the hash unless it is, and the rest: a node's records share
// its key, so a run is about half the size of its records.
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
// and merges runs level by level so that at most fanIn-1 runs of each
// level stay open.
func (sp *spool) spill() error {
	if sp.err != nil || len(sp.idx) == 0 {
		return sp.err
	}
	sp.sortMem()
	r, w, err := sp.newRun(0)
	if err != nil {
		return err
	}
	rw := newRunWriter(w)
	var prev recRef
	for i, x := range sp.idx {
		if i > 0 && x.hash == prev.hash && bytes.Equal(sp.rec(x), sp.rec(prev)) {
			continue
		}
		prev = x
		if err := rw.write(x.hash, sp.rec(x)); err != nil {
			r.close()
			return fmt.Errorf("validate: spilling to disk: %w", err)
		}
	}
	if err := w.Flush(); err != nil {
		r.close()
		return fmt.Errorf("validate: spilling to disk: %w", err)
	}
	sp.runs = append(sp.runs, r)
	sp.spills++
	sp.arena, sp.idx = sp.arena[:0], sp.idx[:0]
	for level := 0; ; level++ {
		var same []*run
		for _, x := range sp.runs {
			if x.level == level {
				same = append(same, x)
			}
		}
		if len(same) < sp.fanIn {
			return nil
		}
		if err := sp.mergeRuns(same, level+1); err != nil {
			return err
		}
	}
}

// mergeRuns merges runs into one run of level.
func (sp *spool) mergeRuns(runs []*run, level int) error {
	out, w, err := sp.newRun(level)
	if err != nil {
		return err
	}
	srcs := make([]source, 0, len(runs))
	for _, r := range runs {
		s, err := newFileSource(r)
		if err != nil {
			out.close()
			return err
		}
		srcs = append(srcs, s)
	}
	rw := newRunWriter(w)
	err = merge(srcs, rw.write)
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		out.close()
		return fmt.Errorf("validate: merging spilled runs: %w", err)
	}
	kept := sp.runs[:0]
	for _, r := range sp.runs {
		if slices.Contains(runs, r) {
			r.close()
		} else {
			kept = append(kept, r)
		}
	}
	sp.runs = append(kept, out)
	return nil
}

// each calls fn with every distinct record in order: those in memory
// and those of the runs, merged. The record passed is valid only during
// the call.
func (sp *spool) each(fn func(hash uint64, rec []byte) error) error {
	if sp.err != nil {
		return sp.err
	}
	sp.sortMem()
	srcs := []source{&memSource{sp: sp}}
	for _, r := range sp.runs {
		s, err := newFileSource(r)
		if err != nil {
			return err
		}
		srcs = append(srcs, s)
	}
	return merge(srcs, fn)
}

// close releases the memory and the temporary files.
func (sp *spool) close() {
	for _, r := range sp.runs {
		r.close()
	}
	sp.runs, sp.arena, sp.idx = nil, nil, nil
}

// A source yields sorted records.
type source interface {
	// next advances; the record is valid until the following call.
	next() (hash uint64, rec []byte, ok bool, err error)
}

type memSource struct {
	sp *spool
	i  int
}

func (m *memSource) next() (uint64, []byte, bool, error) {
	if m.i >= len(m.sp.idx) {
		return 0, nil, false, nil
	}
	x := m.sp.idx[m.i]
	m.i++
	return x.hash, m.sp.rec(x), true, nil
}

type fileSource struct {
	r    *bufio.Reader
	buf  []byte
	hash uint64
}

func newFileSource(r *run) (*fileSource, error) {
	if _, err := r.f.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("validate: reading a spilled run: %w", err)
	}
	return &fileSource{r: bufio.NewReaderSize(r.f, 64<<10)}, nil
}

// next reads a record as runWriter wrote it.
func (f *fileSource) next() (uint64, []byte, bool, error) {
	flag, err := binary.ReadUvarint(f.r)
	if errors.Is(err, io.EOF) {
		return 0, nil, false, nil
	}
	bad := func(err error) (uint64, []byte, bool, error) {
		return 0, nil, false, fmt.Errorf("validate: reading a spilled run: %w", err)
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
		return bad(errCorrupt)
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

// merge calls fn with the distinct records of the sorted sources, in
// order.
func merge(srcs []source, fn func(hash uint64, rec []byte) error) error {
	hs := make(heads, 0, len(srcs))
	for _, s := range srcs {
		hash, rec, ok, err := s.next()
		if err != nil {
			return err
		}
		if ok {
			hs = append(hs, &head{src: s, hash: hash, rec: rec})
		}
	}
	heap.Init(&hs)
	var prev []byte
	var prevHash uint64
	first := true
	for len(hs) > 0 {
		h := hs[0]
		if first || h.hash != prevHash || !bytes.Equal(h.rec, prev) {
			if err := fn(h.hash, h.rec); err != nil {
				return err
			}
			first = false
			prevHash = h.hash
			prev = append(prev[:0], h.rec...)
		}
		hash, rec, ok, err := h.src.next()
		if err != nil {
			return err
		}
		if ok {
			h.hash, h.rec = hash, rec
			heap.Fix(&hs, 0)
		} else {
			heap.Pop(&hs)
		}
	}
	return nil
}
