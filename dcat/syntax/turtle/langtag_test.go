package turtle_test

import (
	"testing"

	"github.com/katalog-se/katalog/internal/rdftest"
)

// TestWriterLangTags writes literals with every kind of well-formed tag and
// reads them back with katalog's reader and, with KATALOG_REFEREE=1, with
// Jena: the tags come back exactly as written.
func TestWriterLangTags(t *testing.T) {
	rdftest.WriterLangTags(t, newW, readBack, "turtle", false)
}

// TestReaderLangTags checks the reader's side of the language-tag policy:
// every well-formed tag, as written; a malformed one (Turtle's LANGTAG
// grammar allows some) is a syntax error at the tag.
func TestReaderLangTags(t *testing.T) {
	rdftest.CheckLineLangTags(t, readAll, len(rdftest.LangTagLineHead)+1)
}
