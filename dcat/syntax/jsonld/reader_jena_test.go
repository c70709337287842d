package jsonld_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/katalog-se/katalog/internal/rdftest"
)

// json11Only lists the fixtures that use JSON-LD 1.1 features (scoped
// contexts, @nest, @included, lists of lists, @none in a language map),
// which the referee's JSON-LD 1.0 parser does not read.
var json11Only = map[string]bool{"scoped": true, "reverse": true, "lists": true, "language": true, "graphmaps": true}

// json10Differs lists the fixtures that the referee's JSON-LD 1.0 parser
// reads as other terms (same count): only counts are compared.
var json10Differs = map[string]string{
	"native": "JSON 1.0 and 1e3 are xsd:integer in JSON-LD 1.1, xsd:double in 1.0",
}

// TestReaderJenaFixtures compares the dataset read from each fixture,
// named graphs included, with what Jena reads (only with
// KATALOG_REFEREE=1), both with the fixtures' base IRI.
func TestReaderJenaFixtures(t *testing.T) {
	for _, name := range fixtures(t) {
		base := filepath.Base(name)
		t.Run(base, func(t *testing.T) {
			if json11Only[base] {
				t.Skip("JSON-LD 1.1 only")
			}
			path, err := filepath.Abs(name + ".jsonld")
			if err != nil {
				t.Fatal(err)
			}
			want := rdftest.JenaQuads(t, path, "jsonld", fixtureBase, false)
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, err := readQuads(f, fixtureBase)
			if err != nil {
				t.Fatal(err)
			}
			if why, ok := json10Differs[base]; ok {
				if len(got) != len(want) {
					t.Errorf("read %d quads, Jena %d", len(got), len(want))
				}
				t.Logf("counts only: %s", why)
				return
			}
			if ok, why := rdftest.IsomorphicDatasets(got, want); !ok {
				t.Errorf("read %d quads, Jena %d: %s", len(got), len(want), why)
			}
		})
	}
}
