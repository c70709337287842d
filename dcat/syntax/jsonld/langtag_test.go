package jsonld_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
	"github.com/katalog-se/katalog/internal/rdftest"
	"github.com/knakk/rdf"
)

// langTags are well-formed BCP 47 tags in the case they are written; knakk's
// rdf.NewLangLiteral refuses most of them (more than one '-', grandfathered,
// private use, extensions).
var langTags = []string{
	"sv", "SV-se", "es-419", "zh-Hant-TW", "ZH-hant-tw", "sr-Latn-RS", "i-klingon", "de-CH-1996", "x-private",
	"en-US-u-ca-gregory", "en-GB-oed", "sgn-BE-FR", "zh-min-nan", "qaa-Qaaa-QM-x-southern", "hy-Latn-IT-arevela",
}

// langTriples gives one title per tag, the text naming the tag's index.
func langTriples(t *testing.T) []rdf.Triple {
	s, _ := rdf.NewIRI("https://example.se/dataset/1")
	p, _ := rdf.NewIRI("http://purl.org/dc/terms/title")
	var ts []rdf.Triple
	for i, tag := range langTags {
		l, err := rdfparse.NewLangLiteral("titel "+strconv.Itoa(i), tag)
		if err != nil {
			t.Fatalf("%s: %v", tag, err)
		}
		ts = append(ts, rdf.Triple{Subj: s, Pred: p, Obj: l})
	}
	return ts
}

// checkTags checks that got holds each title of langTriples with its tag
// exactly as written (case too).
func checkTags(t *testing.T, who string, got []rdf.Triple) {
	t.Helper()
	checkTagsFolded(t, who, got)
	for _, tr := range got {
		l := tr.Obj.(rdf.Literal)
		i, _ := strconv.Atoi(l.String()[len("titel "):])
		if l.Lang() != langTags[i] {
			t.Errorf("%s: %q has tag %q, written as %q", who, l.String(), l.Lang(), langTags[i])
		}
	}
}

// checkTagsFolded checks that got holds each title of langTriples with its
// tag in any case (RDF 1.1 compares tags case-insensitively).
func checkTagsFolded(t *testing.T, who string, got []rdf.Triple) {
	t.Helper()
	if ok, why := rdftest.Isomorphic(langTriples(t), got); !ok {
		t.Fatalf("%s: a different graph: %s", who, why)
	}
}

// TestWriterLangTags writes literals with every kind of well-formed tag and
// reads them back with katalog's reader, which gives the tags back exactly
// as written, and, with KATALOG_REFEREE=1, with Jena, whose JSON-LD 1.0
// processor (jsonld-java) lower-cases them as JSON-LD 1.0's expansion
// does: the same tags under RDF 1.1's case-insensitive comparison.
func TestWriterLangTags(t *testing.T) {
	out, kept, refused := rdftest.WriteAll(t, newWriter, langTriples(t))
	if len(refused) > 0 || len(kept) != len(langTags) {
		t.Fatalf("refused %v", refused)
	}
	got, err := readBack(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	checkTags(t, "katalog's reader", got)

	path := filepath.Join(t.TempDir(), "tags.jsonld")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Run("Jena", func(t *testing.T) { checkTagsFolded(t, "Jena", rdftest.Jena(t, path, "jsonld", true)) })
}

// TestReaderLangTags checks the reader's side of the language-tag policy:
// every well-formed tag, as written, in value objects, language maps and
// the context's default language; a malformed one is a syntax error at the
// tag's JSON string.
func TestReaderLangTags(t *testing.T) {
	var values, langMap strings.Builder
	for i, tag := range langTags {
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
		checkTags(t, name, got)
	}
	for _, tag := range langTags {
		got, err := readAll(strings.NewReader(`{"@context": {"@language": "`+tag+`"}, "@id": "http://e/s", "http://e/p": "x"}`), "")
		if err != nil || len(got) != 1 || got[0].Obj.(rdf.Literal).Lang() != tag {
			t.Errorf("default language %q: %v %v", tag, got, err)
		}
	}

	var cases []rdftest.SyntaxErrorCase
	for _, tag := range []string{"en-abcdefghi", "abcdefghi", "de-1901-1901", "en-a-bbb-a-ccc", "i-nope", "x", "en-x", "sv-SE-SE", "12", "sv_SE"} {
		msg := `bad language tag "` + tag + `"`
		cases = append(cases,
			rdftest.SyntaxErrorCase{Doc: `{"@id": "http://e/s", "http://e/p": {"@value": "x", "@language": "` + tag + `"}}`, Line: 1, Col: 66, Msg: msg},
			rdftest.SyntaxErrorCase{Doc: `{"@context": {"@language": "` + tag + `"}}`, Line: 1, Col: 28, Msg: msg},
			rdftest.SyntaxErrorCase{Doc: `{"@context": {"p": {"@id": "http://e/p", "@language": "` + tag + `"}}}`, Line: 1, Col: 55, Msg: msg},
			rdftest.SyntaxErrorCase{Doc: `{"@context": {"p": {"@id": "http://e/p", "@container": "@language"}}, "@id": "http://e/s", "p": {"` + tag + `": "x"}}`, Line: 1, Col: 98, Msg: "language map key: " + msg})
	}
	rdftest.CheckSyntaxErrors(t, readAll, "", cases)
}
