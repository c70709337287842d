package rdfxml_test

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

	path := filepath.Join(t.TempDir(), "tags.rdf")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Run("Jena", func(t *testing.T) { checkTags(t, "Jena", rdftest.Jena(t, path, "rdfxml", true)) })
}

// TestReaderLangTags checks the reader's side of the language-tag policy:
// every well-formed xml:lang, as written; xml:lang="" takes the language
// away; a malformed one is a syntax error at the element that carries it,
// even where no literal uses it.
func TestReaderLangTags(t *testing.T) {
	var doc bytes.Buffer
	doc.WriteString(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dct="http://purl.org/dc/terms/">` + "\n")
	doc.WriteString(`<rdf:Description rdf:about="https://example.se/dataset/1">` + "\n")
	for i, tag := range langTags {
		doc.WriteString(`<dct:title xml:lang="` + tag + `">titel ` + strconv.Itoa(i) + "</dct:title>\n")
	}
	doc.WriteString("</rdf:Description>\n</rdf:RDF>\n")
	got, err := readAll(&doc, "")
	if err != nil {
		t.Fatal(err)
	}
	checkTags(t, "reader", got)

	got, err = readAll(bytes.NewBufferString(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dct="http://purl.org/dc/terms/" xml:lang="sv">
<rdf:Description rdf:about="https://example.se/d"><dct:title xml:lang="">x</dct:title><dct:title>y</dct:title></rdf:Description></rdf:RDF>`), "")
	if err != nil || len(got) != 2 || got[0].Obj.(rdf.Literal).Lang() != "" || got[1].Obj.(rdf.Literal).Lang() != "sv" {
		t.Fatalf("xml:lang=\"\" and inherited: %v %v", got, err)
	}

	const head = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:p="http://e/">` + "\n"
	var cases []rdftest.SyntaxErrorCase
	for _, tag := range []string{"en-abcdefghi", "abcdefghi", "de-1901-1901", "en-a-bbb-a-ccc", "i-nope", "x", "en-x", "sv-SE-SE", "12", "sv_SE", "sv SE", " sv"} {
		cases = append(cases,
			rdftest.SyntaxErrorCase{Doc: head + `<rdf:Description rdf:about="http://e/s"><p:p xml:lang="` + tag + `">x</p:p></rdf:Description></rdf:RDF>`,
				Line: 2, Col: 41, Msg: `xml:lang: bad language tag "` + tag + `"`},
			rdftest.SyntaxErrorCase{Doc: head + `<rdf:Description xml:lang="` + tag + `" rdf:about="http://e/s"><p:p rdf:resource="http://e/o"/></rdf:Description></rdf:RDF>`,
				Line: 2, Col: 1, Msg: `xml:lang: bad language tag "` + tag + `"`})
	}
	rdftest.CheckSyntaxErrors(t, readAll, "", cases)
}
