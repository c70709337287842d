package rdfxml_test

import (
	"errors"
	"io"
	"testing"

	"github.com/katalog-se/katalog/dcat/ntriples"
	"github.com/katalog-se/katalog/dcat/rdfxml"
	"github.com/katalog-se/katalog/dcat/turtle"
	"github.com/katalog-se/katalog/internal/rdftest"
	"github.com/knakk/rdf"
)

type reader interface{ Read() (rdf.Triple, error) }

func drain(r reader) ([]rdf.Triple, error) {
	var out []rdf.Triple
	for {
		t, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, t)
	}
}

func readAll(r io.Reader, base string) ([]rdf.Triple, error) {
	return drain(rdfxml.NewReader(r, base))
}

func readTurtle(r io.Reader, base string) ([]rdf.Triple, error) {
	return drain(turtle.NewReader(r, base))
}

func readNT(r io.Reader, _ string) ([]rdf.Triple, error) {
	return drain(ntriples.NewReader(r))
}

func TestW3CRDFXML(t *testing.T) {
	passed, run := rdftest.RunW3C(t, "rdf-xml", readAll, readTurtle, readNT, nil)
	t.Logf("W3C RDF/XML suite: %d/%d passed", passed, run)
}
