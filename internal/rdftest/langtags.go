package rdftest

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
)

// LangTags are well-formed BCP 47 tags in the case they are written;
// knakk's rdf.NewLangLiteral refuses most of them (more than one '-',
// grandfathered, private use, extensions). Every syntax's reader and writer
// must carry them as written (dcat/syntax/langtag's policy).
var LangTags = []string{
	"sv", "SV-se", "es-419", "zh-Hant-TW", "ZH-hant-tw", "sr-Latn-RS", "i-klingon", "de-CH-1996", "x-private",
	"en-US-u-ca-gregory", "en-GB-oed", "sgn-BE-FR", "zh-min-nan", "qaa-Qaaa-QM-x-southern", "hy-Latn-IT-arevela",
}

// BadLangTags are not well-formed BCP 47 (some pass Turtle's LANGTAG
// grammar): every reader refuses them with a located syntax error.
var BadLangTags = []string{"en-abcdefghi", "abcdefghi", "de-1901-1901", "en-a-bbb-a-ccc", "i-nope", "x", "en-x", "sv-SE-SE", "12"}

// LangTriples gives one title of https://example.se/dataset/1 per tag of
// LangTags, the text naming the tag's index ("titel 3").
func LangTriples(t testing.TB) []rdf.Triple {
	t.Helper()
	s, _ := rdf.NewIRI("https://example.se/dataset/1")
	p, _ := rdf.NewIRI("http://purl.org/dc/terms/title")
	ts := make([]rdf.Triple, 0, len(LangTags))
	for i, tag := range LangTags {
		l, err := rdfparse.NewLangLiteral("titel "+strconv.Itoa(i), tag)
		if err != nil {
			t.Fatalf("%s: %v", tag, err)
		}
		ts = append(ts, rdf.Triple{Subj: s, Pred: p, Obj: l})
	}
	return ts
}

// CheckLangTags checks that got holds each title of LangTriples with its
// tag exactly as written (case too); with folded, in any case (RDF 1.1
// compares tags case-insensitively).
func CheckLangTags(t testing.TB, who string, got []rdf.Triple, folded bool) {
	t.Helper()
	if ok, why := Isomorphic(LangTriples(t), got); !ok {
		t.Fatalf("%s: a different graph: %s", who, why)
	}
	if folded {
		return
	}
	for _, tr := range got {
		l := tr.Obj.(rdf.Literal)
		i, _ := strconv.Atoi(strings.TrimPrefix(l.String(), "titel "))
		if l.Lang() != LangTags[i] {
			t.Errorf("%s: %q has tag %q, written as %q", who, l.String(), l.Lang(), LangTags[i])
		}
	}
}

// WriterLangTags writes literals with every kind of well-formed tag with
// newWriter and reads them back with readBack, which must give the tags
// exactly as written, and, with KATALOG_REFEREE=1, with Jena (format as
// the referee names it; jenaFolds when Jena's reader changes the tags'
// case, as its JSON-LD 1.0 processor does).
func WriterLangTags(t *testing.T, newWriter func(io.Writer) rdfio.Writer, readBack func(io.Reader) ([]rdf.Triple, error), format string, jenaFolds bool) {
	out, kept, refused := WriteAll(t, newWriter, LangTriples(t))
	if len(refused) > 0 || len(kept) != len(LangTags) {
		t.Fatalf("refused %v", refused)
	}
	got, err := readBack(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	CheckLangTags(t, "katalog's reader", got, false)
	path := filepath.Join(t.TempDir(), "tags."+format)
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Run("Jena", func(t *testing.T) { CheckLangTags(t, "Jena", Jena(t, path, format, true), jenaFolds) })
}

// LineLangTags is the document that gives LangTriples, one N-Triples line
// a title (Turtle reads it too).
func LineLangTags() string {
	var doc strings.Builder
	for i, tag := range LangTags {
		doc.WriteString(`<https://example.se/dataset/1> <http://purl.org/dc/terms/title> "titel ` + strconv.Itoa(i) + `"@` + tag + " .\n")
	}
	return doc.String()
}

// LangTagLineHead is the line of a literal in N-Triples (and Turtle) up to
// its language tag: the line of CheckLineLangTags's bad tags is
// LangTagLineHead + tag + " .".
const LangTagLineHead = `<http://e/s> <http://e/p> "x"@`

// CheckLineLangTags is the reader's side of the language-tag policy for
// the line syntaxes (N-Triples, Turtle): parse reads LineLangTags with
// every tag as written, and refuses each of BadLangTags, on the line
// LangTagLineHead + tag + " .", with a syntax error at column col of line
// 1 (the '@', len(LangTagLineHead), or the tag, one more).
func CheckLineLangTags(t *testing.T, parse ParseFunc, col int) {
	t.Helper()
	got, err := parse(strings.NewReader(LineLangTags()), "")
	if err != nil {
		t.Fatal(err)
	}
	CheckLangTags(t, "reader", got, false)
	var cases []SyntaxErrorCase
	for _, tag := range BadLangTags {
		cases = append(cases, SyntaxErrorCase{Doc: LangTagLineHead + tag + " .", Line: 1, Col: col, Msg: `bad language tag "` + tag + `"`})
	}
	CheckSyntaxErrors(t, parse, "", cases)
}
