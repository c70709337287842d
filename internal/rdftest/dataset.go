package rdftest

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/knakk/rdf"
)

// DatasetFixture returns a small RDF dataset, in writing order: the
// Fixture graph spread over the default graph, two IRI-named graphs (one
// visited twice, with default-graph triples between) and a graph named by
// a blank node that is also the subject of triples in the default graph
// and appears inside another graph, as a change feed's TriG has them.
func DatasetFixture() []rdf.Quad {
	iri := func(s string) rdf.IRI {
		i, err := rdf.NewIRI(s)
		if err != nil {
			panic(err)
		}
		return i
	}
	g1 := iri(base + "graph/datasets/1")
	g2 := iri(base + "graph/ändrad?v=2#x")
	gb, _ := rdf.NewBlank("graf-1")
	f := Fixture()
	var out []rdf.Quad
	add := func(g rdf.Context, ts ...rdf.Triple) {
		for _, t := range ts {
			out = append(out, rdf.Quad{Triple: t, Ctx: g})
		}
	}
	add(nil, f[:8]...)
	add(g1, f[8:20]...)
	add(nil, f[20:22]...)
	add(g1, f[22:24]...)
	add(g2, f[24:32]...)
	add(gb, f[32:38]...)
	gen := iri(nsDCT + "source")
	add(nil, rdf.Triple{Subj: gb, Pred: gen, Obj: g1})
	add(g2, rdf.Triple{Subj: g1, Pred: gen, Obj: gb})
	add(nil, f[38:]...)
	return out
}

