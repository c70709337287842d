package rdftest

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/knakk/rdf"
)

// Golden compares got with the file testdata/name.golden. With the
// environment variable KATALOG_UPDATE_GOLDEN=1 it writes the file instead.
func Golden(t testing.TB, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if os.Getenv("KATALOG_UPDATE_GOLDEN") == "1" {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with KATALOG_UPDATE_GOLDEN=1 to create it)", err)
	}
	if !bytes.Equal(got, want) {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		lo := max(0, i-80)
		t.Errorf("output differs from %s at byte %d:\ngot:  %q\nwant: %q", path, i,
			got[lo:min(len(got), i+80)], want[lo:min(len(want), i+80)])
	}
}

// IsRefusal reports whether err is a writer's refusal of a triple (an
// *rdfio.UnencodableError or *rdfio.InvalidTermError), not an I/O failure.
func IsRefusal(err error) bool {
	var ue *rdfio.UnencodableError
	var ie *rdfio.InvalidTermError
	return errors.As(err, &ue) || errors.As(err, &ie)
}

// WriteAll writes ts with a new writer onto a buffer and closes it. Refused
// triples are returned with their errors; other errors fail the test.
func WriteAll(t testing.TB, newWriter func(io.Writer) rdfio.Writer, ts []rdf.Triple) (out []byte, kept []rdf.Triple, refused []error) {
	t.Helper()
	var buf bytes.Buffer
	w := newWriter(&buf)
	for _, tr := range ts {
		if err := w.Write(tr); err != nil {
			if !IsRefusal(err) {
				t.Fatalf("Write(%s): %v", tr.Serialize(rdf.NTriples), err)
			}
			refused = append(refused, err)
			continue
		}
		kept = append(kept, tr)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	return buf.Bytes(), kept, refused
}

// RoundTripW3C writes the expected graph of every W3C RDF/XML and Turtle
// evaluation test with newWriter, parses the output back with parse
// (katalog's own reader of the syntax, where there is one) and checks that
// the graphs are isomorphic. Triples the writer refuses are
// logged as expected exceptions and left out of the comparison. It skips
// when ../shared is absent.
func RoundTripW3C(t *testing.T, newWriter func(io.Writer) rdfio.Writer, parse func(io.Reader) ([]rdf.Triple, error)) {
	shared := SharedDir(t)
	cases := EvalCases(t, shared)
	perSuite := map[string]int{}
	for _, c := range cases {
		perSuite[c.Suite]++
	}
	if perSuite["rdf-xml"] == 0 || perSuite["rdf-turtle"] == 0 {
		t.Fatalf("W3C eval tests found: %v; want both suites", perSuite)
	}
	passed, withRefusals := 0, 0
	for _, c := range cases {
		want, err := DecodeFile(c.Result, rdf.NTriples)
		if err != nil {
			t.Errorf("%s/%s: reading expected result: %v", c.Suite, c.Name, err)
			continue
		}
		out, kept, refused := WriteAll(t, newWriter, want)
		for _, e := range refused {
			t.Logf("expected exception: %s/%s: %v", c.Suite, c.Name, e)
		}
		if len(refused) > 0 {
			withRefusals++
		}
		got, err := parse(bytes.NewReader(out))
		if err != nil {
			t.Errorf("%s/%s: parsing the output back: %v\n%s", c.Suite, c.Name, err, out)
			continue
		}
		if ok, why := Isomorphic(kept, got); !ok {
			t.Errorf("%s/%s: round trip changed the graph:\n%s\noutput:\n%s", c.Suite, c.Name, why, out)
			continue
		}
		passed++
	}
	t.Logf("W3C eval tests round-tripped: %d of %d (%d with refused triples)", passed, len(cases), withRefusals)
}

// FuzzTriples builds triples from fuzz input: the text as a plain, a
// language-tagged and a typed literal, the IRI as object, datatype,
// predicate and subject, and the text as a blank node label. Terms knakk
// refuses to build are left out.
func FuzzTriples(text, lang, iriStr string) []rdf.Triple {
	s, _ := rdf.NewIRI("https://example.se/s")
	p, _ := rdf.NewIRI("http://purl.org/dc/terms/title")
	ts := []rdf.Triple{{Subj: s, Pred: p, Obj: rdf.NewTypedLiteral(text, rdf.IRI{})}}
	// knakk's NewLangLiteral panics on an empty tag.
	if lang != "" {
		if l, err := rdf.NewLangLiteral(text, lang); err == nil {
			ts = append(ts, rdf.Triple{Subj: s, Pred: p, Obj: l})
		}
	}
	if i, err := rdf.NewIRI(iriStr); err == nil {
		ts = append(ts,
			rdf.Triple{Subj: s, Pred: p, Obj: i},
			rdf.Triple{Subj: s, Pred: p, Obj: rdf.NewTypedLiteral(text, i)},
			rdf.Triple{Subj: s, Pred: i, Obj: s},
			rdf.Triple{Subj: i, Pred: p, Obj: s},
		)
	}
	if b, err := rdf.NewBlank(text); err == nil {
		ts = append(ts, rdf.Triple{Subj: b, Pred: p, Obj: b})
	}
	return ts
}

// CheckEach writes each triple alone and asserts that the writer either
// refuses it with a refusal error or writes output that parse reads back as
// the same graph.
func CheckEach(t *testing.T, newWriter func(io.Writer) rdfio.Writer, parse func(io.Reader) ([]rdf.Triple, error), ts []rdf.Triple) {
	t.Helper()
	CheckEachAs(t, newWriter, parse, ts, nil)
}

// CheckEachAs is CheckEach for a syntax whose readers change some terms by
// rule: expect maps each written triple to the one parse must read back
// (nil: the same triple).
func CheckEachAs(t *testing.T, newWriter func(io.Writer) rdfio.Writer, parse func(io.Reader) ([]rdf.Triple, error), ts []rdf.Triple, expect func(rdf.Triple) rdf.Triple) {
	t.Helper()
	for _, tr := range ts {
		out, kept, _ := WriteAll(t, newWriter, []rdf.Triple{tr})
		if len(kept) == 0 {
			continue
		}
		if expect != nil {
			for i := range kept {
				kept[i] = expect(kept[i])
			}
		}
		got, err := parse(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("written %s, output does not parse: %v\n%q", tr.Serialize(rdf.NTriples), err, out)
		}
		if ok, why := Isomorphic(kept, got); !ok {
			t.Fatalf("written %s, read back a different graph: %s\n%q", tr.Serialize(rdf.NTriples), why, out)
		}
	}
}

// InvalidTriples returns triples every writer must refuse, with what is
// wrong with each.
func InvalidTriples() map[string]rdf.Triple {
	iri := func(s string) rdf.IRI { i, _ := rdf.NewIRI(s); return i }
	s, p := iri("https://example.se/s"), iri("http://purl.org/dc/terms/title")
	lang := func(v, l string) rdf.Literal { x, _ := rdf.NewLangLiteral(v, l); return x }
	return map[string]rdf.Triple{
		"relative subject":       {Subj: iri("dataset/1"), Pred: p, Obj: s},
		"relative object":        {Subj: s, Pred: p, Obj: iri("../x")},
		"relative predicate":     {Subj: s, Pred: iri("title"), Obj: s},
		"bad percent":            {Subj: s, Pred: p, Obj: iri("https://example.se/%zz")},
		"bad datatype":           {Subj: s, Pred: p, Obj: rdf.NewTypedLiteral("x", iri("date"))},
		"bad language tag":       {Subj: s, Pred: p, Obj: lang("x", "abcdefghi")},
		"invalid UTF-8 literal":  {Subj: s, Pred: p, Obj: rdf.NewTypedLiteral("a\xffb", rdf.IRI{})},
		"invalid UTF-8 IRI":      {Subj: s, Pred: p, Obj: iri("https://example.se/\xff")},
		"empty blank":            {Subj: rdf.Blank{}, Pred: p, Obj: s},
		"nil object":             {Subj: s, Pred: p},
		"langString without tag": {Subj: s, Pred: p, Obj: rdf.NewTypedLiteral("x", iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"))},
	}
}

// CheckRefusals asserts that the writer refuses every InvalidTriples
// triple with a refusal error naming the offending value, writes nothing of
// it, and stays usable.
func CheckRefusals(t *testing.T, newWriter func(io.Writer) rdfio.Writer) {
	t.Helper()
	good := Fixture()[:3]
	var ref bytes.Buffer
	w := newWriter(&ref)
	for _, tr := range good {
		if err := w.Write(tr); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for name, bad := range InvalidTriples() {
		var buf bytes.Buffer
		w := newWriter(&buf)
		for i, tr := range good {
			if i == 1 {
				err := w.Write(bad)
				if !IsRefusal(err) {
					t.Errorf("%s: Write = %v, want a refusal", name, err)
				} else {
					t.Logf("%s: %v", name, err)
				}
			}
			if err := w.Write(tr); err != nil {
				t.Fatalf("%s: after refusal: %v", name, err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), ref.Bytes()) {
			t.Errorf("%s: output differs from the output without the refused triple:\n%s", name, buf.Bytes())
		}
	}
}

// GoldenRoundTrip writes the Fixture with newWriter, compares the bytes with
// testdata/golden (see Golden) and checks that parse reads back the graph
// that was kept.
func GoldenRoundTrip(t *testing.T, newWriter func(io.Writer) rdfio.Writer, parse func(io.Reader) ([]rdf.Triple, error), golden string) {
	t.Helper()
	out, kept, refused := WriteAll(t, newWriter, Fixture())
	if len(refused) > 0 {
		t.Fatalf("refused: %v", refused)
	}
	Golden(t, golden, out)
	got, err := parse(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if ok, why := Isomorphic(kept, got); !ok {
		t.Fatal(why)
	}
}

// BenchWriter writes a 3,000-dataset Catalog to io.Discard b.N times and
// reports triples per second.
func BenchWriter(b *testing.B, newWriter func(io.Writer) rdfio.Writer) {
	ts := Catalog(3000)
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		w := newWriter(io.Discard)
		for _, t := range ts {
			if err := w.Write(t); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
		n += len(ts)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "triples/s")
}
