package rdfxml_test

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/syntax/rdfxml"
	"github.com/katalog-se/katalog/internal/rdftest"
	"github.com/knakk/rdf"
)

// dtdFixtures are the documents in testdata/dtd, each with its expected
// graph in name.nt.
var dtdFixtures = []string{"nested", "markup", "attlist"}

// TestDTDFixtures reads documents whose internal DTD subset declares
// entities (nested, with markup, with character references) and attribute
// defaults, and compares the graphs with the expected ones.
func TestDTDFixtures(t *testing.T) {
	for _, name := range dtdFixtures {
		t.Run(name, func(t *testing.T) {
			got := readFile(t, filepath.Join("testdata", "dtd", name+".rdf"))
			want, err := rdftest.DecodeFile(filepath.Join("testdata", "dtd", name+".nt"), rdf.NTriples)
			if err != nil {
				t.Fatal(err)
			}
			if ok, why := rdftest.Isomorphic(want, got); !ok {
				t.Fatal(why)
			}
		})
	}
}

// TestDTDFixturesJena compares the fixtures' graphs with Jena's (only with
// KATALOG_REFEREE=1).
func TestDTDFixturesJena(t *testing.T) {
	for _, name := range dtdFixtures {
		t.Run(name, func(t *testing.T) {
			path, err := filepath.Abs(filepath.Join("testdata", "dtd", name+".rdf"))
			if err != nil {
				t.Fatal(err)
			}
			want := rdftest.Jena(t, path, "rdfxml", false)
			if ok, why := rdftest.Isomorphic(want, readFile(t, path)); !ok {
				t.Fatal(why)
			}
		})
	}
}

func readFile(t *testing.T, path string) []rdf.Triple {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ts, err := readAll(f, "http://base.example/")
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

// TestSEMICEntities reads the SEMIC DCAT-AP vocabularies, whose internal
// DTD subsets declare the namespaces as entities: every referee reads 493
// and 711 distinct triples.
func TestSEMICEntities(t *testing.T) {
	dir := filepath.Join(rdftest.SharedDir(t), "data", "realworld-rdf", "semiceu-dcat-ap")
	for file, want := range map[string]int{"dcat-ap_1.1.rdf": 493, "dcat-ap_2.1.1.rdf": 711} {
		ts := readFile(t, filepath.Join(dir, file))
		distinct := map[string]bool{}
		for _, tr := range ts {
			distinct[tr.Serialize(rdf.NTriples)] = true
		}
		if len(distinct) != want {
			t.Errorf("%s: %d distinct triples (%d in all), want %d", file, len(distinct), len(ts), want)
		}
	}
}

const dtdHead = `<!DOCTYPE rdf:RDF [
  <!ENTITY e "http://e.example/">
  <!ENTITY ext SYSTEM "http://e.example/x.txt">
  <!ENTITY pic SYSTEM "http://e.example/x.gif" NDATA gif>
  <!ENTITY self "a &self; b">
  <!ENTITY ping "&pong;">
  <!ENTITY pong "x &ping;">
  <!ENTITY open "<e:p>">
  <!ENTITY close "</e:p>">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="&e;">
`

func TestDTDErrors(t *testing.T) {
	rdftest.CheckSyntaxErrors(t, readAll, "http://base/", []rdftest.SyntaxErrorCase{
		{Doc: dtdHead + `<e:T rdf:about="&nope;"/>`, Line: 12, Col: 17, Msg: "undefined entity &nope;"},
		{Doc: dtdHead + `<e:T><e:p>x &nope; y</e:p></e:T>`, Line: 12, Col: 13, Msg: "undefined entity &nope;"},
		{Doc: dtdHead + `<e:T e:p="&ext;"/>`, Line: 12, Col: 11, Msg: "external entity &ext;, which katalog does not read"},
		{Doc: dtdHead + `<e:T><e:p>&ext;</e:p></e:T>`, Line: 12, Col: 11, Msg: "external entity"},
		{Doc: dtdHead + `<e:T><e:p>&pic;</e:p></e:T>`, Line: 12, Col: 11, Msg: "unparsed entity &pic;"},
		{Doc: dtdHead + `<e:T e:p="&self;"/>`, Line: 12, Col: 11, Msg: "&self; refers to itself"},
		{Doc: dtdHead + `<e:T><e:p>&ping;</e:p></e:T>`, Line: 12, Col: 11, Msg: "&ping; refers to itself"},
		{Doc: dtdHead + `<e:T>&open;</e:T>`, Line: 12, Col: 6, Msg: "element not closed in the replacement text of &open;"},
		{Doc: dtdHead + `<e:T><e:p>&close;</e:T>`, Line: 12, Col: 11, Msg: "began outside the entity"},
		{Doc: dtdHead + `<e:T e:p="&open;"/>`, Line: 12, Col: 11, Msg: "'<' in the replacement text of &open;"},
		{Doc: "<!DOCTYPE e:r SYSTEM \"http://e.example/r.dtd\">\n<e:r xmlns:e=\"http://e/\">&x;</e:r>", Line: 2, Col: 26, Msg: "katalog does not read external DTDs"},
		{Doc: "<!DOCTYPE r [ <!ENTITY % p \"<!ENTITY x 'y'>\"> %p; ]>\n<r/>", Line: 1, Col: 47, Msg: "katalog does not read parameter entities"},
		{Doc: "<!DOCTYPE r [ <!ENTITY x \"%p;\"> ]>\n<r/>", Line: 1, Col: 27, Msg: "parameter entity reference in an entity value"},
		{Doc: "<!DOCTYPE r [ <!ENTITY x \"a\" ]>\n<r/>", Line: 1, Col: 30, Msg: "'>' to end the entity declaration"},
		{Doc: "<!DOCTYPE r [ <!ATTLIST r a BOGUS #IMPLIED> ]>\n<r/>", Line: 1, Col: 34, Msg: "unknown attribute type"},
		{Doc: "<!DOCTYPE r [ <!ENTITY x \"a\"> \n<r/>", Line: 2, Col: 1, Msg: "a markup declaration or ']'"},
		{Doc: "<!DOCTYPE r>\n<!DOCTYPE r>\n<r/>", Line: 2, Col: 1, Msg: "a second document type declaration"},
		{Doc: "<e:r xmlns:e=\"http://e/\"/>\n<!DOCTYPE r>", Line: 2, Col: 1, Msg: "must come before the document element"},
	})
}

// bomb is the "billion laughs" document: ten entities, each ten
// references to the one before, 10^9 "lol"s from 1 KB.
func bomb() string {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF [\n  <!ENTITY lol0 \"lol\">\n")
	for i := 1; i <= 9; i++ {
		b.WriteString("  <!ENTITY lol" + string(rune('0'+i)) + " \"")
		for j := 0; j < 10; j++ {
			b.WriteString("&lol" + string(rune('0'+i-1)) + ";")
		}
		b.WriteString("\">\n")
	}
	b.WriteString("]>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:e=\"http://e.example/\">\n")
	b.WriteString("<rdf:Description rdf:about=\"http://e.example/s\" e:attr=\"&lol9;\"><e:text>&lol9;</e:text></rdf:Description>\n</rdf:RDF>\n")
	return b.String()
}

// TestDTDBombs checks that entity bombs are refused with a located error
// after bounded work: the billion laughs in an attribute value and in
// content, and one large entity referred to many times (quadratic
// blow-up).
func TestDTDBombs(t *testing.T) {
	big := strings.Repeat("x", 64<<10)
	quadratic := "<!DOCTYPE rdf:RDF [<!ENTITY big \"" + big + "\">]>\n" +
		"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:e=\"http://e.example/\">" +
		"<rdf:Description rdf:about=\"http://e.example/s\"><e:p>" + strings.Repeat("&big;", 20000) + "</e:p></rdf:Description></rdf:RDF>"
	inContent := strings.Replace(bomb(), ` e:attr="&lol9;"`, "", 1)
	for name, doc := range map[string]string{"billion laughs": bomb(), "billion laughs in content": inContent, "quadratic": quadratic} {
		t.Run(name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			ts, err := readAll(strings.NewReader(doc), "")
			runtime.ReadMemStats(&after)
			var se *rdfio.SyntaxError
			if !errors.As(err, &se) || !strings.Contains(se.Msg, "entity bomb") || se.Line < 1 || se.Column < 1 {
				t.Fatalf("%d triples, %v; want a located error", len(ts), err)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
				t.Errorf("allocated %d MB before refusing", alloc>>20)
			}
			t.Logf("%v (allocated %d KB)", err, (after.TotalAlloc-before.TotalAlloc)>>10)
		})
	}
	// A document below the budget reads.
	small := strings.Replace(bomb(), "&lol9;", "&lol4;", 2)
	ts, err := readAll(strings.NewReader(small), "")
	if err != nil || len(ts) != 2 || len(ts[0].Obj.String()) != 3e4 {
		t.Fatalf("10^4 lols: %d triples, %v", len(ts), err)
	}
}

