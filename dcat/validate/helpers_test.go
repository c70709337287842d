package validate

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/syntax/rdfxml"
	"github.com/katalog-se/katalog/dcat/syntax/turtle"
	"github.com/katalog-se/katalog/internal/rdftest"
)

// parseTurtle reads a Turtle document into triples.
func parseTurtle(t testing.TB, doc string) []rdf.Triple {
	t.Helper()
	return readAll(t, turtle.NewReader(strings.NewReader(doc), "https://example.se/"))
}

func readAll(t testing.TB, r rdfio.Reader) []rdf.Triple {
	t.Helper()
	var out []rdf.Triple
	for {
		tr, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("parse: %v", err)
		}
		out = append(out, tr)
	}
}

// validateFile validates a file of ../shared by its extension.
func validateFile(t *testing.T, path string) *Report {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r rdfio.Reader
	if filepath.Ext(path) == ".rdf" {
		r = rdfxml.NewReader(f, "https://example.com/")
	} else {
		r = turtle.NewReader(f, "https://example.com/")
	}
	rep, err := New(DCATAPSE301()).Validate(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// sharedExamples returns the folder of Digg's examples or skips.
func sharedExamples(t *testing.T) string {
	return filepath.Join(rdftest.SharedDir(t), "data", "dcat-ap-se", "examples")
}

// pairs lists a report's findings as "severity rule focus".
func pairs(r *Report) []string {
	out := make([]string, len(r.Results))
	for i, res := range r.Results {
		out[i] = res.Severity.String() + " " + res.Rule + " " + res.Focus
	}
	return out
}
