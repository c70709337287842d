package jsonld_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/jsonld"
	"github.com/katalog-se/katalog/dcat/syntax/ntriples"
	"github.com/katalog-se/katalog/internal/rdftest"
	"github.com/knakk/rdf"
)

var (
	// newReader is jsonld.NewReader as an rdftest.NewReaderFunc.
	newReader = rdftest.Adapt(jsonld.NewReader)
	// readAll reads a whole JSON-LD document's default graph, readQuads
	// its dataset.
	readAll   = rdftest.Parse(newReader)
	readQuads = rdftest.ParseQuads(rdftest.AdaptQuads(jsonld.NewReader))
)

// fixtureBase is the base IRI the fixtures in testdata/reader are read with.
const fixtureBase = "https://example.se/base/"

// fixtures returns the names (without suffix) of the JSON-LD fixtures in
// testdata/reader, each with its expected triples in name.nt or, for a
// dataset with named graphs, its expected quads in name.nq.
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
			if _, err := os.Stat(name + ".nq"); err == nil {
				got, err := readQuads(f, fixtureBase)
				if err != nil {
					t.Fatalf("read: %v", err)
				}
				nq, err := os.Open(name + ".nq")
				if err != nil {
					t.Fatal(err)
				}
				defer nq.Close()
				want, err := rdftest.ReadAllQuads(ntriples.NewQuadReader(nq))
				if err != nil {
					t.Fatal(err)
				}
				if ok, why := rdftest.IsomorphicDatasets(want, got); !ok {
					var b strings.Builder
					for _, q := range got {
						b.WriteString(q.Serialize(rdf.NQuads))
					}
					t.Fatalf("dataset differs: %s\ngot:\n%s", why, b.String())
				}
				return
			}
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

// TestReaderDefaultGraphView checks that Read returns the default graph
// of a dataset and counts the named graphs' triples it skips.
func TestReaderDefaultGraphView(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "reader", "graphs.jsonld"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := jsonld.NewReader(f, fixtureBase)
	ts, err := rdftest.ReadAll(r)
	if err != nil || len(ts) != 1 || r.NamedSkipped() != 6 {
		t.Fatalf("Read: %d triples, %d skipped, %v", len(ts), r.NamedSkipped(), err)
	}
}
