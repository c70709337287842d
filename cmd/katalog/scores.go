package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/spf13/cobra"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/config"
	"github.com/katalog-se/katalog/internal/report"
	"github.com/katalog-se/katalog/internal/score"
	"github.com/katalog-se/katalog/internal/store/sqlstore"
)

// newScores wires the scoring service over the store, validating the feeds
// katalog hosts.
func newScores(c config.Config, st *sqlstore.Store, log *slog.Logger) (*score.Service, error) {
	base := c.EffectiveBaseURL()
	b, err := newBuilder(st, base, log)
	if err != nil {
		return nil, err
	}
	return score.NewService(score.New(), st, score.ServiceOptions{BaseURL: base, Validate: hostedValidator(b), Logger: log}), nil
}

// newReports wires the trend-report builder.
func newReports(c config.Config, st report.Store) *report.Builder {
	return report.New(st, report.Options{Dir: c.Report.Dir})
}

func (a *app) scoreCmd() *cobra.Command {
	var org string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "score [--json] [--agency ORGNR]",
		Short: "Compute agencies' publication-maturity scores now, with their evidence",
		Long: `Compute the maturity score of one agency (--agency) or of every agency from
the store's current state (datasets, the latest readiness check, the validation
of the feed katalog serves), store it in the score history and print it: total
0–100, level 1–5, the survey's channels, and per component every rule's points,
evidence and advice in Swedish and English (--json: the API's score document;
one per line for all agencies).

Exit codes: 0 scored; 2 usage error or unknown agency.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := a.config()
			if err != nil {
				return err
			}
			st, err := a.openStore(c)
			if err != nil {
				return err
			}
			defer st.Close()
			svc, err := newScores(c, st, a.logger(c))
			if err != nil {
				return err
			}
			var orgs []catalog.OrgNumber
			if org != "" {
				o, err := catalog.ParseOrgNumber(org)
				if err != nil {
					return usageErr("--agency: %v", err)
				}
				orgs = append(orgs, o)
			} else {
				agencies, _, err := st.Agencies(a.ctx, catalog.Page{})
				if err != nil {
					return err
				}
				for _, ag := range agencies {
					orgs = append(orgs, ag.OrgNumber)
				}
			}
			for _, o := range orgs {
				rec, err := svc.Rescore(a.ctx, o)
				if errors.Is(err, catalog.ErrNotFound) {
					return usageErr("agency %s is not registered", o)
				}
				if err != nil {
					return err
				}
				if asJSON {
					fmt.Fprintf(a.stdout, "%s\n", rec.Score)
					continue
				}
				var sc score.AgencyScore
				if err := json.Unmarshal(rec.Score, &sc); err != nil {
					return err
				}
				printScore(a.stdout, &sc, org != "")
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&org, "agency", "", "score only this agency (organisation number)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the score documents as JSON")
	return cmd
}

// printScore renders a score for a terminal: one line, or with detail the
// components, their rules and the next steps.
func printScore(w io.Writer, sc *score.AgencyScore, detail bool) {
	ch := sc.Channels
	fmt.Fprintf(w, "%s  total %3d  level %d  publishes %v  documents %v files %v open %v api %v portal %s\n",
		sc.OrgNumber, sc.Total, sc.Level, sc.Publishes, ch.Documents, ch.Files, ch.OpenMachineReadable, ch.API, ch.PortalState())
	if !detail {
		return
	}
	ev := sc.ChannelEvidence
	for _, c := range []struct {
		id string
		fs []score.Finding
	}{{"documents", ev.Documents}, {"files", ev.Files}, {"open", ev.OpenMachineReadable}, {"api", ev.API}, {"portal", ev.Portal}} {
		for i, f := range c.fs {
			mark, name := "✗", ""
			switch {
			case f.Unknown:
				mark = "?"
			case f.Found:
				mark = "✓"
			}
			if i == 0 {
				name = c.id
			}
			fmt.Fprintf(w, "  %-10s %s %s: %s\n", name, mark, f.Label.EN, f.Evidence)
		}
	}
	for _, comp := range sc.Components {
		fmt.Fprintf(w, "  %-12s %6.1f / %g\n", comp.ID, comp.Score, comp.Max)
		for _, r := range comp.Rules {
			mark := "✗"
			if r.Passed {
				mark = "✓"
			}
			fmt.Fprintf(w, "    %s %-28s %6.2f / %-6g %s\n", mark, r.ID, r.Points, r.Max, r.Evidence)
		}
	}
	for i, imp := range sc.Improvements {
		fmt.Fprintf(w, "  next step %d: %s\n               %s\n", i+1, imp.Advice.SV, imp.Advice.EN)
	}
}

func (a *app) reportCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "report [--json]",
		Short: "Rescore every agency and build a trend report now",
		Long: `Rescore every agency, then build the trend report the reports.schedule job
builds: the survey's indicators overall and per size class, department and
agency type, with counts, changes since the previous report and over the last
twelve, and the agencies that rose or fell a level. The report is stored
(immutable) and written as {id}.json, .csv and .html under reports.dir.

Exit codes: 0 built; 1 a report of the same second exists; 2 usage error.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := a.config()
			if err != nil {
				return err
			}
			st, err := a.openStore(c)
			if err != nil {
				return err
			}
			defer st.Close()
			svc, err := newScores(c, st, a.logger(c))
			if err != nil {
				return err
			}
			rep, err := buildReport(a.ctx, svc, newReports(c, st))
			if errors.Is(err, catalog.ErrConflict) {
				return rejected(err)
			}
			if err != nil {
				return err
			}
			if asJSON {
				return report.WriteJSON(a.stdout, rep)
			}
			fmt.Fprintf(a.stdout, "report %s: %d agencies (model %s)\n", rep.ID, rep.Agencies, rep.ModelVersion)
			for _, ind := range rep.Indicators {
				fmt.Fprintf(a.stdout, "  %-20s %d of %d (%.1f %%)\n", ind.ID, ind.Count, ind.Of, 100*ind.Share)
			}
			if c.Report.Dir != "" {
				fmt.Fprintf(a.stdout, "files: %s/%s.{json,csv,html}\n", c.Report.Dir, rep.ID)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	return cmd
}

// buildReport rescores every agency and builds a report of their scores.
func buildReport(ctx context.Context, svc *score.Service, b *report.Builder) (*report.Report, error) {
	if _, err := svc.RescoreAll(ctx); err != nil {
		return nil, err
	}
	return b.Run(ctx, time.Now())
}