// TestDTDLimits checks that MaxBytes bounds the document with its DTD.
func TestDTDLimits(t *testing.T) {
	var le *rdfxml.LimitError
	_, err := rdftest.ReadAll(rdfxml.NewReader(strings.NewReader(bomb()), "", rdfxml.MaxBytes(100)))
	if !errors.As(err, &le) || le.Limit != "MaxBytes" {
		t.Fatalf("MaxBytes in the DTD: %v", err)
	}
}

// FuzzRDFXMLDTD fuzzes documents with an internal DTD subset: entity
// declarations and references in attributes and content, attribute-list
// declarations, bombs. Besides FuzzReader's checks, reading must stay
// within the expansion budget: allocation bounded by a multiple of the
// budget.
func FuzzRDFXMLDTD(f *testing.F) {
	for _, name := range dtdFixtures {
		b, err := os.ReadFile(filepath.Join("testdata", "dtd", name+".rdf"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	rdftest.AddSeeds(f,
		bomb(),
		dtdHead+`<e:T e:p="&self;">&ping;&open;</e:T></rdf:RDF>`,
		`<!DOCTYPE r [<!ENTITY a "&b;&b;"><!ENTITY b "<e:p xmlns:e='http://e/'>&#38;#60;</e:p>">]><e:r xmlns:e="http://e/" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">&a;</e:r>`,
		`<!DOCTYPE r SYSTEM "x" [<!ATTLIST e:r xmlns:e CDATA "http://e/" e:p NMTOKENS " a  b "><!ENTITY % p "x">]><e:r/>`,
		`<!DOCTYPE r [<!ENTITY x "a&#13;&#10;b"><!NOTATION n SYSTEM "n"><!ELEMENT r (#PCDATA)><?pi x?><!-- c -->]><r a="&x;">&x;</r>`,
	)
	f.Fuzz(func(t *testing.T, data []byte) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		rdftest.FuzzReader(t, data, newReader)
		runtime.ReadMemStats(&after)
		// Replacement text is bounded by the budget; each byte of it may
		// be held a few times (text, literal, queue).
		if alloc, bound := after.TotalAlloc-before.TotalAlloc, uint64(64<<20+200*len(data)); alloc > bound {
			t.Fatalf("allocated %d bytes reading %d", alloc, len(data))
		}
	})
}
