package ntriples_test

import (
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/dcat/ntriples"
	"github.com/katalog-se/katalog/dcat/rdfio"
	"github.com/katalog-se/katalog/internal/rdftest"
)

const seedDoc = `<https://example.se/ds/1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset> .
<https://example.se/ds/1> <http://purl.org/dc/terms/title> "Titel \"ett\"\n"@sv-SE .
# a comment
<https://example.se/ds/1> <http://www.w3.org/ns/dcat#contactPoint> _:k1 . # trailing
_:k1 <http://www.w3.org/2006/vcard/ns#hasEmail> <mailto:info@example.se> .
_:k1 <http://e/n> "42"^^<http://www.w3.org/2001/XMLSchema#integer> .
<http://e/\u00E5> <http://e/p> "\U0001F600 åäö" .`

func FuzzNTriplesReader(f *testing.F) {
	for _, s := range []string{
		seedDoc,
		"<http://a/s> <http://a/p> <http://a/o> .\r\n_:x <http://a/p> \"\" .\r<http://a/s><http://a/p>\"x\".",
		`<a> <http://a/p> <http://a/o> .`,
		`_:a.b <http://a/p> "x"@en-us-x .`,
		`<http://a/s> <http://a/p> "unterminated`,
		``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		before := runtime.NumGoroutine()
		r := ntriples.NewReader(strings.NewReader(string(data)), ntriples.MaxTriples(10000))
		for i := 0; ; i++ {
			_, err := r.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				var se *rdfio.SyntaxError
				var le *ntriples.LimitError
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
		// N-Triples is a subset of Turtle: the Turtle reader must agree.
		nt, err := readAll(strings.NewReader(string(data)), "")
		if err != nil || len(nt) > 50 {
			return
		}
		ttl, err := readTurtle(strings.NewReader(string(data)), "")
		if err != nil {
			t.Fatalf("N-Triples reader accepts, Turtle reader rejects: %v", err)
		}
		if ok, why := rdftest.Isomorphic(nt, ttl); !ok {
			t.Fatalf("N-Triples and Turtle readers differ:\n%s", why)
		}
	})
}

func TestNTriplesReaderErrors(t *testing.T) {
	for _, c := range []struct {
		doc       string
		line, col int
		msg       string
	}{
		{"<http://e/s> <http://e/p> <http://e/o> .\n<http://e/s> <http://e/p> <o> .", 2, 27, "relative IRI"},
		{"<http://e/s> <http://e/p> \"åäö\" <http://e/o> .", 1, 33, "'.'"},
		{"<http://e/s> <http://e/p> \"x\\q\" .", 1, 29, "unknown escape"},
		{"<http://e/s> <http://e/p> \"x\"@ .", 1, 30, "language tag"},
		{"<http://e/s> <http://e/ p> <http://e/o> .", 1, 24, "not allowed"},
		{"\n\n_: <http://e/p> <http://e/o> .", 3, 3, "blank node label"},
		{"<http://e/s> <http://e/p> <http://e/o> . <http://e/s>", 1, 42, "end of line"},
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

func TestNTriplesReaderLimits(t *testing.T) {
	var le *ntriples.LimitError
	n := 0
	r := ntriples.NewReader(strings.NewReader(seedDoc), ntriples.MaxBytes(300))
	var err error
	for err == nil {
		_, err = r.Read()
		n++
	}
	if !errors.As(err, &le) || le.Limit != "MaxBytes" {
		t.Errorf("MaxBytes: got %v after %d", err, n)
	}
	r = ntriples.NewReader(strings.NewReader(seedDoc), ntriples.MaxTriples(3))
	n = 0
	for err = nil; err == nil; n++ {
		_, err = r.Read()
	}
	if !errors.As(err, &le) || le.Limit != "MaxTriples" || n != 4 {
		t.Errorf("MaxTriples: got %d reads, %v", n, err)
	}
	got, err := readAll(strings.NewReader(seedDoc), "")
	if err != nil || len(got) != 6 {
		t.Errorf("seed: %d triples, %v", len(got), err)
	}
}
