package rdftest

import (
	"bytes"
	"errors"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/ntriples"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
	"github.com/katalog-se/katalog/dcat/syntax/turtle"
	"github.com/knakk/rdf"
)

// NewReaderFunc returns a reader of r that resolves relative IRIs against
// base (a format without base IRIs, N-Triples, ignores it) within the
// limits opts. The reader packages' tests adapt their NewReader to it.
type NewReaderFunc func(r io.Reader, base string, opts ...rdfparse.Option) rdfio.Reader

// Adapt turns a reader package's NewReader (Turtle's, RDF/XML's) into a
// NewReaderFunc.
func Adapt[R rdfio.Reader](newReader func(io.Reader, string, ...rdfparse.Option) R) NewReaderFunc {
	return func(r io.Reader, base string, opts ...rdfparse.Option) rdfio.Reader {
		return newReader(r, base, opts...)
	}
}

// AdaptNoBase turns the NewReader of a format without base IRIs
// (N-Triples) into a NewReaderFunc that ignores the base IRI.
func AdaptNoBase[R rdfio.Reader](newReader func(io.Reader, ...rdfparse.Option) R) NewReaderFunc {
	return func(r io.Reader, _ string, opts ...rdfparse.Option) rdfio.Reader {
		return newReader(r, opts...)
	}
}

// NewQuadReaderFunc is NewReaderFunc for a reader of quads (TriG,
// N-Quads, JSON-LD).
type NewQuadReaderFunc func(r io.Reader, base string, opts ...rdfparse.Option) rdfio.QuadReader

// AdaptQuads turns a reader package's NewReader of quads (TriG's,
// JSON-LD's) into a NewQuadReaderFunc.
func AdaptQuads[R rdfio.QuadReader](newReader func(io.Reader, string, ...rdfparse.Option) R) NewQuadReaderFunc {
	return func(r io.Reader, base string, opts ...rdfparse.Option) rdfio.QuadReader {
		return newReader(r, base, opts...)
	}
}

// AdaptQuadsNoBase is AdaptQuads for a format without base IRIs
// (N-Quads).
func AdaptQuadsNoBase[R rdfio.QuadReader](newReader func(io.Reader, ...rdfparse.Option) R) NewQuadReaderFunc {
	return func(r io.Reader, _ string, opts ...rdfparse.Option) rdfio.QuadReader {
		return newReader(r, opts...)
	}
}

// ReadAllQuads returns the quads of r up to io.EOF, or those read before
// the first error and the error.
func ReadAllQuads(r rdfio.QuadReader) ([]rdf.Quad, error) {
	var out []rdf.Quad
	for {
		q, err := r.ReadQuad()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, q)
	}
}

// ParseQuads returns a QuadParseFunc that reads a whole document with
// newReader and no limits.
func ParseQuads(newReader NewQuadReaderFunc) QuadParseFunc {
	return func(r io.Reader, base string) ([]rdf.Quad, error) {
		return ReadAllQuads(newReader(r, base))
	}
}

