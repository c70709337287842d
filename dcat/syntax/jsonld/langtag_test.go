package jsonld_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/internal/rdftest"
	"github.com/knakk/rdf"
)

// TestWriterLangTags writes literals with every kind of well-formed tag and
// reads them back with katalog's reader, which gives the tags back exactly
// as written, and, with KATALOG_REFEREE=1, with Jena, whose JSON-LD 1.0
// processor (jsonld-java) lower-cases them as JSON-LD 1.0's expansion
// does: the same tags under RDF 1.1's case-insensitive comparison.
func TestWriterLangTags(t *testing.T) {
	rdftest.WriterLangTags(t, newWriter, readBack, "jsonld", true)
}

// TestReaderLangTags checks the reader's side of the language-tag policy:
// every well-formed tag, as written, in value objects, language maps and
// the context's default language; a malformed one is a syntax error at the
// tag's JSON string.
func TestReaderLangTags(t *testing.T) {
	var values, langMap strings.Builder
	for i, tag := range rdftest.LangTags {
		if i > 0 {
			values.WriteString(", ")
			langMap.WriteString(", ")
		}
		fmt.Fprintf(&values, `{"@value": "titel %d", "@language": %q}`, i, tag)
		fmt.Fprintf(&langMap, `%q: "titel %d"`, tag, i)
	}
	for name, doc := range map[string]string{
		"value objects": `{"@id": "https://example.se/dataset/1", "http://purl.org/dc/terms/title": [` + values.String() + `]}`,
		"language map": `{"@context": {"title": {"@id": "http://purl.org/dc/terms/title", "@container": "@language"}},
			"@id": "https://example.se/dataset/1", "title": {` + langMap.String() + `}}`,
	} {
		got, err := readAll(strings.NewReader(doc), "")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		rdftest.CheckLangTags(t, name, got, false)
	}
	for _, tag := range rdftest.LangTags {
		got, err := readAll(strings.NewReader(`{"@context": {"@language": "`+tag+`"}, "@id": "http://e/s", "http://e/p": "x"}`), "")
		if err != nil || len(got) != 1 || got[0].Obj.(rdf.Literal).Lang() != tag {
			t.Errorf("default language %q: %v %v", tag, got, err)
		}
	}

	var cases []rdftest.SyntaxErrorCase
	for _, tag := range slices.Concat(rdftest.BadLangTags, []string{"sv_SE"}) {
		msg := `bad language tag "` + tag + `"`
		cases = append(cases,
			rdftest.SyntaxErrorCase{Doc: `{"@id": "http://e/s", "http://e/p": {"@value": "x", "@language": "` + tag + `"}}`, Line: 1, Col: 66, Msg: msg},
			rdftest.SyntaxErrorCase{Doc: `{"@context": {"@language": "` + tag + `"}}`, Line: 1, Col: 28, Msg: msg},
			rdftest.SyntaxErrorCase{Doc: `{"@context": {"p": {"@id": "http://e/p", "@language": "` + tag + `"}}}`, Line: 1, Col: 55, Msg: msg},
			rdftest.SyntaxErrorCase{Doc: `{"@context": {"p": {"@id": "http://e/p", "@container": "@language"}}, "@id": "http://e/s", "p": {"` + tag + `": "x"}}`, Line: 1, Col: 98, Msg: "language map key: " + msg})
	}
	rdftest.CheckSyntaxErrors(t, readAll, "", cases)
}
