package jsonld_test

import (
	"strings"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/jsonld"
	"github.com/katalog-se/katalog/internal/rdftest"
)

const seedDoc = `{
  "@context": {
    "@base": "https://example.se/",
    "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
    "title": {"@id": "dct:title", "@container": "@language"},
    "kw": {"@id": "dcat:keyword", "@container": "@list"},
    "page": {"@id": "dcat:landingPage", "@type": "@id"}
  },
  "@graph": [
    {"@id": "ds/1", "@type": "dcat:Dataset", "title": {"sv": "Titel", "en": "Title"},
     "kw": ["a", 1, 2.5, true], "page": "p#x",
     "dcat:distribution": {"dct:format": {"@value": "CSV", "@language": "sv"}},
     "@reverse": {"dcat:dataset": {"@id": "cat"}}},
    {"@id": "_:b1", "dct:issued": {"@value": "2024-01-31", "@type": "http://www.w3.org/2001/XMLSchema#date"}}
  ]
}`

func FuzzJSONLDReader(f *testing.F) {
	rdftest.AddSeeds(f,
		seedDoc,
		`[{"@id": "http://e/s", "http://e/p": [{"@list": [[1], {"@set": []}]}], "@included": {"@id": "x"}}]`,
		`{"@graph": [{"@id": "s", "p": "v"}], "@context": {"@vocab": "http://e/", "@base": "http://b/"}}`,
		`{"@context": [null, {"@vocab": "http://e/", "T": {"@context": {"p": {"@reverse": "http://e/q"}}}}], "@type": "T", "p": {"@id": "o"}}`,
		`{"@context": {"a": "b:c", "b": "a:d"}, "a": 1}`,
		`{"@context": "https://w3id.org/dcat-ap/context.jsonld", "@id": "x"}`,
		`{"@context": {}, "@graph": [], "@id": "g"}`,
		`{"a": "\ud83d\ude00 \u00e5", "b": 1e400, "c": -0, "d": 12345678901234567890123}`,
		`{"@context": {"@vocab": "http://e/"}, "p": {"@value": true, "@type": "http://e/T", "x": 1}}`,
		``,
		`[`,
		`{"@context": {"@vocab": "http://e/", "w": {"@container": ["@graph", "@id"]}}, "@id": "g", "w": {"n": {"@id": "x", "p": 1}, "@none": "v"}, "@graph": {"@graph": [{"@id": "y"}]}}`,
		`[{"@graph": [{"@id": "http://e/s", "http://e/q": {"@graph": {"@id": "_:b", "http://e/r": "w"}}}]}]`,
	)
	newQuadReader := rdftest.AdaptQuads(jsonld.NewReader)
	f.Fuzz(func(t *testing.T, data []byte) {
		rdftest.FuzzReader(t, data, newReader)
		rdftest.FuzzQuadReader(t, data, newQuadReader)
	})
}

