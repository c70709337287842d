package rdftest

import (
	"strings"
	"testing"

	"github.com/knakk/rdf"
)

// TestParserGoroutinesSeesKnakksLeak checks the leak detector on a known
// leak: knakk/rdf's decoder keeps its lexer goroutine after a syntax error.
func TestParserGoroutinesSeesKnakksLeak(t *testing.T) {
	if g := parserGoroutines(); g != "" {
		t.Fatalf("leak before the test:\n%s", g)
	}
	dec := rdf.NewTripleDecoder(strings.NewReader("<http://a> <http://b> \"x .\n<http://a> <http://b> <http://c> .\n"), rdf.NTriples)
	if _, err := dec.Decode(); err == nil {
		t.Fatal("the broken line decoded")
	}
	if parserGoroutines() == "" {
		t.Fatal("the leaked knakk lexer goroutine was not seen")
	}
}