// WriteAllQuads writes qs with a new writer onto a buffer and closes it.
// Refused quads are returned with their errors; other errors fail the
// test.
func WriteAllQuads(t testing.TB, newWriter func(io.Writer) rdfio.QuadWriter, qs []rdf.Quad) (out []byte, kept []rdf.Quad, refused []error) {
	t.Helper()
	var buf bytes.Buffer
	w := newWriter(&buf)
	for _, q := range qs {
		if err := w.WriteQuad(q); err != nil {
			if !IsRefusal(err) {
				t.Fatalf("WriteQuad(%s): %v", q.Serialize(rdf.NQuads), err)
			}
			refused = append(refused, err)
			continue
		}
		kept = append(kept, q)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	return buf.Bytes(), kept, refused
}

// GoldenRoundTripQuads writes the DatasetFixture with newWriter, compares
// the bytes with testdata/golden (see Golden) and checks that parse reads
// back the same dataset.
func GoldenRoundTripQuads(t *testing.T, newWriter func(io.Writer) rdfio.QuadWriter, parse func(io.Reader) ([]rdf.Quad, error), golden string) {
	t.Helper()
	out, kept, refused := WriteAllQuads(t, newWriter, DatasetFixture())
	if len(refused) > 0 {
		t.Fatalf("refused: %v", refused)
	}
	Golden(t, golden, out)
	got, err := parse(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if ok, why := IsomorphicDatasets(kept, got); !ok {
		t.Fatal(why)
	}
}

// CheckQuadRefusals asserts that the writer refuses quads whose graph name
// is not an absolute IRI or a blank node (and, through Write, everything
// CheckRefusals checks), writing nothing of them and staying usable.
func CheckQuadRefusals(t *testing.T, newWriter func(io.Writer) rdfio.QuadWriter) {
	t.Helper()
	good := DatasetFixture()[:3]
	s, _ := rdf.NewIRI("https://example.se/s")
	rel, _ := rdf.NewIRI("graf/1")
	bad := map[string]rdf.Quad{
		"relative graph name": {Triple: rdf.Triple{Subj: s, Pred: s, Obj: s}, Ctx: rel},
		"empty blank graph":   {Triple: rdf.Triple{Subj: s, Pred: s, Obj: s}, Ctx: rdf.Blank{}},
	}
	for name, tr := range InvalidTriples() {
		bad[name] = rdf.Quad{Triple: tr, Ctx: s}
	}
	ref, _, _ := WriteAllQuads(t, newWriter, good)
	for name, q := range bad {
		var buf bytes.Buffer
		w := newWriter(&buf)
		for i, x := range good {
			if i == 1 {
				if err := w.WriteQuad(q); !IsRefusal(err) {
					t.Errorf("%s: WriteQuad = %v, want a refusal", name, err)
				}
			}
			if err := w.WriteQuad(x); err != nil {
				t.Fatalf("%s: after refusal: %v", name, err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), ref) {
			t.Errorf("%s: output differs from the output without the refused quad:\n%s", name, buf.Bytes())
		}
	}
}

// CheckEachQuad writes each quad alone and asserts that the writer either
// refuses it with a refusal error or writes output that parse reads back
// as the same dataset.
func CheckEachQuad(t *testing.T, newWriter func(io.Writer) rdfio.QuadWriter, parse func(io.Reader) ([]rdf.Quad, error), qs []rdf.Quad) {
	t.Helper()
	for _, q := range qs {
		out, kept, _ := WriteAllQuads(t, newWriter, []rdf.Quad{q})
		if len(kept) == 0 {
			continue
		}
		got, err := parse(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("written %s, output does not parse: %v\n%q", q.Serialize(rdf.NQuads), err, out)
		}
		if ok, why := IsomorphicDatasets(kept, got); !ok {
			t.Fatalf("written %s, read back a different dataset: %s\n%q", q.Serialize(rdf.NQuads), why, out)
		}
	}
}

// FuzzQuads builds quads from fuzz input: FuzzTriples in the default
// graph, in a graph named by the IRI and in one named by the text as a
// blank node label.
func FuzzQuads(text, lang, iriStr string) []rdf.Quad {
	ts := FuzzTriples(text, lang, iriStr)
	var out []rdf.Quad
	for _, t := range ts {
		out = append(out, rdf.Quad{Triple: t})
		if i, err := rdf.NewIRI(iriStr); err == nil {
			out = append(out, rdf.Quad{Triple: t, Ctx: i})
		}
		if b, err := rdf.NewBlank(text); err == nil {
			out = append(out, rdf.Quad{Triple: t, Ctx: b})
		}
	}
	return out
}

// JenaDatasetFixture writes DatasetFixture with newWriter to a file, has
// Jena parse it (syntax trig or nquads) and checks that the dataset is
// the same.
func JenaDatasetFixture(t *testing.T, newWriter func(w io.Writer) rdfio.QuadWriter, syntax, ext string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "fixture."+ext)
	out, kept, refused := WriteAllQuads(t, newWriter, DatasetFixture())
	if len(refused) > 0 {
		t.Fatalf("refused: %v", refused)
	}
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	got := JenaQuads(t, path, syntax, "", true)
	if ok, why := IsomorphicDatasets(kept, got); !ok {
		t.Fatalf("Jena reads a different dataset: %s", why)
	}
}

// QuadsOf returns ts as quads of the default graph.
func QuadsOf(ts []rdf.Triple) []rdf.Quad {
	qs := make([]rdf.Quad, len(ts))
	for i, t := range ts {
		qs[i] = rdf.Quad{Triple: t}
	}
	return qs
}

// W3CDatasets returns the expected results of the W3C TriG evaluation
// tests (the .nq files of shared/data/w3c-rdf-tests/rdf-trig), by file
// name, read with katalog's N-Quads reader. It skips without ../shared.
func W3CDatasets(t testing.TB) map[string][]rdf.Quad {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(SharedDir(t), "data", "w3c-rdf-tests", "rdf-trig", "*.nq"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no TriG eval results: %v", err)
	}
	out := make(map[string][]rdf.Quad, len(files))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		qs, err := readNQuads(b)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[filepath.Base(f)] = qs
	}
	return out
}

// RoundTripW3CDatasets writes every W3C TriG evaluation test's expected
// dataset with newWriter, reads the output back with parse and checks
// that the datasets are isomorphic. Quads the writer refuses are logged
// and left out. It skips without ../shared.
func RoundTripW3CDatasets(t *testing.T, newWriter func(io.Writer) rdfio.QuadWriter, parse func(io.Reader) ([]rdf.Quad, error)) {
	t.Helper()
	sets := W3CDatasets(t)
	passed := 0
	for name, want := range sets {
		out, kept, refused := WriteAllQuads(t, newWriter, want)
		for _, e := range refused {
			t.Logf("refused in %s: %v", name, e)
		}
		got, err := parse(bytes.NewReader(out))
		if err != nil {
			t.Errorf("%s: parsing the output back: %v\n%s", name, err, out)
			continue
		}
		if ok, why := IsomorphicDatasets(kept, got); !ok {
			t.Errorf("%s: round trip changed the dataset:\n%s\noutput:\n%s", name, why, out)
			continue
		}
		passed++
	}
	t.Logf("W3C TriG eval datasets round-tripped: %d of %d", passed, len(sets))
}

// JenaW3CDatasets writes the expected datasets of all W3C TriG evaluation
// tests as one document (blank nodes kept apart per test), has Jena read
// it (syntax trig or nquads) and checks that the dataset is the same,
// less the quads the writer refuses.
func JenaW3CDatasets(t *testing.T, newWriter func(io.Writer) rdfio.QuadWriter, syntax, ext string) {
	t.Helper()
	sets := W3CDatasets(t)
	names := make([]string, 0, len(sets))
	for n := range sets {
		names = append(names, n)
	}
	sort.Strings(names)
	var all []rdf.Quad
	for i, n := range names {
		ren := blanksApart(i)
		for _, q := range sets[n] {
			r := rdf.Quad{Triple: rdf.Triple{Subj: ren(q.Subj).(rdf.Subject), Pred: q.Pred, Obj: ren(q.Obj).(rdf.Object)}}
			if q.Ctx != nil {
				r.Ctx = ren(q.Ctx).(rdf.Context)
			}
			all = append(all, r)
		}
	}
	out, kept, refused := WriteAllQuads(t, newWriter, all)
	path := filepath.Join(t.TempDir(), "w3c."+ext)
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	got := JenaQuads(t, path, syntax, "", false)
	if ok, why := IsomorphicDatasets(kept, got); !ok {
		t.Fatalf("Jena reads a different dataset: %s", why)
	}
	t.Logf("Jena read back all %d written quads of the W3C TriG eval tests (%d refused)", len(kept), len(refused))
}
