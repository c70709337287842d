package main

import (
	"encoding/json"
	"errors"
	"fmt"
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
)

// newImporter wires the importer for the store under the configured base.
func newImporter(c config.Config, st catalog.Store, extra ...importer.Option) (*importer.Importer, error) {
	m, err := dcat.NewMapper(c.EffectiveBaseURL())
	if err != nil {
		return nil, usageErr("base-url: %v", err)
	}
	opts := append([]importer.Option{
		importer.WithLimits(codec.Limits{MaxBytes: c.Import.MaxBytes, MaxTriples: c.Import.MaxTriples}),
	}, extra...)
	return importer.New(st, m, opts...), nil
}

func (a *app) importCmd() *cobra.Command {
	var org, format, processorCatalog, base string
	var asJSON bool
	var opts importer.Options
	cmd := &cobra.Command{
		Use:   "import --agency ORGNR [--format auto|rdfxml|turtle|ntriples|jsonld|processor-json] [--base IRI] [--dry-run] [--allow-removals] [--strict] [--json] FILE|URL|-",
		Short: "Load an agency's datasets from its DCAT feed or DCAT-AP-SE-Processor JSON",
		Long: `Load an agency's datasets from a DCAT feed (RDF/XML, Turtle, N-Triples or
JSON-LD) or from the input of Digg's DCAT-AP-SE-Processor (its JSON, or
OpenAPI and RAML files with DCAT blocks; --catalog gives the separate
catalog.json of its multi-file mode), read from a file, a URL or stdin (-).
A URL is fetched through katalog's guarded client, and a paged feed
(hydra:next) is followed to its last page.
A URL that is a change feed (DCAT-AP Feeds: TriG, N-Quads or JSON-LD of an
LDES) is harvested incrementally: the first import reads every page, later
imports of the same URL only the page the last one stopped at and those after
it, with the result a full harvest would give (the state is kept in the
database). A change feed given as a file is refused: one page of a feed is
not a catalog.

katalog takes what Sveriges dataportal's harvester takes: any document that
parses imports, and its DCAT-AP-SE 3.0.1 validation findings are in the
report (--strict refuses a document with errors instead). The graph is the
record: every dataset, dataset series and data service of the document
keeps its description as published, every triple of it, and katalog
publishes it as it is; resources published as blank nodes where
DCAT-AP-SE wants IRIs get stable IRIs (listed in the report).

The datasets become the agency's whole catalog, in one transaction: new
ones are added, changed ones replaced, unchanged ones left as they are
(their modified time and the feed's ETag stay put). An import that would
remove datasets is refused, naming them, unless --allow-removals; a
document without a dataset is refused. --dry-run reports what would
change and writes nothing. --format auto (the default) decides by suffix,
media type and first bytes.

Exit codes: 0 imported (or, with --dry-run, would import); 1 refused
(nothing written; the message says why: line and column of a syntax
error, the datasets it would remove, the DCAT-AP-SE errors of a strict
import); 2 usage error, unknown agency or unreachable source.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := catalog.ParseOrgNumber(org)
			if err != nil {
				return usageErr("--agency: %v", err)
			}
			c, st, err := a.configStore()
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
			rep, err := a.runImport(c, st, o, importer.Source{Name: args[0], Format: format, Base: base, ProcessorCatalog: cat, CatalogName: processorCatalog, Options: opts})
			if err != nil {
				return importError(err)
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(rep)
			}
			a.printImport(rep)
			return nil
		},
	}
	cmd.Flags().StringVar(&org, "agency", "", "organisation number of the agency whose catalog this is (required)")
	cmd.Flags().StringVar(&format, "format", importer.FormatAuto, "input syntax: auto, rdfxml, turtle, ntriples, jsonld or processor-json")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	cmd.Flags().StringVar(&processorCatalog, "catalog", "", "for Processor input in its multi-file mode: the separate catalog.json")
	cmd.Flags().StringVar(&base, "base", "", "base IRI of relative IRIs in the document (default: the URL it was fetched from)")
	cmd.Flags().BoolVar(&opts.DryRun, "dry-run", false, "report what the import would add, update, leave and remove, and write nothing")
	cmd.Flags().BoolVar(&opts.AllowRemovals, "allow-removals", false, "let the import remove the agency's datasets the document lacks")
	cmd.Flags().BoolVar(&opts.Strict, "strict", false, "refuse a document with DCAT-AP-SE errors instead of importing it with them")
	cmd.MarkFlagRequired("agency")
	return cmd
}

// maxPrinted caps the findings an import prints (--json has them all, up
// to importer.MaxListed).
const maxPrinted = 20

// printImport writes an import's report for a terminal: what changed on
// stdout, the findings and remarks on stderr.
func (a *app) printImport(rep *importer.Report) {
	l := a.lang()
	verb := l.Pick("importerat", "imported")
	if rep.DryRun {
		verb = l.Pick("provkörning, inget skrivet", "dry run, nothing written")
	}
	fmt.Fprintf(a.stdout, "%s: %s %s %s %s %s (%s), %s: %d %s, %d %s, %d %s, %d %s\n", rep.Agency,
		l.Count(rep.Datasets, "datamängd", "datamängder", "dataset", "datasets"), l.Pick("från", "from"),
		l.Count(rep.Pages, "sida", "sidor", "page", "pages"), l.Pick("i", "of"), rep.Format, l.Count(int(rep.Triples), "tripel", "tripler", "triple", "triples"),
		verb, len(rep.Added), l.Pick("tillagda", "added"), len(rep.Updated), l.Pick("ändrade", "updated"),
		len(rep.Unchanged), l.Pick("oförändrade", "unchanged"), len(rep.Removed), l.Pick("borttagna", "removed"))
	if v := rep.Validation; v != nil {
		fmt.Fprintf(a.stdout, "DCAT-AP-SE 3.0.1: %s, %s %s\n", l.Count(v.Errors, "fel", "fel", "error", "errors"),
			l.Count(v.Warnings, "varning", "varningar", "warning", "warnings"), l.Pick("i dokumentet som publicerat", "in the document as published"))
		for i, r := range v.Results {
			if i == maxPrinted {
				fmt.Fprintf(a.stderr, "… %d %s\n", v.Errors+v.Warnings+v.Infos-maxPrinted, l.Pick("fler (se --json)", "more findings (see --json)"))
				break
			}
			fmt.Fprintf(a.stderr, "%s %s: %s %s: %s\n", r.Severity, r.Rule, r.Focus, r.Path, l.Pick(r.Message.SV, r.Message.EN))
		}
	}
	if rep.MintedCount > 0 {
		fmt.Fprintf(a.stdout, "%d %s\n", rep.MintedCount, l.Pick("resurser publicerade som tomma noder fick IRI:er (se --json)", "resources published as blank nodes got IRIs (see --json)"))
	}
	if rep.ChangedCount+rep.UnpublishableCount > 0 {
		fmt.Fprintf(a.stdout, l.Pick("%d IRI:er procentkodade; %d tripler sparade men inte publicerbara\n", "%d IRIs percent-encoded; %d triples kept but not publishable\n"), rep.ChangedCount, rep.UnpublishableCount)
	}
	if rep.Rest > 0 {
		fmt.Fprintf(a.stdout, l.Pick("%d tripler sparade men inte publicerade (flödets egen katalog och det ingen datamängd äger)\n", "%d triples kept but not published (the feed's own catalog and what no dataset owns)\n"), rep.Rest)
	}
	for _, n := range rep.Notes {
		fmt.Fprintf(a.stderr, "%s: %s %s %q: %s\n", l.Pick("anmärkning", "note"), n.Focus, n.Path, n.Value, n.Message[string(l)])
	}
}

// runImport imports a file, stdin or URL (src.Name) through the write
// path, so the agency is rescored before the command ends.
func (a *app) runImport(c config.Config, st *sqlstore.Store, org catalog.OrgNumber, src importer.Source) (*importer.Report, error) {
	var iopts []importer.Option
	remote := strings.HasPrefix(src.Name, "http://") || strings.HasPrefix(src.Name, "https://")
	if remote {
		f, err := a.fetcher(c)
		if err != nil {
			return nil, err
		}
		iopts = append(iopts, importer.WithFetcher(f))
	}
	tmp, err := openTemp(c, a.logger(c))
	if err != nil {
		return nil, err
	}
	defer tmp.Close()
	im, err := newImporter(c, st, append(iopts, importer.WithSpoolDir(tmp.Path()))...)
	if err != nil {
		return nil, err
	}
	w, err := a.cliWrites(c, st, im)
	if err != nil {
		return nil, err
	}
	if remote {
		return w.ImportURL(a.ctx, org, src.Name, src.Format, src.Options)
	}
	src.Body = a.stdin
	if src.Name != "-" {
		f, err := os.Open(src.Name)
		if err != nil {
			return nil, usageErr("%v", err)
		}
		defer f.Close()
		src.Body = f
	}
	return w.Import(a.ctx, org, src)
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
		case e.Focus != "":
			b.WriteString(e.Focus + " " + e.Path + ": ")
		}
		if e.Rule != "" {
			b.WriteString("[" + e.Rule + "] ")
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
