package canon_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/canon"
	"github.com/katalog-se/katalog/dcat/syntax/ntriples"
	"github.com/katalog-se/katalog/internal/rdftest"
)

// catalogDoc is a small catalog with the blank-node shapes DCAT feeds have:
// a contact point, a period, two distributions that differ only in a
// nested blank node (a checksum), two identical sibling blank nodes, a
// blank node shared by two datasets, and a language tag in upper case.
const catalogDoc = `<https://d.se/cat> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Catalog> .
<https://d.se/cat> <http://www.w3.org/ns/dcat#dataset> <https://d.se/ds/1> .
<https://d.se/cat> <http://www.w3.org/ns/dcat#dataset> <https://d.se/ds/2> .
<https://d.se/ds/1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset> .
<https://d.se/ds/1> <http://purl.org/dc/terms/title> "Befolkning \"2024\"\n"@SV .
<https://d.se/ds/1> <http://www.w3.org/ns/dcat#contactPoint> _:kontakt .
_:kontakt <http://www.w3.org/2006/vcard/ns#hasEmail> <mailto:info@d.se> .
<https://d.se/ds/1> <http://purl.org/dc/terms/temporal> _:period .
_:period <http://www.w3.org/ns/dcat#startDate> "2020-01-01"^^<http://www.w3.org/2001/XMLSchema#date> .
<https://d.se/ds/1> <http://www.w3.org/ns/dcat#distribution> _:d1 .
<https://d.se/ds/1> <http://www.w3.org/ns/dcat#distribution> _:d2 .
_:d1 <http://www.w3.org/ns/dcat#accessURL> <https://d.se/files> .
_:d2 <http://www.w3.org/ns/dcat#accessURL> <https://d.se/files> .
_:d1 <http://spdx.org/rdf/terms#checksum> _:c1 .
_:d2 <http://spdx.org/rdf/terms#checksum> _:c2 .
_:c1 <http://spdx.org/rdf/terms#checksumValue> "abc" .
_:c2 <http://spdx.org/rdf/terms#checksumValue> "def" .
<https://d.se/ds/2> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset> .
<https://d.se/ds/2> <http://www.w3.org/ns/dcat#contactPoint> _:kontakt .
<https://d.se/ds/2> <http://www.w3.org/ns/dcat#keyword> _:same1 .
<https://d.se/ds/2> <http://www.w3.org/ns/dcat#keyword> _:same2 .
_:same1 <http://www.w3.org/2000/01/rdf-schema#label> "lika" .
_:same2 <http://www.w3.org/2000/01/rdf-schema#label> "lika" .
<https://d.se/ds/2> <http://purl.org/dc/terms/description> "text"^^<http://www.w3.org/2001/XMLSchema#string> .
<https://d.se/ds/2> <http://purl.org/dc/terms/description> "text" .
`

