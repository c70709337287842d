package rdfxml_test

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/dcat/rdfio"
	"github.com/katalog-se/katalog/dcat/rdfxml"
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
	for _, s := range []string{
		seedDoc,
		`<rdf:Description xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/" e:p="v"/>`,
		`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:nodeID="x"><rdf:type rdf:resource="http://e/T"/></rdf:Description></rdf:RDF>`,
		`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description><rdf:Description/></rdf:Description></rdf:RDF>`,
		`<a:b xmlns:a="http://e/"><a:c>x<a:d/></a:c></a:b>`,
		`<x/>`,
		``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		before := runtime.NumGoroutine()
		r := rdfxml.NewReader(bytes.NewReader(data), "https://example.se/base", rdfxml.MaxTriples(10000))
		for i := 0; ; i++ {
			_, err := r.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				var se *rdfio.SyntaxError
				var le *rdfxml.LimitError
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
		if after := runtime.NumGoroutine(); after > before {
			t.Fatalf("goroutines: %d before, %d after", before, after)
		}
	})
}

func TestRDFXMLReaderErrors(t *testing.T) {
	const head = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/">` + "\n"
	for _, c := range []struct {
		doc        string
		line, col  int
		msgPortion string
	}{
		{head + `  <e:T rdf:about="http://a/">` + "\n" + `    <rdf:Description/>` + "\n", 3, 5, "cannot be a property element"},
		{head + `  <e:T rdf:about="x" rdf:nodeID="y"/>`, 2, 3, "only one of"},
		{head + `  <e:T><e:p rdf:resource="http://a/">text</e:p></e:T></rdf:RDF>`, 2, 42, "must be empty"},
		{head + `  <e:T rdf:ID="a"/><e:T rdf:ID="a"/></rdf:RDF>`, 2, 20, "used twice"},
		{head + `  <e:T><e:p>`, 2, 13, "end of input"},
		{head + `  <e:T></e:U>`, 2, 8, "does not match"},
		{head + `  <x:T/>`, 2, 3, "undeclared namespace prefix"},
	} {
		_, err := readAll(strings.NewReader(c.doc), "http://base/")
		var se *rdfio.SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%q: got %v, want a syntax error", c.doc, err)
			continue
		}
		if se.Line != c.line || se.Column != c.col || !strings.Contains(se.Msg, c.msgPortion) {
			t.Errorf("%q:\n got %v\nwant line %d, column %d, %q", c.doc, err, c.line, c.col, c.msgPortion)
		}
	}
}

func TestRDFXMLReaderLimits(t *testing.T) {
	var le *rdfxml.LimitError
	_, err := drain(rdfxml.NewReader(strings.NewReader(seedDoc), "", rdfxml.MaxBytes(200)))
	if !errors.As(err, &le) || le.Limit != "MaxBytes" {
		t.Errorf("MaxBytes: got %v", err)
	}
	got, err := drain(rdfxml.NewReader(strings.NewReader(seedDoc), "", rdfxml.MaxTriples(3)))
	if !errors.As(err, &le) || le.Limit != "MaxTriples" || len(got) != 3 {
		t.Errorf("MaxTriples: got %d triples, %v", len(got), err)
	}
	got, err = drain(rdfxml.NewReader(strings.NewReader(seedDoc), "", rdfxml.MaxTriples(100), rdfxml.MaxBytes(1<<20)))
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
