package codec

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
)

func TestDetect(t *testing.T) {
	cases := []struct {
		name, mediaType, head string
		want                  rdfio.Format
	}{
		{"", "application/rdf+xml", "", rdfio.RDFXML},
		{"", "text/turtle; charset=utf-8", "", rdfio.Turtle},
		{"feed.json", "application/ld+json", "", rdfio.JSONLD},
		{"catalog.rdf", "", "", rdfio.RDFXML},
		{"catalog.ttl", "text/plain", "", rdfio.Turtle},
		{"x.nt", "", "", rdfio.NTriples},
		{"", "application/octet-stream", `<?xml version="1.0"?><rdf:RDF/>`, rdfio.RDFXML},
		{"", "", "\ufeff  <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>", rdfio.RDFXML},
		{"", "", "@prefix dcat: <http://www.w3.org/ns/dcat#> .", rdfio.Turtle},
		{"", "", "PREFIX dcat: <http://www.w3.org/ns/dcat#>", rdfio.Turtle},
		{"", "", "<http://a> <http://b> <http://c> .\n<http://a> <http://b> \"x\"@sv .\n", rdfio.NTriples},
		{"", "", "<http://a> <http://b> <http://c> ;\n <http://d> \"x\" .\n", rdfio.Turtle},
		{"", "", `{"@context": {}}`, rdfio.JSONLD},
		{"", "", `{}`, rdfio.JSONLD},
		{"", "application/trig", "", rdfio.TriG},
		{"", "application/n-quads", "", rdfio.NQuads},
		{"feed.trig", "", "", rdfio.TriG},
		{"changes.nq", "text/plain", "", rdfio.NQuads},
		{"", "", "@prefix e: <http://e/> .\ne:g { e:s e:p \"{\" . }\n", rdfio.TriG},
		{"", "", "@prefix e: <http://e/> . # {\ne:s e:p \"\"\"{\n}\"\"\" .\n", rdfio.Turtle},
		{"", "", "GRAPH <http://e/g> { <http://e/s> <http://e/p> <http://e/o> }", rdfio.TriG},
		{"", "", "{ <http://e/s> <http://e/p> <http://e/o> }", rdfio.TriG},
		{"", "", "<http://e/g> {\n<http://e/s> <http://e/p> <http://e/o> .\n}\n", rdfio.TriG},
		{"", "", "<http://a> <http://b> \"x\"@sv <http://g> .\n_:s <http://b> _:o _:g.\n", rdfio.NQuads},
		{"", "", "<http://a> <http://b> \"x y .\"^^<http://dt> .\n_:s <http://b> _:o.\n", rdfio.NTriples},
	}
	for _, tc := range cases {
		got, ok := Detect(tc.name, tc.mediaType, []byte(tc.head))
		if !ok || got != tc.want {
			t.Errorf("Detect(%q, %q, %q) = %q, %v; want %q", tc.name, tc.mediaType, tc.head, got, ok, tc.want)
		}
	}
	if _, ok := Detect("data.bin", "", []byte("hello")); ok {
		t.Error("Detect guessed a format for plain text")
	}
}

