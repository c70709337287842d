package ntriples_test

import (
	"strings"
	"testing"

	"github.com/katalog-se/katalog/internal/rdftest"
)

const seedDoc = `<https://example.se/ds/1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset> .
<https://example.se/ds/1> <http://purl.org/dc/terms/title> "Titel \"ett\"\n"@sv-SE .
# a comment
<https://example.se/ds/1> <http://www.w3.org/ns/dcat#contactPoint> _:k1 . # trailing
_:k1 <http://www.w3.org/2006/vcard/ns#hasEmail> <mailto:info@example.se> .
_:k1 <http://e/n> "42"^^<http://www.w3.org/2001/XMLSchema#integer> .
<http://e/\u00E5> <http://e/p> "\U0001F600 åäö" .`

func FuzzNTriplesReader(f *testing.F) {
	rdftest.AddSeeds(f,
		seedDoc,
		"<http://a/s> <http://a/p> <http://a/o> .\r\n_:x <http://a/p> \"\" .\r<http://a/s><http://a/p>\"x\".",
		`<a> <http://a/p> <http://a/o> .`,
		`_:a.b <http://a/p> "x"@en-us-x .`,
		`<http://a/s> <http://a/p> "unterminated`,
		``,
	)
	f.Fuzz(func(t *testing.T, data []byte) {
		rdftest.FuzzReader(t, data, newReader)
		// N-Triples is a subset of Turtle: the Turtle reader must agree.
		rdftest.CheckSubset(t, data, "", "N-Triples", readAll, "Turtle", rdftest.Quads(rdftest.ReadTurtle))
	})
}

func TestNTriplesReaderErrors(t *testing.T) {
	rdftest.CheckSyntaxErrors(t, readAll, "", []rdftest.SyntaxErrorCase{
		{Doc: "<http://e/s> <http://e/p> <http://e/o> .\n<http://e/s> <http://e/p> <o> .", Line: 2, Col: 27, Msg: "relative IRI"},
		{Doc: "<http://e/s> <http://e/p> \"åäö\" <http://e/o> .", Line: 1, Col: 33, Msg: "'.'"},
		{Doc: "<http://e/s> <http://e/p> \"x\\q\" .", Line: 1, Col: 29, Msg: "unknown escape"},
		{Doc: "<http://e/s> <http://e/p> \"x\"@ .", Line: 1, Col: 30, Msg: "language tag"},
		{Doc: "<http://e/s> <http://e/ p> <http://e/o> .", Line: 1, Col: 24, Msg: "not allowed"},
		{Doc: "\n\n_: <http://e/p> <http://e/o> .", Line: 3, Col: 3, Msg: "blank node label"},
		{Doc: "<http://e/s> <http://e/p> <http://e/o> . <http://e/s>", Line: 1, Col: 42, Msg: "end of line"},
	})
}

func TestNTriplesReaderLimits(t *testing.T) {
	rdftest.CheckLimits(t, newReader, seedDoc, 300)
	got, err := readAll(strings.NewReader(seedDoc), "")
	if err != nil || len(got) != 6 {
		t.Errorf("seed: %d triples, %v", len(got), err)
	}
}
