package importer_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/syntax/ntriples"
	"github.com/katalog-se/katalog/dcat/syntax/turtle"
	"github.com/katalog-se/katalog/dcat/validate"
	"github.com/katalog-se/katalog/internal/importer"
	"github.com/katalog-se/katalog/internal/rdftest"
)

const blankFeed = `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
<https://data.example.se/catalog> a dcat:Catalog ; dcat:dataset [
  a dcat:Dataset ; dct:title "Blank"@sv ; dct:description "Utan IRI"@sv ; dct:identifier "blank-1" ;
  dcat:distribution [ a dcat:Distribution ; dcat:accessURL <https://data.example.se/1> ; dct:format "text/csv" ],
                    [ a dcat:Distribution ; dcat:accessURL <https://data.example.se/2> ; dct:format "application/json" ] ;
  dcat:contactPoint [ a vcard:Organization ; vcard:fn "Enheten" ; vcard:hasEmail <mailto:enheten@example.se> ]
] .
`

// reshuffled writes ts as N-Triples in a random order with new blank
// labels: the same graph, another document.
func reshuffled(t *testing.T, ts []rdf.Triple, seed uint64) []byte {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 7))
	ts = slices.Clone(ts)
	rng.Shuffle(len(ts), func(i, j int) { ts[i], ts[j] = ts[j], ts[i] })
	relabel := func(x rdf.Term) rdf.Term {
		if b, ok := x.(rdf.Blank); ok {
			nb, _ := rdf.NewBlank(fmt.Sprintf("x%d%s", seed, b.String()))
			return nb
		}
		return x
	}
	var buf bytes.Buffer
	w := ntriples.NewWriter(&buf)
	for _, tr := range ts {
		tr.Subj = relabel(tr.Subj).(rdf.Subject)
		tr.Obj = relabel(tr.Obj).(rdf.Object)
		must(t, w.Write(tr))
	}
	must(t, w.Close())
	return buf.Bytes()
}

// TestBlankResourcesGetStableIRIs (#14): a dataset, its distributions and
// its contact point published as blank nodes get IRIs (reported), so the
// agency's feed has none DCAT-AP-SE forbids; the same graph in another
// order with other blank labels gets the same IRIs and changes nothing.
func TestBlankResourcesGetStableIRIs(t *testing.T) {
	e := newEnv(t)
	rep, err := e.run(t, []byte(blankFeed), "blank.ttl")
	must(t, err)
	kinds := map[string]int{}
	for _, m := range rep.Minted {
		kinds[m.Kind]++
	}
	if kinds["dataset"] != 1 || kinds["distribution"] != 2 || kinds["contactPoint"] != 1 || rep.MintedCount != 4 {
		t.Fatalf("minted %+v", rep.Minted)
	}
	exported := exportFeed(t, e, e.agency.OrgNumber)
	r := validate.New(validate.DCATAPSE301()).ValidateTriples(exported)
	for _, res := range r.Results {
		if strings.HasSuffix(res.Rule, ".blank") {
			t.Errorf("the feed still has a blank resource: %+v", res)
		}
	}
	src, err := rdftest.ReadAll(turtle.NewReader(strings.NewReader(blankFeed), ""))
	must(t, err)
	for seed := uint64(1); seed <= 3; seed++ {
		again, err := e.im.Import(context.Background(), e.agency.OrgNumber, importer.Source{Body: bytes.NewReader(reshuffled(t, src, seed)), Name: "again.nt"})
		must(t, err)
		if len(again.Unchanged) != 1 || len(again.Added)+len(again.Updated)+len(again.Removed) != 0 {
			t.Errorf("seed %d: the same graph again: %+v", seed, again.Counts)
		}
		if !slices.Equal(mintedIRIs(again), mintedIRIs(rep)) {
			t.Errorf("seed %d: minted %v, first %v", seed, mintedIRIs(again), mintedIRIs(rep))
		}
	}
}

func mintedIRIs(r *importer.Report) []string {
	var out []string
	for _, m := range r.Minted {
		out = append(out, m.Kind+" "+m.IRI)
	}
	slices.Sort(out)
	return out
}

// TestDryRunWritesNothing (#14): a dry run reports what the import would
// add, update and remove, and writes nothing (no revision, no import
// state).
func TestDryRunWritesNothing(t *testing.T) {
	e := newEnv(t)
	ds := e.datasets(3)
	_, err := e.run(t, e.feed(t, "turtle", ds), "a.ttl")
	must(t, err)
	rev := e.revision(t)
	st, err := e.store.ImportState(context.Background(), e.agency.OrgNumber)
	must(t, err)
	ds[0].Title["sv"] = "Ändrad"
	next := append([]*catalog.Dataset{ds[0], ds[1]}, e.datasets(4)[3])
	rep, err := e.im.Import(context.Background(), e.agency.OrgNumber, importer.Source{Body: bytes.NewReader(e.feed(t, "ntriples", next)), Name: "b.nt",
		Options: importer.Options{DryRun: true}})
	must(t, err)
	if !rep.DryRun || rep.Counts != (importer.Counts{Added: 1, Updated: 1, Unchanged: 1, Removed: 1}) {
		t.Errorf("dry run report %+v", rep.Counts)
	}
	if r := e.revision(t); r != rev {
		t.Errorf("a dry run moved the revision %+v → %+v", rev, r)
	}
	if st2, _ := e.store.ImportState(context.Background(), e.agency.OrgNumber); st2.Digest != st.Digest || !st2.At.Equal(st.At) {
		t.Error("a dry run changed the import state")
	}
}

