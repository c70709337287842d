package turtle_test

import (
	"io"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/syntax/turtle"
	"github.com/katalog-se/katalog/internal/rdftest"
	"github.com/knakk/rdf"
)

func newW(w io.Writer) rdfio.Writer { return turtle.NewWriter(w, turtle.Options{}) }

// readBack reads the writer's output back with katalog's own reader
// (readAll, in w3c_reader_test.go).
func readBack(r io.Reader) ([]rdf.Triple, error) { return readAll(r, "") }

// writerSuite is the Writer's share of the checks every writer passes.
var writerSuite = rdftest.WriterSuite{New: newW, ReadBack: readBack, Golden: "fixture.ttl", Syntax: "turtle", Ext: "ttl"}

func TestWriter(t *testing.T) { writerSuite.Run(t) }

func FuzzWriter(f *testing.F) { writerSuite.Fuzz(f) }

func BenchmarkTurtleWriter(b *testing.B) { rdftest.BenchWriter(b, newW) }
