package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/config"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/syntax/codec"
	"github.com/katalog-se/katalog/internal/importer"
	"github.com/katalog-se/katalog/internal/problem"
	"github.com/katalog-se/katalog/internal/store/sqlstore"
	"github.com/katalog-se/katalog/schema"
)

// newImporter wires the importer for the store under the configured base.
func newImporter(c config.Config, st catalog.Store, extra ...importer.Option) (*importer.Importer, error) {
	m, err := dcat.NewMapper(c.EffectiveBaseURL())
	if err != nil {
		return nil, usageErr("base-url: %v", err)
	}
	v, err := schema.New()
	if err != nil {
		return nil, fmt.Errorf("compile JSON schemas: %w", err)
	}
	opts := append([]importer.Option{
		importer.WithLimits(codec.Limits{MaxBytes: c.Import.MaxBytes, MaxTriples: c.Import.MaxTriples}),
	}, extra...)
	return importer.New(st, m, v, opts...), nil
}

func (a *app) importCmd() *cobra.Command {
	var org, format, processorCatalog string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "import --agency ORGNR [--format auto|rdfxml|turtle|ntriples|jsonld|processor-json] [--json] FILE|URL|-",
		Short: "Load an agency's datasets from its DCAT feed or DCAT-AP-SE-Processor JSON",
		Long: `Load an agency's datasets from a DCAT feed (RDF/XML, Turtle, N-Triples or
JSON-LD) or from the input of Digg's DCAT-AP-SE-Processor (its JSON, or
OpenAPI and RAML files with DCAT blocks; --catalog gives the separate
catalog.json of its multi-file mode), read from a file, a URL or stdin (-). The datasets found become the agency's whole catalog, in one
transaction: new ones are added, changed ones replaced, unchanged ones left as
they are (their modified time and the feed's ETag stay put), and datasets
missing from the input are removed. A URL is fetched through katalog's guarded
client, and a paged feed (hydra:next) is followed to its last page. A URL that
is a change feed (DCAT-AP Feeds: TriG, N-Quads or JSON-LD of an LDES) is
harvested incrementally: the first import reads every page, later imports of
the same URL only the page the last one stopped at and those after it, with the
result a full harvest would give (the state is kept in the database). A change
feed given as a file is refused: one page of a feed is not a catalog.

Every dataset is checked as the API checks it; any error rejects the whole
input and nothing is written. --format auto (the default) decides by suffix,
media type and first bytes.

Exit codes: 0 imported; 1 rejected input (nothing written; the message says
where, by line and column or by dataset and field); 2 usage error, unknown
agency or unreachable source.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := catalog.ParseOrgNumber(org)
			if err != nil {
				return usageErr("--agency: %v", err)
			}
			c, err := a.config()
			if err != nil {
				return err
			}
			st, err := a.openStore(c)
			if err != nil {
				return err
			}
			defer st.Close()
			var cat []byte
			if processorCatalog != "" {
				if cat, err = os.ReadFile(processorCatalog); err != nil {
					return usageErr("--catalog: %v", err)
				}
			}
			rep, err := a.runImport(c, st, o, args[0], format, cat, processorCatalog)
			if err != nil {
				return importError(err)
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(rep)
			}
			l := a.lang()
			fmt.Fprintf(a.stdout, "%s: %s %s %s %s %s (%s): %d %s, %d %s, %d %s, %d %s\n", rep.Agency,
				l.Count(rep.Datasets, "datamängd", "datamängder", "dataset", "datasets"), l.Pick("från", "from"),
				l.Count(rep.Pages, "sida", "sidor", "page", "pages"), l.Pick("i", "of"), rep.Format, l.Count(int(rep.Triples), "tripel", "tripler", "triple", "triples"),
				len(rep.Added), l.Pick("tillagda", "added"), len(rep.Updated), l.Pick("ändrade", "updated"),
				len(rep.Unchanged), l.Pick("oförändrade", "unchanged"), len(rep.Removed), l.Pick("borttagna", "removed"))
			for _, n := range rep.Notes {
				fmt.Fprintf(a.stderr, "%s: %s %s %q: %s\n", l.Pick("anmärkning", "note"), n.Focus, n.Path, n.Value, n.Message[string(l)])
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&org, "agency", "", "organisation number of the agency whose catalog this is (required)")
	cmd.Flags().StringVar(&format, "format", importer.FormatAuto, "input syntax: auto, rdfxml, turtle, ntriples, jsonld or processor-json")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	cmd.Flags().StringVar(&processorCatalog, "catalog", "", "for Processor input in its multi-file mode: the separate catalog.json")
	cmd.MarkFlagRequired("agency")
	return cmd
}

// runImport imports a file, stdin or URL through the write path, so the
// agency is rescored before the command ends.
func (a *app) runImport(c config.Config, st *sqlstore.Store, org catalog.OrgNumber, src, format string, processorCatalog []byte, catalogName string) (*importer.Report, error) {
	var opts []importer.Option
	remote := strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://")
	if remote {
		f, err := a.fetcher(c)
		if err != nil {
			return nil, err
		}
		opts = append(opts, importer.WithFetcher(f))
	}
	tmp, err := openTemp(c, a.logger(c))
	if err != nil {
		return nil, err
	}
	defer tmp.Close()
	im, err := newImporter(c, st, append(opts, importer.WithSpoolDir(tmp.Path()))...)
	if err != nil {
		return nil, err
	}
	w, err := a.cliWrites(c, st, im)
	if err != nil {
		return nil, err
	}
	if remote {
		return w.ImportURL(a.ctx, org, src, format)
	}
	var in io.Reader = a.stdin
	if src != "-" {
		f, err := os.Open(src)
		if err != nil {
			return nil, usageErr("%v", err)
		}
		defer f.Close()
		in = f
	}
	return w.Import(a.ctx, org, importer.Source{Body: in, Name: src, Format: format, ProcessorCatalog: processorCatalog, CatalogName: catalogName})
}

// importError maps an import failure to the exit codes: a problem with the
// input is 1 (rejected), with a readable account of every error; a missing
// agency or an unreachable source is 2.
func importError(err error) error {
	var p *problem.Problem
	if errors.As(err, &p) {
		if p.Status == 502 {
			return usageErr("%s", p.Detail)
		}
		return rejected(errors.New(describe(p)))
	}
	if errors.Is(err, catalog.ErrNotFound) {
		return usageErr("%v (register the agency first)", err)
	}
	return err
}

// describe renders a problem for a terminal: its detail, then one line per
// error with its place.
func describe(p *problem.Problem) string {
	var b strings.Builder
	b.WriteString(p.Title)
	if p.Detail != "" {
		b.WriteString(": " + p.Detail)
	}
	for _, e := range p.Errors {
		b.WriteString("\n  ")
		switch {
		case e.Line > 0:
			fmt.Fprintf(&b, "line %d, column %d: ", e.Line, e.Column)
		case e.Pointer != "":
			b.WriteString(e.Pointer + ": ")
		}
		b.WriteString(e.Detail)
	}
	return b.String()
}

// fetcher returns katalog's guarded outbound client as an importer.Fetcher.
func (a *app) fetcher(c config.Config) (importer.Fetcher, error) {
	client, err := newClient(c)
	if err != nil {
		return nil, err
	}
	return clientFetcher{client}, nil
}
