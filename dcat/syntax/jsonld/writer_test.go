package jsonld

import (
	"io"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/internal/rdftest"
	"github.com/knakk/rdf"
)

func newW(w io.Writer) rdfio.Writer { return NewWriter(w, Options{}) }

func parse(r io.Reader) ([]rdf.Triple, error) { return rdftest.ParseFlatJSONLD(r) }

// writerSuite is the Writer's share of the checks every writer passes, its
// output read back with the flat parser (the Reader's tests read it back
// with the Reader).
var writerSuite = rdftest.WriterSuite{New: newW, ReadBack: parse, Golden: "fixture.jsonld", Syntax: "jsonld", Ext: "jsonld"}

func TestWriter(t *testing.T) { writerSuite.Run(t) }

func FuzzWriter(f *testing.F) { writerSuite.Fuzz(f) }

func BenchmarkJSONLDWriter(b *testing.B) { rdftest.BenchWriter(b, newW) }
