package rdfparse

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/knakk/rdf"
)

// TestQueue checks that Next refills through fill, stops at MaxTriples
// with a *LimitError at pos, and keeps returning the error that ended it.
func TestQueue(t *testing.T) {
	s, _ := rdf.NewIRI("http://e/s")
	q := NewQueue(Apply([]Option{MaxTriples(3)}))
	fills := 0
	fill := func() error {
		fills++
		if fills > 2 {
			return io.EOF
		}
		q.Push(s, s, s)
		q.Push(s, s, s)
		return q.Check(7, 8)
	}
	pos := func() (int, int) { return 4, 5 }
	for i := 0; i < 3; i++ {
		if _, err := q.Next(fill, pos); err != nil {
			t.Fatalf("triple %d: %v", i+1, err)
		}
	}
	if q.Last() != (rdf.Triple{Subj: s, Pred: s, Obj: s}) {
		t.Errorf("Last: %v", q.Last())
	}
	var le *LimitError
	_, err := q.Next(fill, pos)
	if !errors.As(err, &le) || le.Limit != "MaxTriples" || le.Max != 3 || le.Line != 4 || le.Column != 5 {
		t.Fatalf("after 3 triples: %v", err)
	}
	if _, again := q.Next(fill, pos); again != err {
		t.Errorf("error not sticky: %v", again)
	}

	q = NewQueue(Apply([]Option{MaxTriples(1)}))
	q.Push(s, s, s)
	if err := q.Check(1, 1); err != nil {
		t.Errorf("1 queued of 1: %v", err)
	}
	q.Push(s, s, s)
	if err := q.Check(2, 3); !errors.As(err, &le) || le.Line != 2 || le.Column != 3 {
		t.Errorf("2 queued of 1: %v", err)
	}
	if !(Limits{}).Allows(1 << 40) {
		t.Error("zero Limits should allow any count")
	}
}

// TestOpen checks that Open applies MaxBytes to the Input it returns.
func TestOpen(t *testing.T) {
	in, lim := Open(strings.NewReader("abcdef"), []Option{MaxBytes(3), MaxTriples(9)})
	if lim.MaxBytes != 3 || lim.MaxTriples != 9 {
		t.Errorf("limits %+v", lim)
	}
	b, err := io.ReadAll(in)
	var le *LimitError
	if string(b) != "abc" || !errors.As(err, &le) || le.Limit != "MaxBytes" {
		t.Errorf("read %q, %v", b, err)
	}
}

// TestNextQuads checks that NextQuads returns the quads and errors, in
// the same order and at the same positions, that NextQuad returns, for
// every batch size, with and without MaxTriples.
func TestNextQuads(t *testing.T) {
	type result struct {
		quads []rdf.Quad
		err   string
	}
	run := func(max int64, batch int, failAt, mult int) result {
		q := NewQueue(Apply([]Option{MaxTriples(max)}))
		fills, line := 0, 0
		fill := func() error {
			fills++
			line++
			if fills == failAt {
				return errors.New("syntax error")
			}
			if fills > 6 {
				return io.EOF
			}
			for i := 0; i < fills%4*mult; i++ {
				o, _ := rdf.NewIRI("http://e/" + strings.Repeat("x", fills) + strconv.Itoa(i))
				q.Push(o, o, o)
			}
			return nil
		}
		pos := func() (int, int) { return line, 1 }
		var r result
		for k := 0; k < 1000; k++ {
			if batch == 0 {
				x, err := q.NextQuad(fill, pos)
				if err != nil {
					r.err = err.Error()
					return r
				}
				r.quads = append(r.quads, x)
				continue
			}
			dst := make([]rdf.Quad, batch)
			n, err := q.NextQuads(dst, fill, pos)
			if (n == 0) == (err == nil) {
				t.Fatalf("NextQuads: %d quads and error %v", n, err)
			}
			if err != nil {
				r.err = err.Error()
				return r
			}
			r.quads = append(r.quads, dst[:n]...)
		}
		t.Fatal("no end")
		return r
	}
	for _, mult := range []int{1, 30} { // 30: a fill outgrows a batch of 65
		for _, max := range []int64{0, 1, 2, 5, 8, 100} {
			for _, failAt := range []int{0, 3, 5} {
				want := run(max, 0, failAt, mult)
				for _, batch := range []int{1, 2, 3, 64, 65, 100} {
					got := run(max, batch, failAt, mult)
					if got.err != want.err || len(got.quads) != len(want.quads) {
						t.Fatalf("max %d, fail at %d, batch %d: %d quads, %q; one by one: %d, %q", max, failAt, batch, len(got.quads), got.err, len(want.quads), want.err)
					}
					for i := range got.quads {
						if got.quads[i] != want.quads[i] {
							t.Fatalf("max %d, batch %d: quad %d differs", max, batch, i)
						}
					}
				}
			}
		}
	}
}
