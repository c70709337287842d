package ntriples_test

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/ntriples"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/internal/rdftest"
	"github.com/knakk/rdf"
)

var (
	// newQuadReader is ntriples.NewQuadReader as an
	// rdftest.NewQuadReaderFunc, newNQReader as an rdftest.NewReaderFunc.
	newQuadReader = rdftest.AdaptQuadsNoBase(ntriples.NewQuadReader)
	newNQReader   = rdftest.AllQuads(newQuadReader)
	// readNQ reads a whole N-Quads document.
	readNQ = rdftest.ParseQuads(newQuadReader)
)

func TestW3CNQuads(t *testing.T) { rdftest.RunW3CDatasets(t, "rdf-n-quads", readNQ, nil) }

const seedQuads = `<https://example.se/ds/1> <http://purl.org/dc/terms/title> "Titel"@sv <https://example.se/g/1> .
<https://example.se/ds/1> <http://www.w3.org/ns/dcat#contactPoint> _:k1 _:g .
_:k1 <http://www.w3.org/2006/vcard/ns#hasEmail> <mailto:info@example.se> .
_:g <http://purl.org/dc/terms/source> <https://example.se/g/1> _:g . # a comment
<http://e/s> <http://e/p> "42"^^<http://www.w3.org/2001/XMLSchema#integer> <https://example.se/g/1>.
`

// TestNQuadsReader checks graph labels, the default graph, blank graph
// names shared with the graph's content, and Read's view of the default
// graph.
func TestNQuadsReader(t *testing.T) {
	qs, err := readNQ(strings.NewReader(seedQuads), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 5 {
		t.Fatalf("%d quads", len(qs))
	}
	if g, ok := qs[0].Ctx.(rdf.IRI); !ok || g.String() != "https://example.se/g/1" {
		t.Errorf("graph of the first quad: %v", qs[0].Ctx)
	}
	if qs[2].Ctx != nil {
		t.Errorf("default graph quad has graph %v", qs[2].Ctx)
	}
	if qs[1].Ctx != rdf.Context(qs[3].Subj.(rdf.Blank)) || qs[3].Ctx != qs[1].Ctx {
		t.Errorf("blank graph name and subject differ: %v %v %v", qs[1].Ctx, qs[3].Subj, qs[3].Ctx)
	}
	r := ntriples.NewQuadReader(strings.NewReader(seedQuads))
	ts, err := rdftest.ReadAll(r)
	if err != nil || len(ts) != 1 || r.NamedSkipped() != 4 {
		t.Fatalf("Read: %d triples, %d skipped, %v", len(ts), r.NamedSkipped(), err)
	}
	// An N-Triples reader refuses a graph label.
	if _, err := readAll(strings.NewReader(seedQuads), ""); err == nil {
		t.Error("the N-Triples reader accepted a quad")
	}
}

func TestNQuadsReaderErrors(t *testing.T) {
	rdftest.CheckSyntaxErrors(t, rdftest.Parse(newNQReader), "", []rdftest.SyntaxErrorCase{
		{Doc: "<http://e/s> <http://e/p> <http://e/o> <g> .", Line: 1, Col: 40, Msg: "relative IRI"},
		{Doc: "<http://e/s> <http://e/p> <http://e/o> \"g\" .", Line: 1, Col: 40, Msg: "expected '.' to end the statement"},
		{Doc: "<http://e/s> <http://e/p> <http://e/o> <http://e/g> <http://e/h> .", Line: 1, Col: 53, Msg: "'.'"},
		{Doc: "\n<http://e/s> <http://e/p> <http://e/o> _: .", Line: 2, Col: 42, Msg: "blank node label"},
	})
}

func TestNQuadsReaderLimits(t *testing.T) {
	rdftest.CheckLimits(t, newNQReader, seedQuads, 300)
}

func FuzzNQuadsReader(f *testing.F) {
	rdftest.AddSeeds(f,
		seedQuads,
		seedDoc,
		"<http://a/s> <http://a/p> <http://a/o> <http://a/g>.\r\n_:x <http://a/p> \"\" _:x .",
		`<http://a/s> <http://a/p> "x"@en <g> .`,
		`<http://a/s> <http://a/p> "x" _:g. _:h`,
		``,
	)
	f.Fuzz(func(t *testing.T, data []byte) {
		rdftest.FuzzQuadReader(t, data, newQuadReader)
		// N-Triples is N-Quads without graph labels: what the N-Triples
		// reader accepts, the N-Quads reader reads as the same default
		// graph.
		rdftest.CheckSubset(t, data, "", "N-Triples", readAll, "N-Quads", readNQ)
	})
}

func newQW(w io.Writer) rdfio.QuadWriter { return ntriples.NewQuadWriter(w) }

// readBackNQ reads the N-Quads writer's output back.
func readBackNQ(r io.Reader) ([]rdf.Quad, error) { return readNQ(r, "") }

// quadWriterSuite is the N-Quads Writer's share of the checks every
// dataset writer passes.
var quadWriterSuite = rdftest.QuadWriterSuite{New: newQW, ReadBack: readBackNQ, Golden: "fixture.nq", Syntax: "nquads", Ext: "nq"}

func TestQuadWriter(t *testing.T) { quadWriterSuite.Run(t) }

// TestWriterRefusesNamedGraphs checks that the N-Triples writer refuses a
// named graph's quad and writes the default graph's.
func TestWriterRefusesNamedGraphs(t *testing.T) {
	var buf bytes.Buffer
	w := ntriples.NewWriter(&buf)
	for _, q := range rdftest.DatasetFixture() {
		err := w.WriteQuad(q)
		if q.Ctx == nil && err != nil || q.Ctx != nil && !rdftest.IsRefusal(err) {
			t.Fatalf("WriteQuad(%s) = %v", q.Serialize(rdf.NQuads), err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, q := range rdftest.DatasetFixture() {
		if q.Ctx == nil {
			want++
		}
	}
	if n := strings.Count(buf.String(), "\n"); n != want {
		t.Errorf("wrote %d lines, want the %d default-graph triples", n, want)
	}
}

func FuzzQuadWriter(f *testing.F) {
	f.Add("g1", "en", "urn:x:y")
	quadWriterSuite.Fuzz(f)
}

// BenchmarkNQuadsReader parses a generated DCAT catalog of 2000 datasets
// as N-Quads, each dataset's triples in a graph of their own.
func BenchmarkNQuadsReader(b *testing.B) {
	nt := rdftest.GenCatalog(b, 2000, "ntriples")
	var buf bytes.Buffer
	for i, line := range bytes.Split(nt, []byte("\n")) {
		line = bytes.TrimSuffix(bytes.TrimSpace(line), []byte("."))
		if len(line) == 0 {
			continue
		}
		buf.Write(line)
		buf.WriteString(" <https://example.se/graph/")
		buf.WriteString(string(rune('a' + i%26)))
		buf.WriteString("> .\n")
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		qs, err := rdftest.ReadAllQuads(ntriples.NewQuadReader(bytes.NewReader(data)))
		if err != nil {
			b.Fatal(err)
		}
		n += len(qs)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "triples/s")
}
