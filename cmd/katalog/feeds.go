package main

import (
	"bufio"
	"fmt"
	"log/slog"

	"github.com/spf13/cobra"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/config"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/internal/publish"
	"github.com/katalog-se/katalog/internal/tempdir"
)

// newBuilder makes the DCAT document builder for the store under base.
// Invalid datasets are logged and left out, so one bad value cannot abort
// an agency's whole harvest.
func newBuilder(st catalog.Store, base string, log *slog.Logger) (*publish.Builder, error) {
	m, err := dcat.NewMapper(base)
	if err != nil {
		return nil, usageErr("base-url: %v", err)
	}
	return publish.NewBuilder(st, m, publish.BuilderOptions{SkipInvalid: func(err error) {
		log.Warn("dataset left out of a feed", "err", err)
	}}), nil
}

// newFeeds wires the snapshot service: feed documents built by the DCAT
// builder, cached as files in a private temporary directory.
func newFeeds(tmp *tempdir.Dir, st catalog.Store, base string, log *slog.Logger) (*publish.Cache, func(), error) {
	b, err := newBuilder(st, base, log)
	if err != nil {
		return nil, nil, err
	}
	dir, err := tmp.Sub("feeds")
	if err != nil {
		return nil, nil, fmt.Errorf("feed snapshot directory: %w", err)
	}
	gen := publish.BuilderGenerator(b)
	svc, err := publish.NewCache(st, gen, publish.CacheOptions{Dir: dir, Salt: version + "\x00" + commit + "\x00" + base, Logger: log})
	if err != nil {
		return nil, nil, err
	}
	return svc, func() { svc.Close() }, nil
}

// openTemp opens this process's folder of temporary files under
// c.TempDir, sweeping the folders of katalog processes that died.
func openTemp(c config.Config, log *slog.Logger) (*tempdir.Dir, error) {
	tmp, swept, err := tempdir.Open(c.TempDir)
	if err != nil {
		return nil, usageErr("tempDir: %v", err)
	}
	if len(swept) > 0 {
		log.Info("removed the temporary files of katalog processes that died", "folders", len(swept))
	}
	return tmp, nil
}

func (a *app) exportCmd() *cobra.Command {
	var agency, format string
	cmd := &cobra.Command{
		Use:   "export [--agency ORGNR] [--format rdfxml|turtle|ntriples|jsonld]",
		Short: "Write a DCAT-AP-SE catalog to stdout (the national one, or one agency's)",
		Long: `Write a DCAT-AP-SE 3.0.1 catalog to stdout, streamed from the store: the
national catalog (every agency's catalog as a dcterms:hasPart sub-catalog) or,
with --agency, one agency's catalog, the document dataportal.se harvests.

Exit codes: 0 written, 2 usage error or unknown agency.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, err := rdfio.ParseFormat(format)
			if err != nil {
				return usageErr("--format: %v", err)
			}
			var org catalog.OrgNumber
			if agency != "" {
				if org, err = catalog.ParseOrgNumber(agency); err != nil {
					return usageErr("--agency: %v", err)
				}
			}
			c, st, err := a.configStore()
			if err != nil {
				return err
			}
			defer st.Close()
			b, err := newBuilder(st, c.EffectiveBaseURL(), a.logger(c))
			if err != nil {
				return err
			}
			out := bufio.NewWriterSize(a.stdout, 256<<10)
			n, err := b.Write(a.ctx, publish.Doc{Org: org}, f, out)
			if err != nil {
				return usageErr("export: %v", err)
			}
			if err := out.Flush(); err != nil {
				return fmt.Errorf("export: %w", err)
			}
			fmt.Fprintf(a.stderr, "%d triples\n", n)
			return nil
		},
	}
	cmd.Flags().StringVar(&agency, "agency", "", "organisation number of one agency (default: the national catalog)")
	cmd.Flags().StringVar(&format, "format", "rdfxml", "rdfxml, turtle, ntriples or jsonld")
	return cmd
}
