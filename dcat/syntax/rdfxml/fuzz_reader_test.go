package rdfxml_test

import (
	"strings"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/rdfxml"
	"github.com/katalog-se/katalog/internal/rdftest"
)

const seedDoc = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:dcat="http://www.w3.org/ns/dcat#" xml:base="https://example.se/">
  <dcat:Dataset rdf:about="ds/1" xmlns:dct="http://purl.org/dc/terms/">
    <dct:title xml:lang="sv">Titel</dct:title>
    <dcat:contactPoint rdf:resource="mailto:info@example.se"/>
    <dcat:distribution rdf:parseType="Resource"><dct:format>CSV</dct:format></dcat:distribution>
    <dct:subject rdf:parseType="Collection"><rdf:Description rdf:about="#a"/></dct:subject>
    <dct:description rdf:parseType="Literal"><b xmlns="http://www.w3.org/1999/xhtml">fet</b></dct:description>
    <rdf:li rdf:ID="r1" rdf:datatype="http://www.w3.org/2001/XMLSchema#int">1</rdf:li>
  </dcat:Dataset>
</rdf:RDF>`

func FuzzRDFXMLReader(f *testing.F) {
	rdftest.AddSeeds(f,
		seedDoc,
		`<rdf:Description xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/" e:p="v"/>`,
		`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:nodeID="x"><rdf:type rdf:resource="http://e/T"/></rdf:Description></rdf:RDF>`,
		`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description><rdf:Description/></rdf:Description></rdf:RDF>`,
		`<a:b xmlns:a="http://e/"><a:c>x<a:d/></a:c></a:b>`,
		`<x/>`,
		``,
	)
	f.Fuzz(func(t *testing.T, data []byte) {
		rdftest.FuzzReader(t, data, newReader)
	})
}

func TestRDFXMLReaderErrors(t *testing.T) {
	const head = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/">` + "\n"
	rdftest.CheckSyntaxErrors(t, readAll, "http://base/", []rdftest.SyntaxErrorCase{
		{Doc: head + `  <e:T rdf:about="http://a/">` + "\n" + `    <rdf:Description/>` + "\n", Line: 3, Col: 5, Msg: "cannot be a property element"},
		{Doc: head + `  <e:T rdf:about="x" rdf:nodeID="y"/>`, Line: 2, Col: 3, Msg: "only one of"},
		{Doc: head + `  <e:T><e:p rdf:resource="http://a/">text</e:p></e:T></rdf:RDF>`, Line: 2, Col: 42, Msg: "must be empty"},
		{Doc: head + `  <e:T rdf:ID="a"/><e:T rdf:ID="a"/></rdf:RDF>`, Line: 2, Col: 20, Msg: "used twice"},
		{Doc: head + `  <e:T><e:p>`, Line: 2, Col: 13, Msg: "end of input"},
		{Doc: head + `  <e:T></e:U>`, Line: 2, Col: 8, Msg: "does not match"},
		{Doc: head + `  <x:T/>`, Line: 2, Col: 3, Msg: "undeclared namespace prefix"},
	})
}

func TestRDFXMLReaderLimits(t *testing.T) {
	rdftest.CheckLimits(t, newReader, seedDoc, 200)
	got, err := rdftest.ReadAll(rdfxml.NewReader(strings.NewReader(seedDoc), "", rdfxml.MaxTriples(100), rdfxml.MaxBytes(1<<20)))
	if err != nil || len(got) == 0 {
		t.Errorf("within limits: %d triples, %v", len(got), err)
	}
	t.Logf("seed: %d triples", len(got))
}

func TestRDFXMLReaderLatin1(t *testing.T) {
	doc := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:e=\"http://e/\">" +
		"<rdf:Description rdf:about=\"http://e/s\" e:p=\"G\xf6teborg \xe5\xe4\"/></rdf:RDF>"
	got, err := readAll(strings.NewReader(doc), "")
	if err != nil || len(got) != 1 || got[0].Obj.String() != "Göteborg åä" {
		t.Fatalf("got %v, %v", got, err)
	}
}

// TestRDFXMLEmptyReferences checks empty references and empty literals,
// which the reader's caches must not confuse with their empty slots.
func TestRDFXMLEmptyReferences(t *testing.T) {
	const doc = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/">` +
		`<rdf:Description rdf:about=""><e:p rdf:resource=""/><e:q></e:q><e:q/><e:r rdf:datatype="http://e/dt"></e:r></rdf:Description></rdf:RDF>`
	if _, err := readAll(strings.NewReader(doc), ""); err == nil || !strings.Contains(err.Error(), "no base IRI") {
		t.Errorf("no base: %v", err)
	}
	ts, err := readAll(strings.NewReader(doc), "http://b/x")
	if err != nil || len(ts) != 4 {
		t.Fatalf("%d triples, %v", len(ts), err)
	}
	for _, tr := range ts {
		if tr.Subj == nil || tr.Obj == nil {
			t.Fatalf("missing term in %#v", tr)
		}
	}
	if ts[1].Obj.String() != "" || ts[3].Obj.(interface{ String() string }).String() != "" {
		t.Errorf("empty literals: %v", ts)
	}
}
