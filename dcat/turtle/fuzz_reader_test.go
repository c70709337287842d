package turtle_test

import (
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/dcat/rdfio"
	"github.com/katalog-se/katalog/dcat/turtle"
	"github.com/knakk/rdf"
)

const seedDoc = `@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
PREFIX ex: <https://example.se/>
@base <https://example.se/katalog/> .
<ds/1> a dcat:Dataset ;
    dct:title "Titel"@sv, 'Title'@en-GB ;
    dct:description """Rad ett
rad "två" """ ;
    ex:n 1, -2.5, 3e10, true ;
    dcat:keyword ( "a" "b" ) ;
    dcat:contactPoint [ ex:email <mailto:info@example.se> ] ;
    ex:local ex:a\.b%20c, _:b1 .
_:b1 ex:p ex: .
[] ex:q ( ) .
`

func FuzzTurtleReader(f *testing.F) {
	for _, s := range []string{
		seedDoc,
		`<http://a/s> <http://a/p> "x\u00e5\U0001F600"^^<http://a/dt> .`,
		`@prefix : <http://e/> . :s :p [ :q ( 1 2 [ :r :s ] ) ] .`,
		`BASE <http://e/> <a> <b> <c>, <d>; <e> <f>;; .`,
		`@prefix p: <http://e/> . p:x.y p:z '''long ''string''' .`,
		`<a> <b> "unterminated`,
		``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		before := runtime.NumGoroutine()
		r := turtle.NewReader(strings.NewReader(string(data)), "https://example.se/base", turtle.MaxTriples(10000))
		for i := 0; ; i++ {
			_, err := r.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				var se *rdfio.SyntaxError
				var le *turtle.LimitError
				if !errors.As(err, &se) && !errors.As(err, &le) {
					t.Fatalf("error of type %T: %v", err, err)
				}
				if se != nil && (se.Line < 1 || se.Column < 1) {
					t.Fatalf("bad position in %v", err)
				}
				break
			}
			if i%3 == 2 && len(data)%2 == 1 {
				break
			}
		}
		if after := runtime.NumGoroutine(); after > before {
			t.Fatalf("goroutines: %d before, %d after", before, after)
		}
	})
}

func TestTurtleReaderErrors(t *testing.T) {
	for _, c := range []struct {
		doc       string
		line, col int
		msg       string
	}{
		{"@prefix : <http://e/> .\n:s :p :o ;\n   :q \"x\" .\n:s :p ex:o .", 4, 7, "undefined prefix"},
		{"<http://e/s> <http://e/p> \"åäö\n", 1, 31, "line break"},
		{"<http://e/s> <http://e/p> <http://e/o>", 1, 39, "'.'"},
		{"<s> <p> <o> .", 1, 1, "relative IRI"},
		{"<http://e/s> \"lit\" <http://e/o> .", 1, 14, "predicate"},
		{"@prefix : <http://e/> .\n:s :p \"x\"@1 .", 2, 11, "language tag"},
		{"@prefix : <http://e/> .\n:s :p ( :a :b .", 2, 15, "unexpected '.'"},
	} {
		_, err := readAll(strings.NewReader(c.doc), "")
		var se *rdfio.SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%q: got %v, want a syntax error", c.doc, err)
			continue
		}
		if se.Line != c.line || se.Column != c.col || !strings.Contains(se.Msg, c.msg) {
			t.Errorf("%q:\n got %v\nwant line %d, column %d, %q", c.doc, err, c.line, c.col, c.msg)
		}
	}
}

func TestTurtleReaderLimits(t *testing.T) {
	var le *turtle.LimitError
	_, err := readAll2(turtle.NewReader(strings.NewReader(seedDoc), "", turtle.MaxBytes(100)))
	if !errors.As(err, &le) || le.Limit != "MaxBytes" {
		t.Errorf("MaxBytes: got %v", err)
	}
	got, err := readAll2(turtle.NewReader(strings.NewReader(seedDoc), "", turtle.MaxTriples(3)))
	if !errors.As(err, &le) || le.Limit != "MaxTriples" || len(got) != 3 {
		t.Errorf("MaxTriples: got %d triples, %v", len(got), err)
	}
	got, err = readAll2(turtle.NewReader(strings.NewReader(seedDoc), ""))
	if err != nil || len(got) != 19 {
		t.Errorf("seed: %d triples, %v", len(got), err)
	}
}

func readAll2(r *turtle.Reader) (out []rdf.Triple, err error) {
	for {
		t, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, t)
	}
}
