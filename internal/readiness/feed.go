package readiness

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"iter"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/syntax/codec"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
)

// dcatCatalogRecord is the class dataportal.se does not accept.
const dcatCatalogRecord = dcat.NSDCAT + "CatalogRecord"

// document is one fetched RDF document held in memory (bounded by the
// client's body cap), read as often as the check needs.
type document struct {
	url    string // where it was finally fetched from (the base IRI)
	format rdfio.Format
	body   []byte
}

// reader returns a fresh streaming reader over the document.
func (d *document) reader() (rdfio.Reader, error) {
	r, err := codec.NewReader(d.format, bytes.NewReader(d.body), d.url, codec.Limits{})
	if err != nil {
		return nil, fmt.Errorf("check: reading %s: %w", d.url, err)
	}
	return r, nil
}

// each calls fn for every triple of the document until fn returns false,
// stopping at the first error (a *rdfio.SyntaxError for bad input).
func (d *document) each(fn func(rdf.Triple) bool) error {
	r, err := d.reader()
	if err != nil {
		return err
	}
	for {
		t, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if !fn(t) {
			return nil
		}
	}
}

// stats is what one pass over a document learns.
type stats struct {
	triples        int
	datasets       int
	catalogs       map[string]bool // subjects typed dcat:Catalog
	hasPart        []string        // objects of dcterms:hasPart, in order, unique
	catalogRecords int
	links          int // unique link URLs
}

// linkPredicates are the properties whose IRI values are link-checked,
// by their local name (the Link kind).
var linkPredicates = map[string]string{
	dcat.DCATAccessURL:           "accessURL",
	dcat.DCATDownloadURL:         "downloadURL",
	dcat.DCATLandingPage:         "landingPage",
	dcat.DCATEndpointDescription: "endpointDescription",
}

// linkOf returns the link a triple carries, if any.
func linkOf(t rdf.Triple) (Link, bool) {
	kind, ok := linkPredicates[t.Pred.String()]
	if !ok {
		return Link{}, false
	}
	o, ok := t.Obj.(rdf.IRI)
	if !ok {
		return Link{}, false
	}
	return Link{URL: o.String(), Kind: kind}, true
}

// scan makes one pass over d.
func (d *document) scan() (stats, error) {
	s := stats{catalogs: map[string]bool{}}
	seenPart := map[string]bool{}
	seenLink := map[uint64]struct{}{}
	seed := maphash.MakeSeed()
	err := d.each(func(t rdf.Triple) bool {
		s.triples++
		p := t.Pred.String()
		switch p {
		case dcat.RDFType:
			switch t.Obj.String() {
			case dcat.DCATDataset:
				s.datasets++
			case dcat.DCATCatalog:
				s.catalogs[termKey(t.Subj)] = true
			case dcatCatalogRecord:
				s.catalogRecords++
			}
		case dcat.DCTermsHasPart:
			if k := termKey(t.Obj); !seenPart[k] {
				seenPart[k] = true
				s.hasPart = append(s.hasPart, k)
			}
		}
		if l, ok := linkOf(t); ok {
			seenLink[maphash.String(seed, l.URL)] = struct{}{}
		}
		return true
	})
	s.links = len(seenLink)
	return s, err
}

// described reports which of subjects have triples other than rdf:type
// in d (a sub-catalog without them is dereferenced, like dataportal.se
// does).
func (d *document) described(subjects []string) (map[string]bool, error) {
	want := map[string]bool{}
	for _, s := range subjects {
		want[s] = false
	}
	err := d.each(func(t rdf.Triple) bool {
		if t.Pred.String() == dcat.RDFType {
			return true
		}
		k := termKey(t.Subj)
		if _, ok := want[k]; ok {
			want[k] = true
		}
		return true
	})
	return want, err
}

// termKey is a term's identity: an IRI's text, "_:id" for a blank node.
func termKey(t rdf.Term) string {
	if b, ok := t.(rdf.Blank); ok {
		return "_:" + b.String()
	}
	return t.String()
}

// multiReader reads several documents one after the other.
type multiReader struct {
	docs []*document
	cur  rdfio.Reader
}

// Read implements rdfio.Reader.
func (m *multiReader) Read() (rdf.Triple, error) {
	for {
		if m.cur == nil {
			if len(m.docs) == 0 {
				return rdf.Triple{}, io.EOF
			}
			r, err := m.docs[0].reader()
			if err != nil {
				return rdf.Triple{}, err
			}
			m.cur, m.docs = r, m.docs[1:]
		}
		t, err := m.cur.Read()
		if errors.Is(err, io.EOF) {
			m.cur = nil
			continue
		}
		return t, err
	}
}

// linksOf streams the links of docs, re-reading each document; nothing
// but the current triple is held.
func linksOf(docs []*document) iter.Seq[Link] {
	return func(yield func(Link) bool) {
		for _, d := range docs {
			more := true
			_ = d.each(func(t rdf.Triple) bool {
				if l, ok := linkOf(t); ok {
					more = yield(l)
				}
				return more
			})
			if !more {
				return
			}
		}
	}
}