// TestRoundTripEveryWriterThroughEveryReader writes one graph in each syntax
// that has a reader and reads it back to the same triples.
func TestRoundTripEveryWriterThroughEveryReader(t *testing.T) {
	s, _ := rdf.NewIRI("https://example.se/datasets/1")
	p, _ := rdf.NewIRI("http://purl.org/dc/terms/title")
	o, _ := rdf.NewLangLiteral("Datamängd \"ett\" & <två>\nrad två", "sv")
	p2, _ := rdf.NewIRI("http://www.w3.org/2006/vcard/ns#hasEmail")
	o2, _ := rdf.NewIRI("mailto:info@example.se")
	in := []rdf.Triple{{Subj: s, Pred: p, Obj: o}, {Subj: s, Pred: p2, Obj: o2}}
	for _, f := range rdfio.AllFormats() {
		var buf bytes.Buffer
		w, err := NewWriter(f, &buf)
		if err != nil {
			t.Fatal(err)
		}
		for _, tr := range in {
			if err := w.Write(tr); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		r, err := NewReader(f, &buf, "", Limits{})
		if err != nil {
			t.Fatal(err)
		}
		var out []rdf.Triple
		for {
			tr, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			out = append(out, tr)
		}
		if len(out) != len(in) {
			t.Fatalf("%s: read %d triples, wrote %d", f, len(out), len(in))
		}
		for i := range in {
			if out[i].Serialize(rdf.NTriples) != in[i].Serialize(rdf.NTriples) {
				t.Errorf("%s: %s != %s", f, out[i].Serialize(rdf.NTriples), in[i].Serialize(rdf.NTriples))
			}
		}
	}
	if _, err := NewReader(rdfio.Format("n3"), strings.NewReader("{}"), "", Limits{}); err == nil {
		t.Error("NewReader accepted an unknown format")
	}
}

// TestWritersRefuseAfterClose checks every writer's closed state.
func TestWritersRefuseAfterClose(t *testing.T) {
	s, _ := rdf.NewIRI("https://example.se/a")
	for _, f := range rdfio.AllFormats() {
		w, err := NewWriter(f, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if w.Write(rdf.Triple{Subj: s, Pred: s, Obj: s}) == nil || w.Close() == nil {
			t.Errorf("%s: a closed writer accepted a call", f)
		}
	}
}

// TestNewReaderLimits checks that every reader gets the limits.
func TestNewReaderLimits(t *testing.T) {
	docs := map[rdfio.Format]string{
		rdfio.RDFXML:   `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/"><rdf:Description rdf:about="http://e/s" e:p="1" e:q="2"/></rdf:RDF>`,
		rdfio.Turtle:   "<http://e/s> <http://e/p> 1, 2 .",
		rdfio.NTriples: "<http://e/s> <http://e/p> \"1\" .\n<http://e/s> <http://e/p> \"2\" .\n",
		rdfio.JSONLD:   `{"@id": "http://e/s", "http://e/p": [1, 2]}`,
		rdfio.TriG:     "<http://e/s> <http://e/p> 1, 2 .",
		rdfio.NQuads:   "<http://e/s> <http://e/p> \"1\" .\n<http://e/s> <http://e/p> \"2\" .\n",
	}
	for _, f := range rdfio.AllFormats() {
		r, err := NewReader(f, strings.NewReader(docs[f]), "", Limits{MaxTriples: 1})
		if err != nil {
			t.Fatal(err)
		}
		var le *rdfparse.LimitError
		if _, err := r.Read(); err != nil {
			t.Fatalf("%s: first triple: %v", f, err)
		}
		if _, err := r.Read(); !errors.As(err, &le) || le.Limit != "MaxTriples" {
			t.Errorf("%s: second triple: %v, want the MaxTriples limit", f, err)
		}
	}
}

// TestQuadsThroughEverySyntax writes a dataset with NewQuadWriter in every
// syntax and reads it back with NewQuadReader: the dataset syntaxes keep
// it whole, the others keep the default graph and refuse the named
// graphs' quads.
func TestQuadsThroughEverySyntax(t *testing.T) {
	s, _ := rdf.NewIRI("https://example.se/datasets/1")
	p, _ := rdf.NewIRI("http://purl.org/dc/terms/title")
	g, _ := rdf.NewIRI("https://example.se/graph/1")
	b, _ := rdf.NewBlank("g")
	in := []rdf.Quad{
		{Triple: rdf.Triple{Subj: s, Pred: p, Obj: rdf.NewTypedLiteral("default", rdf.IRI{})}},
		{Triple: rdf.Triple{Subj: s, Pred: p, Obj: rdf.NewTypedLiteral("named", rdf.IRI{})}, Ctx: g},
		{Triple: rdf.Triple{Subj: b, Pred: p, Obj: b}, Ctx: b},
	}
	for _, f := range rdfio.AllFormats() {
		var buf bytes.Buffer
		w, err := NewQuadWriter(f, &buf)
		if err != nil {
			t.Fatal(err)
		}
		var kept []rdf.Quad
		for _, q := range in {
			err := w.WriteQuad(q)
			switch {
			case err == nil:
				kept = append(kept, q)
			case q.Ctx != nil && f != rdfio.TriG && f != rdfio.NQuads:
				var ue *rdfio.UnencodableError
				if !errors.As(err, &ue) || !errors.Is(err, rdfio.ErrNamedGraph) {
					t.Errorf("%s: WriteQuad(%s) = %v, want ErrNamedGraph", f, q.Serialize(rdf.NQuads), err)
				}
			default:
				t.Fatalf("%s: WriteQuad(%s) = %v", f, q.Serialize(rdf.NQuads), err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if want := 3; (f == rdfio.TriG || f == rdfio.NQuads) && len(kept) != want || !(f == rdfio.TriG || f == rdfio.NQuads) && len(kept) != 1 {
			t.Errorf("%s: %d quads written", f, len(kept))
		}
		r, err := NewQuadReader(f, &buf, "", Limits{})
		if err != nil {
			t.Fatal(err)
		}
		var out []rdf.Quad
		for {
			q, err := r.ReadQuad()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			out = append(out, q)
		}
		if len(out) != len(kept) {
			t.Fatalf("%s: read %d quads, wrote %d:\n%s", f, len(out), len(kept), buf.String())
		}
		for i := range kept {
			if out[i].Ctx == nil != (kept[i].Ctx == nil) || out[i].Pred != kept[i].Pred {
				t.Errorf("%s: quad %d: %s, wrote %s", f, i, out[i].Serialize(rdf.NQuads), kept[i].Serialize(rdf.NQuads))
			}
		}
	}
}

func TestFormats(t *testing.T) {
	got := strings.Join(Formats(), " ")
	if got != "rdfxml turtle ntriples jsonld trig nquads processor-json" {
		t.Errorf("Formats() = %s", got)
	}
	if _, err := NewReader(rdfio.Format("n3"), strings.NewReader(""), "", Limits{}); err == nil || !strings.Contains(err.Error(), "trig and nquads") {
		t.Errorf("unknown format: %v", err)
	}
}

// TestOpenQuads checks that OpenQuads tells TriG by its name and reads
// its named graphs, and gives the triples of other syntaxes as quads of
// the default graph.
func TestOpenQuads(t *testing.T) {
	doc := "@prefix e: <http://e/> .\ne:s e:p e:o .\ne:g { e:s e:p e:o2 }\n"
	r, f, err := OpenQuads(strings.NewReader(doc), Input{Name: "changes.trig"})
	if err != nil || f != "trig" {
		t.Fatalf("%q, %v", f, err)
	}
	var named int
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if q.Ctx != nil {
			named++
		}
	}
	if named != 1 {
		t.Errorf("%d quads in named graphs, want 1", named)
	}
	r, f, err = OpenQuads(strings.NewReader(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/"><rdf:Description rdf:about="http://e/s" e:p="1"/></rdf:RDF>`), Input{})
	if err != nil || f != "rdfxml" {
		t.Fatalf("%q, %v", f, err)
	}
	if q, err := r.ReadQuad(); err != nil || q.Ctx != nil || q.Obj.String() != "1" {
		t.Errorf("RDF/XML as quads: %v, %v", q, err)
	}
}
