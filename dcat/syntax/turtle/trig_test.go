package turtle_test

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/syntax/turtle"
	"github.com/katalog-se/katalog/internal/rdftest"
	"github.com/knakk/rdf"
)

var (
	// newTriGReader is turtle.NewTriGReader as an
	// rdftest.NewQuadReaderFunc; readTriG reads a whole TriG document.
	newTriGReader = rdftest.AdaptQuads(turtle.NewTriGReader)
	readTriG      = rdftest.ParseQuads(newTriGReader)
)

func TestW3CTriG(t *testing.T) { rdftest.RunW3CDatasets(t, "rdf-trig", readTriG, nil) }

const seedTriG = `@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
PREFIX ex: <https://example.se/>
@base <https://example.se/katalog/> .
<catalog> a dcat:Catalog .
GRAPH <ds/1> {
  <ds/1> a dcat:Dataset ;
      dct:title "Titel"@sv ;
      dcat:contactPoint [ ex:email <mailto:info@example.se> ] .
  <ds/1> dct:modified "2024-01-01" }
_:g { _:g ex:about <ds/1> ; ex:list ( 1 2 ) }
{ <catalog> dcat:dataset <ds/1> . }
graph [] { [ ex:p ex:o ] }
ex:g2 {}
<catalog> dct:title "Katalog" .
`

// TestTriGReader checks graph names, blank graph names shared with the
// document, the default graph in and out of braces, and Read's view.
func TestTriGReader(t *testing.T) {
	qs, err := readTriG(strings.NewReader(seedTriG), "")
	if err != nil {
		t.Fatal(err)
	}
	graphs := map[string]int{}
	for _, q := range qs {
		k := "default"
		if q.Ctx != nil {
			k = q.Ctx.Serialize(rdf.NTriples)
			if _, ok := q.Ctx.(rdf.Blank); ok {
				k = "blank"
			}
		}
		graphs[k]++
	}
	if len(qs) != 15 || graphs["default"] != 3 || graphs["<https://example.se/katalog/ds/1>"] != 5 || graphs["blank"] != 7 {
		t.Fatalf("%d quads by graph: %v", len(qs), graphs)
	}
	for _, q := range qs {
		if q.Pred.String() == "https://example.se/about" && rdf.Context(q.Subj.(rdf.Blank)) != q.Ctx {
			t.Errorf("_:g as graph name and subject differ: %v, %v", q.Ctx, q.Subj)
		}
	}
	r := turtle.NewTriGReader(strings.NewReader(seedTriG), "")
	ts, err := rdftest.ReadAll(r)
	if err != nil || len(ts) != 3 || r.NamedSkipped() != 12 {
		t.Fatalf("Read: %d triples, %d skipped, %v", len(ts), r.NamedSkipped(), err)
	}
	// The Turtle reader refuses graphs.
	if _, err := readAll(strings.NewReader(seedTriG), ""); err == nil {
		t.Error("the Turtle reader accepted a graph")
	}
}

func TestTriGReaderErrors(t *testing.T) {
	const head = "@prefix e: <http://e/> .\n"
	rdftest.CheckSyntaxErrors(t, rdftest.Parse(rdftest.AllQuads(newTriGReader)), "http://base/", []rdftest.SyntaxErrorCase{
		{Doc: head + "e:g { e:s e:p e:o .", Line: 2, Col: 20, Msg: "expected '}'"},
		{Doc: head + "e:g { e:s e:p e:o } .", Line: 2, Col: 21, Msg: "unexpected '.'"},
		{Doc: head + "e:g { e:h { } }", Line: 2, Col: 11, Msg: "unexpected '{'"},
		{Doc: head + "GRAPH \"g\" { }", Line: 2, Col: 7, Msg: "literal is not allowed"},
		{Doc: head + "GRAPH [ e:p e:o ] { }", Line: 2, Col: 7, Msg: "graph name"},
		{Doc: head + "{ @prefix f: <http://f/> . }", Line: 2, Col: 3, Msg: "unexpected '@'"},
		{Doc: head + "e:g { e:s e:p e:o e:x }", Line: 2, Col: 19, Msg: "'.' or '}'"},
	})
}

func TestTriGReaderLimits(t *testing.T) {
	rdftest.CheckLimits(t, rdftest.AllQuads(newTriGReader), seedTriG, 300)
}

