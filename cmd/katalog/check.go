package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/spf13/cobra"

	"github.com/katalog-se/katalog/config"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/internal/i18n"
	"github.com/katalog-se/katalog/internal/importer"
	"github.com/katalog-se/katalog/internal/outbound"
	"github.com/katalog-se/katalog/internal/readiness"
)

// newClient is katalog's one outbound HTTP client, guarded against private,
// loopback and link-local addresses except the configured CIDRs.
func newClient(c config.Config) (*outbound.Client, error) {
	allow, err := outbound.ParseAllowCIDRs(c.Check.AllowCIDRs)
	if err != nil {
		return nil, usageErr("check.allowCidrs: %v", err)
	}
	return outbound.NewClient(outbound.ClientOptions{Version: version, AllowCIDRs: allow, MaxBodyBytes: c.Import.MaxBytes}), nil
}

// newChecker wires the readiness check with the DCAT-AP-SE validator, the
// configured time limit and tmp (the process's temporary folder) for its
// spools.
func newChecker(c config.Config, client *outbound.Client, tmp string, progress func(done, total int)) *readiness.Checker {
	return readiness.NewChecker(readiness.Options{Client: client, Validator: feedValidator(), Progress: progress,
		Timeout: c.Check.Timeout, TempDir: tmp})
}

func (a *app) checkCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "check [--json] URL",
		Short: "Check a DCAT endpoint's harvest readiness, the way Sveriges dataportal reads it",
		Long: `Fetch a DCAT endpoint the way Sveriges dataportal harvests it and report
whether it is ready: status, redirects, HTTPS and certificate expiry,
Content-Type (application/rdf+xml), size and time; whether it parses as
RDF/XML, its dcterms:hasPart sub-catalogs (one failing aborts a harvest) and
DCAT-AP-SE 3.0.1 validation; caching headers (a conditional request), the
other syntaxes it offers (HEAD); every accessURL, downloadURL, landingPage,
endpointURL, endpointDescription, conformsTo and foaf:page; whether each API
description is an OpenAPI or Swagger file (JSON or YAML) with CORS for
dataportal.se. Every finding comes with advice in Swedish and English.

The catalog is downloaded once and read as it streams: memory stays flat
whatever its size. check.timeout (KATALOG_CHECK_TIMEOUT, default 5m) bounds the
whole check; a check that reaches it says where it stopped.

The source is ready when no finding is an error. Outbound requests never reach
private, loopback, link-local or reserved addresses (KATALOG_CHECK_ALLOW_CIDRS
allows exceptions). Progress goes to stderr.

Exit codes: 0 ready; 1 not ready; 2 usage error.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			url := args[0]
			if !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "https://") {
				return usageErr("%q is not an http(s) URL", url)
			}
			c, err := a.config()
			if err != nil {
				return err
			}
			client, err := newClient(c)
			if err != nil {
				return err
			}
			defer client.CloseIdleConnections()
			tmp, err := openTemp(c, a.logger(c))
			if err != nil {
				return err
			}
			defer tmp.Close()
			progress := func(done, total int) {
				if done == total || done%50 == 0 {
					fmt.Fprintf(a.stderr, "\rlinks checked: %d of %d", done, total)
					if done == total {
						fmt.Fprintln(a.stderr)
					}
				}
			}
			res, err := newChecker(c, client, tmp.Path(), progress).Check(a.ctx, url)
			if err != nil {
				return usageErr("%v", err)
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				if err := enc.Encode(res); err != nil {
					return err
				}
			} else {
				printCheck(a.stdout, a.lang(), res)
			}
			if !res.Ready {
				return rejected(errors.New("the source is not ready for harvesting"))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the result as JSON")
	return cmd
}

// printCheck renders a result for a terminal in language l.
func printCheck(w io.Writer, l i18n.Lang, r *readiness.Result) {
	verdict := l.Pick("REDO", "READY")
	if !r.Ready {
		verdict = l.Pick("INTE REDO", "NOT READY")
	}
	fmt.Fprintf(w, "%s: %s\n", r.URL, verdict)
	fmt.Fprintf(w, "  HTTP %d, %s, %s %s %d ms, TLS %s\n", r.HTTPStatus, r.ContentType, l.Count(int(r.Bytes), "byte", "byte", "byte", "bytes"),
		l.Pick("på", "in"), r.DurationMs, l.Text(i18n.YesNo(r.TLS)))
	fmt.Fprintf(w, "  %s, %s; %s: %s, %s\n", l.Count(r.Triples, "tripel", "tripler", "triple", "triples"),
		l.Count(r.Datasets, "datamängd", "datamängder", "dataset", "datasets"), l.Pick("validering", "validation"),
		l.Count(r.Validation.Errors, "fel", "fel", "error", "errors"), l.Count(r.Validation.Warnings, "varning", "varningar", "warning", "warnings"))
	fmt.Fprintf(w, "  %s: %d %s, %d ok, %d %s\n", l.Pick("länkar", "links"), r.Links.Checked, l.Pick("kontrollerade", "checked"),
		r.Links.OK, r.Links.Broken, l.Pick("trasiga", "broken"))
	for _, f := range r.Findings {
		fmt.Fprintf(w, "  [%s] %s: %s", l.Text(i18n.Severity(f.Severity.String())), f.Rule, l.Text(f.Message))
		if f.Evidence != "" {
			fmt.Fprintf(w, " (%s)", f.Evidence)
		}
		fmt.Fprintln(w)
		if f.Advice != nil && l.Text(*f.Advice) != "" {
			fmt.Fprintf(w, "      → %s\n", l.Text(*f.Advice))
		}
	}
}

// clientFetcher fetches import sources with the guarded client, asking for
// RDF/XML first as dataportal.se does.
type clientFetcher struct{ c *outbound.Client }

func (f clientFetcher) Fetch(ctx context.Context, url string) (io.ReadCloser, string, error) {
	h := http.Header{}
	accept := []string{rdfio.RDFXML.MediaType()}
	// TriG and N-Quads too: a source may be a change feed (DCAT-AP Feeds).
	for _, x := range rdfio.AllFormats() {
		if x != rdfio.RDFXML {
			accept = append(accept, x.MediaType()+";q=0.8")
		}
	}
	h.Set("Accept", strings.Join(accept, ", "))
	return getOK(ctx, f.c, url, h)
}

// getOK gets url with the guarded client and returns the body and media
// type of a 200 answer; any other status is an error.
func getOK(ctx context.Context, c *outbound.Client, url string, h http.Header) (io.ReadCloser, string, error) {
	resp, err := c.Get(ctx, url, h)
	if err != nil {
		return nil, "", err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, "", fmt.Errorf("HTTP %s", resp.Status)
	}
	return resp.Body, resp.Header.Get("Content-Type"), nil
}

var _ importer.Fetcher = clientFetcher{}
