package readiness

import (
	"context"
	"fmt"
	"net/http"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
)

// subCatalogs checks the dcterms:hasPart catalogs of the main document:
// each must be typed dcat:Catalog, and those the main document does not
// describe are loaded from their IRI, one download each, read as they
// stream through p like the main document; one that fails makes the
// source not ready (dataportal.se aborts the harvest).
func (c *Checker) subCatalogs(ctx context.Context, res *Result, p *pass, st stats) {
	for _, part := range st.hasPart {
		if !st.catalogs[part] {
			res.add(RuleSubCatalogUntyped, part)
			continue
		}
		if p.isDescribed(part) {
			continue // inline sub-catalog: its datasets are in main
		}
		sc, sst := c.loadSubCatalog(ctx, p, part)
		res.SubCatalogs = append(res.SubCatalogs, sc)
		if !sc.OK {
			res.add(RuleSubCatalogFailed, sc.URL+": "+sc.Error)
			continue
		}
		res.Triples += sc.Triples
		res.Datasets += sc.Datasets
		if len(sst.hasPart) > 0 {
			res.add(RuleSubCatalogNested, sc.URL)
		}
	}
}

func (c *Checker) loadSubCatalog(ctx context.Context, p *pass, iri string) (SubCatalog, stats) {
	sc := SubCatalog{URL: iri}
	if !isHTTPURL(iri) {
		sc.Error = "not an http(s) IRI"
		return sc, stats{}
	}
	resp, err := c.opts.Client.GetStream(ctx, iri, http.Header{"Accept": {acceptRDFXMLFirst}})
	if err != nil {
		sc.Error = linkError(err)
		return sc, stats{}
	}
	defer resp.Body.Close()
	sc.HTTPStatus = resp.StatusCode
	if resp.StatusCode != http.StatusOK {
		sc.Error = fmt.Sprintf("HTTP %d", resp.StatusCode)
		return sc, stats{}
	}
	body := &bodyReader{r: resp.Body}
	st, err := p.read(ctx, body, rdfio.RDFXML, resp.Request.URL.String(), false)
	switch {
	case body.err != nil:
		sc.Error = linkError(body.err)
		return sc, stats{}
	case err != nil:
		sc.Error = syntaxEvidence(err)
		return sc, stats{}
	}
	body.drain()
	sc.OK, sc.Triples, sc.Datasets = true, st.triples, st.datasets
	return sc, st
}
