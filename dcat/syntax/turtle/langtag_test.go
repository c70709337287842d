package turtle_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
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
	if ok, why := rdftest.Isomorphic(langTriples(t), got); !ok {
		t.Fatalf("%s: a different graph: %s", who, why)
	}
	for _, tr := range got {
		l := tr.Obj.(rdf.Literal)
		i, _ := strconv.Atoi(l.String()[len("titel "):])
		if l.Lang() != langTags[i] {
			t.Errorf("%s: %q has tag %q, written as %q", who, l.String(), l.Lang(), langTags[i])
		}
	}
}

// TestWriterLangTags writes literals with every kind of well-formed tag and
// reads them back with katalog's reader and, with KATALOG_REFEREE=1, with
// Jena: the tags come back exactly as written.
func TestWriterLangTags(t *testing.T) {
	out, kept, refused := rdftest.WriteAll(t, newW, langTriples(t))
	if len(refused) > 0 || len(kept) != len(langTags) {
		t.Fatalf("refused %v", refused)
	}
	got, err := readBack(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	checkTags(t, "katalog's reader", got)

	path := filepath.Join(t.TempDir(), "tags.ttl")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Run("Jena", func(t *testing.T) { checkTags(t, "Jena", rdftest.Jena(t, path, "turtle", true)) })
}

// TestReaderLangTags checks the reader's side of the language-tag policy:
// every well-formed tag, as written; a malformed one (Turtle's LANGTAG
// grammar allows some) is a syntax error at the tag.
func TestReaderLangTags(t *testing.T) {
	var doc bytes.Buffer
	for i, tag := range langTags {
		doc.WriteString(`<https://example.se/dataset/1> <http://purl.org/dc/terms/title> "titel ` + strconv.Itoa(i) + `"@` + tag + " .\n")
	}
	got, err := readAll(&doc, "")
	if err != nil {
		t.Fatal(err)
	}
	checkTags(t, "reader", got)

	const head = `<http://e/s> <http://e/p> "x"@`
	var cases []rdftest.SyntaxErrorCase
	for _, tag := range []string{"en-abcdefghi", "abcdefghi", "de-1901-1901", "en-a-bbb-a-ccc", "i-nope", "x", "en-x", "sv-SE-SE", "12"} {
		cases = append(cases, rdftest.SyntaxErrorCase{Doc: head + tag + " .", Line: 1, Col: len(head) + 1, Msg: `bad language tag "` + tag + `"`})
	}
	rdftest.CheckSyntaxErrors(t, readAll, "", cases)
}
