package turtle_test

import (
	"strings"
	"testing"

	"github.com/katalog-se/katalog/internal/rdftest"
)

const seedDoc = `@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
PREFIX ex: <https://example.se/>
@base <https://example.se/katalog/> .
<ds/1> a dcat:Dataset ;
    dct:title "Titel"@sv, 'Title'@en-GB ;
    dct:description """Rad ett
rad "två" """ ;
    ex:n 1, -2.5, 3e10, true ;
    dcat:keyword ( "a" "b" ) ;
    dcat:contactPoint [ ex:email <mailto:info@example.se> ] ;
    ex:local ex:a\.b%20c, _:b1 .
_:b1 ex:p ex: .
[] ex:q ( ) .
`

func FuzzTurtleReader(f *testing.F) {
	rdftest.AddSeeds(f,
		seedDoc,
		`<http://a/s> <http://a/p> "x\u00e5\U0001F600"^^<http://a/dt> .`,
		`@prefix : <http://e/> . :s :p [ :q ( 1 2 [ :r :s ] ) ] .`,
		`BASE <http://e/> <a> <b> <c>, <d>; <e> <f>;; .`,
		`@prefix p: <http://e/> . p:x.y p:z '''long ''string''' .`,
		`<a> <b> "unterminated`,
		``,
	)
	f.Fuzz(func(t *testing.T, data []byte) {
		rdftest.FuzzReader(t, data, newReader)
	})
}

func TestTurtleReaderErrors(t *testing.T) {
	rdftest.CheckSyntaxErrors(t, readAll, "", []rdftest.SyntaxErrorCase{
		{Doc: "@prefix : <http://e/> .\n:s :p :o ;\n   :q \"x\" .\n:s :p ex:o .", Line: 4, Col: 7, Msg: "undefined prefix"},
		{Doc: "<http://e/s> <http://e/p> \"åäö\n", Line: 1, Col: 31, Msg: "line break"},
		{Doc: "<http://e/s> <http://e/p> <http://e/o>", Line: 1, Col: 39, Msg: "'.'"},
		{Doc: "<s> <p> <o> .", Line: 1, Col: 1, Msg: "relative IRI"},
		{Doc: "<http://e/s> \"lit\" <http://e/o> .", Line: 1, Col: 14, Msg: "predicate"},
		{Doc: "@prefix : <http://e/> .\n:s :p \"x\"@1 .", Line: 2, Col: 11, Msg: "language tag"},
		{Doc: "@prefix : <http://e/> .\n:s :p ( :a :b .", Line: 2, Col: 15, Msg: "unexpected '.'"},
	})
}

func TestTurtleReaderLimits(t *testing.T) {
	rdftest.CheckLimits(t, newReader, seedDoc, 100)
	got, err := readAll(strings.NewReader(seedDoc), "")
	if err != nil || len(got) != 19 {
		t.Errorf("seed: %d triples, %v", len(got), err)
	}
}
