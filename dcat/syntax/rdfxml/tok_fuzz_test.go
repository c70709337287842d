package rdfxml

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
	"github.com/knakk/rdf"
)

// tokens returns the tokens of data as text, and the error that ended
// them; slow turns the tokenizer's fast paths off.
func tokens(data []byte, slow bool) (string, string) {
	z := newTokenizer(rdfparse.NewInputBytes(data), nil)
	z.slow = slow
	var b bytes.Buffer
	for i := 0; i < 100000; i++ {
		k, err := z.Next()
		if err != nil {
			return b.String(), err.Error()
		}
		switch k {
		case tStart:
			fmt.Fprintf(&b, "<%s:%s", z.name.Space, z.name.Local)
			for _, a := range z.attrs {
				fmt.Fprintf(&b, " %s:%s=%q", a.Name.Space, a.Name.Local, a.Value)
			}
			b.WriteString(">")
		case tEnd:
			fmt.Fprintf(&b, "</%s:%s>", z.name.Space, z.name.Local)
		case tText:
			fmt.Fprintf(&b, "%q", z.text)
		case tPI:
			fmt.Fprintf(&b, "<?%s %q?>", z.target, z.text)
		}
	}
	return b.String(), "too many tokens"
}

// FuzzTokenizerFastPath checks that the tokenizer's fast paths give the
// tokens and errors that reading byte by byte gives.
func FuzzTokenizerFastPath(f *testing.F) {
	f.Add([]byte(`<a:b x:y="1" z='2'><a:b x:y="åä" q="&amp;"/>text åäö<a:b
 x:y = "v"  >t</a:b></a:b>`))
	f.Add([]byte(`<r><p a="1" a="2"/><p a="x` + "\t" + `y"/><p a="1"b="2"/><p a='"'/></r>`))
	f.Add([]byte("<r>\xff<p a=\"\xef\xbf\xbe\"/></r>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fast, ferr := tokens(data, false)
		slow, serr := tokens(data, true)
		if fast != slow || ferr != serr {
			t.Fatalf("fast path:\n%s\n%s\nbyte by byte:\n%s\n%s", fast, ferr, slow, serr)
		}
	})
}

// readTriples reads data with the Reader, its fast paths on or off. A
// MaxTriples error is given without its position: the fast paths end an
// element within its start tag's token, so the token at which the limit
// is met may differ.
func readTriples(data []byte, slow bool) (string, string) {
	out, err := readTriplesErr(data, slow)
	var le *LimitError
	if errors.As(err, &le) && le.Limit == "MaxTriples" {
		return out, "more than MaxTriples"
	}
	return out, err.Error()
}

func readTriplesErr(data []byte, slow bool) (string, error) {
	// A third of the inputs meet a small MaxTriples limit.
	limit := int64(10000)
	if len(data)%3 == 0 {
		limit = int64(len(data)%11 + 1)
	}
	x := NewReader(bytes.NewReader(data), "http://base.example/", MaxTriples(limit))
	x.tok.slow = slow
	var b bytes.Buffer
	if !slow {
		// The fast side reads in batches (ReadQuads), of three quads at
		// most so that batches end everywhere.
		dst := make([]rdf.Quad, 3)
		for {
			n, err := x.ReadQuads(dst)
			if err != nil {
				return b.String(), err
			}
			for _, q := range dst[:n] {
				b.WriteString(q.Triple.Serialize(rdf.NTriples))
			}
		}
	}
	for {
		t, err := x.Read()
		if err != nil {
			return b.String(), err
		}
		b.WriteString(t.Serialize(rdf.NTriples))
	}
}

// FuzzReaderFastPath checks that the Reader's fast paths (start tags read
// at once, property elements ended without their own tokens, white space
// skipped, quads read in batches) give the triples and errors of the
// token-by-token path.
func FuzzReaderFastPath(f *testing.F) {
	f.Add([]byte(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/">
<rdf:Description rdf:about="s"><e:p>x</e:p><e:p xml:lang="sv">å</e:p><e:q rdf:resource="o"/><e:r rdf:datatype="http://e/d">1</e:r>
<e:p rdf:resource="o">text</e:p><e:p>a]b</e:p><e:p>a&amp;b</e:p><e:p></e:p><e:p/><e:p><e:T/></e:p></rdf:Description></rdf:RDF>`))
	f.Add([]byte(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/" xmlns:r="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:xmlr="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xml:lang="en">
<e:T rdf:about="http://e/s" xml:base="http://b/">
  <e:p xml:lang="sv">å</e:p> <e:p xml:lang="">x</e:p> <e:p xml:lang="bad tag">x</e:p> <e:p xml:lang="en">x</e:p>
  <e:p rdf:datatype="http://e/d" xml:lang="sv">1</e:p> <e:p r:datatype="d">2</e:p> <e:p rdf:datatype="d" r:datatype="e">3</e:p>
  <e:p rdf:nodeID="n1"/> <e:p rdf:nodeID="1bad"/> <e:p rdf:resource="o" r:resource="p"/> <e:p rdf:resource="o" rdf:nodeID="n"/>
  <e:p xmlr:resource="o"/> <e:p rdf:resource="o" rdf:datatype="d"/> <e:p rdf:resource="a b"/> <e:p rdf:resource="#x"></e:p>
  <e:p e:q="v"/> <e:p q="v"/> <e:p xmlns:f="http://f/" rdf:resource="o"/> <e:p rdf:ID="i">t</e:p> <rdf:li>t</rdf:li> <rdf:type rdf:resource="T"/>
  <e:p rdf:datatype="http://e/{d}">t</e:p> <e:p>t</e:q> <e:p>t</e:p > <e:p  rdf:resource = 'o' />
</e:T></rdf:RDF>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fast, ferr := readTriples(data, false)
		slow, serr := readTriples(data, true)
		if fast != slow || ferr != serr {
			t.Fatalf("fast paths:\n%s\n%s\ntoken by token:\n%s\n%s", fast, ferr, slow, serr)
		}
	})
}

// TestValueStops checks the eight-bytes-at-a-time scan of attribute
// values against valClass: the lowest flagged byte is the first that is
// not cPlain, for every byte value at every position, after any others.
func TestValueStops(t *testing.T) {
	first := func(w [8]byte) int {
		for i, c := range w {
			if valClass[c] != cPlain {
				return i
			}
		}
		return 8
	}
	got := func(w [8]byte) int {
		m := valueStops(binary.LittleEndian.Uint64(w[:]))
		if m == 0 {
			return 8
		}
		return bits.TrailingZeros64(m) >> 3
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for b := 0; b < 256; b++ {
		for p := 0; p < 8; p++ {
			for k := 0; k < 64; k++ {
				var w [8]byte
				for i := range w {
					if k == 0 {
						w[i] = 'a'
					} else {
						w[i] = byte(rng.Uint32())
					}
				}
				for i := 0; i < p; i++ {
					for valClass[w[i]] != cPlain {
						w[i] = byte(rng.Uint32())
					}
				}
				w[p] = byte(b)
				if g, want := got(w), first(w); g != want {
					t.Fatalf("%q: valueStops says %d, valClass %d", w, g, want)
				}
			}
		}
	}
}
