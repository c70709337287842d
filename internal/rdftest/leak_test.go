package rdftest

import (
	"strings"
	"testing"

	"github.com/knakk/rdf"
)

// TestParserGoroutinesSeesKnakksLeak checks the leak detector on a known
// leak: knakk/rdf's decoder keeps its lexer goroutine after a syntax error.
func TestParserGoroutinesSeesKnakksLeak(t *testing.T) {
	// Count the leaked goroutines before (a run with -count=2 leaves the
	// first run's leak behind) and after: the detector must see one more.
	leaks := func() int {
		g := parserGoroutines()
		if g == "" {
			return 0
		}
		return strings.Count(g, "\n\n") + 1
	}
	before := leaks()
	dec := rdf.NewTripleDecoder(strings.NewReader("<http://a> <http://b> \"x .\n<http://a> <http://b> <http://c> .\n"), rdf.NTriples)
	if _, err := dec.Decode(); err == nil {
		t.Fatal("the broken line decoded")
	}
	if after := leaks(); after != before+1 {
		t.Fatalf("%d parser goroutines before, %d after; want the leaked knakk lexer seen", before, after)
	}
}
