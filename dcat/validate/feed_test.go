package validate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/syntax/rdfxml"
	"github.com/katalog-se/katalog/dcat/syntax/turtle"
	"github.com/katalog-se/katalog/internal/dcattest"
)

// mappedFeed is what katalog's mapper writes for the fixture agency: the
// national catalog with the agency's catalog as a part, the agents, the
// full fixture dataset and synthetic ones.
func mappedFeed(t *testing.T, n int) []rdf.Triple {
	t.Helper()
	m, err := dcat.NewMapper(dcattest.Base)
	if err != nil {
		t.Fatal(err)
	}
	var out []rdf.Triple
	emit := func(tr rdf.Triple) error { out = append(out, tr); return nil }
	a := dcattest.Agency()
	rev := catalog.Revision{Seq: 3, Modified: time.Date(2024, 6, 2, 10, 0, 0, 0, time.UTC)}
	cat, _ := m.AgencyCatalogIRI(a.OrgNumber)
	steps := []func() error{
		func() error { return m.NationalCatalogHeader(m.OperatorIRI(), rev, emit) },
		func() error { return m.OperatorAgent(emit) },
		func() error { return m.HasPart(m.NationalCatalogIRI(), cat, emit) },
		func() error { return m.CatalogHeader(a, rev, emit) },
		func() error { return m.Agent(a, emit) },
	}
	ds := []catalog.Dataset{*dcattest.Dataset()}
	for i := 0; i < n; i++ {
		ds = append(ds, dcattest.SyntheticDataset(a.OrgNumber, i))
	}
	for i := range ds {
		d := &ds[i]
		steps = append(steps,
			func() error { return m.CatalogLinks(cat, d, emit) },
			func() error { return m.Dataset(d, a, emit) })
	}
	for _, s := range steps {
		if err := s(); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func TestMappedFeedHasNoErrors(t *testing.T) {
	rep := New(DCATAPSE301()).ValidateTriples(mappedFeed(t, 20))
	for _, r := range rep.Results {
		if r.Severity == Error {
			t.Errorf("%s %s %q: %s", r.Rule, r.Focus, r.Value, r.Message.EN)
		}
	}
	if !rep.Conforms {
		t.Errorf("the mapped feed does not conform: %d errors", rep.Errors)
	}
	t.Logf("mapped feed: %d warnings, %d infos", rep.Warnings, rep.Infos)
}

// TestShuffled: the findings of a small document do not depend on the
// order of its triples.
func TestShuffled(t *testing.T) {
	docs := map[string][]rdf.Triple{
		"mapped": mappedFeed(t, 3),
		"broken": parseTurtle(t, doc([]string{"ex:ds dcterms:title", "ex:cp rdf:type", "ex:dist dcterms:format"},
			"ex:cat dcat:dataset _:d .\n_:d dcterms:title \"x\" .\nex:ds dcatap:hvdCategory <http://data.europa.eu/bna/c_e1da4e07> .\nex:ds dcat:distribution ex:nowhere .")),
	}
	v := New(DCATAPSE301())
	for name, ts := range docs {
		want := v.ValidateTriples(ts)
		if len(want.Results) == 0 {
			t.Fatalf("%s: no findings to compare", name)
		}
		rng := rand.New(rand.NewPCG(1, 2))
		for i := 0; i < 20; i++ {
			sh := append([]rdf.Triple(nil), ts...)
			rng.Shuffle(len(sh), func(a, b int) { sh[a], sh[b] = sh[b], sh[a] })
			got := v.ValidateTriples(sh)
			if !reflect.DeepEqual(pairs(got), pairs(want)) || got.Errors != want.Errors || got.Warnings != want.Warnings {
				t.Fatalf("%s shuffle %d differs:\n got %v\nwant %v", name, i, pairs(got), pairs(want))
			}
		}
	}
}

// TestSpilledEqualsInMemory: with a tiny memory budget (records sorted
// and spilled to many temporary files, merged level by level) a document
// gives the findings of the in-memory run, in any order.
func TestSpilledEqualsInMemory(t *testing.T) {
	ts := mappedFeed(t, 40)
	broken := strings.ReplaceAll(doc([]string{"ex:dist dcterms:format"}, "ex:ds dcterms:issued \"2020\"^^xsd:gYear ."), "SE2021005448", "SE2021006883")
	ts = append(ts, parseTurtle(t, broken)...)
	whole := New(DCATAPSE301()).ValidateTriples(ts)
	if whole.Errors == 0 {
		t.Fatal("expected the broken distribution's error")
	}
	dir := t.TempDir()
	for _, fanIn := range []int{2, 3, 16} {
		v := New(DCATAPSE301(), WithMemory(2<<10), WithTempDir(dir), withFanIn(fanIn))
		for i, order := range [][]rdf.Triple{ts, shuffled(ts, uint64(fanIn))} {
			s := v.NewSession()
			for _, tr := range order {
				if err := s.Write(tr); err != nil {
					t.Fatal(err)
				}
			}
			if s.sp.Spills < 10 {
				t.Fatalf("fan-in %d: only %d spills", fanIn, s.sp.Spills)
			}
			got, err := s.FinishContext(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if d := diff(resultKeys(got), resultKeys(whole)); d != "" || got.Errors != whole.Errors || got.Warnings != whole.Warnings {
				t.Errorf("fan-in %d, order %d: spilled run differs: %s", fanIn, i, d)
			}
		}
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// diff lists what only a or only b has.
func diff(a, b []string) string {
	count := map[string]int{}
	for _, x := range a {
		count[x]++
	}
	for _, x := range b {
		count[x]--
	}
	var out []string
	for k, n := range count {
		if n > 0 {
			out = append(out, "+"+k)
		} else if n < 0 {
			out = append(out, "-"+k)
		}
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

func TestMaxResults(t *testing.T) {
	ts := parseTurtle(t, sharedless)
	all := New(DCATAPSE301()).ValidateTriples(ts)
	capped := New(DCATAPSE301(), WithMaxResults(3)).ValidateTriples(ts)
	if len(all.Results) <= 3 {
		t.Fatalf("fixture too small: %d results", len(all.Results))
	}
	if capped.Errors != all.Errors || capped.Warnings != all.Warnings || len(capped.Results) != 3 || !capped.Truncated {
		t.Fatalf("capped: %d errors %d warnings %d results", capped.Errors, capped.Warnings, len(capped.Results))
	}
	if !reflect.DeepEqual(capped.Results, all.Results[:3]) {
		t.Errorf("capped report keeps %v, want the first three %v", pairs(capped), pairs(all)[:3])
	}
}

// sharedless is a small broken catalog.
const sharedless = prefixes + `
ex:cat rdf:type dcat:Catalog .
ex:cat dcat:dataset ex:ds .
ex:ds rdf:type dcat:Dataset .
ex:ds dcterms:title "Folkbokföring" .
ex:ds dcat:distribution ex:dist .
ex:dist rdf:type dcat:Distribution .
ex:dist dcterms:format "CSV" .
`

func TestReaderErrorIsReturned(t *testing.T) {
	r := turtle.NewReader(strings.NewReader(prefixes+"ex:a ex:b ex:c .\nex:a ex:b"), "https://example.se/")
	rep, err := New(DCATAPSE301()).Validate(context.Background(), r)
	var se *rdfio.SyntaxError
	if !errors.As(err, &se) || rep != nil {
		t.Fatalf("got %v, %v; want a *rdfio.SyntaxError", rep, err)
	}
}

func TestValidateReadsRDFXML(t *testing.T) {
	var buf bytes.Buffer
	w := rdfxml.NewWriter(&buf, rdfxml.Options{})
	for _, tr := range parseTurtle(t, sharedless) {
		if err := w.Write(tr); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	rep, err := New(DCATAPSE301()).Validate(context.Background(), rdfxml.NewReader(&buf, "https://example.se/"))
	if err != nil {
		t.Fatal(err)
	}
	want := New(DCATAPSE301()).ValidateTriples(parseTurtle(t, sharedless))
	if !reflect.DeepEqual(pairs(rep), pairs(want)) {
		t.Errorf("RDF/XML run differs:\n got %v\nwant %v", pairs(rep), pairs(want))
	}
}

// TestGoldenJSON pins the public JSON contract of one report. Set
// KATALOG_UPDATE_GOLDEN=1 to rewrite testdata/report.golden.json.
func TestGoldenJSON(t *testing.T) {
	rep := New(DCATAPSE301()).ValidateTriples(parseTurtle(t, sharedless))
	got, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "report.golden.json")
	if os.Getenv("KATALOG_UPDATE_GOLDEN") == "1" {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("report JSON differs from %s:\n%s", path, got)
	}
	var generic map[string]any
	if err := json.Unmarshal(got, &generic); err != nil {
		t.Fatal(err)
	}
	keys := []string{}
	for k := range generic {
		keys = append(keys, k)
	}
	if len(keys) != 5 {
		t.Errorf("report has keys %v; the contract has conforms, errors, warnings, profile, results", keys)
	}
}

func TestLookup(t *testing.T) {
	p, err := Lookup("dcat-ap-se-3.0.1")
	if err != nil || p.Name != ProfileSE301 || len(p.Classes) != 7 {
		t.Fatalf("Lookup: %v %v", p.Name, err)
	}
	if _, err := Lookup("dcat-ap-se-9"); err == nil {
		t.Error("unknown profile found")
	}
	if Profiles()[0] != DefaultProfile {
		t.Error("default profile is not first")
	}
}
