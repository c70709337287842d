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
	for _, f := range rdfio.Formats {
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
	for _, f := range rdfio.Formats {
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
	}
	for _, f := range rdfio.Formats {
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