// ReadAll returns the triples of r up to io.EOF, or those read before the
// first error and the error.
func ReadAll(r rdfio.Reader) ([]rdf.Triple, error) {
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

// Parse returns a ParseFunc that reads a whole document with newReader
// and no limits.
func Parse(newReader NewReaderFunc) ParseFunc {
	return func(r io.Reader, base string) ([]rdf.Triple, error) {
		return ReadAll(newReader(r, base))
	}
}

// The reference readers, katalog's readers of the syntaxes the W3C suites'
// manifests (Turtle) and expected results (N-Triples, N-Quads) are written
// in, reading whole documents with no limits. rdftest may import the
// turtle and ntriples packages because their tests are all external
// (package turtle_test, ntriples_test): an internal test of either that
// imported rdftest would be an import cycle.
var (
	ReadTurtle   = Parse(Adapt(turtle.NewReader))
	ReadNTriples = Parse(AdaptNoBase(ntriples.NewReader))
	ReadNQuads   = ParseQuads(AdaptQuadsNoBase(ntriples.NewQuadReader))
)

// AddSeeds adds each document to f's seed corpus.
func AddSeeds(f *testing.F, docs ...string) {
	for _, d := range docs {
		f.Add([]byte(d))
	}
}

// FuzzBase is the base IRI that FuzzReader reads with.
const FuzzBase = "https://example.se/base"

// FuzzReader is the body of a reader's fuzz target: it reads data with
// newReader (base FuzzBase, MaxTriples 10000), for some inputs stopping
// after a few triples, and fails t unless every triple has its three
// terms, every error is io.EOF, an *rdfio.SyntaxError with a line and
// column from 1, or a *rdfparse.LimitError, and no goroutine is left
// behind.
func FuzzReader(t *testing.T, data []byte, newReader NewReaderFunc) {
	t.Helper()
	r := newReader(bytes.NewReader(data), FuzzBase, rdfparse.MaxTriples(10000))
	fuzzRead(t, data, func() error {
		tr, err := r.Read()
		if err == nil {
			checkTerms(t, tr)
		}
		return err
	})
}

// CheckSubset is the check of a fuzz target for a syntax that is a subset
// of another (N-Triples of Turtle and of N-Quads, Turtle of TriG): where
// sub reads data, with base, as at most 50 triples, super must read it
// too, as the same dataset (sub's triples in the default graph). subName
// and superName name the syntaxes in the failures.
func CheckSubset(t *testing.T, data []byte, base string, subName string, sub ParseFunc, superName string, super QuadParseFunc) {
	t.Helper()
	ts, err := sub(bytes.NewReader(data), base)
	if err != nil || len(ts) > 50 {
		return
	}
	qs, err := super(bytes.NewReader(data), base)
	if err != nil {
		t.Fatalf("%s reader accepts, %s reader rejects: %v", subName, superName, err)
	}
	if ok, why := IsomorphicDatasets(QuadsOf(ts), qs); !ok {
		t.Fatalf("%s and %s readers differ:\n%s", subName, superName, why)
	}
}

// checkTerms fails t if a term of tr is missing.
func checkTerms(t *testing.T, tr rdf.Triple) {
	t.Helper()
	if tr.Subj == nil || tr.Pred == nil || tr.Obj == nil {
		t.Fatalf("a triple with a missing term: %#v", tr)
	}
}

// FuzzQuadReader is FuzzReader for a reader of quads: it reads data with
// ReadQuad, and checks that a named graph's quad names its graph with an
// IRI or a blank node.
func FuzzQuadReader(t *testing.T, data []byte, newReader NewQuadReaderFunc) {
	t.Helper()
	r := newReader(bytes.NewReader(data), FuzzBase, rdfparse.MaxTriples(10000))
	fuzzRead(t, data, func() error {
		q, err := r.ReadQuad()
		if err == nil {
			checkTerms(t, q.Triple)
		}
		if err == nil && q.Ctx != nil {
			switch q.Ctx.(type) {
			case rdf.IRI, rdf.Blank:
			default:
				t.Fatalf("graph name of type %T", q.Ctx)
			}
		}
		return err
	})
}

func fuzzRead(t *testing.T, data []byte, read func() error) {
	t.Helper()
	for i := 0; ; i++ {
		err := read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var se *rdfio.SyntaxError
			var le *rdfparse.LimitError
			if !errors.As(err, &se) && !errors.As(err, &le) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			if se != nil && (se.Line < 1 || se.Column < 1) {
				t.Fatalf("bad position in %v", err)
			}
			break
		}
		if i%3 == 2 && len(data)%2 == 1 {
			break // stop early sometimes
		}
	}
	if leaked := parserGoroutines(); leaked != "" {
		t.Fatalf("a goroutine outlives the parse:\n%s", leaked)
	}
}

// parserGoroutines returns the stacks of goroutines, other than the
// caller's, that RDF parsing code (ours or knakk/rdf's) started, or "". Counting
// goroutines instead would be fooled by the fuzzing engine's own.
func parserGoroutines() string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var leaked []string
	for i, g := range strings.Split(string(buf), "\n\n") {
		if i == 0 {
			continue // the calling goroutine
		}
		// A leak is a goroutine that parsing code started.
		_, creator, _ := strings.Cut(g, "\ncreated by ")
		creator, _, _ = strings.Cut(creator, "\n")
		if strings.Contains(creator, "_test.") {
			continue
		}
		if strings.Contains(creator, "github.com/katalog-se/katalog/dcat/") ||
			strings.Contains(creator, "github.com/katalog-se/katalog/dcat/syntax/rdfparse") ||
			strings.Contains(creator, "github.com/knakk/rdf") {
			leaked = append(leaked, g)
		}
	}
	return strings.Join(leaked, "\n\n")
}

