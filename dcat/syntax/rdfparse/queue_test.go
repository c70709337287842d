package rdfparse

import (
	"errors"
	"io"
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
