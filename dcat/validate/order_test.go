package validate

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/ntriples"
	"github.com/katalog-se/katalog/internal/rdftest"
)

// genCatalog returns the triples of gen_catalog.py's catalog of n
// datasets (skips without python3 or ../shared).
func genCatalog(t *testing.T, n int) []rdf.Triple {
	t.Helper()
	return readAll(t, ntriples.NewReader(bytes.NewReader(rdftest.GenCatalog(t, n, "ntriples"))))
}

// TestOrderIndependence: the generated catalog in its own order and
// shuffled gives the same findings, counts and all. It runs at 5,000
// datasets; KATALOG_BENCH=1 adds 100,000.
func TestOrderIndependence(t *testing.T) {
	sizes := []int{5000}
	if os.Getenv("KATALOG_BENCH") == "1" {
		sizes = append(sizes, 100000)
	}
	v := New(DCATAPSE301())
	for _, n := range sizes {
		ts := genCatalog(t, n)
		want := v.ValidateTriples(ts)
		got := v.ValidateTriples(shuffled(ts, uint64(n)))
		t.Logf("%d datasets, %d triples: ordered %d errors %d warnings %d infos; shuffled %d errors %d warnings %d infos",
			n, len(ts), want.Errors, want.Warnings, want.Infos, got.Errors, got.Warnings, got.Infos)
		if got.Errors != want.Errors || got.Warnings != want.Warnings || got.Infos != want.Infos {
			t.Errorf("%d datasets: counts differ", n)
		}
		if d := diff(resultKeys(got), resultKeys(want)); d != "" {
			t.Errorf("%d datasets: findings differ (+shuffled only, -ordered only):\n%.3000s", n, d)
		}
	}
}

// FuzzValidateOrder: any N-Triples document gives the same findings read
// in its order in memory and read backwards through a tiny memory budget
// (spilled, merged).
func FuzzValidateOrder(f *testing.F) {
	for _, d := range []string{doc(nil, ""), sharedless, doc([]string{"ex:ds dcterms:title", "ex:cp rdf:type"},
		"ex:top dcterms:hasPart ex:cat .\nex:cat dcterms:hasPart ex:sub .\nex:ds dcterms:issued \"2020-13-01\"^^xsd:date .\nex:ds dcterms:issued \"2020\"^^xsd:gYear .")} {
		var b bytes.Buffer
		w := ntriples.NewWriter(&b)
		for _, tr := range parseTurtle(f, d) {
			w.Write(tr)
		}
		w.Close()
		f.Add(b.String())
	}
	inMemory := New(DCATAPSE301())
	dir := f.TempDir()
	spilled := New(DCATAPSE301(), WithMemory(1<<10), WithTempDir(dir), withFanIn(2))
	f.Fuzz(func(t *testing.T, nt string) {
		var ts []rdf.Triple
		r := ntriples.NewReader(strings.NewReader(nt))
		for {
			tr, err := r.Read()
			if err != nil {
				break
			}
			ts = append(ts, tr)
		}
		want := inMemory.ValidateTriples(ts)
		slices.Reverse(ts)
		got := spilled.ValidateTriples(ts)
		if d := diff(resultKeys(got), resultKeys(want)); d != "" || got.Errors != want.Errors || got.Warnings != want.Warnings || got.Infos != want.Infos {
			t.Errorf("reversed and spilled differs:\n%s", d)
		}
	})
}
