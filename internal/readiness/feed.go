package readiness

import (
	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat"
)

// dcatCatalogRecord is the class dataportal.se does not accept.
const dcatCatalogRecord = dcat.NSDCAT + "CatalogRecord"

// stats is what the one pass over a document learns.
type stats struct {
	triples        int
	datasets       int
	catalogs       map[string]bool // subjects typed dcat:Catalog
	hasPart        []string        // objects of dcterms:hasPart, in order, unique
	seenPart       map[string]bool
	catalogRecords int
}

func newStats() stats { return stats{catalogs: map[string]bool{}, seenPart: map[string]bool{}} }

// add counts one triple.
func (s *stats) add(t rdf.Triple) {
	s.triples++
	switch t.Pred.String() {
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
		if k := termKey(t.Obj); !s.seenPart[k] {
			s.seenPart[k] = true
			s.hasPart = append(s.hasPart, k)
		}
	}
}

// linkPredicates are the properties whose IRI values are link-checked,
// with their Link kind and its bit in a link's kind set.
var linkPredicates = map[string]struct {
	kind string
	bit  uint8
}{
	dcat.DCATAccessURL:           {KindAccessURL, 1 << 0},
	dcat.DCATDownloadURL:         {KindDownloadURL, 1 << 1},
	dcat.DCATLandingPage:         {KindLandingPage, 1 << 2},
	dcat.DCATEndpointURL:         {KindEndpointURL, 1 << 3},
	dcat.DCATEndpointDescription: {KindEndpointDescription, 1 << 4},
	dcat.DCTermsConformsTo:       {KindConformsTo, 1 << 5},
	dcat.FOAFPage:                {KindPage, 1 << 6},
}

// kindBits lists the kinds by bit, in sorted order of their names.
var kindBits = func() []struct {
	kind string
	bit  uint8
} {
	var out []struct {
		kind string
		bit  uint8
	}
	for _, k := range []string{KindAccessURL, KindConformsTo, KindDownloadURL, KindEndpointDescription, KindEndpointURL, KindLandingPage, KindPage} {
		for _, p := range linkPredicates {
			if p.kind == k {
				out = append(out, p)
			}
		}
	}
	return out
}()

// kindsOf names the kinds of a bit set, sorted.
func kindsOf(bits uint8) []string {
	var out []string
	for _, k := range kindBits {
		if bits&k.bit != 0 {
			out = append(out, k.kind)
		}
	}
	return out
}

// linkOf returns the link URL a triple carries and its kind's bit, if any.
func linkOf(t rdf.Triple) (string, uint8, bool) {
	p, ok := linkPredicates[t.Pred.String()]
	if !ok {
		return "", 0, false
	}
	o, ok := t.Obj.(rdf.IRI)
	if !ok {
		return "", 0, false
	}
	return o.String(), p.bit, true
}

// termKey is a term's identity: an IRI's text, "_:id" for a blank node.
func termKey(t rdf.Term) string {
	if b, ok := t.(rdf.Blank); ok {
		return "_:" + b.String()
	}
	return t.String()
}
