package findings

import (
	"context"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/codec"
	"github.com/katalog-se/katalog/dcat/validate"
)

// feed has a catalog, one dataset with a title and a distribution without
// a format or licence, and one without a title: its findings group under
// their datasets, the distribution's under its dataset.
const feed = `@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dcterms: <http://purl.org/dc/terms/> .

<https://x.se/catalog> a dcat:Catalog ;
  dcat:dataset <https://x.se/ds/1>, <https://x.se/ds/2> .

<https://x.se/ds/1> a dcat:Dataset ;
  dcterms:title "Ett"@sv, "One"@en ;
  dcat:distribution <https://x.se/dist/1a> .

<https://x.se/dist/1a> a dcat:Distribution .

<https://x.se/ds/2> a dcat:Dataset .
`

func TestValidateGroupsByDataset(t *testing.T) {
	p, err := validate.Lookup(validate.DefaultProfile)
	if err != nil {
		t.Fatal(err)
	}
	r, _, err := codec.Open(strings.NewReader(feed), codec.Input{Format: "turtle"})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Validate(context.Background(), p, r, NewLines(feed))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Conforms || rep.Errors == 0 || rep.Datasets != 2 || rep.Triples == 0 {
		t.Fatalf("report %+v", rep)
	}
	groups := map[string]Group{}
	for _, g := range rep.Groups {
		groups[g.IRI] = g
	}
	one, two := groups["https://x.se/ds/1"], groups["https://x.se/ds/2"]
	if one.Title != "Ett" || one.Errors == 0 {
		t.Errorf("dataset 1's group %+v", one)
	}
	distribution := false
	for _, row := range one.Rows {
		if row.Focus == "https://x.se/dist/1a" {
			distribution = true
			if row.Line != 9 || row.Own {
				t.Errorf("the distribution's finding is placed at line %d (own %v), want 9 (its first mention)", row.Line, row.Own)
			}
		}
	}
	if !distribution {
		t.Errorf("the distribution's findings are not under its dataset: %+v", one.Rows)
	}
	for _, row := range two.Rows {
		if row.Focus == "https://x.se/ds/2" && (!row.Own || row.Line != 5) {
			t.Errorf("dataset 2's own finding: line %d own %v, want line 5 (first mention)", row.Line, row.Own)
		}
	}
	if len(two.Rows) == 0 || two.Title != "" {
		t.Errorf("dataset 2's group %+v", two)
	}
	if rep.Groups[0].IRI != "" && groups[""].Rows != nil {
		t.Error("the catalog's group is not first")
	}
}

func TestValidateLocatesSyntaxErrors(t *testing.T) {
	p, _ := validate.Lookup(validate.DefaultProfile)
	doc := "<https://x.se/a> <https://x.se/b> <https://x.se/c> .\n<https://x.se/a> <https://x.se/b> .\n"
	r, _, err := codec.Open(strings.NewReader(doc), codec.Input{Format: "turtle"})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Validate(context.Background(), p, r, nil)
	if err != nil || rep.Syntax == "" || rep.SyntaxLine != 2 || rep.Column == 0 {
		t.Fatalf("syntax error: %+v, %v", rep, err)
	}
}

func TestLines(t *testing.T) {
	li := NewLines("a\n<https://x.se/ds#frag> b\nc <https://x.se/other>\n")
	for node, want := range map[string]int{"https://x.se/ds#frag": 2, "https://x.se/other": 3, "https://y.se/none": 0, "_:b0": 0,
		"https://elsewhere.se/x#frag": 2} {
		if got := li.First(node); got != want {
			t.Errorf("First(%s) = %d, want %d", node, got, want)
		}
	}
}
