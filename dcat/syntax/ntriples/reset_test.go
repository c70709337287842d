package ntriples_test

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/ntriples"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/knakk/rdf"
)

// TestReset: a Reader reset onto a new document reads it as a new Reader
// does: the same triples, errors at lines counted from the new start,
// whatever the first document left behind (a half-read line, an error, a
// subject remembered).
func TestReset(t *testing.T) {
	docs := []string{
		"<https://x.se/a> <https://x.se/p> \"ett\"@sv .\n<https://x.se/a> <https://x.se/q> <https://x.se/b> .\n",
		"<https://x.se/a> <https://x.se/p> \"two\"@en .\n_:b1 <https://x.se/q> \"3\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n",
		"<https://x.se/c> <https://x.se/p> \"x\" .\n<https://x.se/c> <https://x.se/p> oops .\n",
		"<https://x.se/a> <https://x.se/p> \"" + strings.Repeat("long ", 30000) + "\" .\n",
		"",
	}
	readAll := func(r *ntriples.Reader) ([]rdf.Triple, error) {
		var ts []rdf.Triple
		for {
			tr, err := r.Read()
			if errors.Is(err, io.EOF) {
				return ts, nil
			}
			if err != nil {
				return ts, err
			}
			ts = append(ts, tr)
		}
	}
	reused := ntriples.NewReader(strings.NewReader("<https://x.se/half> <https://x.se/p> "))
	reused.Read() // an error: the document ends in the middle of a triple
	for round := range 2 {
		for i, doc := range docs {
			want, werr := readAll(ntriples.NewReader(strings.NewReader(doc)))
			reused.Reset(strings.NewReader(doc))
			got, gerr := readAll(reused)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("round %d, document %d: %d triples after Reset, want %d", round, i, len(got), len(want))
			}
			var gs, ws *rdfio.SyntaxError
			if (werr == nil) != (gerr == nil) || errors.As(werr, &ws) && (!errors.As(gerr, &gs) || gs.Line != ws.Line || gs.Column != ws.Column) {
				t.Errorf("round %d, document %d: error %v after Reset, want %v", round, i, gerr, werr)
			}
		}
	}
}
