package publish_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/syntax/iri"
	"github.com/katalog-se/katalog/dcat/syntax/langtag"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/syntax/xmltext"
	"github.com/katalog-se/katalog/internal/dcattest"
	"github.com/katalog-se/katalog/internal/publish"
	"github.com/katalog-se/katalog/internal/rdftest"
)

// FuzzMapping puts random text, IRIs and language tags into a dataset
// (bypassing the JSON layer's validation) and maps it: the result is either
// a *dcat.FieldError and no triple, or triples whose every term is valid
// and which every writer writes and our readers read back to the same count.
func FuzzMapping(f *testing.F) {
	f.Add("Titel", "Beskrivning", "nyckelord", "https://example.se/a?b=c#d", "sv", "info@example.se", "2024-01-31")
	f.Add("a\x00b", "<&>\"'", "]]>", "relative/path", "sv-SE", "a b@c", "2024")
	f.Add("\u2028\ufeff", "\r\n\t", "x", "http://[::1]:80/å ä", "EN-gb", "%@%", "2024-01-31T10:00:00+01:00")
	f.Add("\xff", "", " ", "urn:uuid:1234", "x-private", "mailto:a@b", "bad")
	f.Add("Titel", "Beskrivning", "ord", "https://example.se/\u00e5?q=\ue000", "i-klingon", "åsa@exempel.se", "")
	m, err := dcat.NewMapper(dcattest.Base)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, title, desc, kw, link, tag, email, date string) {
		d := dcattest.Dataset()
		d.Title = catalog.LangString{tag: title, "sv": "Titel"}
		d.Description = catalog.LangString{"sv": desc, "en": "Description"}
		d.Keywords = catalog.LangStrings{tag: {kw}}
		d.LandingPage = link
		d.Distributions[0].DownloadURL = link
		d.DataServices[0].EndpointDescription = link
		d.ContactPoint.Email = email
		d.ContactPoint.Name = kw
		d.Modified = date
		a := dcattest.Agency()
		a.Name = catalog.LangString{tag: title}
		a.Homepage = link

		g := &rdftest.Recorder{}
		err := m.Dataset(d, a, g.Emit)
		if err == nil {
			err = m.Agent(a, g.Emit)
		}
		if err != nil {
			var fe *dcat.FieldError
			if !errors.As(err, &fe) || fe.Field == "" || fe.Resource == "" {
				t.Fatalf("unclear error %v", err)
			}
			return
		}
		for _, tr := range g.Triples {
			for _, term := range []rdf.Term{tr.Subj, tr.Pred, tr.Obj} {
				switch term.Type() {
				case rdf.TermBlank:
					t.Fatalf("blank node in %s", tr.Serialize(rdf.NTriples))
				case rdf.TermIRI:
					if err := iri.Check(term.String()); err != nil {
						t.Fatalf("IRI %q: %v", term, err)
					}
				case rdf.TermLiteral:
					if err := xmltext.Check(term.String()); err != nil {
						t.Fatalf("literal %q: %v", term, err)
					}
					if l := term.(rdf.Literal); l.Lang() != "" {
						if err := langtag.Check(l.Lang()); err != nil {
							t.Fatalf("language tag %q: %v", l.Lang(), err)
						}
					}
				}
			}
		}
		for _, format := range rdfio.Formats {
			var buf bytes.Buffer
			w, err := publish.NewWriter(format, &buf)
			if err != nil {
				continue // no writer of this syntax yet
			}
			for _, tr := range g.Triples {
				if err := w.Write(tr); err != nil {
					t.Fatalf("%s writer: %v", format, err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatalf("%s writer: %v", format, err)
			}
			if n := parseCount(t, format, buf.Bytes()); n != len(g.Triples) {
				t.Fatalf("%s: read back %d triples of %d\n%s", format, n, len(g.Triples), buf.String())
			}
		}
	})
}
