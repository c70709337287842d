package extsort

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
)

type rec struct {
	hash uint64
	b    string
}

func want(in []rec) []rec {
	w := slices.Clone(in)
	slices.SortFunc(w, func(a, b rec) int {
		if a.hash != b.hash {
			if a.hash < b.hash {
				return -1
			}
			return 1
		}
		return strings.Compare(a.b, b.b)
	})
	return slices.Compact(w)
}

func drain(t *testing.T, it *Iter) []rec {
	t.Helper()
	var out []rec
	for it.Next() {
		out = append(out, rec{it.Hash(), string(it.Record())})
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func randomRecs(seed uint64, n int) []rec {
	rng := rand.New(rand.NewPCG(seed, seed+1))
	var in []rec
	for i := 0; i < n; i++ {
		node := rng.IntN(500)
		// Few distinct hashes, so that collisions between keys happen.
		r := rec{hash: uint64(node%37) << 40, b: fmt.Sprintf("node%d|%d", node, rng.IntN(40))}
		in = append(in, r)
		if rng.IntN(10) == 0 {
			in = append(in, r) // a repeat
		}
	}
	return in
}

// TestSorterOrder: whatever the budget, a Sorter yields every distinct
// record once, by hash then bytes, and leaves no file behind.
func TestSorterOrder(t *testing.T) {
	in := randomRecs(3, 40000)
	dir := t.TempDir()
	for _, budget := range []int64{1 << 30, 4 << 10, 64 << 10} {
		s := New(dir, budget)
		for _, r := range in {
			if err := s.Add(r.hash, []byte(r.b)); err != nil {
				t.Fatal(err)
			}
		}
		it, err := s.Sort()
		if err != nil {
			t.Fatal(err)
		}
		got := drain(t, it)
		s.Close()
		if !slices.Equal(got, want(in)) {
			t.Errorf("budget %d: %d records, want %d", budget, len(got), len(want(in)))
		}
		if budget == 4<<10 && s.Spills < DefaultFanIn+1 {
			t.Errorf("budget %d: %d spills, want more than the fan-in", budget, s.Spills)
		}
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestRoomAndFanIn: records committed after Room sort as added ones do,
// whatever the budget and fan-in, and whether they were built in their
// room or elsewhere; Each yields them in Sort's order.
func TestRoomAndFanIn(t *testing.T) {
	in := randomRecs(3, 20000)
	dir := t.TempDir()
	for _, c := range []struct {
		budget int64
		fanIn  int
	}{{1 << 30, 16}, {4 << 10, 2}, {4 << 10, 5}, {64 << 10, 32}} {
		s := New(dir, c.budget)
		s.SetFanIn(c.fanIn)
		for i, r := range in {
			var rec []byte
			switch i % 3 {
			case 0: // built in its room
				rec = append(s.Room(len(r.b)), r.b...)
			case 1: // built in too small a room, which may or may not move it
				rec = append(s.Room(1), r.b...)
			default: // built elsewhere, and copied
				s.Room(len(r.b))
				rec = []byte(r.b)
			}
			if err := s.Commit(r.hash, rec); err != nil {
				t.Fatal(err)
			}
		}
		var got []rec
		err := s.Each(func(hash uint64, b []byte) error {
			got = append(got, rec{hash, string(b)})
			return nil
		})
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want(in)) {
			t.Errorf("budget %d, fan-in %d: %d records, want %d", c.budget, c.fanIn, len(got), len(want(in)))
		}
		if c.budget == 4<<10 && s.Spills < c.fanIn+1 {
			t.Errorf("budget %d, fan-in %d: %d spills, want more than the fan-in", c.budget, c.fanIn, s.Spills)
		}
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestDamagedRun: a spilled run that does not read back fails Each, and
// the Sorter keeps the failure.
func TestDamagedRun(t *testing.T) {
	s := New(t.TempDir(), 4<<10)
	defer s.Close()
	for _, r := range randomRecs(9, 5000) {
		if err := s.Add(r.hash, []byte(r.b)); err != nil {
			t.Fatal(err)
		}
	}
	if len(s.TempFiles()) == 0 {
		t.Fatal("nothing spilled")
	}
	for _, f := range s.TempFiles() {
		if err := f.Truncate(7); err != nil {
			t.Fatal(err)
		}
	}
	err := s.Each(func(uint64, []byte) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "reading a temporary file") || s.Err() != err {
		t.Errorf("Each = %v, Err = %v; want a read failure kept", err, s.Err())
	}
}

func TestCommonPrefix(t *testing.T) {
	for _, c := range []struct {
		a, b string
		n    int
	}{{"", "", 0}, {"abc", "", 0}, {"abc", "abd", 2}, {"0123456789abcdef", "0123456789abcdeX", 15},
		{"0123456789abcdef", "0123456789abcdef", 16}, {"01234567X", "01234567Y", 8}, {"0123456789", "0123456", 7}} {
		if got := commonPrefix([]byte(c.a), []byte(c.b)); got != c.n {
			t.Errorf("commonPrefix(%q, %q) = %d, want %d", c.a, c.b, got, c.n)
		}
	}
}

// TestFileAndMerge: a File reads back what was appended in order, any
// number of times, refuses records out of order, and merges with a Sorter.
func TestFileAndMerge(t *testing.T) {
	dir := t.TempDir()
	a, b := randomRecs(5, 3000), randomRecs(7, 3000)
	f, err := NewFile(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range want(a) {
		if err := f.Append(r.hash, []byte(r.b)); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Append(0, []byte("a")); err == nil {
		t.Error("a record out of order was taken")
	}
	for i := 0; i < 2; i++ {
		it, err := f.Iter()
		if err != nil {
			t.Fatal(err)
		}
		if got := drain(t, it); !slices.Equal(got, want(a)) {
			t.Errorf("read %d: %d records, want %d", i, len(got), len(want(a)))
		}
	}
	s := New(dir, 8<<10)
	for _, r := range b {
		if err := s.Add(r.hash, []byte(r.b)); err != nil {
			t.Fatal(err)
		}
	}
	sit, err := s.Sort()
	if err != nil {
		t.Fatal(err)
	}
	fit, err := f.Iter()
	if err != nil {
		t.Fatal(err)
	}
	if got := drain(t, Merge(fit, sit)); !slices.Equal(got, want(append(a, b...))) {
		t.Errorf("merge: %d records, want %d", len(got), len(want(append(a, b...))))
	}
	s.Close()
	f.Close()
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestHash(t *testing.T) {
	seen := map[uint64]bool{}
	top := map[uint64]int{}
	for i := 0; i < 100000; i++ {
		h := Hash([]byte(fmt.Sprintf("https://example.se/katalog/dataset/%d", i)))
		seen[h] = true
		top[h>>56]++
	}
	if len(seen) != 100000 {
		t.Errorf("%d distinct hashes of 100000 keys", len(seen))
	}
	if len(top) != 256 {
		t.Errorf("the top byte takes %d values of 256", len(top))
	}
	if a, b := Hash([]byte("abc")), Hash([]byte(string("abc"))); a != b || Hash(nil) == Hash([]byte{0}) {
		t.Error("Hash is not deterministic or ignores length")
	}
}

// TestSpillFailure: a temporary folder that cannot be written fails Add.
func TestSpillFailure(t *testing.T) {
	s := New(t.TempDir()+"/missing", 4<<10)
	defer s.Close()
	var err error
	for i := 0; i < 10000 && err == nil; i++ {
		err = s.Add(uint64(i), bytes.Repeat([]byte("x"), 100))
	}
	if err == nil || !strings.Contains(err.Error(), "spilling") {
		t.Errorf("err = %v, want a spill error", err)
	}
}

// FuzzRunReader: a damaged temporary file never panics the reader.
func FuzzRunReader(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 'a', 'b', 'c', 5, 0})
	f.Add([]byte{0x80, 0x80, 0x80})
	f.Fuzz(func(t *testing.T, data []byte) {
		tmp, err := os.CreateTemp(t.TempDir(), "run")
		if err != nil {
			t.Fatal(err)
		}
		defer tmp.Close()
		tmp.Write(data)
		src, err := newFileSource(tmp)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 1000; i++ {
			if _, _, ok, err := src.next(); !ok || err != nil {
				return
			}
		}
	})
}
