package rdftest

import (
	"testing"

	"github.com/knakk/rdf"
)

func TestIsomorphic(t *testing.T) {
	f := Fixture()
	if ok, why := Isomorphic(f, f); !ok {
		t.Fatalf("fixture not isomorphic to itself: %s", why)
	}
	// Rename blank nodes and reverse the order.
	ren := make([]rdf.Triple, len(f))
	rename := func(x rdf.Term) rdf.Term {
		if b, ok := x.(rdf.Blank); ok {
			nb, _ := rdf.NewBlank("z" + b.String())
			return nb
		}
		return x
	}
	for i, tr := range f {
		ren[len(f)-1-i] = rdf.Triple{Subj: rename(tr.Subj).(rdf.Subject), Pred: tr.Pred, Obj: rename(tr.Obj).(rdf.Object)}
	}
	if ok, why := Isomorphic(f, ren); !ok {
		t.Fatalf("renamed fixture not isomorphic: %s", why)
	}
	// Swap the two blank nodes' roles: must fail.
	b1, _ := rdf.NewBlank("kontakt")
	b2, _ := rdf.NewBlank("b-1.x")
	sw := make([]rdf.Triple, len(f))
	copy(sw, f)
	for i, tr := range sw {
		if tr.Obj == rdf.Object(b1) {
			sw[i].Obj = b2
		} else if tr.Obj == rdf.Object(b2) {
			sw[i].Obj = b1
		}
	}
	if ok, _ := Isomorphic(f, sw); ok {
		t.Fatal("swapped blank nodes reported isomorphic")
	}
	if ok, _ := Isomorphic(f, f[1:]); ok {
		t.Fatal("a graph missing a triple reported isomorphic")
	}
}

func TestEvalCases(t *testing.T) {
	shared := SharedDir(t)
	cases := EvalCases(t, shared)
	n := map[string]int{}
	for _, c := range cases {
		n[c.Suite]++
		if _, err := DecodeFile(c.Result, rdf.NTriples); err != nil {
			t.Errorf("%s/%s: knakk cannot read the expected result: %v", c.Suite, c.Name, err)
		}
	}
	t.Logf("eval cases: %v", n)
	if n["rdf-xml"] == 0 || n["rdf-turtle"] == 0 {
		t.Fatalf("too few eval cases: %v", n)
	}
}
