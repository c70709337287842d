package readiness

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
)

// subCatalogs checks the dcterms:hasPart catalogs of main: each must be
// typed dcat:Catalog, and those with no other triples are loaded from
// their IRI; one that fails makes the source not ready. It returns the
// loaded documents and how many distinct links they hold.
func (c *Checker) subCatalogs(ctx context.Context, res *Result, main *document, st stats) ([]*document, int) {
	if len(st.hasPart) == 0 {
		return nil, 0
	}
	described, err := main.described(st.hasPart)
	if err != nil {
		return nil, 0 // main.scan read it fine; cannot happen
	}
	links := 0
	var docs []*document
	for _, part := range st.hasPart {
		if !st.catalogs[part] {
			res.add(RuleSubCatalogUntyped, part)
			continue
		}
		if described[part] {
			continue // inline sub-catalog: its datasets are in main
		}
		sc, doc, sst := c.loadSubCatalog(ctx, part)
		res.SubCatalogs = append(res.SubCatalogs, sc)
		if !sc.OK {
			res.add(RuleSubCatalogFailed, sc.URL+": "+sc.Error)
			continue
		}
		res.Triples += sc.Triples
		res.Datasets += sc.Datasets
		links += sst.links
		if len(sst.hasPart) > 0 {
			res.add(RuleSubCatalogNested, sc.URL)
		}
		docs = append(docs, doc)
	}
	return docs, links
}

func (c *Checker) loadSubCatalog(ctx context.Context, iri string) (SubCatalog, *document, stats) {
	sc := SubCatalog{URL: iri}
	if !isHTTPURL(iri) {
		sc.Error = "not an http(s) IRI"
		return sc, nil, stats{}
	}
	resp, err := c.opts.Client.Get(ctx, iri, http.Header{"Accept": {acceptRDFXMLFirst}})
	if err != nil {
		sc.Error = linkError(err)
		return sc, nil, stats{}
	}
	defer resp.Body.Close()
	sc.HTTPStatus = resp.StatusCode
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		sc.Error = linkError(err)
		return sc, nil, stats{}
	}
	if resp.StatusCode != http.StatusOK {
		sc.Error = fmt.Sprintf("HTTP %d", resp.StatusCode)
		return sc, nil, stats{}
	}
	doc := &document{url: resp.Request.URL.String(), format: rdfio.RDFXML, body: body}
	st, err := doc.scan()
	if err != nil {
		sc.Error = syntaxEvidence(err)
		return sc, nil, stats{}
	}
	sc.OK, sc.Triples, sc.Datasets = true, st.triples, st.datasets
	return sc, doc, st
}
