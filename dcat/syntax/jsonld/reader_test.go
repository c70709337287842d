package jsonld_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/jsonld"
	"github.com/katalog-se/katalog/internal/rdftest"
	"github.com/knakk/rdf"
)

var (
	// newReader is jsonld.NewReader as an rdftest.NewReaderFunc.
	newReader = rdftest.Adapt(jsonld.NewReader)
	// readAll reads a whole JSON-LD document.
	readAll = rdftest.Parse(newReader)
)

// fixtureBase is the base IRI the fixtures in testdata/reader are read with.
const fixtureBase = "https://example.se/base/"

// fixtures returns the names (without suffix) of the JSON-LD fixtures in
// testdata/reader, each with its expected triples in name.nt.
func fixtures(t *testing.T) []string {
	t.Helper()
	docs, err := filepath.Glob(filepath.Join("testdata", "reader", "*.jsonld"))
	if err != nil || len(docs) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for i, d := range docs {
		docs[i] = strings.TrimSuffix(d, ".jsonld")
	}
	return docs
}

// TestReaderFixtures reads each fixture and compares the graph with the
// expected N-Triples.
func TestReaderFixtures(t *testing.T) {
	for _, name := range fixtures(t) {
		t.Run(filepath.Base(name), func(t *testing.T) {
			f, err := os.Open(name + ".jsonld")
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, err := readAll(f, fixtureBase)
			if err != nil {
				t.Fatalf("read: %v", err)
			}
			want, err := rdftest.DecodeFile(name+".nt", rdf.NTriples)
			if err != nil {
				t.Fatal(err)
			}
			if ok, why := rdftest.Isomorphic(want, got); !ok {
				var b strings.Builder
				for _, tr := range got {
					b.WriteString(tr.Serialize(rdf.NTriples))
				}
				t.Fatalf("graph differs: %s\ngot:\n%s", why, b.String())
			}
		})
	}
}