// TestReplacedThroughTheAPI: an imported dataset replaced through the API
// (a PUT stores the model without a published description) is mapped
// from its fields again: katalog's dcterms:identifier and publisher, none
// of the imported description's other properties.
func TestReplacedThroughTheAPI(t *testing.T) {
	e := newEnv(t)
	_, err := e.run(t, []byte(lossy), "lossy.ttl")
	must(t, err)
	var imported []*catalog.Dataset
	must(t, e.store.EachDataset(context.Background(), e.agency.OrgNumber, func(d *catalog.Dataset) error {
		c := *d
		imported = append(imported, &c)
		return nil
	}))
	var ds *catalog.Dataset
	for _, d := range imported {
		if d.IRI == "https://Data.Example.SE/ds/1" {
			ds = d
		}
	}
	if ds == nil || ds.Published == nil {
		t.Fatalf("imported datasets %+v", imported)
	}
	api := *ds
	api.Published = nil
	api.Title = catalog.LangString{"sv": "Från API:t"}
	api.Issued, api.Modified = "", ""
	must(t, e.store.ReplaceDataset(context.Background(), &api))
	var ts []rdf.Triple
	must(t, e.mapper.Dataset(&api, e.agency, func(tr rdf.Triple) error { ts = append(ts, tr); return nil }))
	var unknown, identifier bool
	for _, tr := range ts {
		unknown = unknown || strings.Contains(tr.Pred.String(), "unknownProperty")
		identifier = identifier || tr.Pred.String() == dcat.DCTermsIdentifier && tr.Obj.String() == api.ID
	}
	if unknown || !identifier {
		t.Errorf("the replaced dataset is not mapped from its fields: unknown property %v, katalog's identifier %v", unknown, identifier)
	}
}

// TestSpillsGiveTheSameResult: an import whose sorts spill to disk at
// every few kilobytes stores exactly what one in memory stores.
func TestSpillsGiveTheSameResult(t *testing.T) {
	feed := rdftest.GenCatalog(t, 300, "ntriples")
	hashes := func(opts ...importer.Option) (map[string]string, *importer.Report) {
		e := newEnv(t, opts...)
		rep, err := e.run(t, feed, "gen.nt")
		must(t, err)
		h, err := e.store.DatasetHashes(context.Background(), e.agency.OrgNumber)
		must(t, err)
		return h, rep
	}
	mem, r1 := hashes()
	disk, r2 := hashes(importer.WithMemory(16 << 10))
	if len(mem) != 300 || len(disk) != len(mem) {
		t.Fatalf("%d and %d datasets, want 300", len(mem), len(disk))
	}
	for id, h := range mem {
		if disk[id] != h {
			t.Errorf("dataset %s differs when the sorts spill", id)
		}
	}
	if r1.MintedCount != r2.MintedCount || r1.Rest != r2.Rest || r1.Validation.Errors != r2.Validation.Errors {
		t.Errorf("reports differ: %+v / %+v", r1.Counts, r2.Counts)
	}
}

// TestDeepChainIsCut: a description deeper than the walk goes (a chain of
// blank nodes 70 long) imports; what lies below the cut is kept with the
// rest, with a note.
func TestDeepChainIsCut(t *testing.T) {
	var b strings.Builder
	b.WriteString("@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> . @prefix ex: <https://ex.se/> .\n")
	b.WriteString("<https://ex.se/ds> a dcat:Dataset ; dct:title \"Djup\"@sv ; ex:next _:n0 .\n")
	for i := 0; i < 70; i++ {
		fmt.Fprintf(&b, "_:n%d ex:level %d ; ex:next _:n%d .\n", i, i, i+1)
	}
	e := newEnv(t)
	rep, err := e.run(t, []byte(b.String()), "deep.ttl")
	must(t, err)
	noted := false
	for _, n := range rep.Notes {
		noted = noted || strings.Contains(n.Message["en"], "deeper than")
	}
	if rep.Datasets != 1 || rep.Rest == 0 || !noted {
		t.Errorf("report: %d datasets, rest %d, notes %+v", rep.Datasets, rep.Rest, rep.Notes)
	}
}
