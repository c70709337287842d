package validate

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/ntriples"
	"github.com/katalog-se/katalog/internal/rdftest"
)

// shuffleLines returns the lines of an N-Triples document in a random
// order.
func shuffleLines(nt []byte, seed uint64) []byte {
	lines := bytes.SplitAfter(nt, []byte("\n"))
	rng := rand.New(rand.NewPCG(seed, 14))
	rng.Shuffle(len(lines), func(a, b int) { lines[a], lines[b] = lines[b], lines[a] })
	return bytes.Join(lines, nil)
}

// summary is what a comparison of two reports needs: the counts, a
// digest of every finding (severity, rule, focus, path, value) and, for
// small reports, the findings themselves.
type summary struct {
	errors, warnings, infos int
	digest                  string
	keys                    []string
}

func summarize(r *Report, keep bool) summary {
	h := sha256.New()
	keys := resultKeys(r)
	for _, k := range keys {
		h.Write([]byte(k + "\n"))
	}
	s := summary{errors: r.Errors, warnings: r.Warnings, infos: r.Infos, digest: hex.EncodeToString(h.Sum(nil))}
	if keep {
		s.keys = keys
	}
	return s
}

// TestOrderIndependence: gen_catalog's catalog in its own order, with its
// lines shuffled, and shuffled through a small memory budget (spilled
// runs merged level by level) gives the same findings, counts and all.
// It runs at 5,000 datasets; KATALOG_BENCH=1 adds 100,000.
func TestOrderIndependence(t *testing.T) {
	sizes := []int{5000}
	if os.Getenv("KATALOG_BENCH") == "1" {
		sizes = append(sizes, 100000)
	}
	dir := t.TempDir()
	for _, n := range sizes {
		nt := rdftest.GenCatalog(t, n, "ntriples")
		shuf := shuffleLines(nt, uint64(n))
		small := n <= 5000
		run := func(name string, doc []byte, v *Validator) summary {
			start := time.Now()
			rep, err := v.Validate(context.Background(), ntriples.NewReader(bytes.NewReader(doc)))
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%d datasets, %s: %d errors, %d warnings, %d infos in %v", n, name, rep.Errors, rep.Warnings, rep.Infos, time.Since(start).Round(time.Millisecond))
			return summarize(rep, small)
		}
		want := run("in order", nt, New(DCATAPSE301()))
		if want.errors == 0 {
			t.Fatal("the generated catalog has no errors")
		}
		for _, c := range []struct {
			name string
			v    *Validator
		}{
			{"shuffled", New(DCATAPSE301())},
			{"shuffled, 1 MiB budget, fan-in 4", New(DCATAPSE301(), WithMemory(1<<20), WithTempDir(dir), withFanIn(4))},
		} {
			got := run(c.name, shuf, c.v)
			if got.errors != want.errors || got.warnings != want.warnings || got.infos != want.infos {
				t.Errorf("%d datasets, %s: counts differ", n, c.name)
			}
			if got.digest != want.digest {
				t.Errorf("%d datasets, %s: findings differ (+shuffled only, -in order only):\n%.3000s", n, c.name, diff(got.keys, want.keys))
			}
		}
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
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
