package turtle_test

import (
	"errors"
	"io"
	"testing"

	"github.com/katalog-se/katalog/dcat/ntriples"
	"github.com/katalog-se/katalog/dcat/turtle"
	"github.com/katalog-se/katalog/internal/rdftest"
	"github.com/knakk/rdf"
)

func readAll(r io.Reader, base string) ([]rdf.Triple, error) {
	tr := turtle.NewReader(r, base)
	var out []rdf.Triple
	for {
		t, err := tr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, t)
	}
}

func readNT(r io.Reader, _ string) ([]rdf.Triple, error) {
	nr := ntriples.NewReader(r)
	var out []rdf.Triple
	for {
		t, err := nr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, t)
	}
}

func TestW3CTurtle(t *testing.T) {
	passed, run := rdftest.RunW3C(t, "rdf-turtle", readAll, readAll, readNT, nil)
	t.Logf("W3C Turtle suite: %d/%d passed", passed, run)
}
