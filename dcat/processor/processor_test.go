package processor

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/internal/rdftest"
)

// readAll converts data and collects the triples.
func readAll(t testing.TB, data []byte, name string, opts ...Option) ([]rdf.Triple, error) {
	t.Helper()
	r, err := NewReader(bytes.NewReader(data), name, opts...)
	if err != nil {
		return nil, err
	}
	var ts []rdf.Triple
	for {
		tr, err := r.Read()
		if err == io.EOF {
			return ts, nil
		}
		if err != nil {
			t.Fatalf("Read: %v", err)
		}
		ts = append(ts, tr)
	}
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestFixture compares the hand-written expected graph of testdata/small.*
// with what each syntax of the same input converts to.
func TestFixture(t *testing.T) {
	want, err := rdftest.DecodeFile(filepath.Join("testdata", "small.nt"), rdf.NTriples)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"small.json", "small_oas.yaml", "small.raml"} {
		t.Run(name, func(t *testing.T) {
			got, err := readAll(t, readFile(t, filepath.Join("testdata", name)), name)
			if err != nil {
				t.Fatal(err)
			}
			if ok, why := rdftest.Isomorphic(want, got); !ok {
				t.Fatalf("graph differs from small.nt: %s", why)
			}
		})
	}
}

// TestDeterministic: the same input gives the same triples in the same order.
func TestDeterministic(t *testing.T) {
	data := readFile(t, filepath.Join("testdata", "small.json"))
	a, err := readAll(t, data, "small.json")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := readAll(t, data, "small.json")
	if len(a) != len(b) {
		t.Fatalf("%d then %d triples", len(a), len(b))
	}
	for i := range a {
		if a[i].Serialize(rdf.NTriples) != b[i].Serialize(rdf.NTriples) {
			t.Fatalf("triple %d differs: %s vs %s", i, a[i].Serialize(rdf.NTriples), b[i].Serialize(rdf.NTriples))
		}
	}
}

func TestMaxBytes(t *testing.T) {
	data := readFile(t, filepath.Join("testdata", "small.json"))
	_, err := readAll(t, data, "small.json", WithMaxBytes(100))
	if err == nil || !strings.Contains(err.Error(), "larger than 100 bytes") {
		t.Fatalf("err = %v, want a size error", err)
	}
	if _, err := readAll(t, data, "small.json", WithMaxBytes(int64(len(data)))); err != nil {
		t.Fatalf("at the limit: %v", err)
	}
}

func TestSniff(t *testing.T) {
	cases := []struct {
		name, head string
		want       bool
	}{
		{"a.json", `{"dcat-catalog": {}}`, true},
		{"a.json", `{ "dcat-dataset": {"about": "x"}}`, true},
		{"api.json", `{"openapi": "3.0.3", "info": {"x-dcat": {}}}`, true},
		{"api.yaml", "openapi: 3.0.3\ninfo:\n  x-dcat:\n", true},
		{"api.raml", "#%RAML 1.0\ntitle: x\n(dcat-catalog):\n", true},
		{"api.raml", "#%RAML 1.0\ntitle: x\n", false},
		{"a.jsonld", `{"@context": {"dcat": "http://www.w3.org/ns/dcat#"}, "@type": "dcat:Catalog"}`, false},
		{"a.ttl", "@prefix dcat: <http://www.w3.org/ns/dcat#> .", false},
		{"a.rdf", `<?xml version="1.0"?><rdf:RDF xmlns:dcat="http://www.w3.org/ns/dcat#">`, false},
		{"api.yaml", "openapi: 3.0.3\ninfo:\n  title: plain\n", false},
	}
	for _, c := range cases {
		if got := Sniff(c.name, []byte(c.head)); got != c.want {
			t.Errorf("Sniff(%q, %q) = %v, want %v", c.name, c.head, got, c.want)
		}
	}
}
