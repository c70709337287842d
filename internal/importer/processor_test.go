package importer_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat/validate"
	"github.com/katalog-se/katalog/internal/importer"
	"github.com/katalog-se/katalog/internal/rdftest"
)

// TestProcessorExamplesImportAndExportClean imports every example of Digg's
// DCAT-AP-SE-Processor that the Processor accepts, then publishes the
// stored datasets again: katalog publishes what the Processor makes, so
// the agency's feed may keep the Processor's own findings (untagged
// foaf:name, …), but it adds no error of its own: every error of the
// feed is an error of the document imported (a blank node given an IRI
// counts as the same node).
func TestProcessorExamplesImportAndExportClean(t *testing.T) {
	dir := filepath.Join(rdftest.SharedDir(t), "data", "dcat-ap-se-processor")
	var files []string
	for _, sub := range []string{"examples", "test-inputs"} {
		filepath.WalkDir(filepath.Join(dir, sub), func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && filepath.Base(path) != "catalog.json" {
				files = append(files, path)
			}
			return nil
		})
	}
	if len(files) == 0 {
		t.Skip("no Processor examples")
	}
	profile, err := validate.Lookup(validate.DefaultProfile)
	must(t, err)
	for _, path := range files {
		rel, _ := filepath.Rel(dir, path)
		t.Run(rel, func(t *testing.T) {
			e := newEnv(t)
			body, err := os.ReadFile(path)
			must(t, err)
			src := importer.Source{Body: bytes.NewReader(body), Name: path}
			if filepath.Base(filepath.Dir(path)) == "multiple" {
				cat, err := os.ReadFile(filepath.Join(filepath.Dir(path), "catalog.json"))
				must(t, err)
				src.ProcessorCatalog, src.CatalogName = cat, "catalog.json"
			}
			rep, err := e.im.Import(context.Background(), e.agency.OrgNumber, src)
			if err != nil {
				t.Fatalf("import: %v", err)
			}
			if rep.Format != "processor-json" || rep.Datasets == 0 || len(rep.Added) != rep.Datasets {
				t.Fatalf("report %+v", rep)
			}
			// The agency's catalog, as its feed carries it.
			var ds []*catalog.Dataset
			must(t, e.store.EachDataset(context.Background(), e.agency.OrgNumber, func(d *catalog.Dataset) error {
				c := *d
				ds = append(ds, &c)
				return nil
			}))
			var ts []rdf.Triple
			emit := func(tr rdf.Triple) error { ts = append(ts, tr); return nil }
			must(t, e.mapper.CatalogHeader(e.agency, catalog.Revision{}, emit))
			must(t, e.mapper.Agent(e.agency, emit))
			cat, _ := e.mapper.AgencyCatalogIRI(e.agency.OrgNumber)
			for _, d := range ds {
				must(t, e.mapper.CatalogLinks(cat, d, emit))
				must(t, e.mapper.Dataset(d, e.agency, emit))
			}
			r := validate.New(profile).ValidateTriples(ts)
			source := map[string]bool{}
			for _, res := range rep.Validation.Results {
				if res.Severity == validate.Error {
					source[res.Rule+" "+res.Focus+" "+res.Value] = true
					if strings.HasPrefix(res.Focus, "_:") {
						source[res.Rule+" _ "+res.Value] = true
					}
				}
			}
			minted := map[string]bool{}
			for _, m := range rep.Minted {
				minted[m.IRI] = true
			}
			var added []string
			for _, res := range r.Results {
				if res.Severity != validate.Error || source[res.Rule+" "+res.Focus+" "+res.Value] || minted[res.Focus] && source[res.Rule+" _ "+res.Value] {
					continue
				}
				added = append(added, res.Rule+" "+res.Focus+" "+res.Value)
			}
			if len(added) > 0 {
				t.Errorf("the exported feed has errors the document had not:\n%s", strings.Join(added, "\n"))
			}
		})
	}
}
