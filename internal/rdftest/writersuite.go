package rdftest

import (
	"io"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/knakk/rdf"
)

// WriterSuite is the checks every writer of triples passes, for one
// writer: its package's tests run them with Run, fuzz them with Fuzz.
type WriterSuite struct {
	// New returns a writer onto w.
	New func(w io.Writer) rdfio.Writer
	// ReadBack reads the writer's output (katalog's own reader of the
	// syntax, where there is one).
	ReadBack func(r io.Reader) ([]rdf.Triple, error)
	// Expect maps a written triple to the one ReadBack gives back, for a
	// syntax whose readers change some terms by rule (see CheckEachAs);
	// nil: the same triple.
	Expect func(rdf.Triple) rdf.Triple
	// Golden is the file in testdata, less ".golden", that holds the
	// writer's output of Fixture.
	Golden string
	// Syntax is the syntax as the Jena referee names it, Ext the ending
	// of the files it is given.
	Syntax, Ext string
}

// Run runs the suite's checks as subtests of t: Golden (GoldenRoundTrip),
// Refuses (CheckRefusals), W3C (RoundTripW3C; skipped without ../shared),
// and, with KATALOG_REFEREE=1, JenaFixture and JenaW3C.
func (s WriterSuite) Run(t *testing.T) {
	t.Run("Golden", func(t *testing.T) { GoldenRoundTrip(t, s.New, s.ReadBack, s.Golden) })
	t.Run("Refuses", func(t *testing.T) { CheckRefusals(t, s.New) })
	t.Run("W3C", func(t *testing.T) { RoundTripW3C(t, s.New, s.ReadBack) })
	t.Run("JenaFixture", func(t *testing.T) { JenaFixture(t, s.New, s.Syntax, s.Ext) })
	t.Run("JenaW3C", func(t *testing.T) { JenaW3C(t, s.New, s.Syntax, s.Ext) })
}

// Fuzz is the body of a writer's fuzz target: it adds two seeds to f's
// corpus (the caller may add more before) and checks each of the
// FuzzTriples with CheckEachAs.
func (s WriterSuite) Fuzz(f *testing.F) {
	f.Add("Åäö \"x\" & <y>\n\r\t", "sv-SE", "https://example.se/a?b=c&d=(e)#f.")
	f.Add("\x00\x7f\xff", "en", "mailto:x@example.se")
	f.Fuzz(func(t *testing.T, text, lang, iri string) {
		CheckEachAs(t, s.New, s.ReadBack, FuzzTriples(text, lang, iri), s.Expect)
	})
}

// QuadWriterSuite is WriterSuite for a writer of datasets (TriG, N-Quads).
type QuadWriterSuite struct {
	// New returns a writer onto w; it must be an rdfio.Writer too, whose
	// Write writes a triple of the default graph.
	New func(w io.Writer) rdfio.QuadWriter
	// ReadBack reads the writer's output.
	ReadBack func(r io.Reader) ([]rdf.Quad, error)
	// Golden is the file in testdata, less ".golden", that holds the
	// writer's output of DatasetFixture.
	Golden string
	// Syntax is the syntax as the Jena referee names it, Ext the ending
	// of the files it is given.
	Syntax, Ext string
}

// Run runs the suite's checks as subtests of t: Golden
// (GoldenRoundTripQuads), Refuses (CheckQuadRefusals, and CheckRefusals
// through Write), W3C (RoundTripW3CDatasets; skipped without ../shared),
// and, with KATALOG_REFEREE=1, JenaFixture (JenaDatasetFixture) and
// JenaW3C (JenaW3CDatasets).
func (s QuadWriterSuite) Run(t *testing.T) {
	t.Run("Golden", func(t *testing.T) { GoldenRoundTripQuads(t, s.New, s.ReadBack, s.Golden) })
	t.Run("Refuses", func(t *testing.T) {
		CheckQuadRefusals(t, s.New)
		CheckRefusals(t, func(w io.Writer) rdfio.Writer { return s.New(w).(rdfio.Writer) })
	})
	t.Run("W3C", func(t *testing.T) { RoundTripW3CDatasets(t, s.New, s.ReadBack) })
	t.Run("JenaFixture", func(t *testing.T) { JenaDatasetFixture(t, s.New, s.Syntax, s.Ext) })
	t.Run("JenaW3C", func(t *testing.T) { JenaW3CDatasets(t, s.New, s.Syntax, s.Ext) })
}

// Fuzz is the body of a dataset writer's fuzz target: it adds a seed to
// f's corpus (the caller may add more before) and checks the FuzzQuads
// with CheckEachQuad.
func (s QuadWriterSuite) Fuzz(f *testing.F) {
	f.Add("Åäö \"x\" & <y>\n\r\t", "sv-SE", "https://example.se/a?b=c&d=(e)#f.")
	f.Fuzz(func(t *testing.T, text, lang, iri string) {
		CheckEachQuad(t, s.New, s.ReadBack, FuzzQuads(text, lang, iri))
	})
}
