package validate

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/ntriples"
)

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

// TestSpoolOrder: whatever the budget and fan-in, the spool yields every
// distinct record once, grouped by hash and in the order of the
// in-memory sort.
func TestSpoolOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	type rec struct {
		hash uint64
		b    string
	}
	var in []rec
	for i := 0; i < 20000; i++ {
		node := rng.IntN(500)
		// Few distinct hashes, so that collisions between nodes happen.
		r := rec{hash: uint64(node % 37), b: fmt.Sprintf("node%d|%d", node, rng.IntN(40))}
		in = append(in, r)
		if rng.IntN(10) == 0 {
			in = append(in, r) // a repeat
		}
	}
	want := slices.Clone(in)
	slices.SortFunc(want, func(a, b rec) int {
		if a.hash != b.hash {
			return int(a.hash) - int(b.hash)
		}
		return strings.Compare(a.b, b.b)
	})
	want = slices.Compact(want)
	dir := t.TempDir()
	for _, c := range []struct {
		budget int64
		fanIn  int
	}{{1 << 30, 16}, {4 << 10, 2}, {4 << 10, 5}, {64 << 10, 32}} {
		sp := spool{budget: c.budget, dir: dir, fanIn: c.fanIn}
		for _, r := range in {
			sp.reserve(len(r.b))
			start := len(sp.arena)
			sp.arena = append(sp.arena, r.b...)
			sp.added(r.hash, start)
		}
		var got []rec
		err := sp.each(func(hash uint64, b []byte) error {
			got = append(got, rec{hash, string(b)})
			return nil
		})
		sp.close()
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("budget %d, fan-in %d: %d records, want %d", c.budget, c.fanIn, len(got), len(want))
		}
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestSpillFailures: a temporary directory that cannot be written stops
// the validation with an error, and so does a damaged spilled run.
func TestSpillFailures(t *testing.T) {
	ts := mappedFeed(t, 40)
	v := New(DCATAPSE301(), WithMemory(4<<10), WithTempDir(filepath.Join(t.TempDir(), "missing")))
	s := v.NewSession()
	var werr error
	for _, tr := range ts {
		if werr = s.Write(tr); werr != nil {
			break
		}
	}
	if werr == nil || !strings.Contains(werr.Error(), "spilling to disk") {
		t.Fatalf("Write: %v, want a spill error", werr)
	}
	if _, err := s.FinishContext(context.Background()); err == nil || s.Err() == nil {
		t.Error("FinishContext after a failed spill: no error")
	}

	var nt bytes.Buffer
	w := ntriples.NewWriter(&nt)
	for _, tr := range ts {
		if err := w.Write(tr); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	dir := t.TempDir()
	v = New(DCATAPSE301(), WithMemory(4<<10), WithTempDir(dir))
	if _, err := v.Validate(context.Background(), ntriples.NewReader(bytes.NewReader(nt.Bytes()))); err != nil {
		t.Fatal(err)
	}
	s = v.NewSession()
	for _, tr := range ts {
		s.Add(tr)
	}
	for _, r := range s.sp.runs {
		if err := r.f.Truncate(7); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.FinishContext(context.Background()); err == nil || !strings.Contains(err.Error(), "spilled run") {
		t.Errorf("damaged run: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := v.Validate(ctx, ntriples.NewReader(bytes.NewReader(nt.Bytes()))); err == nil {
		t.Error("cancelled: no error")
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
