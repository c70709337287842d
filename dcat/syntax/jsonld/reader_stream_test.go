package jsonld_test

import (
	"fmt"
	"io"
	"runtime"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/jsonld"
)

// genDoc is an io.Reader of a JSON-LD document of n node objects in
// @graph, made as it is read; served counts the bytes handed out.
type genDoc struct {
	n, i         int
	graphFirst   bool
	buf          []byte
	served       int64
	head, closed bool
}

const genContext = `"@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "@base": "https://example.se/"}`

func (g *genDoc) Read(p []byte) (int, error) {
	for len(g.buf) == 0 {
		switch {
		case !g.head:
			g.head = true
			if g.graphFirst {
				g.buf = []byte(`{"@graph": [`)
			} else {
				g.buf = []byte("{" + genContext + `, "@graph": [`)
			}
		case g.i < g.n:
			sep := ","
			if g.i == 0 {
				sep = ""
			}
			g.buf = fmt.Appendf(g.buf, `%s{"@id": "ds/%d", "@type": "dcat:Dataset", "dct:title": {"@value": "Datamängd %d", "@language": "sv"}, "dcat:keyword": ["a", "b"]}`+"\n", sep, g.i, g.i)
			g.i++
		case !g.closed:
			g.closed = true
			if g.graphFirst {
				g.buf = []byte("], " + genContext + "}")
			} else {
				g.buf = []byte("]}")
			}
		default:
			return 0, io.EOF
		}
	}
	n := copy(p, g.buf)
	g.buf = g.buf[n:]
	g.served += int64(n)
	return n, nil
}

func heapAlloc() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestReaderStreams reads a document of 200,000 nodes with @context before
// @graph and checks that the first triple comes before the Reader has read
// more than a buffer of input, and that the heap does not grow with the
// number of nodes read.
func TestReaderStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	const nodes = 200000
	g := &genDoc{n: nodes}
	r := jsonld.NewReader(g, "")
	if _, err := r.Read(); err != nil {
		t.Fatal(err)
	}
	if g.served > 256<<10 {
		t.Errorf("first triple after %d bytes of input: not streamed", g.served)
	}
	var before uint64
	n := 1
	for ; ; n++ {
		_, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if g.i == nodes/10 && before == 0 {
			before = heapAlloc()
		}
	}
	after := heapAlloc()
	if n != nodes*4 {
		t.Errorf("read %d triples, want %d", n, nodes*4)
	}
	if after > before+8<<20 {
		t.Errorf("heap grew from %d to %d bytes over %d MB of input", before, after, g.served>>20)
	}
	t.Logf("%d MB of input, %d triples; heap %d KB after 10%%, %d KB at the end", g.served>>20, n, before>>10, after>>10)
}

// TestReaderBuffersGraphFirst checks that a document with @graph before
// @context is read whole before its first triple, and read right.
func TestReaderBuffersGraphFirst(t *testing.T) {
	g := &genDoc{n: 1000, graphFirst: true}
	r := jsonld.NewReader(g, "")
	tr, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	if !g.closed {
		t.Errorf("first triple %v before the end of the document", tr)
	}
	n := 1
	for ; ; n++ {
		if _, err := r.Read(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
	}
	if n != 4000 {
		t.Errorf("read %d triples, want 4000", n)
	}
}
