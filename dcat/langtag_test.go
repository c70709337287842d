package dcat_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/syntax/langtag"
	"github.com/katalog-se/katalog/dcat/syntax/turtle"
	"github.com/katalog-se/katalog/internal/dcattest"
	"github.com/katalog-se/katalog/internal/rdftest"
)

// TestMapperLangTags checks the mapper's side of the language-tag policy
// (dcat/syntax/langtag): every well-formed BCP 47 tag is published, in its
// canonical case, also those knakk/rdf's NewLangLiteral refuses; a malformed
// one is a FieldError naming the field, wrapping the *langtag.Error.
func TestMapperLangTags(t *testing.T) {
	m := mapper(t)
	for given, want := range map[string]string{
		"sv": "sv", "SV-se": "sv-SE", "zh-Hant-TW": "zh-Hant-TW", "zh-hant-tw": "zh-Hant-TW", "sr-Latn-RS": "sr-Latn-RS",
		"i-klingon": "i-klingon", "de-CH-1996": "de-CH-1996", "x-private": "x-private",
		"en-US-u-ca-gregory": "en-US-u-ca-gregory", "EN-gb-OED": "en-GB-oed",
	} {
		d := dcattest.Dataset()
		d.Title[given] = "Titel på " + given
		d.Keywords[given] = []string{"ord på " + given}
		g := &rdftest.Recorder{}
		if err := m.Dataset(d, dcattest.Agency(), g.Emit); err != nil {
			t.Errorf("%s: %v", given, err)
			continue
		}
		ds, _ := m.DatasetIRI(d.ID)
		if !g.HasLang(ds, dcat.DCTermsTitle, "Titel på "+given, want) || !g.HasLang(ds, dcat.DCATKeyword, "ord på "+given, want) {
			t.Errorf("%s: no title and keyword @%s: %v", given, want, g.Objects(ds, dcat.DCTermsTitle))
		}
		for _, tr := range g.Triples {
			if l, ok := tr.Obj.(rdf.Literal); ok && l.Lang() != "" && l.DataType.String() != dcat.RDFLangString {
				t.Errorf("%s: %q@%s has datatype %v", given, l.String(), l.Lang(), l.DataType)
			}
		}
	}
	for _, bad := range []string{"en-abcdefghi", "de-1901-1901", "i-nope", "x", "sv_SE"} {
		d := dcattest.Dataset()
		d.Title = catalog.LangString{"sv": "Titel", bad: "x"}
		g := &rdftest.Recorder{}
		err := m.Dataset(d, dcattest.Agency(), g.Emit)
		var fe *dcat.FieldError
		var le *langtag.Error
		if !errors.As(err, &fe) || fe.Field != "title/"+bad || fe.Value != bad || !errors.As(err, &le) {
			t.Errorf("%s: %v, want a FieldError at title/%s wrapping a *langtag.Error", bad, err, bad)
		}
		if len(g.Triples) != 0 {
			t.Errorf("%s: %d triples emitted", bad, len(g.Triples))
		}
	}
}

// TestUnmapLangTags checks that Unmap keys texts by the tag in canonical
// case, as the JSON API stores it, whatever case the feed writes.
func TestUnmapLangTags(t *testing.T) {
	ttl := `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dcterms: <http://purl.org/dc/terms/> .
<https://x.se/c> a dcat:Catalog ; dcat:dataset <https://x.se/d> .
<https://x.se/d> a dcat:Dataset ; dcterms:title "Titel"@SV, "標題"@ZH-hant-tw, "nuqDaq"@I-Klingon, "x"@en-us-U-CA-gregory ;
  dcat:keyword "ord"@sv-se, "word"@EN-gb-oed .`
	g := dcat.NewGraph()
	if _, err := g.ReadFrom(turtle.NewReader(strings.NewReader(ttl), "")); err != nil {
		t.Fatal(err)
	}
	got := mapper(t).Unmap(g)
	if len(got.Datasets) != 1 {
		t.Fatalf("datasets %+v", got.Datasets)
	}
	d := got.Datasets[0]
	want := catalog.LangString{"sv": "Titel", "zh-Hant-TW": "標題", "i-klingon": "nuqDaq", "en-US-u-ca-gregory": "x"}
	if len(d.Title) != len(want) {
		t.Errorf("titles %v, want %v", d.Title, want)
	}
	for k, v := range want {
		if d.Title[k] != v {
			t.Errorf("titles %v, want %v", d.Title, want)
		}
	}
	if len(d.Keywords["sv-SE"]) != 1 || len(d.Keywords["en-GB-oed"]) != 1 {
		t.Errorf("keywords %v", d.Keywords)
	}
}