func TestJSONLDReaderErrors(t *testing.T) {
	const head = `{"@context": {"@vocab": "http://e/"},` + "\n"
	rdftest.CheckSyntaxErrors(t, readAll, "http://base/", []rdftest.SyntaxErrorCase{
		{Doc: ``, Line: 1, Col: 1, Msg: "empty input"},
		{Doc: `"x"`, Line: 1, Col: 1, Msg: "expected a JSON object or array"},
		{Doc: `{"a": 1,}`, Line: 1, Col: 9, Msg: "expected a string key"},
		{Doc: `{"a" 1}`, Line: 1, Col: 6, Msg: "expected ':'"},
		{Doc: `[1 2]`, Line: 1, Col: 4, Msg: "expected ',' or ']'"},
		{Doc: `{"a": tru}`, Line: 1, Col: 7, Msg: "unexpected character 't'"},
		{Doc: `{"a": 01}`, Line: 1, Col: 8, Msg: "unexpected character '1'"},
		{Doc: `{"a": "x` + "\n" + `y"}`, Line: 1, Col: 9, Msg: "control character"},
		{Doc: `{"a": "\q"}`, Line: 1, Col: 8, Msg: `bad escape \q`},
		{Doc: `{"a": "\ud800"}`, Line: 1, Col: 8, Msg: "lone surrogate"},
		{Doc: "{\"a\": \"\xff\"}", Line: 1, Col: 8, Msg: "invalid UTF-8"},
		{Doc: `{"a": 1, "a": 2}`, Line: 1, Col: 10, Msg: `duplicate key "a"`},
		{Doc: `{} {}`, Line: 1, Col: 4, Msg: "end of input after the JSON-LD document"},
		{Doc: `{"@context": "https://example.org/ctx.jsonld", "@id": "x"}`, Line: 1, Col: 14, Msg: `remote context "https://example.org/ctx.jsonld" is not loaded`},
		{Doc: `{"@context": {"@import": "https://example.org/c"}}`, Line: 1, Col: 26, Msg: "is not loaded"},
		{Doc: `{"@context": {"a": "b:x", "b": "a:y"}}`, Line: 1, Col: 32, Msg: "cyclic IRI mapping"},
		{Doc: `{"@context": {"@id": "http://e/"}}`, Line: 1, Col: 15, Msg: "keyword redefinition"},
		{Doc: `{"@context": {"t": {"@id": "http://e/t", "@foo": 1}}}`, Line: 1, Col: 42, Msg: `unknown key "@foo"`},
		{Doc: `{"@context": {"t": {"@type": "nope"}}}`, Line: 1, Col: 30, Msg: "invalid type mapping"},
		{Doc: `{"@context": {"t": {"@container": "@bag"}}}`, Line: 1, Col: 35, Msg: "invalid container mapping"},
		{Doc: `{"@context": {"@language": "not a tag"}}`, Line: 1, Col: 28, Msg: `bad language tag "not a tag"`},
		{Doc: head + `"@id": "s", "p": {"@value": "x", "@language": "e n"}}`, Line: 2, Col: 47, Msg: "bad language tag"},
		{Doc: head + `"@id": "s", "p": {"@value": "x", "@language": "en", "@type": "http://e/T"}}`, Line: 2, Col: 18, Msg: "both @type and @language"},
		{Doc: head + `"@id": "s", "p": {"@value": [1]}}`, Line: 2, Col: 29, Msg: "invalid value object value"},
		{Doc: head + `"@id": "s", "p": {"@value": 1, "@language": "en"}}`, Line: 2, Col: 29, Msg: "invalid language-tagged value"},
		{Doc: head + `"@id": "s", "p": {"@value": "x", "q": 1}}`, Line: 2, Col: 34, Msg: "not allowed beside @value"},
		{Doc: head + `"@id": 5}`, Line: 2, Col: 8, Msg: "invalid @id value"},
		{Doc: head + `"@id": "s", "@type": 5}`, Line: 2, Col: 22, Msg: "invalid type value"},
		{Doc: head + `"@id": "s", "p": {"@id": "a b"}}`, Line: 2, Col: 26, Msg: "bad IRI"},
		{Doc: head + `"@id": "s", "p": 1e400}`, Line: 2, Col: 18, Msg: "out of range"},
		{Doc: head + `"@id": "s", "@reverse": {"p": "literal"}}`, Line: 2, Col: 31, Msg: "invalid reverse property value"},
		{Doc: head + `"@id": "s", "@reverse": 1}`, Line: 2, Col: 25, Msg: "invalid @reverse value"},
		{Doc: head + `"@id": "s", "p": {"@type": "@json", "@value": {}}}`, Line: 2, Col: 28, Msg: "JSON literals"},
		{Doc: head + `"@graph": [{"@id": "s", "p": 1}], "@id": "g"}`, Line: 2, Col: 35, Msg: "write \"@id\" before @graph"},
		{Doc: head + `"@graph": [], "@context": {}}`, Line: 2, Col: 15, Msg: "duplicate key"},
		{Doc: head + `"@id": "s", "p": {"@list": [], "q": 1}}`, Line: 2, Col: 32, Msg: "not allowed beside @list"},
	})
	// Without a base IRI, a relative IRI is an error.
	_, err := readAll(strings.NewReader(`{"@id": "rel", "http://e/p": 1}`), "")
	if err == nil || !strings.Contains(err.Error(), `relative IRI "rel" and no base IRI`) {
		t.Errorf("relative @id without base: %v", err)
	}
}

func TestJSONLDReaderLimits(t *testing.T) {
	rdftest.CheckLimits(t, newReader, seedDoc, 200)
	got, err := rdftest.ReadAll(jsonld.NewReader(strings.NewReader(seedDoc), "http://b/", jsonld.MaxTriples(100), jsonld.MaxBytes(1<<20)))
	if err != nil || len(got) == 0 {
		t.Errorf("within limits: %d triples, %v", len(got), err)
	}
}
