package canon_test

import (
	"bytes"
	"hash/fnv"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/ntriples"
	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
	"github.com/katalog-se/katalog/internal/rdftest"
)

// FuzzCanonical reads the input as N-Triples and checks the form: it reads
// back as the same graph; and, where the blank nodes form trees (the
// documented scope of the guarantee), it is the form of any reordering and
// relabelling of the input, and its own form.
func FuzzCanonical(f *testing.F) {
	rdftest.AddSeeds(f, catalogDoc, cycles,
		"_:a <http://e/p> _:b .\n_:b <http://e/p> _:a .\n",
		"<http://e/s> <http://e/p> \"x\"@sv .\n<http://e/s> <http://e/p> \"x\"@SV .\n",
		"_:a <http://e/p> \"1\" .\n_:b <http://e/p> \"1\" .\n_:a <http://e/q> _:c .\n_:b <http://e/q> _:d .\n",
		"",
	)
	f.Fuzz(func(t *testing.T, data []byte) {
		ts, err := rdftest.ReadAll(ntriples.NewReader(bytes.NewReader(data), rdfparse.MaxTriples(64)))
		if err != nil {
			return
		}
		c := form(t, ts)
		back, err := rdftest.ReadAll(ntriples.NewReader(bytes.NewReader(c.Bytes())))
		if err != nil {
			t.Fatalf("the form does not read back: %v\n%s", err, c.Bytes())
		}
		if ok, why := rdftest.Isomorphic(ts, back); !ok {
			t.Fatalf("the form is another graph: %s\n%s", why, c.Bytes())
		}
		if !blankForest(ts) {
			return
		}
		h := fnv.New64a()
		h.Write(data)
		if got := form(t, shuffled(t, ts, h.Sum64())); got.Hash() != c.Hash() {
			t.Fatalf("reordered and relabelled, another form:\n%s\nwant\n%s", got.Bytes(), c.Bytes())
		}
		if again := form(t, back); !bytes.Equal(again.Bytes(), c.Bytes()) {
			t.Fatalf("the form of the form differs:\n%s\nfrom\n%s", again.Bytes(), c.Bytes())
		}
	})
}

// blankForest reports whether the blank nodes of ts, joined by the triples
// between two of them, form trees: no loop, no cycle, at most one triple
// between two nodes.
func blankForest(ts []rdf.Triple) bool {
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		p, ok := parent[x]
		if !ok || p == x {
			parent[x] = x
			return x
		}
		r := find(p)
		parent[x] = r
		return r
	}
	seen := map[rdf.Triple]bool{}
	for _, t := range ts {
		s, sok := t.Subj.(rdf.Blank)
		o, ook := t.Obj.(rdf.Blank)
		if !sok || !ook || seen[t] {
			continue
		}
		seen[t] = true
		a, b := find(s.String()), find(o.String())
		if a == b {
			return false
		}
		parent[a] = b
	}
	return true
}
