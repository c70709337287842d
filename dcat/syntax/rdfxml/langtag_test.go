package rdfxml_test

import (
	"bytes"
	"slices"
	"strconv"
	"testing"

	"github.com/katalog-se/katalog/internal/rdftest"
	"github.com/knakk/rdf"
)

// TestWriterLangTags writes literals with every kind of well-formed tag and
// reads them back with katalog's reader and, with KATALOG_REFEREE=1, with
// Jena: the tags come back exactly as written.
func TestWriterLangTags(t *testing.T) {
	rdftest.WriterLangTags(t, newW, readBack, "rdfxml", false)
}

// TestReaderLangTags checks the reader's side of the language-tag policy:
// every well-formed xml:lang, as written; xml:lang="" takes the language
// away; a malformed one is a syntax error at the element that carries it,
// even where no literal uses it.
func TestReaderLangTags(t *testing.T) {
	var doc bytes.Buffer
	doc.WriteString(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dct="http://purl.org/dc/terms/">` + "\n")
	doc.WriteString(`<rdf:Description rdf:about="https://example.se/dataset/1">` + "\n")
	for i, tag := range rdftest.LangTags {
		doc.WriteString(`<dct:title xml:lang="` + tag + `">titel ` + strconv.Itoa(i) + "</dct:title>\n")
	}
	doc.WriteString("</rdf:Description>\n</rdf:RDF>\n")
	got, err := readAll(&doc, "")
	if err != nil {
		t.Fatal(err)
	}
	rdftest.CheckLangTags(t, "reader", got, false)

	got, err = readAll(bytes.NewBufferString(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dct="http://purl.org/dc/terms/" xml:lang="sv">
<rdf:Description rdf:about="https://example.se/d"><dct:title xml:lang="">x</dct:title><dct:title>y</dct:title></rdf:Description></rdf:RDF>`), "")
	if err != nil || len(got) != 2 || got[0].Obj.(rdf.Literal).Lang() != "" || got[1].Obj.(rdf.Literal).Lang() != "sv" {
		t.Fatalf("xml:lang=\"\" and inherited: %v %v", got, err)
	}

	const head = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:p="http://e/">` + "\n"
	var cases []rdftest.SyntaxErrorCase
	for _, tag := range slices.Concat(rdftest.BadLangTags, []string{"sv_SE", "sv SE", " sv"}) {
		cases = append(cases,
			rdftest.SyntaxErrorCase{Doc: head + `<rdf:Description rdf:about="http://e/s"><p:p xml:lang="` + tag + `">x</p:p></rdf:Description></rdf:RDF>`,
				Line: 2, Col: 41, Msg: `xml:lang: bad language tag "` + tag + `"`},
			rdftest.SyntaxErrorCase{Doc: head + `<rdf:Description xml:lang="` + tag + `" rdf:about="http://e/s"><p:p rdf:resource="http://e/o"/></rdf:Description></rdf:RDF>`,
				Line: 2, Col: 1, Msg: `xml:lang: bad language tag "` + tag + `"`})
	}
	rdftest.CheckSyntaxErrors(t, readAll, "", cases)
}
