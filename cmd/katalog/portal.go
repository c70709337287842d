package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/spf13/cobra"

	"github.com/katalog-se/katalog/config"
	"github.com/katalog-se/katalog/internal/outbound"
	"github.com/katalog-se/katalog/internal/portal"
	"github.com/katalog-se/katalog/internal/store/sqlstore"
	"github.com/katalog-se/katalog/internal/write"
)

// newPortalSyncer wires the sync with dataportal.se's SPARQL endpoint
// (portal.endpoint) over the store, recording through writes. The portal
// has a guarded client of its own, whose time limit is portal.timeout
// (the checks' client gives up after a minute).
func newPortalSyncer(c config.Config, st *sqlstore.Store, writes *write.Service, log *slog.Logger) (*portal.Syncer, *outbound.Client, error) {
	allow, err := outbound.ParseAllowCIDRs(c.Check.AllowCIDRs)
	if err != nil {
		return nil, nil, usageErr("check.allowCidrs: %v", err)
	}
	client := outbound.NewClient(outbound.ClientOptions{Version: version, AllowCIDRs: allow, Timeout: c.Portal.Timeout, MaxBodyBytes: portal.DefaultMaxResultBytes + 1})
	pc := portal.NewClient(client, c.Portal.Endpoint, portal.ClientOptions{Timeout: c.Portal.Timeout})
	s, err := portal.NewSyncer(portal.Options{Client: pc, Store: st, Writes: writes, BaseURL: c.EffectiveBaseURL(), Logger: log})
	if err != nil {
		return nil, nil, usageErr("base-url: %v", err)
	}
	return s, client, nil
}

func (a *app) portalCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "portal", Short: "Sveriges dataportal's own word: what it lists for each agency"}
	var asJSON bool
	sync := &cobra.Command{
		Use:   "sync [--json]",
		Short: "Ask dataportal.se's SPARQL endpoint what it lists for each agency, keep it and rescore",
		Long: `Ask dataportal.se's SPARQL endpoint (portal.endpoint, KATALOG_PORTAL_ENDPOINT)
which datasets it lists under each agency's publisher IRIs
(http://dataportal.se/organisation/SE<orgnr>, with any suffix), compare them
with the agency's catalogs (those katalog hosts and its own, as last
observed) by IRI and by UUID dcterms:identifier, as the portal de-duplicates,
and keep every agency's status (listed or notListed, how many datasets are on
the portal and in its catalogs, which are missing) in one transaction. The
agencies are rescored before the command ends. The portal.schedule job does
the same every morning after the portal's harvest.

Exit codes: 0 synced; 1 the endpoint failed (nothing stored: statuses stay
what the last sync said, or unknown); 2 usage error or database failure.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, st, err := a.configStore()
			if err != nil {
				return err
			}
			defer st.Close()
			writes, err := a.cliWrites(c, st, nil)
			if err != nil {
				return err
			}
			syncer, client, err := newPortalSyncer(c, st, writes, a.logger(c))
			if err != nil {
				return err
			}
			defer client.CloseIdleConnections()
			res, err := syncer.Sync(a.ctx)
			if errors.Is(err, portal.ErrEndpoint) {
				if asJSON {
					_ = writeJSON(a.stdout, map[string]any{"endpoint": c.Portal.Endpoint, "failed": true, "error": err.Error()})
				}
				return rejected(err)
			}
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.stdout, res)
			}
			printPortalSync(a.stdout, res)
			return nil
		},
	}
	sync.Flags().BoolVar(&asJSON, "json", false, "print the sync's result as JSON")
	cmd.AddCommand(sync)
	return cmd
}

// writeJSON writes v as one indented JSON document.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// printPortalSync renders a sync for a terminal: a summary, then one line
// per agency with the first missing datasets.
func printPortalSync(w io.Writer, res *portal.Result) {
	fmt.Fprintf(w, "portal sync %s at %s: %d agencies, %d listed, %d not listed (%d requests)\n",
		res.Endpoint, res.CheckedAt.Format("2006-01-02T15:04:05Z"), res.Agencies, res.Listed, res.NotListed, res.Requests)
	const shown = 3
	for _, st := range res.Statuses {
		fmt.Fprintf(w, "  %s  %-9s  %d on the portal, %d of its %d there", st.Agency, st.Status, st.OnPortal, st.InCatalogs-len(st.Missing), st.InCatalogs)
		if n := len(st.Missing); n > 0 {
			fmt.Fprintf(w, "; missing: %s", strings.Join(st.Missing[:min(n, shown)], ", "))
			if n > shown {
				fmt.Fprintf(w, " and %d more", n-shown)
			}
		}
		fmt.Fprintln(w)
	}
}