func parse(t testing.TB, doc string) []rdf.Triple {
	t.Helper()
	ts, err := rdftest.ReadAll(ntriples.NewReader(strings.NewReader(doc)))
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

func form(t testing.TB, ts []rdf.Triple) *canon.Canonical {
	t.Helper()
	var g canon.Graph
	for _, x := range ts {
		if err := g.Add(x); err != nil {
			t.Fatal(err)
		}
	}
	return g.Canonical()
}

// shuffled returns ts in another order with every blank node renamed.
func shuffled(t testing.TB, ts []rdf.Triple, seed uint64) []rdf.Triple {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	names := map[string]rdf.Blank{}
	rename := func(x rdf.Term) rdf.Term {
		b, ok := x.(rdf.Blank)
		if !ok {
			return x
		}
		n, ok := names[b.String()]
		if !ok {
			var err error
			n, err = rdf.NewBlank(fmt.Sprintf("x%d", r.IntN(1<<30)))
			if err != nil {
				t.Fatal(err)
			}
			names[b.String()] = n
		}
		return n
	}
	out := make([]rdf.Triple, len(ts))
	for i, x := range ts {
		out[i] = rdf.Triple{Subj: rename(x.Subj).(rdf.Subject), Pred: x.Pred, Obj: rename(x.Obj).(rdf.Object)}
	}
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// twins has identical blank subtrees: two distributions, each with an
// identical checksum node, under one dataset and under two.
const twins = `<http://e/ds> <http://e/dist> _:d1 .
<http://e/ds> <http://e/dist> _:d2 .
_:d1 <http://e/checksum> _:c1 .
_:d2 <http://e/checksum> _:c2 .
_:c1 <http://e/value> "abc" .
_:c2 <http://e/value> "abc" .
_:e1 <http://e/checksum> _:f1 .
_:e2 <http://e/checksum> _:f2 .
_:f1 <http://e/value> "abc" .
_:f2 <http://e/value> "abc" .
`

func TestSameGraphSameHash(t *testing.T) {
	for _, doc := range []string{catalogDoc, twins, rdftestFixture(t)} {
		ts := parse(t, doc)
		want := form(t, ts)
		for seed := range uint64(50) {
			got := form(t, shuffled(t, ts, seed))
			if got.Hash() != want.Hash() {
				t.Fatalf("seed %d: hash %s, want %s\n%s\nwant\n%s", seed, got.Hash(), want.Hash(), got.Bytes(), want.Bytes())
			}
		}
	}
	want := form(t, parse(t, catalogDoc))
	// 25 triples, 24 lines: xsd:string and the plain literal are one term.
	if n := want.Triples(); n != 24 {
		t.Errorf("%d triples in the form, want 24:\n%s", n, want.Bytes())
	}
}

func TestChangedGraphOtherHash(t *testing.T) {
	base := form(t, parse(t, catalogDoc)).Hash()
	for name, edit := range map[string][2]string{
		"a literal":            {`"abc"`, `"abd"`},
		"a language tag":       {`@SV`, `@sv`},
		"a datatype":           {`#date>`, `#dateTime>`},
		"a nested blank node":  {`_:c2 <http://spdx.org/rdf/terms#checksumValue> "def"`, `_:c2 <http://spdx.org/rdf/terms#checksumValue> "abc"`},
		"which node is shared": {`<https://d.se/ds/2> <http://www.w3.org/ns/dcat#contactPoint> _:kontakt`, `<https://d.se/ds/2> <http://www.w3.org/ns/dcat#contactPoint> _:period`},
	} {
		doc := strings.Replace(catalogDoc, edit[0], edit[1], 1)
		if doc == catalogDoc {
			t.Fatalf("%s: the edit changed nothing", name)
		}
		if form(t, parse(t, doc)).Hash() == base {
			t.Errorf("changing %s kept the hash", name)
		}
	}
}

// TestFormRoundTrips: the form reads back as the same graph, and is its own
// canonical form.
func TestFormRoundTrips(t *testing.T) {
	for name, doc := range map[string]string{
		"catalog": catalogDoc,
		"fixture": ntriplesOf(t, rdftest.Fixture()),
		"cycles":  cycles,
	} {
		t.Run(name, func(t *testing.T) {
			ts := parse(t, doc)
			c := form(t, ts)
			back := parse(t, string(c.Bytes()))
			if ok, why := rdftest.Isomorphic(ts, back); !ok {
				t.Fatalf("the form is another graph: %s\n%s", why, c.Bytes())
			}
			if again := form(t, back); !bytes.Equal(again.Bytes(), c.Bytes()) {
				t.Errorf("the form of the form differs:\n%s\nfrom\n%s", again.Bytes(), c.Bytes())
			}
			lines := strings.SplitAfter(string(c.Bytes()), "\n")
			for i := 1; i < len(lines)-1; i++ {
				if lines[i-1] >= lines[i] {
					t.Fatalf("lines not sorted and unique at %d: %q, %q", i, lines[i-1], lines[i])
				}
			}
		})
	}
}

// cycles has blank nodes in cycles: a triangle and a pair pointing at each
// other, plus a loop.
const cycles = `_:a <http://e/next> _:b .
_:b <http://e/next> _:c .
_:c <http://e/next> _:a .
_:x <http://e/next> _:y .
_:y <http://e/next> _:x .
_:l <http://e/self> _:l .
<http://e/s> <http://e/p> _:a .
`

func rdftestFixture(t *testing.T) string { return ntriplesOf(t, rdftest.Fixture()) }

func ntriplesOf(t *testing.T, ts []rdf.Triple) string {
	t.Helper()
	var buf bytes.Buffer
	w := ntriples.NewWriter(&buf)
	for _, x := range ts {
		if err := w.Write(x); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestIdenticalBlankNodesStayApart: two blank nodes with the same triples
// are two nodes; none of their triples is lost.
func TestIdenticalBlankNodesStayApart(t *testing.T) {
	c := form(t, parse(t, `<http://e/s> <http://e/p> _:a .
<http://e/s> <http://e/p> _:b .
_:a <http://e/q> "x" .
_:b <http://e/q> "x" .
_:solo1 <http://e/q> "y" .
_:solo2 <http://e/q> "y" .
`))
	labels := map[string]bool{}
	for _, f := range strings.Fields(string(c.Bytes())) {
		if strings.HasPrefix(f, "_:") {
			labels[f] = true
		}
	}
	if c.Triples() != 6 || len(labels) != 4 {
		t.Errorf("form of 6 triples and 4 blank nodes:\n%s", c.Bytes())
	}
}

func TestTermsAsNTriples(t *testing.T) {
	iri := func(s string) rdf.IRI { return rdftestIRI(t, s) }
	var g canon.Graph
	lit, _ := rdf.NewLangLiteral("rad 1\nrad \"2\"\t\\", "sv-SE")
	add := []rdf.Triple{
		{Subj: iri("http://e/s"), Pred: iri("http://e/p"), Obj: lit},
		{Subj: iri("http://e/s"), Pred: iri("http://e/p"), Obj: rdf.NewTypedLiteral("\xff", iri("http://www.w3.org/2001/XMLSchema#string"))},
		{Subj: iri("http://e/s"), Pred: iri("http://e/p"), Obj: rdf.NewTypedLiteral("1", iri("http://www.w3.org/2001/XMLSchema#integer"))},
	}
	for _, x := range add {
		if err := g.Add(x); err != nil {
			t.Fatal(err)
		}
	}
	if err := g.Add(rdf.Triple{Subj: iri("http://e/s"), Pred: iri("http://e/p")}); err == nil {
		t.Error("a triple without an object was added")
	}
	want := `<http://e/s> <http://e/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .
<http://e/s> <http://e/p> "rad 1\nrad \"2\"\t\\"@sv-SE .
<http://e/s> <http://e/p> "` + "\uFFFD" + `" .
`
	if got := string(g.Canonical().Bytes()); got != want {
		t.Errorf("form:\n%s\nwant\n%s", got, want)
	}
	if g.Len() != 3 {
		t.Errorf("Len = %d", g.Len())
	}
}

func rdftestIRI(t *testing.T, s string) rdf.IRI {
	t.Helper()
	i, err := rdf.NewIRI(s)
	if err != nil {
		t.Fatal(err)
	}
	return i
}

func TestEmptyGraph(t *testing.T) {
	var g canon.Graph
	c := g.Canonical()
	// The SHA-256 of nothing.
	if c.Triples() != 0 || c.Hash() != "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" {
		t.Errorf("empty graph: %d triples, hash %s", c.Triples(), c.Hash())
	}
}

func BenchmarkCanonical(b *testing.B) {
	ts := rdftest.Catalog(500)
	b.ReportAllocs()
	for b.Loop() {
		var g canon.Graph
		for _, x := range ts {
			g.Add(x)
		}
		g.Canonical().Hash()
	}
}
