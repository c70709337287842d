package ntriples_test

import (
	"strings"
	"testing"

	"github.com/katalog-se/katalog/internal/rdftest"
)

// TestWriterLangTags writes literals with every kind of well-formed tag and
// reads them back with katalog's reader and, with KATALOG_REFEREE=1, with
// Jena: the tags come back exactly as written.
func TestWriterLangTags(t *testing.T) {
	rdftest.WriterLangTags(t, newW, readBack, "ntriples", false)
}

// TestReaderLangTags checks the reader's side of the language-tag policy:
// every well-formed tag, as written; a malformed one (N-Triples' LANGTAG
// grammar allows some) is a syntax error at its '@'.
func TestReaderLangTags(t *testing.T) {
	got, err := readAll(strings.NewReader(rdftest.LineLangTags()), "")
	if err != nil {
		t.Fatal(err)
	}
	rdftest.CheckLangTags(t, "reader", got, false)

	const head = `<http://e/s> <http://e/p> "x"@`
	var cases []rdftest.SyntaxErrorCase
	for _, tag := range rdftest.BadLangTags {
		cases = append(cases, rdftest.SyntaxErrorCase{Doc: head + tag + " .", Line: 1, Col: len(head), Msg: `bad language tag "` + tag + `"`})
	}
	rdftest.CheckSyntaxErrors(t, readAll, "", cases)
}