func FuzzTriGReader(f *testing.F) {
	rdftest.AddSeeds(f,
		seedTriG,
		seedDoc,
		`@prefix : <http://e/> . :g { :s :p [ :q ( 1 2 [ :r :s ] ) ] } { :a :b :c }`,
		`GRAPH _:b { _:b <http://e/p> "x"@sv-SE . } _:b <http://e/p> _:b .`,
		`PREFIX : <http://e/> :{: : :}{: : :}:{: : :}`,
		`<http://e/g> { <a> <b> "unterminated }`,
		`{ . }`,
		``,
	)
	f.Fuzz(func(t *testing.T, data []byte) {
		rdftest.FuzzQuadReader(t, data, newTriGReader)
		// Turtle is TriG's default graph: what the Turtle reader
		// accepts, the TriG reader reads as the same default graph.
		rdftest.CheckSubset(t, data, rdftest.FuzzBase, "Turtle", readAll, "TriG", readTriG)
	})
}

func newTW(w io.Writer) rdfio.QuadWriter { return turtle.NewTriGWriter(w, turtle.Options{}) }

// readBackTriG reads the TriG writer's output back.
func readBackTriG(r io.Reader) ([]rdf.Quad, error) { return readTriG(r, "") }

// trigWriterSuite is the TriG Writer's share of the checks every dataset
// writer passes.
var trigWriterSuite = rdftest.QuadWriterSuite{New: newTW, ReadBack: readBackTriG, Golden: "fixture.trig", Syntax: "trig", Ext: "trig"}

func TestTriGWriter(t *testing.T) { trigWriterSuite.Run(t) }

// TestTriGWriterTurtle checks that a TriG Writer given only default-graph
// triples writes what the Turtle Writer writes, and that the Turtle
// Writer refuses named graphs.
func TestTriGWriterTurtle(t *testing.T) {
	ttl, _, _ := rdftest.WriteAll(t, newW, rdftest.Fixture())
	trig, _, _ := rdftest.WriteAll(t, func(w io.Writer) rdfio.Writer { return turtle.NewTriGWriter(w, turtle.Options{}) }, rdftest.Fixture())
	if !bytes.Equal(ttl, trig) {
		t.Error("TriG output of one graph differs from Turtle")
	}
	w := turtle.NewWriter(io.Discard, turtle.Options{})
	for _, q := range rdftest.DatasetFixture() {
		if err := w.WriteQuad(q); q.Ctx == nil && err != nil || q.Ctx != nil && !rdftest.IsRefusal(err) {
			t.Fatalf("WriteQuad(%s) = %v", q.Serialize(rdf.NQuads), err)
		}
	}
}

func FuzzTriGWriter(f *testing.F) {
	f.Add("g1", "en", "http://www.w3.org/ns/dcat#x")
	trigWriterSuite.Fuzz(f)
}

// TestTriGWriterGraphKeyword checks the GRAPH keyword option.
func TestTriGWriterGraphKeyword(t *testing.T) {
	newKW := func(w io.Writer) rdfio.QuadWriter {
		return turtle.NewTriGWriter(w, turtle.Options{GraphKeyword: true})
	}
	out, kept, _ := rdftest.WriteAllQuads(t, newKW, rdftest.DatasetFixture())
	if !bytes.Contains(out, []byte("\nGRAPH <https://katalog.example.se/graph/datasets/1> {\n")) {
		t.Errorf("no GRAPH keyword:\n%s", out)
	}
	got, err := readBackTriG(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if ok, why := rdftest.IsomorphicDatasets(kept, got); !ok {
		t.Fatal(why)
	}
}

// BenchmarkTriGWriter writes a 3,000-dataset catalog, each dataset's
// triples in a graph of their own.
func BenchmarkTriGWriter(b *testing.B) {
	ts := rdftest.Catalog(3000)
	qs := make([]rdf.Quad, len(ts))
	for i, t := range ts {
		g, _ := rdf.NewIRI("https://example.se/graph/" + t.Subj.String()[len(t.Subj.String())/2:])
		qs[i] = rdf.Quad{Triple: t, Ctx: g}
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		w := turtle.NewTriGWriter(io.Discard, turtle.Options{})
		for _, q := range qs {
			if err := w.WriteQuad(q); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
		n += len(qs)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "triples/s")
}

// BenchmarkTriGReader reads what BenchmarkTriGWriter writes.
func BenchmarkTriGReader(b *testing.B) {
	ts := rdftest.Catalog(3000)
	var buf bytes.Buffer
	w := turtle.NewTriGWriter(&buf, turtle.Options{})
	for i, t := range ts {
		g, _ := rdf.NewIRI("https://example.se/graph/" + string(rune('a'+i/100%26)))
		if err := w.WriteQuad(rdf.Quad{Triple: t, Ctx: g}); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		qs, err := rdftest.ReadAllQuads(turtle.NewTriGReader(bytes.NewReader(data), ""))
		if err != nil {
			b.Fatal(err)
		}
		n += len(qs)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "triples/s")
}