// SyntaxErrorCase is a document that a reader must reject with an
// *rdfio.SyntaxError at Line and Column whose message contains Msg.
type SyntaxErrorCase struct {
	Doc       string
	Line, Col int
	Msg       string
}

// CheckSyntaxErrors parses each case's document with parse, relative IRIs
// resolving against base, and reports (without stopping) each case that
// does not fail as the case says.
func CheckSyntaxErrors(t *testing.T, parse ParseFunc, base string, cases []SyntaxErrorCase) {
	t.Helper()
	for _, c := range cases {
		_, err := parse(strings.NewReader(c.Doc), base)
		var se *rdfio.SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%q: got %v, want a syntax error", c.Doc, err)
			continue
		}
		if se.Line != c.Line || se.Column != c.Col || !strings.Contains(se.Msg, c.Msg) {
			t.Errorf("%q:\n got %v\nwant line %d, column %d, %q", c.Doc, err, c.Line, c.Col, c.Msg)
		}
	}
}

// CheckLimits reads doc with newReader (no base IRI) under
// MaxBytes(maxBytes) and then under MaxTriples(3), and fails t unless the
// first ends in a *rdfparse.LimitError for MaxBytes and the second in one
// for MaxTriples after exactly 3 triples. doc must be larger than maxBytes
// and hold more than 3 triples.
func CheckLimits(t *testing.T, newReader NewReaderFunc, doc string, maxBytes int64) {
	t.Helper()
	var le *rdfparse.LimitError
	got, err := ReadAll(newReader(strings.NewReader(doc), "", rdfparse.MaxBytes(maxBytes)))
	if !errors.As(err, &le) || le.Limit != "MaxBytes" {
		t.Errorf("MaxBytes: got %d triples, %v", len(got), err)
	}
	got, err = ReadAll(newReader(strings.NewReader(doc), "", rdfparse.MaxTriples(3)))
	if !errors.As(err, &le) || le.Limit != "MaxTriples" || len(got) != 3 {
		t.Errorf("MaxTriples: got %d triples, %v", len(got), err)
	}
}

// CountTriples reads r to io.EOF and returns the number of triples; an
// error fails tb.
func CountTriples(tb testing.TB, r rdfio.Reader) int {
	tb.Helper()
	n := 0
	for {
		_, err := r.Read()
		if errors.Is(err, io.EOF) {
			return n
		}
		if err != nil {
			tb.Fatal(err)
		}
		n++
	}
}

// BenchReader reads data with newReader (base https://example.se/) b.N
// times and reports bytes and triples per second and allocations.
func BenchReader(b *testing.B, data []byte, newReader NewReaderFunc) {
	b.Helper()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	var n int
	for i := 0; i < b.N; i++ {
		n += CountTriples(b, newReader(bytes.NewReader(data), "https://example.se/"))
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "triples/s")
}

// BenchFile runs read on the file named by the environment variable env
// (the benchmark skips when it is unset), opened afresh for each of b.N
// runs and closed after, and reports bytes per second by the file's size.
// read returns the number of triples it read; where there are any,
// BenchFile reports triples per second and per run too.
func BenchFile(b *testing.B, env string, read func(f *os.File) int) {
	b.Helper()
	name := os.Getenv(env)
	if name == "" {
		b.Skip(env + " not set")
	}
	fi, err := os.Stat(name)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(fi.Size())
	runs, n := 0, 0
	for b.Loop() {
		f, err := os.Open(name)
		if err != nil {
			b.Fatal(err)
		}
		n += read(f)
		f.Close()
		runs++
	}
	if n > 0 {
		b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "triples/s")
		b.ReportMetric(float64(n)/float64(runs), "triples/op")
	}
}

// AllQuads turns a NewQuadReaderFunc into a NewReaderFunc whose Read
// returns the triple of every quad, named graphs' included, so that the
// checks written for triples (CheckLimits, CheckSyntaxErrors) see the
// whole dataset.
func AllQuads(newReader NewQuadReaderFunc) NewReaderFunc {
	return func(r io.Reader, base string, opts ...rdfparse.Option) rdfio.Reader {
		return quadTriples{newReader(r, base, opts...)}
	}
}

type quadTriples struct{ r rdfio.QuadReader }

func (q quadTriples) Read() (rdf.Triple, error) {
	x, err := q.r.ReadQuad()
	return x.Triple, err
}
