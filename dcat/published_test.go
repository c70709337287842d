package dcat_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/syntax/canon"
	"github.com/katalog-se/katalog/dcat/syntax/turtle"
	"github.com/katalog-se/katalog/internal/rdftest"
)

// described reads Turtle and returns its triples and the published
// description made of them.
func described(t *testing.T, ttl string) ([]rdf.Triple, *catalog.Published) {
	t.Helper()
	ts, err := rdftest.ReadAll(turtle.NewReader(strings.NewReader(ttl), ""))
	if err != nil {
		t.Fatal(err)
	}
	var g canon.Graph
	for _, tr := range ts {
		must(t, g.Add(tr))
	}
	p, err := dcat.NewPublished(g.Canonical())
	must(t, err)
	return ts, p
}

const publishedTTL = `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix ex: <https://Data.Example.se/vocab#> . @prefix spdx: <http://spdx.org/rdf/terms#> .
<https://Data.Example.se/ds/1> a dcat:Dataset ; dct:title "Titel" , "Titre"@FR-be ; dct:identifier "ds-1" ;
  ex:unknown [ ex:deep "x"^^ex:type ] ; dcat:distribution <https://Data.Example.se/ds/1/csv> ;
  dct:issued "2024-05-31T10:00:00"^^<http://www.w3.org/2001/XMLSchema#dateTime> .
<https://Data.Example.se/ds/1/csv> a dcat:Distribution ; dct:format <http://publications.europa.eu/resource/authority/file-type/CSV> ;
  dcat:accessURL <https://Data.Example.se/f.csv> ; dcat:accessService <https://api.example.se/svc> ;
  spdx:checksum [ spdx:checksumValue "abc" ] .
<https://api.example.se/svc> a dcat:DataService ; dct:title "API"@sv ; dcat:endpointURL <https://api.example.se/> .
`

// TestPublishedIsEmittedAsIs: an imported dataset is published triple for
// triple as its description says, IRIs, literals, language tags and
// unknown properties as written, nothing added; the catalog links it and
// its data services; two datasets' blank nodes stay apart.
func TestPublishedIsEmittedAsIs(t *testing.T) {
	m := mapper(t)
	src, pub := described(t, publishedTTL)
	d := &catalog.Dataset{ID: "3c2b1a09-8f7e-4d6c-b5a4-9e8d7c6b5a04", Agency: "2021006883", IRI: "https://Data.Example.se/ds/1",
		Title: catalog.LangString{"sv": "Ignored"}, Published: pub}
	var got []rdf.Triple
	must(t, m.Dataset(d, nil, func(tr rdf.Triple) error { got = append(got, tr); return nil }))
	if ok, why := rdftest.Isomorphic(src, got); !ok {
		t.Errorf("emitted description differs from the published one:\n%s", why)
	}
	var links []rdf.Triple
	must(t, m.CatalogLinks("https://katalog.example.se/agencies/2021006883/datasets/dcat", d, func(tr rdf.Triple) error { links = append(links, tr); return nil }))
	var objs []string
	for _, l := range links {
		objs = append(objs, l.Pred.String()+" "+l.Obj.String())
	}
	want := []string{dcat.DCATDatasetProp + " https://Data.Example.se/ds/1", dcat.DCATService + " https://api.example.se/svc"}
	if strings.Join(objs, "|") != strings.Join(want, "|") {
		t.Errorf("catalog links %q, want %q", objs, want)
	}

	// Two datasets with blank nodes in one document: none shared.
	_, pub2 := described(t, strings.ReplaceAll(publishedTTL, "ds/1", "ds/2"))
	e := catalog.Dataset{ID: "00000000-0000-4000-8000-000000000002", Agency: "2021006883", IRI: "https://Data.Example.se/ds/2", Published: pub2}
	var both []rdf.Triple
	for _, x := range []*catalog.Dataset{d, &e} {
		must(t, m.Dataset(x, nil, func(tr rdf.Triple) error { both = append(both, tr); return nil }))
	}
	blanks := map[string]bool{}
	for _, tr := range got {
		if b, ok := tr.Subj.(rdf.Blank); ok {
			blanks[b.String()] = true
		}
	}
	n := 0
	for _, tr := range both {
		if b, ok := tr.Subj.(rdf.Blank); ok && !blanks[b.String()] {
			n++
		}
	}
	if len(blanks) != 2 || n != 2 {
		t.Errorf("blank nodes: %d in one dataset, %d subjects of the second not in the first (want 2 and 2)", len(blanks), n)
	}
}

func TestPublishedUnreadable(t *testing.T) {
	m := mapper(t)
	d := &catalog.Dataset{ID: "3c2b1a09-8f7e-4d6c-b5a4-9e8d7c6b5a04", Agency: "2021006883", Published: &catalog.Published{Gzip: []byte("not gzip")}}
	err := m.Dataset(d, nil, func(rdf.Triple) error { t.Error("emitted from a broken description"); return nil })
	var fe *dcat.FieldError
	if !errors.As(err, &fe) || fe.Field != "published" {
		t.Errorf("err = %v, want a FieldError on published", err)
	}
}

// TestPublishedBrokenMidway: a description that breaks after triples that
// read well is emitted not at all, neither triple for triple nor in part.
func TestPublishedBrokenMidway(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte("<http://example.org/ds> <http://purl.org/dc/terms/title> \"a\"@sv .\n<http://example.org/ds> <http://purl.org/dc/terms/title> broken .\n"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	m := mapper(t)
	d := &catalog.Dataset{ID: "3c2b1a09-8f7e-4d6c-b5a4-9e8d7c6b5a05", Agency: "2021006883", Published: &catalog.Published{Gzip: buf.Bytes()}}
	err := m.Dataset(d, nil, func(rdf.Triple) error { t.Error("emitted from a description that breaks midway"); return nil })
	var fe *dcat.FieldError
	if !errors.As(err, &fe) || fe.Field != "published" {
		t.Errorf("err = %v, want a FieldError on published", err)
	}
}
